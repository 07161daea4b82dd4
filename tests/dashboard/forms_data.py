"""Valid form posts for the dashboard, which each test changes to the case it is about."""

from services.models import Category
from tests.upload_files import jpeg_bytes, pdf_bytes, upload


def profile_post(**changes) -> dict:
    data = {
        "display_name": "Olga Owner",
        "headline": "Editor of essays",
        "about": "I edit.\n\nCarefully.",
        "location": "Lisbon",
        "country": "Portugal",
        "hourly_rate": "40",
        "currency": "EUR",
        "availability": "part_time",
        "engagement_preference": "either",
        "skill_names": "Editing, Proofreading",
    }
    return {**data, **changes}


def service_post(category: Category, **changes) -> dict:
    data = {
        "title": "I will write your newsletter",
        "category": category.pk,
        "description": "Weekly newsletters.\n\nResearched and on time.",
        "hourly_rate": "30",
        "starting_price": "90",
        "currency": "USD",
        "engagement": "ongoing",
        "skill_names": "Newsletters, Copywriting",
    }
    return {**data, **changes}


def sample_post(**changes) -> dict:
    data = {
        "title": "A feature on tides",
        "body": "The sea rises.\n\nThen it falls.",
        "original_url": "",
        "published_on": "",
    }
    return {**data, **changes}


def avatar_post() -> dict:
    return {"avatar": upload("me.jpg", jpeg_bytes(), "image/jpeg")}


def banner_post() -> dict:
    return {"banner": upload("banner.jpg", jpeg_bytes(2000, 500), "image/jpeg")}


def resume_post() -> dict:
    return {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")}
