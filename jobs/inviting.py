"""A client inviting a freelancer to propose on one of their open jobs."""

from django.db import IntegrityError, transaction

from engagements.exceptions import ActionRefused
from jobs import notifications
from jobs.caching import job_listings_changed
from jobs.models import Invitation, JobPost
from jobs.posting import lock_job
from profiles.models import Profile


def invite(*, job: JobPost, freelancer: Profile, by, message: str = "") -> Invitation:
    """Invite `freelancer` to `job` (the client's own, open) and email them. Inviting the same
    freelancer twice is refused; an invitation is what shows them an invite-only job."""
    duplicate = ActionRefused(
        f"You have already invited {freelancer.display_name} to this job.", code="duplicate"
    )
    try:
        with transaction.atomic():
            locked = lock_job(job.pk)
            if not locked.is_owned_by(by):
                raise ActionRefused(
                    "You can only invite freelancers to your own jobs.", code="not_participant"
                )
            if freelancer.user_id == by.pk:
                raise ActionRefused("You cannot invite yourself.", code="own_job")
            if not locked.is_open:
                raise ActionRefused("Only an open job can take invitations.", code="closed")
            if locked.invitations.filter(freelancer=freelancer).exists():
                raise duplicate
            invitation = Invitation.objects.create(
                job=locked, freelancer=freelancer, message=message.strip()
            )
            notifications.send_invitation(invitation=invitation)
            job_listings_changed()  # an invite-only job now counts for the invited
    except IntegrityError as error:
        raise duplicate from error
    return invitation
