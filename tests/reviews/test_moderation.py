import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from reviews.exceptions import ReviewRefused
from reviews.models import ModerationDecision, Review, ReviewReport
from reviews.moderation import hide_review, report_review, restore_review
from reviews.reputation import refresh_reputation
from tests.factories import ReviewFactory, ReviewReportFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(service, hiring_client):
    review = ReviewFactory(service=service, author=hiring_client, rating=1)
    ReviewFactory(service=service, rating=5)
    refresh_reputation(service_ids=[service.pk])
    return review


def stored(service) -> tuple:
    service.refresh_from_db()
    average = service.rating_average
    return service.review_count, None if average is None else float(average)


class TestReporting:
    def test_anyone_signed_in_reports_a_review_with_a_reason(self, review, outsider):
        report = report_review(review=review, reporter=outsider, reason="  Not about the work ")
        assert (report.reason, report.is_open) == ("Not about the work", True)

    def test_a_report_hides_nothing_by_itself(self, review, service):
        for _ in range(5):
            report_review(review=review, reporter=UserFactory(), reason="I disagree")
        review.refresh_from_db()
        assert not review.is_hidden
        assert stored(service) == (2, 3.0)

    def test_the_reason_is_required(self, review, outsider):
        with pytest.raises(ReviewRefused, match="Say why"):
            report_review(review=review, reporter=outsider, reason="  ")
        assert not ReviewReport.objects.exists()

    def test_one_report_per_person_per_review(self, review, outsider):
        report_review(review=review, reporter=outsider, reason="Spam")
        with pytest.raises(ReviewRefused, match="already reported") as refused:
            report_review(review=review, reporter=outsider, reason="Spam again")
        assert refused.value.code == "duplicate"
        assert ReviewReport.objects.count() == 1

    def test_anonymous_users_cannot_report(self, review):
        with pytest.raises(ReviewRefused, match="Sign in"):
            report_review(review=review, reporter=AnonymousUser(), reason="Spam")


class TestHidingAndRestoring:
    def test_hiding_takes_the_review_out_of_counts_and_logs_why(self, review, service, staff):
        ReviewReportFactory(review=review)
        hide_review(review=review, moderator=staff, reason="Insults the freelancer")
        review.refresh_from_db()
        assert review.is_hidden and review.hidden_reason == "Insults the freelancer"
        assert stored(service) == (1, 5.0)
        decision = ModerationDecision.objects.get()
        assert (decision.action, decision.moderator, decision.reason) == (
            "hide",
            staff,
            "Insults the freelancer",
        )
        assert review.reports.get().resolution == "hidden"

    def test_restoring_brings_it_back_and_logs_why(self, review, service, staff):
        hide_review(review=review, moderator=staff, reason="Looked like spam")
        ReviewReportFactory(review=review)
        restore_review(review=review, moderator=staff, reason="The client confirmed it")
        review.refresh_from_db()
        assert not review.is_hidden and review.hidden_reason == ""
        assert stored(service) == (2, 3.0)
        assert list(review.moderation_decisions.values_list("action", flat=True)) == [
            "restore",
            "hide",
        ]
        assert review.reports.get().resolution == "restored"

    @pytest.mark.parametrize("reason", ["", "   ", "x" * 301])
    def test_a_decision_needs_a_short_reason(self, review, staff, reason):
        with pytest.raises(ReviewRefused):
            hide_review(review=review, moderator=staff, reason=reason)
        review.refresh_from_db()
        assert not review.is_hidden


class TestModerationQueue:
    @pytest.fixture
    def staff_browser(self, client, staff):
        client.force_login(staff)
        return client

    def queue(self):
        return reverse("admin:reviews_reportedreview_changelist")

    def test_the_queue_lists_reported_reviews_with_their_reasons(self, staff_browser, review):
        ReviewReportFactory(review=review, reason="Abusive language")
        ReviewFactory()  # not reported: not in the queue
        response = staff_browser.get(self.queue())
        assert "Abusive language" in response.content.decode()
        assert [row.pk for row in response.context["cl"].result_list] == [review.pk]

    def test_the_queue_has_a_constant_number_of_queries(
        self, staff_browser, review, django_assert_max_num_queries
    ):
        ReviewReportFactory(review=review)
        with django_assert_max_num_queries(20) as one:
            staff_browser.get(self.queue())
        for other in ReviewFactory.create_batch(10):
            ReviewReportFactory.create_batch(2, review=other)
        with django_assert_max_num_queries(len(one.captured_queries)):
            staff_browser.get(self.queue())

    def test_hiding_from_the_queue_asks_for_the_reason_then_hides(
        self, staff_browser, review, service
    ):
        ReviewReportFactory(review=review)
        selection = {"action": "hide_reviews", "_selected_action": [review.pk]}
        confirm = staff_browser.post(self.queue(), selection)
        assert confirm.status_code == 200
        assert "Reason (recorded in the moderation log)" in confirm.content.decode()
        review.refresh_from_db()
        assert not review.is_hidden  # nothing happens before the reason is given

        missing = staff_browser.post(self.queue(), {**selection, "apply": "1", "reason": ""})
        assert "This field is required." in missing.content.decode()

        done = staff_browser.post(self.queue(), {**selection, "apply": "1", "reason": "Abuse"})
        assert done.status_code == 302
        review.refresh_from_db()
        assert review.is_hidden and review.hidden_reason == "Abuse"
        assert stored(service) == (1, 5.0)

    def test_restoring_from_the_review_list_brings_it_back(self, staff_browser, review, service):
        hide_review(review=review, moderator=None, reason="Spam")
        staff_browser.post(
            reverse("admin:reviews_review_changelist"),
            {
                "action": "restore_reviews",
                "_selected_action": [review.pk],
                "apply": "1",
                "reason": "Not spam after all",
            },
        )
        review.refresh_from_db()
        assert not review.is_hidden
        assert stored(service) == (2, 3.0)

    def test_hiding_in_the_change_form_needs_a_reason(self, staff_browser, review):
        url = reverse("admin:reviews_review_change", args=[review.pk])
        data = {"rating": 1, "text": review.text, "response": "", "is_hidden": "on"}
        response = staff_browser.post(url, {**data, "hidden_reason": ""})
        assert "Give the reason for hiding this review." in response.content.decode()
        assert staff_browser.post(url, {**data, "hidden_reason": "Spam"}).status_code == 302
        assert ModerationDecision.objects.get().reason == "Spam"

    @pytest.mark.parametrize(
        "name",
        [
            "reviews_reportedreview_changelist",
            "reviews_reviewreport_changelist",
            "engagements_engagement_changelist",
        ],
    )
    def test_staff_pages_open_and_others_are_sent_to_the_admin_login(
        self, client, staff_browser, review, name
    ):
        ReviewReportFactory(review=review)
        assert staff_browser.get(reverse(f"admin:{name}")).status_code == 200
        client.logout()
        client.force_login(UserFactory())
        assert client.get(reverse(f"admin:{name}"))["Location"].startswith("/admin/login/")

    def test_staff_can_open_an_engagement_and_a_queued_review(self, staff_browser, review):
        ReviewReportFactory(review=review)
        engagement_page = reverse(
            "admin:engagements_engagement_change", args=[review.engagement_id]
        )
        assert staff_browser.get(engagement_page).status_code == 200
        queued = reverse("admin:reviews_reportedreview_change", args=[review.pk])
        assert staff_browser.get(queued).status_code == 200

    def test_deleting_an_engagement_in_the_admin_updates_the_counts(
        self, staff_browser, review, service
    ):
        url = reverse("admin:engagements_engagement_delete", args=[review.engagement_id])
        assert staff_browser.post(url, {"post": "yes"}).status_code == 302
        assert not Review.objects.filter(pk=review.pk).exists()
        assert stored(service) == (1, 5.0)
