"""Public profiles, the signed-in freelancer's own profile and files, and writing samples."""

import pytest

from profiles.models import Profile, WritingSample
from tests.factories import ProfileFactory, ServiceFactory, WritingSampleFactory
from tests.support.api import error_of
from tests.upload_files import gif_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db
SAMPLES = "/api/v1/profiles/elena/samples/"


class TestPublicProfiles:
    def test_the_list_and_detail_show_public_fields_only(self, api, profile, sample):
        for response in (api.get("/api/v1/profiles/"), api.get("/api/v1/profiles/elena/")):
            assert response.status_code == 200
            assert "elena@example.com" not in response.content.decode()
            assert "email" not in response.content.decode()
        body = api.get("/api/v1/profiles/elena/").json()
        assert body["display_name"] == "Elena Marsh"
        assert body["skills"] == []
        assert body["resume_url"] is None

    def test_profiles_are_listed_by_display_name_then_id(self, api, profile):
        Profile.objects.filter(pk=profile.pk).update(display_name="Zed")
        first = ProfileFactory(display_name="Ann")
        second = ProfileFactory(display_name="Ann")
        slugs = [p["slug"] for p in api.get("/api/v1/profiles/").json()["results"]]
        assert slugs == [first.slug, second.slug, "elena"]

    def test_an_unknown_profile_is_a_404(self, api, db):
        assert api.get("/api/v1/profiles/nobody/").status_code == 404


class TestResume:
    def test_it_downloads_as_a_pdf_attachment(self, as_user, api, freelancer, profile):
        as_user(freelancer).put(
            "/api/v1/me/resume/",
            {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")},
            format="multipart",
        )
        url = api.get("/api/v1/profiles/elena/").json()["resume_url"]
        assert url.endswith("/api/v1/profiles/elena/resume/")
        response = as_user(None).get(url, HTTP_ACCEPT="application/pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    @pytest.mark.parametrize("accept", ["application/json", "application/pdf", "*/*"])
    def test_a_missing_resume_is_a_json_404(self, api, profile, accept):
        response = api.get("/api/v1/profiles/elena/resume/", HTTP_ACCEPT=accept)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        error_of(response)


class TestMe:
    def test_it_needs_a_signed_in_client(self, api):
        assert api.get("/api/v1/me/").status_code == 401
        assert api.patch("/api/v1/me/", {"headline": "x"}).status_code == 401
        assert api.post("/api/v1/me/").status_code == 401

    def test_a_client_without_a_profile_is_told_how_to_get_one(self, as_user, hiring_client):
        response = as_user(hiring_client).get("/api/v1/me/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "no_profile"

    def test_a_client_becomes_a_freelancer_once(self, as_user, hiring_client):
        api = as_user(hiring_client)
        created = api.post("/api/v1/me/")
        assert created.status_code == 201
        assert created.json()["display_name"] == "Sam Okafor"
        assert api.post("/api/v1/me/").status_code == 200
        assert Profile.objects.filter(user=hiring_client).count() == 1

    def test_the_owner_sees_their_email_and_what_is_missing(self, as_user, freelancer, profile):
        body = as_user(freelancer).get("/api/v1/me/").json()
        assert body["email"] == "elena@example.com"
        assert body["completeness"]["percent"] < 100
        assert "an avatar" in body["completeness"]["missing"]

    def test_the_owner_edits_only_what_they_send(self, as_user, freelancer, profile):
        response = as_user(freelancer).patch(
            "/api/v1/me/", {"headline": "Journalist", "skills": ["News Writing", "Satire"]}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["headline"] == "Journalist"
        assert body["display_name"] == "Elena Marsh"
        assert body["hourly_rate"] == "30.00"
        assert [s["name"] for s in body["skills"]] == ["News Writing", "Satire"]

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            (
                {"hourly_rate": "0.5"},
                "hourly_rate",
                "Enter an amount from 1 to 10,000, with at most two decimals.",
            ),
            (
                {"hourly_rate": "10001"},
                "hourly_rate",
                "Enter an amount from 1 to 10,000, with at most two decimals.",
            ),
            (
                {"headline": "<script>x</script>"},
                "headline",
                "Use plain text here: HTML tags such as <b> or <script> are not allowed.",
            ),
            ({"display_name": ""}, "display_name", None),
            ({"skills": [f"Skill {n}" for n in range(31)]}, "skills", None),
            ({"availability": "always"}, "availability", None),
        ],
    )
    def test_it_applies_the_profile_forms_rules(
        self, as_user, freelancer, profile, change, field, message
    ):
        response = as_user(freelancer).patch("/api/v1/me/", change)
        assert response.status_code == 400
        errors = error_of(response)["errors"]
        assert list(errors) == [field]
        if message:
            assert errors[field] == [message]
        profile.refresh_from_db()
        assert profile.headline == "Writer and editor"


class TestUploads:
    def test_an_avatar_is_checked_and_reencoded_like_on_the_page(
        self, as_user, freelancer, profile, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(freelancer).put(
                "/api/v1/me/avatar/",
                {"avatar": upload("me.jpg", jpeg_bytes(with_gps=True), "image/jpeg")},
                format="multipart",
            )
        assert response.status_code == 200
        body = response.json()
        assert body["avatar"].startswith("http://testserver/media/avatars/elena-")
        assert body["avatar_thumbnail"] is None  # a worker makes it after the commit
        thumbnail = as_user(freelancer).get("/api/v1/profiles/elena/").json()["avatar_thumbnail"]
        assert thumbnail == body["avatar"].removesuffix(".jpg") + "-64.jpg"

    def test_a_banner_upload_replaces_the_banner(self, as_user, freelancer, profile):
        response = as_user(freelancer).put(
            "/api/v1/me/banner/",
            {"banner": upload("b.png", png_bytes(), "image/png")},
            format="multipart",
        )
        assert response.status_code == 200
        assert response.json()["banner"].endswith(".jpg")

    @pytest.mark.parametrize(
        ("url", "field", "content", "message"),
        [
            (
                "/api/v1/me/avatar/",
                "avatar",
                gif_bytes(),
                "This file is not a JPEG, PNG or WebP image.",
            ),
            (
                "/api/v1/me/banner/",
                "banner",
                b"not an image",
                "This file is not a JPEG, PNG or WebP image.",
            ),
            (
                "/api/v1/me/resume/",
                "resume",
                jpeg_bytes(),
                "This file is not a PDF. Upload your resume as a PDF.",
            ),
        ],
    )
    def test_a_bad_file_is_refused_with_the_pages_message(
        self, as_user, freelancer, profile, url, field, content, message
    ):
        response = as_user(freelancer).put(
            url, {field: upload("file", content)}, format="multipart"
        )
        assert response.status_code == 400
        assert error_of(response)["errors"] == {field: [message]}
        profile.refresh_from_db()
        assert not getattr(profile, field)

    def test_an_upload_needs_a_file(self, as_user, freelancer, profile):
        response = as_user(freelancer).put("/api/v1/me/avatar/", {}, format="multipart")
        assert response.status_code == 400
        assert "avatar" in error_of(response)["errors"]

    def test_an_upload_must_be_multipart(self, as_user, freelancer, profile):
        response = as_user(freelancer).put("/api/v1/me/avatar/", {"avatar": "x"}, format="json")
        assert response.status_code == 415

    def test_removing_a_file_empties_it(self, as_user, freelancer, profile):
        api = as_user(freelancer)
        api.put(
            "/api/v1/me/resume/",
            {"resume": upload("cv.pdf", pdf_bytes(), "application/pdf")},
            format="multipart",
        )
        assert api.delete("/api/v1/me/resume/").status_code == 204
        profile.refresh_from_db()
        assert not profile.resume
        assert api.delete("/api/v1/me/resume/").status_code == 204  # already gone: still done

    @pytest.mark.parametrize("url", ["/api/v1/me/avatar/", "/api/v1/me/resume/"])
    def test_uploads_need_a_freelancer(self, as_user, hiring_client, url):
        assert as_user(None).delete(url).status_code == 401
        assert as_user(hiring_client).delete(url).status_code == 404


CHANGERS = [("anonymous", 401), ("client", 403), ("outsider", 403), ("staff", 403)]


class TestSamples:
    def test_a_profiles_samples_are_listed_newest_first(self, api, profile, sample):
        WritingSample.objects.filter(pk=sample.pk).update(published_on="2019-01-01")
        older = WritingSampleFactory(profile=profile, published_on="2020-01-01")
        newer = WritingSampleFactory(profile=profile, published_on="2024-01-01")
        slugs = [s["slug"] for s in api.get(SAMPLES).json()["results"]]
        assert slugs == [newer.slug, older.slug, sample.slug]

    def test_undated_samples_are_listed_last_as_on_the_pages(self, api, client, profile, sample):
        # On PostgreSQL, NULL sorts first in descending order: the API listed undated first.
        undated = WritingSampleFactory(profile=profile, published_on=None)
        dated = WritingSampleFactory(profile=profile, published_on="2024-01-01")
        WritingSample.objects.filter(pk=sample.pk).update(published_on="2019-01-01")
        slugs = [s["slug"] for s in api.get(SAMPLES).json()["results"]]
        assert slugs == [dated.slug, sample.slug, undated.slug]
        page = client.get(profile.get_absolute_url()).content.decode()
        assert page.index(f"/{dated.slug}/") < page.index(f"/{undated.slug}/")

    def test_a_sample_names_only_published_services(self, api, profile, sample):
        draft = ServiceFactory(owner=profile, status="draft")
        sample.services.add(draft)
        body = api.get(f"{SAMPLES}budget-day/").json()
        assert [s["slug"] for s in body["services"]] == ["i-will-write-your-news"]
        assert body["word_count"] == 4

    def test_an_unknown_profile_or_sample_is_a_404(self, api, profile):
        assert api.get("/api/v1/profiles/nobody/samples/").status_code == 404
        assert api.get(f"{SAMPLES}nothing/").status_code == 404

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("owner", 201)])
    def test_only_the_profiles_freelancer_adds_samples(self, as_user, cast, profile, who, status):
        response = as_user(cast[who]).post(
            SAMPLES,
            {"title": "Budget day", "body": "Words.", "services": ["i-will-write-your-news"]},
        )
        assert response.status_code == status
        assert WritingSample.objects.filter(profile=profile).count() == (status == 201)
        if status == 201:
            body = response.json()
            assert body["slug"] == "budget-day"
            assert [s["slug"] for s in body["services"]] == ["i-will-write-your-news"]

    def test_a_sample_can_only_show_on_the_authors_services(self, as_user, freelancer, profile):
        other = ServiceFactory()
        response = as_user(freelancer).post(
            SAMPLES, {"title": "T", "body": "B", "services": [other.slug]}
        )
        assert response.status_code == 404
        assert list(error_of(response)["errors"]) == ["services.0"]

    def test_a_sample_cannot_be_published_in_the_future(self, as_user, freelancer, profile):
        response = as_user(freelancer).post(
            SAMPLES, {"title": "T", "body": "B", "published_on": "2999-01-01"}
        )
        assert response.status_code == 400
        assert error_of(response)["errors"] == {
            "published_on": ["Enter a date that is not in the future."]
        }

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("owner", 200)])
    def test_only_the_author_edits_a_sample(self, as_user, cast, sample, who, status):
        response = as_user(cast[who]).patch(f"{SAMPLES}budget-day/", {"title": "Budget night"})
        assert response.status_code == status
        sample.refresh_from_db()
        assert (sample.title == "Budget night") is (status == 200)
        assert sample.slug == "budget-day"  # a sample's address never changes

    def test_an_edit_keeps_the_fields_it_does_not_send(self, as_user, freelancer, sample):
        body = as_user(freelancer).patch(f"{SAMPLES}budget-day/", {"body": "New text."}).json()
        assert body["title"] == "Budget day"
        assert [s["slug"] for s in body["services"]] == ["i-will-write-your-news"]

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("owner", 204)])
    def test_only_the_author_deletes_a_sample(self, as_user, cast, sample, who, status):
        response = as_user(cast[who]).delete(f"{SAMPLES}budget-day/")
        assert response.status_code == status
        assert WritingSample.objects.filter(pk=sample.pk).exists() is (status != 204)
