"""Staff read a job's files and a proposal's thread in the admin, and change neither there."""

import pytest
from django.urls import reverse

from jobs.models import JobAttachment
from tests.factories import ProposalMessageFactory

pytestmark = pytest.mark.django_db


def test_staff_read_a_proposals_thread_and_a_jobs_files(client, staff, proposal):
    ProposalMessageFactory(proposal=proposal, body="Can you start Monday?")
    JobAttachment.objects.create(
        job=proposal.job,
        file="job-attachments/x.pdf",
        name="brief.pdf",
        content_type="application/pdf",
        size=10,
    )
    client.force_login(staff)
    page = client.get(reverse("admin:jobs_proposal_change", args=[proposal.pk]))
    assert page.status_code == 200 and "Can you start Monday?" in page.content.decode()
    assert 'name="messages-0-body"' not in page.content.decode()  # read-only
    page = client.get(reverse("admin:jobs_jobpost_change", args=[proposal.job_id]))
    assert page.status_code == 200 and "brief.pdf" in page.content.decode()
