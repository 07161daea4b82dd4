"""The writing aspects' columns, filters and fields are written out in the bodies that own
them; these checks keep each list in step with `ratings.aspects.ASPECTS`."""

import pytest

from profiles.models import Profile
from ratings.api.serializers import SubRatingAveragesSerializer
from ratings.aspects import ASPECTS
from ratings.models import WritingAspectAverages
from reviews.api.serializers import SubRatingFields
from reviews.models import Review
from services.filters import SubRatingFilters
from services.models import Service


def test_a_review_has_one_rating_column_per_aspect():
    columns = {field.name for field in Review._meta.get_fields() if field.name.endswith("_rating")}
    assert columns == {aspect.rating_field for aspect in ASPECTS}


def test_the_stored_figures_are_an_average_and_a_count_per_aspect():
    columns = {field.name for field in WritingAspectAverages._meta.get_fields()}
    assert columns == {
        name for aspect in ASPECTS for name in (aspect.average_field, aspect.count_field)
    }


@pytest.mark.parametrize("model", [Service, Profile])
def test_services_and_profiles_store_the_aspect_figures(model):
    assert issubclass(model, WritingAspectAverages)


def test_the_search_filters_offer_a_minimum_per_aspect():
    assert set(SubRatingFilters.declared_filters) == {aspect.filter_name for aspect in ASPECTS}


def test_the_api_reads_and_writes_every_aspect():
    assert set(SubRatingFields().fields) == {aspect.rating_field for aspect in ASPECTS}
    assert set(SubRatingAveragesSerializer().fields) == {aspect.key for aspect in ASPECTS}
