"""A newcomer in a real browser: signs up, becomes a freelancer, fills the profile, uploads
pictures and a resume, publishes a service and finds it in search; axe checks the pages."""

import re

import pytest
from playwright.sync_api import expect

from demo import seed
from profiles.models import Profile
from services.models import Service, ServiceStatus
from tests.support.browser import assert_accessible
from tests.upload_files import jpeg_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.browser

EMAIL = "nora.quill@example.com"
PASSWORD = "tidal lighthouse keeper 58"
TITLE = "I will write clear ferry timetable explainers"


@pytest.fixture
def categories(transactional_db):
    seed.load_categories_and_skills()


def file_payload(name: str, mime_type: str, content: bytes) -> dict:
    return {"name": name, "mimeType": mime_type, "buffer": content}


def sign_up_as_a_client(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I only want to hire").check()
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_a_newcomer_becomes_a_freelancer_and_publishes_a_service(page, categories):
    sign_up_as_a_client(page)
    assert_accessible(page)
    page.get_by_role("button", name="Become a freelancer").click()
    expect(page.get_by_text("You are now a freelancer.")).to_be_visible()

    # The profile, with a skill that exists and one that does not yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
    assert_accessible(page)
    page.get_by_label("Display name").fill("Nora Quill")
    page.get_by_label("Headline").fill("Travel and transport writer")
    page.get_by_label("About").fill("I explain timetables.\n\nAnd ferries.")
    page.get_by_label("Location").fill("Bergen")
    page.get_by_label("Default hourly rate").fill("35")
    page.get_by_label("Skills").fill("technical writing, Timetables")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    profile = Profile.objects.get(user__email=EMAIL)
    assert sorted(profile.skills.values_list("name", flat=True)) == [
        "Technical Writing",
        "Timetables",
    ]

    # A bad upload first: a PDF pretending to be a picture.
    page.get_by_role("navigation", name="Dashboard").get_by_role(
        "link", name="Pictures & resume"
    ).click()
    page.get_by_label("Avatar image").set_input_files(
        file_payload("avatar.png", "image/png", pdf_bytes())
    )
    page.get_by_role("button", name="Upload avatar").click()
    expect(page.get_by_text("This file is not a JPEG, PNG or WebP image.")).to_be_visible()
    assert_accessible(page)
    profile.refresh_from_db()
    assert not profile.avatar

    page.get_by_label("Avatar image").set_input_files(
        file_payload("me.jpg", "image/jpeg", jpeg_bytes(640, 480))
    )
    page.get_by_role("button", name="Upload avatar").click()
    expect(page.get_by_text("Your new avatar is saved.")).to_be_visible()
    expect(page.get_by_role("img", name="Your current avatar")).to_be_visible()
    page.get_by_label("Banner image").set_input_files(
        file_payload("banner.png", "image/png", png_bytes(2400, 600))
    )
    page.get_by_role("button", name="Upload banner").click()
    expect(page.get_by_text("Your new banner is saved.")).to_be_visible()
    page.get_by_label("Resume (PDF)").set_input_files(
        file_payload("cv.pdf", "application/pdf", pdf_bytes())
    )
    page.get_by_role("button", name="Upload resume").click()
    expect(page.get_by_text("Your resume is saved.")).to_be_visible()

    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Your profile is 100% complete")).to_be_visible()
    assert_accessible(page)

    # A service: a draft first, then published.
    page.get_by_role("link", name="Create a service").click()
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Category").select_option(label="Writing & Translation › Technical Writing")
    page.get_by_label("Description").fill("Timetables people can read.\n\nAny language.")
    page.get_by_label("Hourly rate").fill("35")
    page.get_by_label("Starting price").fill("120")
    page.get_by_label("Skills").fill("Timetables")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("is saved as a draft")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("is published: clients can find it now.")).to_be_visible()
    assert Service.objects.get(title=TITLE).status == ServiceStatus.PUBLISHED

    # Clients find it.
    page.goto("/services/?q=ferry+timetable")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="Download Resume")).to_be_visible()


def test_a_bad_service_form_shows_field_errors_accessibly(page, categories):
    sign_up_as_a_client(page)
    page.get_by_role("button", name="Become a freelancer").click()
    page.get_by_role("navigation", name="Dashboard").get_by_role("link", name="Services").click()
    page.get_by_role("link", name="Create a service").click()
    page.get_by_label("Title").fill("<script>alert(1)</script>")
    page.get_by_label("Hourly rate").fill("-4")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_text("Enter a rate of at least 1.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("<script>alert(1)</script>")
    assert_accessible(page)
    assert not Service.objects.exists()


def test_the_sign_in_and_account_pages_are_accessible(page, categories):
    sign_up_as_a_client(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    for link, heading in [
        ("Password", "Change your password"),
        ("Email addresses", "Email Addresses"),
    ]:
        page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
        page.go_back()
