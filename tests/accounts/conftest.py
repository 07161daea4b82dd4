import pytest
from django.core.files.base import ContentFile

from favourites.models import Favourite
from jobs.models import JobAttachment
from profiles import uploads
from saved_searches.models import SavedSearch
from tests.factories import (
    ClientReviewFactory,
    CompletedEngagementFactory,
    MessageFactory,
    ProposalFactory,
    ProposalMessageFactory,
    ReviewFactory,
)
from tests.upload_files import jpeg_bytes, pdf_bytes, upload
from uploads.images import avatar_version


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a function (a request, a workflow) and run what waits for its commit: the
    outbox's emails, allauth's signals after a second factor is added, queued tasks."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def worked_together(freelancer, profile, service, sample, hiring_client, outsider, job):
    """Elena (freelancer, with pictures and a resume) and Sam (client) worked together: a
    completed engagement with messages both ways and reviews both ways, Sam's job with a
    brief attached and Elena's proposal on it; each has favourites and a saved search. Oscar
    hired Elena too, privately."""
    uploads.replace_avatar(profile=profile, avatar=avatar_version(upload("me.jpg", jpeg_bytes())))
    uploads.replace_resume(profile=profile, resume=pdf_bytes())
    profile.refresh_from_db()
    engagement = CompletedEngagementFactory(service=service, client=hiring_client)
    MessageFactory(engagement=engagement, sender=hiring_client, body="Sam asks: Tuesday?")
    MessageFactory(engagement=engagement, sender=freelancer, body="Elena answers: Tuesday.")
    ReviewFactory(
        engagement=engagement,
        service=service,
        author=hiring_client,
        text="Sam says: Elena wrote a clear piece.",
    )
    ClientReviewFactory(engagement=engagement, text="Elena says: Sam briefs well.")
    attachment = JobAttachment.objects.create(
        job=job,
        file=ContentFile(pdf_bytes(), name="brief.pdf"),
        name="brief.pdf",
        content_type="application/pdf",
        size=100,
    )
    proposal = ProposalFactory(job=job, service=service)
    ProposalMessageFactory(proposal=proposal, body="Elena proposes: a Monday start.")
    Favourite.objects.create(user=hiring_client, service=service)
    Favourite.objects.create(user=freelancer, job=job)
    SavedSearch.objects.create(
        user=hiring_client, kind="services", name="Sam's news search", query={"q": "news"}
    )
    SavedSearch.objects.create(
        user=freelancer, kind="jobs", name="Elena's job alert", query={"q": "elections"}
    )
    private = CompletedEngagementFactory(
        service=service, client=outsider, what="Oscar's private brief"
    )
    MessageFactory(engagement=private, sender=outsider, body="Oscar's private message")
    return {
        "engagement": engagement,
        "attachment": attachment,
        "proposal": proposal,
        "elenas_files": [profile.avatar.name, profile.resume.name],
        "sams_files": [attachment.file.name],
    }
