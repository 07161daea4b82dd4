"""Search ranks the demo catalogue as a client would: NDCG@10 over a judged set of queries.

`relevance_judgements.toml` grades, query by query, what a client would want first. Each test
loads the demo catalogue, searches as the search page does (relevance, the first page) and
scores the first ten results against the grades. Run with `-s` to print the per-query table.
"""

import math
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from demo import seed
from services.filters import ServiceFilter
from services.models import Service

pytestmark = pytest.mark.django_db

JUDGEMENTS = Path(__file__).with_name("relevance_judgements.toml")
CUTOFF = 10
# The mean NDCG@10 each database must keep. PostgreSQL's full-text search is the one in
# production; SQLite's word match (services.search) is the quick local stand-in, with no
# stemming: "testing" does not find "tests".
NDCG_FLOOR = {"postgresql": 0.9, "sqlite": 0.85}


def judged_queries() -> list[tuple[str, dict[str, int]]]:
    with JUDGEMENTS.open("rb") as file:
        return [(query["text"], query["grades"]) for query in tomllib.load(file)["query"]]


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg(ranked: list[str], grades: dict[str, int], *, cutoff: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain of the first `cutoff` of `ranked` (slugs)."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:cutoff])
    return dcg([grades.get(slug, 0) for slug in ranked[:cutoff]]) / ideal


def first_page(text: str) -> list[str]:
    """The slugs of the first results the search page shows for `text`, in order."""
    filterset = ServiceFilter({"q": text}, queryset=Service.objects.published())
    ids = list(filterset.ordered_results()[:CUTOFF])
    ids = [item if isinstance(item, int) else item.pk for item in ids]
    slugs = dict(Service.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_ndcg_is_one_for_the_ideal_order_and_less_for_a_worse_one():
    grades = {"a": 3, "b": 1}
    assert ndcg(["a", "b", "x"], grades) == 1
    assert ndcg(["b", "a"], grades) < 1
    assert ndcg(["x", "b", "a"], grades) < ndcg(["b", "a"], grades)


def test_the_judged_set_has_thirty_queries_or_more_over_published_services(demo):
    queries = judged_queries()
    assert len(queries) >= 30
    published = set(Service.objects.published().values_list("slug", flat=True))
    for text, grades in queries:
        assert set(grades) <= published, f"{text}: unknown {set(grades) - published}"
        assert all(grade in (1, 2, 3) for grade in grades.values()), text


def test_search_ranks_the_demo_catalogue_as_a_client_would(demo):
    scores = {text: ndcg(first_page(text), grades) for text, grades in judged_queries()}
    mean = sum(scores.values()) / len(scores)
    table = "\n".join(f"{score:.3f}  {text}" for text, score in scores.items())
    print(f"\nNDCG@{CUTOFF} on {connection.vendor}: {mean:.3f}\n{table}")
    assert mean >= NDCG_FLOOR[connection.vendor], table


def test_the_seed_service_shows_for_news_writing_below_the_reviewed_writers(demo):
    results = first_page("news writing")
    assert seed.SEED_SERVICE_SLUG in results
    seed_position = results.index(seed.SEED_SERVICE_SLUG)
    reviewed = Service.objects.filter(slug__in=results, review_count__gt=0)
    for slug in reviewed.values_list("slug", flat=True):
        assert results.index(slug) < seed_position, f"{slug} ranks below the seed service"
