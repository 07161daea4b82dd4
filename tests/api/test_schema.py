"""The published schema states the limits the server applies, from the same constants."""

import re
import sys
from pathlib import Path

import jsonschema
import pytest

from engagements.forms import WHAT_MIN_LENGTH
from engagements.models import REVIEW_WINDOW
from marketplace.input_guards import MAX_QUERY_STRING
from marketplace.validators import WHITESPACE
from money.limits import MAX_HOURLY_RATE, MAX_QUOTE
from profiles.forms import MAX_SKILL_NAME_LENGTH, MAX_SKILLS
from reviews.models import EDIT_WINDOW, REVIEW_TEXT_MAX_LENGTH, REVIEW_TEXT_MIN_LENGTH
from tests.factories import SkillFactory
from tests.support.api import error_of
from tests.support.schema import published_schema

SCHEMA = published_schema()
COMPONENTS = SCHEMA["components"]["schemas"]


def test_an_hourly_rate_is_documented_as_the_range_the_form_applies():
    pattern = COMPONENTS["PatchedProfileUpdateRequest"]["properties"]["hourly_rate"]["pattern"]
    assert re.fullmatch(pattern, str(MAX_HOURLY_RATE))
    assert not re.fullmatch(pattern, str(MAX_HOURLY_RATE + 1))
    assert not re.fullmatch(pattern, "0")


def test_a_budget_is_documented_from_zero_to_the_most_a_form_takes():
    pattern = COMPONENTS["QuoteRequestRequest"]["properties"]["budget"]["pattern"]
    assert re.fullmatch(pattern, "0")
    assert re.fullmatch(pattern, str(MAX_QUOTE))
    assert not re.fullmatch(pattern, str(MAX_QUOTE + 1))


def test_text_lengths_are_documented():
    # Counted once stripped, as the server counts them: in the pattern.
    text = COMPONENTS["ReviewCreateRequest"]["properties"]["text"]
    pattern = re.compile(text["pattern"])
    assert text["minLength"] == REVIEW_TEXT_MIN_LENGTH
    for length, valid in [
        (REVIEW_TEXT_MIN_LENGTH - 1, False),
        (REVIEW_TEXT_MIN_LENGTH, True),
        (REVIEW_TEXT_MAX_LENGTH, True),
        (REVIEW_TEXT_MAX_LENGTH + 1, False),
    ]:
        assert bool(pattern.match(f" \n{'x' * length}\t ")) is valid, length
    assert COMPONENTS["QuoteRequestRequest"]["properties"]["what"]["minLength"] == WHAT_MIN_LENGTH


def parameters_of(path: str) -> dict[str, dict]:
    return {p["name"]: p["schema"] for p in SCHEMA["paths"][path]["get"]["parameters"]}


def test_the_search_filters_are_documented_with_their_bounds():
    parameters = parameters_of("/api/v1/services/")
    assert (parameters["min_rating"]["minimum"], parameters["min_rating"]["maximum"]) == (1, 5)
    assert parameters["skill"]["items"]["minLength"] == 1
    assert parameters["q"]["maxLength"] == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/services/?min_rating=0",
        "/api/v1/services/?skill=",
        "/api/v1/skills/?page=",
        "/api/v1/engagements/?role=",
    ],
)
def test_a_value_outside_the_documented_bounds_is_refused(as_user, freelancer, query):
    # `page=` and `role=` were taken as absent, though the schema allows neither.
    assert as_user(freelancer).get(query).status_code == 400


def test_the_api_states_limits_from_their_constants_not_as_literals():
    # The API's docs said "30 days", "14 days", "1 to 10,000" and "5 MB" in so many words.
    literals = re.compile(r"\b(30|14) days|10,000|1,000,000|\b5 MB|at most 30\b|60 characters")
    root = Path(__file__).resolve().parents[2]
    for module in sorted(root.glob("*/api/*.py")):
        if module.parts[-3] == "tests":
            continue
        assert not literals.search(module.read_text()), module


def test_the_schema_states_the_review_windows():
    operations = {
        operation["operationId"]: operation
        for item in SCHEMA["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert f"{REVIEW_WINDOW.days} days" in operations["reviews_create"]["description"]
    assert f"{EDIT_WINDOW.days} days" in operations["reviews_partial_update"]["description"]


def test_skill_names_are_documented_with_the_forms_limits():
    skills = COMPONENTS["ServiceWriteRequest"]["properties"]["skills"]
    assert skills["maxItems"] == MAX_SKILLS
    # The length once stripped, as the server counts it: in the pattern.
    name = re.compile(skills["items"]["pattern"])
    assert name.match("x" * MAX_SKILL_NAME_LENGTH) and name.match(
        f"  {'x' * MAX_SKILL_NAME_LENGTH}\n"
    )
    assert not name.match("x" * (MAX_SKILL_NAME_LENGTH + 1))
    assert not name.match("€") and not name.match("a, b") and not name.match("<b>bold")


def test_the_web_servers_414_is_documented_for_every_operation():
    for item in SCHEMA["paths"].values():
        for operation in item.values():
            assert "text/html" in operation["responses"]["414"]["content"]


def test_a_new_service_is_documented_as_needing_a_rate_or_a_price():
    # The form's rule was unstated: a schema-valid service without either was refused.
    any_of = COMPONENTS["ServiceWriteRequest"]["anyOf"]
    assert [branch["required"] for branch in any_of] == [["hourly_rate"], ["starting_price"]]


def test_text_filters_are_documented_without_nul_characters():
    # The input guard refuses a NUL anywhere in a query string before any view.
    schema = published_schema()
    for path in ("/api/v1/services/", "/api/v1/jobs/"):
        (text,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "q"]
        pattern = re.compile(text["schema"]["pattern"])
        assert pattern.match("news writing") and not pattern.match("news\x00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/services/?min_rate=",
        "/api/v1/services/?min_rating=",
        "/api/v1/services/?engagement=",
        "/api/v1/services/?sort=",
        "/api/v1/jobs/?posted_within=",
        "/api/v1/jobs/?min_budget=",
        "/api/v1/profiles/elena/resume/?format=",
    ],
)
def test_an_empty_number_or_choice_is_refused_as_the_schema_types_it(api, profile, query):
    # They were read as absent, though the schema's number or enum allows no empty value.
    response = api.get(query)
    assert response.status_code == 400
    parameter = query.split("?")[1].removesuffix("=")
    assert error_of(response)["errors"] == {
        parameter: ["Give a value, or leave the parameter out."]
    }


@pytest.mark.django_db
def test_the_search_pages_still_read_an_empty_field_as_no_filter(client, service):
    # A search form sends the fields left untouched empty.
    response = client.get("/services/?q=news&min_rate=&engagement=&sort=")
    assert response.status_code == 200


@pytest.mark.django_db
def test_more_skills_than_the_schema_allows_are_refused(api, db):
    limit = parameters_of("/api/v1/services/")["skill"]["maxItems"]
    skills = [SkillFactory(name=f"Skill {n}") for n in range(limit + 1)]
    query = "&".join(f"skill={skill.slug}" for skill in skills)
    response = api.get(f"/api/v1/services/?{query}")
    assert response.status_code == 400
    assert list(error_of(response)["errors"]) == ["skill"]


def longest_query_string(parameters: list[dict]) -> int:
    """The longest query string the schema calls valid: every text at its maximum length,
    each character percent-encoded from three UTF-8 bytes; numbers at 32 characters."""

    def longest_value(schema: dict) -> int:
        if "enum" in schema:
            return max(len(str(value)) for value in schema["enum"])
        if schema.get("type") in ("number", "integer", "boolean"):
            return 32
        if "maxLength" in schema:
            plain = schema.get("pattern", "").startswith(("^[-a-zA-Z0-9_]", "^(?:[-a-zA-Z0-9_]"))
            return (1 if plain else 9) * schema["maxLength"]  # slugs need no encoding
        pattern = re.fullmatch(r"\^\[[^\]]+\]\{\d+,(\d+)\}\$", schema.get("pattern", ""))
        assert pattern, f"no bound on {schema}"
        return int(pattern.group(1))  # a cursor: letters, digits, - and _

    total = 0
    for parameter in parameters:
        schema = parameter["schema"]
        if schema.get("type") == "array":
            each = len(parameter["name"]) + 2 + longest_value(schema["items"])
            total += schema["maxItems"] * each
        else:
            total += len(parameter["name"]) + 2 + longest_value(schema)
    return total


def test_every_query_the_schema_allows_fits_under_the_sites_limit():
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
            assert longest_query_string(query) <= MAX_QUERY_STRING, (method, path)


def test_gunicorn_reads_request_lines_long_enough_for_the_site_to_answer_them():
    config = (Path(__file__).resolve().parents[2] / "gunicorn.conf.py").read_text()
    limit = int(re.search(r"^limit_request_line = (\d+)$", config, re.MULTILINE).group(1))
    assert limit >= MAX_QUERY_STRING + 2_000  # the method, a long path and the protocol


@pytest.mark.django_db
def test_a_query_string_past_the_limit_is_a_json_414_in_the_api_and_a_page_elsewhere(api, client):
    query = "q=" + "a" * MAX_QUERY_STRING
    response = api.get(f"/api/v1/services/?{query}")
    assert response.status_code == 414
    assert error_of(response)["code"] == "uri_too_long"
    page = client.get(f"/services/?{query}")
    assert page.status_code == 414 and page["Content-Type"].startswith("text/html")
    assert "414" in SCHEMA["paths"]["/api/v1/services/"]["get"]["responses"]


def test_the_schemas_whitespace_is_what_python_strips():
    whitespace = re.compile(f"[{WHITESPACE}]")
    assert all(
        chr(code).isspace() == bool(whitespace.fullmatch(chr(code)))
        for code in range(sys.maxunicode + 1)
    )


@pytest.mark.parametrize(
    ("component", "field", "minimum"),
    [
        ("JobCreateRequest", "brief", 20),
        ("ProposalWriteRequest", "cover_letter", 20),
        ("QuoteRequestRequest", "what", WHAT_MIN_LENGTH),
        ("ServiceWriteRequest", "title", 1),
        ("MessageWriteRequest", "body", 1),
    ],
)
def test_text_is_documented_as_its_length_once_stripped(component, field, minimum):
    pattern = re.compile(COMPONENTS[component]["properties"][field]["pattern"])
    assert COMPONENTS[component]["properties"][field]["minLength"] == minimum
    for text in ["x" * minimum, f"  {'x' * minimum}\n", f"\u3000{'é' * minimum}\t "]:
        assert pattern.match(text), text
    for text in [" " * (minimum + 5), f"\n{'x' * (minimum - 1)}  \u2028  "]:
        assert not pattern.match(text), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"brief": " " * 30 + "x" * 19}, "brief"),
        ({"title": " \t\u3000"}, "title"),
        ({"budget_amount": None}, "budget_amount"),
        ({"budget_basis": "hourly", "budget_amount": None, "hourly_min": "20"}, "hourly_max"),
    ],
)
def test_what_the_schema_refuses_for_a_new_job_the_server_refuses(
    as_user, hiring_client, articles, change, field
):
    body = {
        "title": "Five articles on local elections",
        "category": articles.slug,
        "brief": "Five articles of 800 words each for a regional paper's readers.",
        "budget_basis": "fixed",
        "budget_amount": "500.00",
        **change,
    }
    assert not matches_job_schema(body)
    response = as_user(hiring_client).post("/api/v1/jobs/", body, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["errors"]


def matches_job_schema(body: dict) -> bool:
    """The body against JobCreateRequest's own properties' patterns and its `oneOf`."""
    component = COMPONENTS["JobCreateRequest"]
    for name, value in body.items():
        pattern = component["properties"][name].get("pattern")
        if isinstance(value, str) and pattern and not re.match(pattern, value):
            return False
    return any(
        all(body.get(name) is not None for name in branch["required"])
        and re.match(branch["properties"]["budget_basis"]["pattern"], body["budget_basis"])
        for branch in component["oneOf"]
    )


def test_a_nul_in_any_query_parameters_name_is_a_documented_400():
    for item in SCHEMA["paths"].values():
        for operation in item.values():
            assert "NUL" in operation["responses"]["400"]["description"]


def test_a_proposal_is_documented_as_needing_its_price():
    # The form refuses a proposal without one; the schema once left it optional, and a
    # schema-valid proposal was refused (schemathesis, positive data).
    assert "price" in COMPONENTS["ProposalWriteRequest"]["required"]
    assert not COMPONENTS["ProposalWriteRequest"]["properties"]["price"].get("nullable")


def test_every_path_parameter_is_in_its_path_and_every_placeholder_documented():
    # A parameter named `pk` beside the path's `{id}` made clients send both, one ignored.
    for path, operations in SCHEMA["paths"].items():
        placeholders = set(re.findall(r"\{(\w+)\}", path))
        for method, operation in operations.items():
            named = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert named == placeholders, f"{method.upper()} {path}"


def test_a_body_with_required_fields_is_documented_as_required(as_user, freelancer):
    """A client that reads a body as optional sends none and is refused for the missing
    fields (schemathesis found it on the language pairs, whose schema is written by hand)."""

    def resolved(schema: dict) -> dict:
        while "$ref" in schema:
            schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    optional_yet_demanding = [
        f"{method.upper()} {path}"
        for path, operations in SCHEMA["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation and not operation["requestBody"].get("required")
        for content in operation["requestBody"]["content"].values()
        if resolved(content["schema"]).get("required")
    ]
    assert optional_yet_demanding == []
    response = as_user(freelancer).post("/api/v1/me/language-pairs/")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"source", "target"}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": "Which tone?"}, 201),
        ({"text": "Your draft", "kind": "file"}, 201),
        ({"text": "Which tone?", "kind": "choice", "options": ["Formal", "Friendly"]}, 201),
        ({"text": "Which tone?", "kind": "choice"}, 400),
    ],
)
def test_a_question_the_schema_admits_the_server_takes(as_user, freelancer, service, body, status):
    # A multiple-choice question comes with its options; one of another kind, or none named,
    # needs none (the schema says so with `anyOf` over `properties`, which hold only for
    # fields a body sends).
    validator = jsonschema.Draft4Validator(
        {**COMPONENTS["QuestionWriteRequest"], "components": SCHEMA["components"]}
    )
    assert validator.is_valid(body) is (status == 201)
    response = as_user(freelancer).post(
        f"/api/v1/services/{service.slug}/questions/", body, format="json"
    )
    assert response.status_code == status
