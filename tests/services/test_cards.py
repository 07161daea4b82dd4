"""Service cards come from the cache, keyed by what they show: never stale, never shared
between visitors where they differ (the save button)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from favourites.saving import save_favourite
from profiles.models import Profile
from services.cards import SERVICE_CARD
from services.models import Category, Service

pytestmark = pytest.mark.django_db

SENTINEL = '<article class="card">Drawn by the cache</article><!--save-button-->'


def _plant_cached_card(service: Service) -> None:
    """Put a card of our own under the key the list will ask for."""
    loaded = Service.objects.for_cards().get(pk=service.pk)
    cache.set(SERVICE_CARD.keys([loaded])[0], SENTINEL)


def test_a_list_draws_the_cached_card_of_a_service(client, service):
    _plant_cached_card(service)
    page = client.get(reverse("services:list")).content.decode()
    assert "Drawn by the cache" in page
    assert service.title not in page


@pytest.mark.parametrize(
    "change",
    [
        lambda s: Service.objects.filter(pk=s.pk).update(title="A brand-new title"),
        lambda s: Service.objects.filter(pk=s.pk).update(review_count=3, rating_average=4.5),
        lambda s: Service.objects.filter(pk=s.pk).update(hourly_rate=99),
        lambda s: Service.objects.filter(pk=s.pk).update(per_word_rate="0.08"),
        lambda s: Service.objects.filter(pk=s.pk).update(package_price_from=40),
        lambda s: Service.objects.filter(pk=s.pk).update(language_pair_keys="de:en"),
        lambda s: Profile.objects.filter(pk=s.owner_id).update(display_name="Elena M."),
        lambda s: Profile.objects.filter(pk=s.owner_id).update(banner="banners/new.jpg"),
        lambda s: Category.objects.filter(pk=s.category_id).update(name="Feature Articles"),
    ],
    ids=[
        "title",
        "reviews",
        "rate",
        "per-word rate",
        "cheapest package",
        "language pairs",
        "freelancer's name",
        "banner",
        "category name",
    ],
)
def test_any_change_to_what_a_card_shows_draws_it_anew(client, service, change):
    # Even a change made behind the workflows' back: the key is what the card shows.
    _plant_cached_card(service)
    change(service)
    page = client.get(reverse("services:list")).content.decode()
    assert "Drawn by the cache" not in page
    assert 'class="card service-card"' in page


def test_the_save_button_is_each_visitors_own_on_a_cached_card(
    client, as_user, service, hiring_client
):
    anonymous = client.get(reverse("services:list")).content.decode()  # caches the card
    assert "Save" not in anonymous.split(service.title, 1)[1].split("</article>", 1)[0]
    save_favourite(user=hiring_client, target=service)
    signed_in = as_user(hiring_client).get(reverse("services:list")).content.decode()
    card = signed_in.split(f'id="service-{service.pk}"', 1)
    assert len(card) == 2  # the button, with the id it comes back to
    assert 'aria-pressed="true"' in card[1].split("</form>", 1)[0]


def _rows(*services: Service) -> list:
    """What a list reads for its cards (a search page, the home page, a service's others)."""
    return list(Service.objects.filter(pk__in=[s.pk for s in services]).card_rows())


def test_a_card_drawn_from_a_row_is_the_card_drawn_from_its_service(service):
    Profile.objects.filter(pk=service.owner_id).update(
        avatar="avatars/elena.jpg", avatar_thumbnail="avatars/elena-64.jpg", banner="b/e.jpg"
    )
    Service.objects.filter(pk=service.pk).update(per_word_rate="0.08", language_pair_keys="de:en")
    loaded = Service.objects.for_cards().get(pk=service.pk)

    (row,) = _rows(service)

    assert SERVICE_CARD.keys([row]) == SERVICE_CARD.keys([loaded])
    assert SERVICE_CARD.render([row])[0].before == SERVICE_CARD.render([loaded])[0].before


def test_a_list_loads_services_only_for_the_cards_the_cache_lacks(
    service, django_assert_num_queries
):
    rows = _rows(service)
    with django_assert_num_queries(1):  # the service, its owner and category: drawn and kept
        (drawn,) = SERVICE_CARD.render(rows)
    with django_assert_num_queries(0):
        (kept,) = SERVICE_CARD.render(rows)
    assert service.title in kept.before
    assert (kept.before, kept.after, kept.id) == (drawn.before, drawn.after, drawn.id)


def test_a_row_read_before_its_service_changed_is_drawn_as_the_service_is_now(
    service, django_assert_num_queries
):
    rows = _rows(service)
    Service.objects.filter(pk=service.pk).update(title="A brand-new title")

    (card,) = SERVICE_CARD.render(rows)

    assert "A brand-new title" in card.before
    with django_assert_num_queries(1):  # the new row only: its card was kept under what it shows
        (again,) = SERVICE_CARD.render(_rows(service))
    assert again.before == card.before


def test_a_row_whose_service_is_gone_has_no_card(service):
    rows = _rows(service)
    service.delete()

    assert SERVICE_CARD.render(rows) == []


def test_a_save_button_on_a_card_drawn_from_a_row_names_its_service(service):
    (card,) = SERVICE_CARD.render(_rows(service))

    assert isinstance(card.target, Service)
    assert (card.target.pk, card.target.title) == (service.pk, service.title)
