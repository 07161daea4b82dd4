"""The schema and the interactive docs: served from vendored assets under a strict policy."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives if name}


def test_the_schema_is_served_as_yaml_and_json(api):
    as_yaml = yaml.safe_load(api.get("/api/schema/").content)
    as_json = api.get("/api/schema/", {"format": "json"}).json()
    assert as_yaml["openapi"].startswith("3.")
    assert as_json["paths"] == as_yaml["paths"]
    assert {"tokenAuth", "cookieAuth"} <= set(as_json["components"]["securitySchemes"])


def test_the_schema_passes_spectaculars_validation_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml")
    assert (tmp_path / "s.yml").stat().st_size > 10_000


def test_every_operation_documents_its_errors_with_the_error_body(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = operation["responses"]
            assert "429" in codes, (method, path)
            for code, response in codes.items():
                if code >= "400" and code != "414":  # 414 is gunicorn's, before Django
                    content = response["content"]["application/json"]["schema"]
                    assert content == {"$ref": "#/components/schemas/Error"}, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method != "get":
                assert "403" in codes or method == "post" and path.endswith("/token/")


def test_the_main_operations_have_examples(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for path, method in [
        ("/api/v1/auth/token/", "post"),
        ("/api/v1/services/", "post"),
        ("/api/v1/engagements/", "post"),
        ("/api/v1/reviews/", "post"),
    ]:
        body = schema["paths"][path][method]["requestBody"]["content"]["application/json"]
        assert body["examples"], path


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_load_only_local_assets_that_exist(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), f"{asset} is not served by the site"
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset


def test_swagger_ui_runs_without_inline_script(api):
    response = api.get("/api/docs/")
    html = response.content.decode()
    assert not re.search(r"<script>", html), "an inline script would be blocked by the policy"
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
    script = api.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_redoc_may_start_its_search_worker(api):
    policy = _policy(api.get("/api/redoc/"))
    assert policy["script-src"] == ["'self'"]
    assert "blob:" in policy["worker-src"]


def test_the_rest_of_the_site_keeps_the_strict_policy(api, client):
    assert "'unsafe-inline'" not in _policy(api.get("/api/v1/skills/"))["style-src"]
    assert "'unsafe-inline'" not in _policy(client.get("/"))["style-src"]
