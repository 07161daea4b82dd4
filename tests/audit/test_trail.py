"""The audit trail: append-only, written by the actions it records, read by staff with
filters in the admin and by each person for their own account."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import Action, AppendOnly, Event
from audit.recording import record
from reviews.moderation import hide_review, report_review, restore_review
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(outsider):
    return record(actor=outsider, action=Action.SIGNED_IN)


class TestAppendOnly:
    def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(self, entry):
        entry.action_name = Action.ACCOUNT_DELETED
        with pytest.raises(AppendOnly):
            entry.save()
        with pytest.raises(AppendOnly):
            entry.delete()
        with pytest.raises(AppendOnly):
            Event.objects.filter(pk=entry.pk).update(remote_addr="10.0.0.1")
        with pytest.raises(AppendOnly):
            Event.objects.all().delete()
        assert Event.objects.get(pk=entry.pk).action_name == Action.SIGNED_IN

    @pytest.mark.postgres
    def test_postgresql_refuses_raw_sql_that_changes_or_deletes_an_entry(self, entry):
        for sql in (
            "UPDATE audit_event SET remote_addr = '10.0.0.1'",
            "DELETE FROM audit_event",
        ):
            with (
                pytest.raises(DatabaseError, match="append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql)
        assert Event.objects.filter(pk=entry.pk).exists()

    def test_the_admin_offers_no_add_change_or_delete(self, client, staff, entry):
        client.force_login(staff)
        changelist = reverse("admin:audit_event_changelist")
        assert client.get(changelist).status_code == 200
        assert client.get(reverse("admin:audit_event_add")).status_code == 403
        assert client.get(reverse("admin:audit_event_delete", args=[entry.pk])).status_code == 403
        page = client.get(reverse("admin:audit_event_change", args=[entry.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        client.post(reverse("admin:audit_event_change", args=[entry.pk]), {"action_name": "x"})
        client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk]})
        assert Event.objects.get(pk=entry.pk).action_name == Action.SIGNED_IN

    def test_a_hard_deleted_user_leaves_the_trail_as_it_was(self, outsider, entry):
        outsider.delete()
        kept = Event.objects.get(pk=entry.pk)
        assert kept.subject_id == kept.actor_id == entry.actor_id


class TestWhatIsRecorded:
    def test_role_changes_in_the_admin_are_recorded_with_who_and_from_where(
        self, client, staff, outsider
    ):
        client.force_login(staff)
        editors = Group.objects.create(name="Editors")
        url = reverse("admin:accounts_user_change", args=[outsider.pk])
        form = client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
        data.update(
            is_staff="on",
            groups=[editors.pk],
            date_joined_0="2026-01-01",
            date_joined_1="10:00:00",
            last_login_0="",
            last_login_1="",
        )
        data.pop("user_permissions", None)
        data.pop("date_joined", None)
        data.pop("last_login", None)
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        roles = Event.objects.filter(subject=outsider, action_name=Action.ROLE_CHANGED)
        assert {tuple(sorted(e.changes_dict)) for e in roles} >= {("is_staff",), ("groups",)}
        assert all(e.actor_id == staff.pk and e.remote_addr == "127.0.0.1" for e in roles)
        staff_actions = Event.objects.filter(action_name=Action.STAFF_ADMIN_ACTION, actor=staff)
        assert staff_actions.get().additional_data["model"] == "accounts.user"

    def test_moderation_is_recorded_on_the_authors_account(self, staff, outsider):
        review = ReviewFactory()
        report_review(review=review, reporter=outsider, reason="Off topic")
        hide_review(review=review, moderator=staff, reason="Not about the work")
        restore_review(review=review, moderator=staff, reason="On appeal")
        entries = Event.objects.filter(subject=review.author).order_by("pk")
        assert [(e.action_name, e.actor_id) for e in entries if e.object_pk == str(review.pk)] == [
            (Action.REVIEW_REPORTED, outsider.pk),
            (Action.REVIEW_HIDDEN, staff.pk),
            (Action.REVIEW_RESTORED, staff.pk),
        ]
        assert entries.filter(action_name=Action.REVIEW_HIDDEN).get().additional_data == {
            "reason": "Not about the work"
        }

    def test_entries_hold_ids_not_names_or_email_addresses(self, outsider):
        entry = record(actor=outsider, action=Action.PASSWORD_CHANGED)
        assert entry.object_repr == f"user #{outsider.pk}"
        assert entry.actor_email is None
        assert "oscar" not in str(Event.objects.filter(pk=entry.pk).values().get())


class TestReading:
    def test_a_person_sees_their_own_activity_and_nobody_elses(self, client, outsider):
        other = UserFactory()
        record(actor=outsider, action=Action.PASSWORD_CHANGED)
        record(actor=other, action=Action.TOKEN_CREATED)
        client.force_login(outsider)
        page = client.get(reverse("accounts:activity")).content.decode()
        assert "Password changed" in page
        assert "API token created" not in page

    def test_staff_filter_the_trail_by_action_and_find_an_account(self, client, staff, outsider):
        record(actor=outsider, action=Action.PASSWORD_CHANGED)
        record(actor=staff, action=Action.TOKEN_CREATED)
        client.force_login(staff)
        changelist = reverse("admin:audit_event_changelist")
        filtered = client.get(changelist, {"action_name__exact": "password_changed"})
        assert list(filtered.context["cl"].queryset.values_list("actor_id", flat=True)) == [
            outsider.pk
        ]
        found = client.get(changelist, {"q": "oscar@example.com"})
        assert {e.subject_id for e in found.context["cl"].queryset} == {outsider.pk}

    def test_the_activity_page_runs_the_same_queries_for_one_entry_and_fifty(
        self, client, outsider
    ):
        client.force_login(outsider)
        record(actor=outsider, action=Action.SIGNED_IN)
        with CaptureQueriesContext(connection) as one:
            client.get(reverse("accounts:activity"))
        for _ in range(49):
            record(actor=UserFactory(), action=Action.REVIEW_HIDDEN, subject=outsider)
        with CaptureQueriesContext(connection) as fifty:
            client.get(reverse("accounts:activity"))
        assert len(fifty) == len(one)
