"""The footer's trust pages (editable by staff) and the contact form that emails the staff."""

import pytest
from django.test import Client

from pages.models import Page
from tests.factories import UserFactory
from tests.support.mfa import give_totp

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "/about/": "About Freelance Commons",
    "/how-it-works/": "How it works",
    "/terms/": "Terms of use",
    "/privacy/": "Privacy",
    "/contact/": "Contact us",
}
MESSAGE = {
    "name": "Ada Byrne",
    "email": "ada@example.org",
    "subject": "A question about invoices",
    "message": "Do freelancers send their invoices through the site or directly?",
}


@pytest.fixture
def staff():
    moderator = UserFactory(email="moderator@example.com", is_staff=True)
    give_totp(moderator)  # staff accounts work only with a second factor
    return moderator


def test_every_footer_page_is_linked_from_every_page_and_answers(client):
    home = client.get("/").content.decode()
    for url, heading in FOOTER_PAGES.items():
        assert f'href="{url}"' in home
        response = client.get(url)
        assert response.status_code == 200
        assert f"<h1>{heading}</h1>" in response.content.decode()


def test_how_it_works_speaks_to_clients_and_to_freelancers(client):
    html = client.get("/how-it-works/").content.decode()
    assert "For clients" in html and "For freelancers" in html


def test_staff_edit_a_page_in_the_admin_and_visitors_see_it(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    page = Page.objects.get(slug="terms")
    response = client.post(
        f"/admin/pages/page/{page.pk}/change/",
        {"title": "Terms", "summary": "The rules.", "body": "<p>Be kind.</p><script>x()</script>"},
    )
    assert response.status_code == 302
    html = Client().get("/terms/").content.decode()
    assert "<p>Be kind.</p>" in html and "<script>x()" not in html


def test_the_contact_form_emails_the_staff_with_the_visitor_to_reply_to(client, staff, mailoutbox):
    UserFactory(email="not-staff@example.com")
    response = client.post("/contact/", MESSAGE, follow=True)
    assert "your message is on its way" in response.content.decode()
    (email,) = mailoutbox
    assert email.to == ["moderator@example.com"]
    assert email.reply_to == ["ada@example.org"]
    assert "A question about invoices" in email.subject
    assert "Do freelancers send their invoices" in email.body


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not an email"), ("message", "Too short"), ("name", "<b>Ada</b>"), ("name", "")],
)
def test_the_contact_form_refuses_bad_input_without_sending(
    client, staff, mailoutbox, field, value
):
    response = client.post("/contact/", {**MESSAGE, field: value})
    assert response.status_code == 400
    assert not mailoutbox


def test_the_contact_form_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/contact/", MESSAGE).status_code == 403


def test_the_contact_form_is_rate_limited_per_address(client, staff, mailoutbox, settings):
    settings.RATE_LIMITS = {"contact": (2, 3600)}
    for _ in range(2):
        assert client.post("/contact/", MESSAGE).status_code == 302
    response = client.post("/contact/", MESSAGE)
    assert response.status_code == 429
    assert "maximum of 2 messages to the team" in response.content.decode()
    assert len(mailoutbox) == 2
