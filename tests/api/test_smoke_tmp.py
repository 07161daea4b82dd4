import pytest

pytestmark = pytest.mark.django_db


def test_smoke(as_user, service, sample, freelancer, hiring_client, engagement_in):
    api = as_user(None)
    for url in ["/api/v1/services/", f"/api/v1/services/{service.slug}/", "/api/v1/categories/", "/api/v1/skills/", "/api/v1/profiles/", "/api/v1/profiles/elena/", "/api/v1/profiles/elena/samples/", "/api/v1/profiles/elena/samples/budget-day/", "/api/v1/profiles/elena/services/", "/api/v1/profiles/elena/reviews/", f"/api/v1/services/{service.slug}/reviews/", "/api/v1/nope/", "/api/v1/me/", "/api/schema/", "/api/docs/", "/api/redoc/"]:
        r = api.get(url)
        print(url, r.status_code, r.content[:300])
    e = engagement_in("completed")
    api = as_user(hiring_client)
    for url in ["/api/v1/engagements/", f"/api/v1/engagements/{e.pk}/", f"/api/v1/engagements/{e.pk}/messages/", "/api/v1/me/", "/api/v1/me/services/"]:
        r = api.get(url)
        print(url, r.status_code, r.content[:600])
    r = api.post("/api/v1/reviews/", {"engagement": e.pk, "rating": 5, "text": "Great great great work, thanks!"})
    print(r.status_code, r.content)
    assert 0
