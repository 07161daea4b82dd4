"""A proposal's private thread: the engagement's messaging rules, on a proposal."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs import posting
from jobs.models import Proposal, ProposalMessage
from messaging.exceptions import MessageRefused
from messaging.threads import mark_read, post_message
from tests.factories import ProfileFactory, ProposalFactory, ServiceFactory
from tests.jobs.state import database_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_freelancer(articles):
    """Femi: a freelancer who proposed on the same job, but is no side of Elena's thread."""
    service = ServiceFactory(owner=ProfileFactory(), category=articles)
    return service.owner.user


def test_the_client_and_the_freelancer_talk_and_each_has_unread_markers(
    proposal, hiring_client, freelancer
):
    message = post_message(thread=proposal, sender=hiring_client, body="  Can you start Monday?  ")
    assert message.body == "Can you start Monday?"
    assert Proposal.objects.with_unread_count(hiring_client).get().unread_count == 0
    assert Proposal.objects.with_unread_count(freelancer).get().unread_count == 1
    mark_read(thread=proposal, reader=freelancer)
    assert Proposal.objects.with_unread_count(freelancer).get().unread_count == 0


def test_the_other_side_is_emailed_through_the_outbox(
    proposal, freelancer, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_message(thread=proposal, sender=freelancer, body="I can start Monday.")
    (email,) = mailoutbox
    assert email.to == [hiring_client.email]
    assert email.subject == (
        "New message from Elena Marsh about your proposal for Five articles on local elections"
    )
    assert "I can start Monday." in email.body
    assert proposal.get_absolute_url() in email.body


@pytest.mark.parametrize("who", ["outsider", "staff", "other_freelancer"])
def test_only_the_two_sides_write(proposal, request, who):
    with pytest.raises(MessageRefused) as refused:
        post_message(thread=proposal, sender=request.getfixturevalue(who), body="Hi")
    assert refused.value.code == "not_participant"
    assert not ProposalMessage.objects.exists()


def test_closing_the_job_freezes_the_thread(proposal, hiring_client, freelancer):
    posting.close_job(job=proposal.job, by=hiring_client)
    proposal = Proposal.objects.select_related("job", "freelancer").get(pk=proposal.pk)
    for sender in (hiring_client, freelancer):
        with pytest.raises(MessageRefused, match="job is closed: its threads are frozen") as err:
            post_message(thread=proposal, sender=sender, body="Hi")
        assert err.value.code == "closed"


@pytest.mark.parametrize("status", ["declined", "withdrawn"])
def test_a_decided_or_withdrawn_proposal_takes_no_messages(job, service, hiring_client, status):
    proposal = ProposalFactory(
        job=job,
        service=service,
        status=status,
        decided_at=timezone.now(),
        withdrawn_at=timezone.now(),
    )
    with pytest.raises(MessageRefused, match="thread is closed"):
        post_message(thread=proposal, sender=hiring_client, body="Hi")


# The pages: the proposal page shows the thread, its form posts to jobs:proposal_message.


def _post(client, proposal, body="Could you start on Monday?"):
    return client.post(reverse("jobs:proposal_message", args=[proposal.pk]), {"body": body})


def test_anonymous_visitors_are_sent_to_sign_in(client, proposal):
    before = database_state()
    url = reverse("jobs:proposal_message", args=[proposal.pk])
    assert client.post(url, {"body": "Hi"})["Location"] == f"{reverse('account_login')}?next={url}"
    assert database_state() == before


@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("other_freelancer", 404), ("staff", 403)]
)
def test_outsiders_other_freelancers_and_staff_write_nothing(
    client, request, proposal, who, status
):
    client.force_login(request.getfixturevalue(who))
    before = database_state()
    assert _post(client, proposal).status_code == status
    assert database_state() == before
    assert not ProposalMessage.objects.exists()


@pytest.mark.parametrize("who", ["hiring_client", "freelancer"])
def test_both_sides_write_from_the_page(
    client, request, proposal, who, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, proposal)
    assert response["Location"] == proposal.get_absolute_url() + "#latest"
    assert ProposalMessage.objects.get().sender == request.getfixturevalue(who)
    assert len(mailoutbox) == 1
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Could you start on Monday?" in page and 'id="message-form"' in page


@pytest.mark.parametrize(
    ("who", "status", "sees_form"),
    [
        ("anonymous", 302, False),
        ("outsider", 404, False),
        ("other_freelancer", 404, False),
        ("staff", 200, False),
        ("hiring_client", 200, True),
        ("freelancer", 200, True),
    ],
)
def test_who_reads_the_thread(as_user, request, proposal, hiring_client, who, status, sees_form):
    ProposalMessage.objects.create(
        proposal=proposal, sender=hiring_client, body="A <b>question</b>"
    )
    browser = as_user(None if who == "anonymous" else request.getfixturevalue(who))
    response = browser.get(proposal.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "A &lt;b&gt;question&lt;/b&gt;" in page  # escaped
        assert ('id="message-form"' in page) == sees_form


def test_reading_the_page_marks_the_thread_read_for_that_side_only(
    client, proposal, hiring_client, freelancer, staff
):
    post_message(thread=proposal, sender=hiring_client, body="Hello")
    client.force_login(staff)
    client.get(proposal.get_absolute_url())
    assert Proposal.objects.with_unread_count(freelancer).get().unread_count == 1
    client.force_login(freelancer)
    client.get(proposal.get_absolute_url())
    assert Proposal.objects.with_unread_count(freelancer).get().unread_count == 0


def test_an_empty_or_oversize_message_is_a_400_that_keeps_the_input(client, proposal, freelancer):
    client.force_login(freelancer)
    assert _post(client, proposal, body="   ").status_code == 400
    response = _post(client, proposal, body="x" * 5_001)
    assert response.status_code == 400
    assert "x" * 5_001 in response.content.decode()
    assert not ProposalMessage.objects.exists()


def test_a_closed_jobs_thread_shows_why_and_no_form(client, proposal, hiring_client, freelancer):
    posting.close_job(job=proposal.job, by=hiring_client)
    client.force_login(freelancer)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "its threads are frozen" in page and 'id="message-form"' not in page
    before = database_state()
    assert _post(client, proposal).status_code == 302
    assert database_state() == before


@pytest.mark.parametrize("count", [1, 30])
def test_the_proposal_page_runs_a_fixed_number_of_queries(
    client, proposal, hiring_client, django_assert_num_queries, count
):
    for n in range(count):
        ProposalMessage.objects.create(proposal=proposal, sender=hiring_client, body=f"n{n}")
    client.force_login(hiring_client)
    # The proposal with its job and people, its samples, the read marker, the messages.
    with django_assert_num_queries(5):
        client.get(proposal.get_absolute_url())
