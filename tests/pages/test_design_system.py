"""The design system page (/design/): every component, for staff only."""

import re

import pytest

from pages.views import DESIGN_SECTIONS, ICONS
from profiles.models import Profile
from tests.factories import JobPostFactory

pytestmark = pytest.mark.django_db
URL = "/design/"


@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("hiring_client", 302), ("freelancer", 302), ("staff", 200)]
)
def test_only_staff_see_the_design_system(as_user, request, who, status):
    user = request.getfixturevalue(who) if who else None
    response = as_user(user).get(URL)
    assert response.status_code == status
    if status == 302:
        assert "/login/" in response["Location"]


def test_it_shows_every_component_and_every_vendored_icon(as_user, staff, service):
    JobPostFactory()
    # A reviewed freelancer, for the person card.
    Profile.objects.filter(pk=service.owner_id).update(review_count=1, rating_average=5)
    html = as_user(staff).get(URL).content.decode()
    for anchor, _ in DESIGN_SECTIONS:
        assert f'<section id="{anchor}"' in html
    for component in [
        "button button--secondary",
        "chip chip--link",
        "badge badge--new",
        "status status--published",
        "card service-card",
        "card person-card",
        "card job-card",
        'class="cover"',
        "field field--invalid",
        'class="tabs"',
        "table table--stacked",
        "alert alert--error",
        "empty-state",
        'class="breadcrumb"',
        "disclosure",
        'class="steps"',
        'class="facts"',
    ]:
        assert component in html, component
    shown = set(re.findall(r"</svg> ([a-z0-9-]+)</li>", html))
    assert shown == {path.stem for path in ICONS.glob("*.svg")}
