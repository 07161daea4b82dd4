from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from engagements.exceptions import ActionRefused
from jobs import (
    access,
    attachments,
    cards,
    hiring,
    inviting,
    posting,
    proposing,
    reading,
    structured_data,
)
from jobs.caching import JOB_LISTINGS, JOB_PAGES
from jobs.filters import JobFilter, facets_for, reader_scope
from jobs.forms import AttachmentForm, DeclineForm, InvitationForm, JobPostForm, ProposalForm
from jobs.models import Invitation, JobPost, Proposal
from marketplace import pagecache
from marketplace.pagecache import cache_public_page
from marketplace.ratelimits import RateLimitExceeded
from marketplace.refusals import Refused
from messaging import threads
from messaging.forms import MessageForm
from messaging.views import post_to_thread
from profiles.models import Profile

JOBS_PER_PAGE = 20
DECISIONS = {"shortlist", "decline", "hire"}


@cache_public_page(version=JOB_PAGES)
def job_list(request: HttpRequest) -> HttpResponse:
    """Open jobs a freelancer may propose on, searched and filtered like services."""
    filterset = JobFilter(
        request.GET, queryset=JobPost.objects.findable_by(request.user), request=request
    )
    filterset.is_valid()  # invalid filters are ignored, and the panel says why
    facets = SimpleLazyObject(lambda: facets_for(filterset, request.user))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        # Read once through iter(): a template loop, or list() itself, would first count a
        # query's choices with a second query.
        "category_choices": SimpleLazyObject(
            lambda: list(iter(filterset.form.fields["category"].choices))
        ),
        "category_facets": SimpleLazyObject(lambda: facets.categories),
        "skill_facets": SimpleLazyObject(lambda: facets.skills),
        # Selected skills stay checked even when they are not among the most asked for.
        "selected_skills": filterset.form.cleaned_data.get("skill") or [],
        "query": (filterset.form.cleaned_data.get("q") or "").strip(),
    }

    def read_page(total: int) -> tuple[int, list[int]]:
        # The page's ids in the list's order, then its cards: the sort carries narrow rows.
        paginator = Paginator(filterset.qs.values_list("pk", flat=True), JOBS_PER_PAGE)
        # The facets counted every result (and are cached): no second COUNT(*).
        paginator.count = total
        page = paginator.get_page(request.GET.get("page"))
        return page.number, list(page.object_list)

    # Kept per reader too (the facets' scope): invite-only jobs make one reader's counts
    # differ from another's.
    panel, total, exact, (number, ids) = pagecache.kept_list(
        request,
        f"{JOB_LISTINGS.current()}:{reader_scope(request.user)}",
        "jobs/includes/filter_panel.html",
        context,
        facets,
        read_page,
    )
    paginator = Paginator((), JOBS_PER_PAGE)
    paginator.count = total
    page = paginator.page(number)
    page.object_list = cards.card_rows(ids)
    context |= {"filter_panel": panel, "page": page, "counts_exact": exact}
    return render(request, "jobs/job_list.html", context)


@cache_public_page(version=JOB_PAGES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_visible_job(request.user, pk)
    return _render_detail(request, job)


def _render_detail(
    request: HttpRequest,
    job: JobPost,
    *,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = Profile.objects.of(request.user)
    own_proposal = job.proposals.filter(freelancer=profile).first() if profile else None
    if profile:
        reading.mark_invitations_seen(job=job, reader=request.user)
    is_owner = job.is_owned_by(request.user)
    context = {
        "job": job,
        "skills": list(job.skills.all()),
        "attachments": list(job.attachments.all()),
        "attachment_form": attachment_form or AttachmentForm(),
        "is_owner": is_owner,
        "own_proposal": own_proposal,
        "can_propose": job.is_open and own_proposal is None and not is_owner,
        "proposal_count": job.proposals.count() if is_owner else None,
        "structured_data": structured_data.job_posting_data(job) if job.is_listed else None,
    }
    return render(request, "jobs/job_detail.html", context, status=status)


@login_required
@require_POST
def add_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_owned_job(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, job, attachment_form=form, status=400)
    return _act(
        request,
        lambda: attachments.add_attachment(
            job=job, by=request.user, checked=form.cleaned_data["file"]
        ),
        "File attached.",
        job,
    )


@login_required
@require_POST
def remove_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    job = access.get_owned_job(request.user, pk)
    attachment = get_object_or_404(job.attachments, pk=attachment_pk)
    return _act(
        request,
        lambda: attachments.remove_attachment(attachment=attachment, by=request.user),
        "File removed.",
        job,
    )


# Private downloads: no browser or proxy keeps a copy (marketplace/private_responses.py).
@cache_control(private=True, no_store=True)
def download_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A job's file for whoever may see the job, always as a download, never inline."""
    job = access.get_visible_job(request.user, pk)
    attachment = get_object_or_404(job.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_jobs(request: HttpRequest) -> HttpResponse:
    """The client's jobs, newest first, with how many proposals wait for a decision."""
    jobs = JobPost.objects.owned_by(request.user).with_proposal_counts().order_by("-created_at")
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "jobs/my_jobs.html", {"page": page})


@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    """The freelancer's proposals, newest first, with unread messages and unseen decisions."""
    proposals = Proposal.objects.for_their_freelancer(request.user)
    page = Paginator(proposals, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "jobs/my_proposals.html", {"page": page})


@login_required
def my_invitations(request: HttpRequest) -> HttpResponse:
    """The invitations the signed-in freelancer received, newest first. Those on the page are
    seen once shown (as opening the job marks them); this visit still shows them as new."""
    invitations = Invitation.objects.for_their_freelancer(request.user)
    page = Paginator(invitations, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    reading.mark_listed_invitations_seen(invitations=page.object_list, reader=request.user)
    return render(request, "jobs/my_invitations.html", {"page": page})


@login_required
def post_job(request: HttpRequest) -> HttpResponse:
    form = JobPostForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            publish = "save_draft" not in request.POST
            job = posting.post_job(
                job=form.save(commit=False),
                client=request.user,
                skill_names=form.cleaned_data["skill_names"],
                publish=publish,
            )
            messages.success(request, "Job posted." if publish else "Draft saved.")
            return redirect(job)
        return _render_job_form(request, form, job=None, status=400)
    return _render_job_form(request, form, job=None)


@login_required
def edit_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_owned_job(request.user, pk)
    form = JobPostForm(request.POST or None, instance=job)
    if request.method == "POST":
        if not form.is_valid():
            return _render_job_form(request, form, job=job, status=400)
        try:
            posting.edit_job(
                job=form.save(commit=False),
                by=request.user,
                skill_names=form.cleaned_data["skill_names"],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
            return _render_job_form(request, form, job=job, status=refusal.status_code)
        messages.success(request, "Job saved.")
        return redirect(job)
    return _render_job_form(request, form, job=job)


@login_required
@require_POST
def publish_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_owned_job(request.user, pk)
    return _act(
        request, lambda: posting.publish_job(job=job, by=request.user), "Job published.", job
    )


@login_required
@require_POST
def close_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_owned_job(request.user, pk)
    return _act(
        request,
        lambda: posting.close_job(job=job, by=request.user),
        "Job closed: it takes no more proposals.",
        job,
    )


@login_required
def proposals(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's proposals side by side: only its client, and staff (read-only)."""
    job = access.get_job_for_proposals(request.user, pk)
    seen_before = job.proposals_seen_at  # what is new on this visit stays marked new
    reading.mark_proposals_seen(job=job, reader=request.user)
    context = {
        "job": job,
        "seen_before": seen_before,
        "proposals": job.proposals.for_comparison()
        .with_unread_count(request.user)
        .order_by("status", "submitted_at", "id"),
        "is_owner": job.is_owned_by(request.user),
        "decline_form": DeclineForm(),
    }
    return render(request, "jobs/proposals.html", context)


@login_required
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_visible_job(request.user, pk)
    profile = Profile.objects.of(request.user)
    if profile is None:
        messages.error(request, "Create your freelancer profile and a service to send proposals.")
        return redirect(job)
    existing = job.proposals.filter(freelancer=profile).first()
    if existing:
        return redirect(existing)
    form = ProposalForm(request.POST or None, freelancer=profile, job=job)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                proposal = proposing.submit_proposal(
                    job=job, freelancer=profile, **form.workflow_arguments()
                )
            except (ActionRefused, RateLimitExceeded) as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status_code
            else:
                messages.success(request, "Proposal sent. The client will get an email.")
                return redirect(proposal)
    context = {"job": job, "form": form, "proposal": None}
    return render(request, "jobs/proposal_form.html", context, status=status)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_readable_proposal(request.user, pk)
    threads.mark_read(thread=proposal, reader=request.user)
    reading.mark_decision_seen(proposal=proposal, reader=request.user)
    return _render_proposal(request, proposal)


@login_required
@require_POST
def post_proposal_message(request: HttpRequest, pk: int) -> HttpResponse:
    """A message in the proposal's private thread, as in an engagement's."""
    proposal = access.get_proposal_to_message(request.user, pk)
    return post_to_thread(
        request,
        proposal,
        rerender=lambda form, status: _render_proposal(
            request, proposal, message_form=form, status=status
        ),
    )


def _render_proposal(
    request: HttpRequest,
    proposal: Proposal,
    *,
    message_form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "proposal": proposal,
        "job": proposal.job,
        "is_author": proposal.freelancer.user_id == request.user.pk,
        "is_client": proposal.job.is_owned_by(request.user),
        "decline_form": DeclineForm(),
        "side": proposal.side_of(request.user),
        "thread": proposal.messages.all(),
        "message_form": message_form or MessageForm(),
        "can_write": threads.can_write(thread=proposal, user=request.user),
        "closed_reason": proposal.thread_closed_reason(),
    }
    return render(request, "jobs/proposal_detail.html", context, status=status)


@login_required
def edit_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_own_proposal(request.user, pk)
    form = ProposalForm(
        request.POST or None, instance=proposal, freelancer=proposal.freelancer, job=proposal.job
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                proposing.edit_proposal(
                    proposal=proposal, by=request.user, **form.workflow_arguments()
                )
            except ActionRefused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status_code
            else:
                messages.success(request, "Proposal updated.")
                return redirect(proposal)
    context = {"job": proposal.job, "form": form, "proposal": proposal}
    return render(request, "jobs/proposal_form.html", context, status=status)


@login_required
@require_POST
def withdraw_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.get_own_proposal(request.user, pk)
    return _act(
        request,
        lambda: proposing.withdraw_proposal(proposal=proposal, by=request.user),
        "Proposal withdrawn.",
        proposal,
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in DECISIONS:
        raise Http404("No such action.")
    proposal = access.get_proposal_to_decide(request.user, pk)
    back = proposal.job.get_absolute_url() + "proposals/"
    if action == "decline":
        form = DeclineForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["reason"]))
            return redirect(back)
        reason = form.cleaned_data["reason"]
        return _act(
            request,
            lambda: hiring.decline(proposal=proposal, by=request.user, reason=reason),
            f"Proposal from {proposal.freelancer.display_name} declined.",
            back,
        )
    if action == "shortlist":
        return _act(
            request,
            lambda: hiring.shortlist(proposal=proposal, by=request.user),
            f"{proposal.freelancer.display_name} is on your shortlist.",
            back,
        )
    try:
        engagement = hiring.hire(proposal=proposal, by=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(back)
    messages.success(
        request,
        f"You hired {proposal.freelancer.display_name}. The engagement is accepted and ready "
        "to start.",
    )
    return redirect(engagement)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Invite a freelancer (by profile) to one of the signed-in client's open jobs."""
    freelancer = get_object_or_404(Profile.objects.select_related("user"), slug=slug)
    form = InvitationForm(request.POST or None, client=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                inviting.invite(
                    job=form.cleaned_data["job"],
                    freelancer=freelancer,
                    by=request.user,
                    message=form.cleaned_data["message"],
                )
            except ActionRefused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status_code
            else:
                messages.success(request, f"{freelancer.display_name} is invited.")
                return redirect(freelancer)
    context = {
        "freelancer": freelancer,
        "form": form,
        "has_open_jobs": form.fields["job"].queryset.exists(),
    }
    return render(request, "jobs/invite.html", context, status=status)


def _render_job_form(request, form: JobPostForm, *, job: JobPost | None, status: int = 200):
    return render(request, "jobs/job_form.html", {"form": form, "job": job}, status=status)


def _act(request: HttpRequest, step, success: str, redirect_to) -> HttpResponse:
    """Run a workflow step for a button: its message on success, the refusal's otherwise."""
    try:
        step()
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success)
    return redirect(redirect_to)
