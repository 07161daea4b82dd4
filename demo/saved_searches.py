"""The demo client's saved searches, and a job alert for the seed freelancer.

Saved as the "Save this search" button saves them (through the search pages' filters), when
the demo is first loaded: their alerts announce what is published from then on, such as a
service published from the dashboard. Keyed by owner and name, so loading twice changes nothing.
"""

from accounts.models import User
from saved_searches import queries, saving
from saved_searches.models import SavedSearch

# (results page address, name, frequency)
CLIENT_SEARCHES = [
    ("/categories/articles-news/?q=news&sort=newest", "News writers", "daily"),
    ("/services/?q=translation&max_rate=40", "Translators under $40/hr", "weekly"),
]
FREELANCER_SEARCHES = [
    ("/jobs/?category=articles-news", "Article jobs", "instant"),
]


def load_demo_saved_searches(*, client: User, freelancer: User) -> list[SavedSearch]:
    searches = []
    for user, wanted in ((client, CLIENT_SEARCHES), (freelancer, FREELANCER_SEARCHES)):
        for url, name, frequency in wanted:
            search = SavedSearch.objects.filter(user=user, name=name).first()
            if search is None:
                kind, params = queries.query_from_results_url(url)
                search = saving.save_search(
                    user=user,
                    kind=kind.value,
                    query=queries.normalised_query(kind, params),
                    name=name,
                    frequency=frequency,
                )
            searches.append(search)
    return searches
