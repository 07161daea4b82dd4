import pytest
from django.core.management import call_command

from jobs.models import JobPost, Proposal

pytestmark = pytest.mark.django_db


def test_the_generator_adds_open_jobs_with_proposals_the_site_could_make(client):
    call_command("load_demo", population=12, jobs=40, seed=7, verbosity=0)
    generated = JobPost.objects.exclude(client__email="client@example.com")
    assert generated.count() == 40
    assert all(job.is_listed for job in generated)
    assert JobPost.skills.through.objects.filter(jobpost__in=generated).exists()
    proposals = Proposal.objects.filter(job__in=generated).select_related("job", "service")
    assert proposals.exists()
    for proposal in proposals:
        assert proposal.service.owner_id == proposal.freelancer_id
        assert proposal.job.client_id != proposal.freelancer.user_id
        assert proposal.basis == proposal.job.budget_basis
    # The list finds them, searched or not.
    response = client.get("/jobs/", {"q": "articles"})
    assert response.status_code == 200
    assert client.get("/jobs/").context["page"].paginator.count == 40 + 12
