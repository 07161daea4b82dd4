"""Names, headlines and titles are one line: every form, API field and schema property of one
refuses line breaks, tabs, escapes and the other control characters, with one message."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace.validators import ONE_LINE_PATTERN
from saved_searches.forms import SavedSearchForm
from tests.dashboard.forms_data import profile_post, service_post
from tests.support.schema import published_schema

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Use a single line of text: line breaks, tabs and other control characters are not allowed."
)
# Carriage return, line feed, vertical tab, escape, tab, next line (C1), line separator.
BREAKERS = ["\r", "\n", "\x0b", "\x1b", "\t", "\x85", "\u2028"]


@pytest.mark.parametrize("breaker", BREAKERS)
@pytest.mark.parametrize("field", ["display_name", "headline", "location", "country"])
def test_the_profile_form_refuses_a_control_character_in_a_one_line_field(
    client, freelancer, field, breaker
):
    client.force_login(freelancer)
    data = profile_post(**{field: f"Olga{breaker}Owner"})
    response = client.post(reverse("dashboard:profile"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [MESSAGE]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_service_form_refuses_a_control_character_in_the_title(
    client, freelancer, articles, breaker
):
    client.force_login(freelancer)
    data = service_post(articles, title=f"I will write{breaker}your news")
    response = client.post(reverse("dashboard:service_create"), data)
    assert response.context["form"].errors["title"] == [MESSAGE]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_saved_search_form_refuses_a_control_character_in_the_name(breaker):
    form = SavedSearchForm(data={"name": f"News{breaker}writers", "frequency": "daily"})
    assert form.errors["name"] == [MESSAGE]


API_CASES = [
    ("freelancer", "patch", "/api/v1/me/", "display_name"),
    ("freelancer", "patch", "/api/v1/me/", "headline"),
    ("freelancer", "post", "/api/v1/services/", "title"),
    ("freelancer", "post", "/api/v1/profiles/elena/samples/", "title"),
    ("hiring_client", "post", "/api/v1/jobs/", "title"),
    ("hiring_client", "post", "/api/v1/saved-searches/", "name"),
]


@pytest.mark.parametrize("breaker", ["\n", "\x1b"])
@pytest.mark.parametrize(("who", "method", "url", "field"), API_CASES)
def test_the_api_refuses_a_control_character_naming_the_field(
    request, service, who, method, url, field, breaker
):
    api = APIClient()
    api.force_authenticate(request.getfixturevalue(who))
    response = getattr(api, method)(url, {field: f"Line one{breaker}line two"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][field] == [MESSAGE]


def test_the_schema_states_the_rule_on_every_one_line_field():
    components = published_schema()["components"]["schemas"]
    fields = {
        "PatchedProfileUpdateRequest": ["display_name", "headline", "location", "country"],
        "ServiceWriteRequest": ["title"],
        "JobCreateRequest": ["title"],
        "PatchedJobWriteRequest": ["title"],
        "WritingSampleWriteRequest": ["title"],
        "SavedSearchCreateRequest": ["name"],
        "PatchedSavedSearchUpdateRequest": ["name"],
    }
    for component, names in fields.items():
        for name in names:
            node = components[component]["properties"][name]
            # A field that may be blank is "this pattern, or the empty string".
            pattern = node.get("pattern") or node["oneOf"][0]["pattern"]
            # After "(?=...)", the rule that the text is not blank, where it may not be.
            assert pattern.endswith(ONE_LINE_PATTERN.removeprefix("^")), (component, name)
