"""Dashboard lists run a fixed number of queries, whether they show one item or many."""

import pytest
from django.urls import reverse

from tests.factories import ServiceFactory, SkillFactory, WritingSampleFactory

MANY = 30


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def add_services(owner, count: int) -> None:
    skill = SkillFactory()
    owner.skills.add(skill)
    for _ in range(count):
        ServiceFactory(owner=owner, skills=[skill])


def add_samples(owner, count: int) -> None:
    services = list(owner.services.all())
    for _ in range(count):
        WritingSampleFactory(profile=owner).services.set(services)


@pytest.mark.parametrize("extra", [0, MANY])
def test_the_service_list_runs_a_fixed_number_of_queries(
    signed_in, owner, django_assert_max_num_queries, extra
):
    add_services(owner, extra)
    with django_assert_max_num_queries(5):
        page = signed_in.get(reverse("dashboard:services"))
    assert len(page.context["page"].object_list) == 1 + extra


@pytest.mark.parametrize("extra", [0, MANY])
def test_the_sample_list_runs_a_fixed_number_of_queries(
    signed_in, owner, django_assert_max_num_queries, extra
):
    add_services(owner, 3)
    add_samples(owner, extra)
    with django_assert_max_num_queries(5):
        page = signed_in.get(reverse("dashboard:samples"))
    assert len(page.context["samples"]) == 1 + extra


@pytest.mark.parametrize("extra", [0, MANY])
def test_the_dashboard_home_runs_a_fixed_number_of_queries(
    signed_in, owner, django_assert_max_num_queries, extra
):
    add_services(owner, extra)
    add_samples(owner, extra)
    # Seven of ours, plus those of the engagements summary and the jobs panels (two for the
    # news: tests/jobs/test_reading.py pins them) that the hiring apps include.
    with django_assert_max_num_queries(13):
        signed_in.get(reverse("dashboard:home"))


@pytest.mark.parametrize("extra", [0, MANY])
def test_the_service_form_runs_a_fixed_number_of_queries(
    signed_in, owner, leaf_category, django_assert_max_num_queries, extra
):
    for n in range(extra):
        SkillFactory(name=f"Suggested {n}")
    service = owner.services.get()
    # 8: the 7 before language pairs, and the freelancer's pairs for the form's choices.
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("dashboard:service_edit", kwargs={"slug": service.slug}))
