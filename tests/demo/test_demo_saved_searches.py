import pytest
from django.urls import reverse

from demo import seed
from saved_searches.models import SavedSearch

pytestmark = pytest.mark.django_db


def test_the_demo_client_has_saved_searches_that_run(client):
    seed.load_demo()
    searches = SavedSearch.objects.filter(user__email=seed.CLIENT.email)

    assert searches.count() == 2
    client.force_login(searches[0].user)
    page = client.get(reverse("saved_searches:list")).content.decode()
    for search in searches:
        assert search.name in page
        assert client.get(search.get_absolute_url()).status_code == 200
    assert SavedSearch.objects.filter(kind="jobs", user__email=seed.FREELANCER.email).exists()


def test_loading_the_demo_twice_changes_no_saved_search():
    seed.load_demo()
    before = list(SavedSearch.objects.order_by("pk").values())
    seed.load_demo()
    assert list(SavedSearch.objects.order_by("pk").values()) == before
