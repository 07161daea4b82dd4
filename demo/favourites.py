"""The demo accounts' favourites: the client's shortlist of services and freelancers, and the
seed freelancer's saved jobs, so the favourites page and the save buttons show something.

Chosen by fixed rules from the catalogue (best rated first, then by slug), and saved with
the same workflow as the pages' buttons; loading twice changes nothing.
"""

from accounts.models import User
from demo import generator, seed
from favourites.saving import save_favourite
from jobs.models import JobPost
from services.models import Service

CLIENT_SERVICES = 3
CLIENT_FREELANCERS = 2
FREELANCER_JOBS = 2


def load_demo_favourites() -> int:
    """Save the demo favourites; returns how many the demo accounts have."""
    client = User.objects.get(email=seed.CLIENT.email)
    freelancer = User.objects.get(email=seed.FREELANCER.email)
    curated = (
        Service.objects.published()
        .exclude(owner__user__email__endswith=f"@{generator.GENERATED_EMAIL_DOMAIN}")
        .exclude(owner__user=freelancer)
        .select_related("owner")
        .order_by("-rating_score", "slug")
    )
    services = list(curated[:CLIENT_SERVICES])
    freelancers = [service.owner for service in curated[CLIENT_SERVICES:]]
    targets = [
        *((client, service) for service in services),
        *((client, profile) for profile in _distinct(freelancers)[:CLIENT_FREELANCERS]),
        *(
            (freelancer, job)
            for job in JobPost.objects.findable_by(freelancer)
            .exclude(proposals__freelancer__user=freelancer)
            .order_by("title")[:FREELANCER_JOBS]
        ),
    ]
    for user, target in targets:
        save_favourite(user=user, target=target)
    return len(targets)


def _distinct(items: list) -> list:
    return list(dict.fromkeys(items))
