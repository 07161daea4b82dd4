"""Jobs and proposals: find work, post jobs, propose, and the client's decisions.

Every rule lives where the pages find it: lookups in `jobs.access`, validation in the forms
(through the serializers), steps in the workflows (`jobs.posting`, `.proposing`, `.hiring`,
`.inviting`), whose refusals answer with their own status and `code`.
"""

from collections.abc import Callable

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiRequest,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements.api.serializers import (
    EngagementDetailSerializer,
    MessageSerializer,
    MessageWriteSerializer,
)
from engagements.api.views import ThreadMessageListView
from engagements.models import Engagement
from jobs import access, attachments, hiring, inviting, posting, proposing, reading
from jobs.api.serializers import (
    AttachmentUploadSerializer,
    DeclineSerializer,
    InvitationSerializer,
    InvitationWriteSerializer,
    JobAttachmentSerializer,
    JobCreateSerializer,
    JobSerializer,
    JobWriteSerializer,
    ProposalSerializer,
    ProposalWriteSerializer,
    ReceivedInvitationSerializer,
)
from jobs.filters import JobFilter
from jobs.models import Invitation, JobAttachment, JobPost, Proposal, ProposalMessage
from marketplace.api.errors import ErrorSerializer
from marketplace.api.filtering import FilterBackend
from marketplace.api.steps import step_schema
from profiles.models import Profile

JOB_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The job's id.")
PROPOSAL_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The proposal's id.")
CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Not possible now: the job is closed or filled, or the proposal was already "
    "decided or withdrawn (`code`: `closed`, `wrong_state`, `duplicate`).",
)
REFUSED = OpenApiResponse(
    ErrorSerializer, description="Not yours to do (e.g. proposing on your own job: `own_job`)."
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="No such job or proposal, or not one you may see."
)
JOB_STEP_ERRORS = {404: NOT_FOUND, 409: CONFLICT}
JOB_EXAMPLE = OpenApiExample(
    "A fixed-price job",
    value={
        "title": "Five articles on local elections",
        "category": "articles-news",
        "brief": "Five articles of 800 words each for a regional paper's readers.",
        "budget_basis": "fixed",
        "budget_amount": "500.00",
        "currency": "USD",
        "skills": ["News Writing"],
    },
    request_only=True,
)
PROPOSAL_EXAMPLE = OpenApiExample(
    "A proposal",
    value={
        "cover_letter": "I have covered three elections for regional papers and can start Monday.",
        "price": "450.00",
        "basis": "fixed",
        "duration_days": 10,
        "service": "putin-and-xi-meet-against-backdrop",
        "samples": ["putin-and-xi-meet-against-backdrop"],
    },
    request_only=True,
)

# The skill filter goes through a many-to-many to the slug; its values are skill slugs.
extend_schema_field(OpenApiTypes.STR)(JobFilter.base_filters["skill"])


def _jobs():
    return JobPost.objects.select_related("client", "category").prefetch_related("skills")


def _proposals(user):
    """Proposals with what the serializer reads, and the user's unread messages in each."""
    return (
        Proposal.objects.select_related("job", "freelancer", "service", "engagement")
        .prefetch_related("samples__profile")
        .with_unread_count(user)
    )


def _job_response(request: Request, job: JobPost, *, status_code: int = 200) -> Response:
    data = JobSerializer(_jobs().get(pk=job.pk), context={"request": request}).data
    headers = {"Location": str(data["url"])} if status_code == 201 else None
    return Response(data, status=status_code, headers=headers)


def _proposal_response(request: Request, proposal: Proposal, *, status_code: int = 200):
    proposal = _proposals(request.user).get(pk=proposal.pk)
    data = ProposalSerializer(proposal, context={"request": request}).data
    headers = {"Location": str(data["url"])} if status_code == 201 else None
    return Response(data, status=status_code, headers=headers)


def _freelancer_of(request: Request) -> Profile:
    profile = Profile.objects.of(request.user)
    if profile is None:
        raise PermissionDenied(
            "Only freelancers send proposals: POST /api/v1/me/ to become one.",
            code="not_freelancer",
        )
    return profile


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_list",
        summary="Find work",
        description="Open jobs you may propose on (public ones, and invite-only ones you were "
        "invited to), with the job list's full-text search (`q`), filters and sort (newest "
        "first by default, most relevant first when searching). `min_budget`/`max_budget` "
        "compare the fixed budget, or the top hourly rate times the estimated hours. Invalid "
        "filter values answer 400 with the messages per parameter.",
    ),
    post=extend_schema(
        operation_id="jobs_create",
        summary="Post a job",
        description="Open at once, or a draft with `publish: false`. Any signed-in user.",
        request=JobCreateSerializer,
        responses={201: JobSerializer},
        examples=[JOB_EXAMPLE],
    ),
)
class JobListView(generics.ListCreateAPIView):
    serializer_class = JobSerializer
    filter_backends = [FilterBackend]
    filterset_class = JobFilter

    def get_queryset(self):
        return _jobs().filter(pk__in=JobPost.objects.findable_by(self.request.user).values("pk"))

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = JobCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        publish = data.pop("publish", True)
        skill_names = data.pop("skill_names")
        job = posting.post_job(
            job=JobPost(**data), client=request.user, skill_names=skill_names, publish=publish
        )
        return _job_response(request, job, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_mine_list",
        summary="Your jobs",
        description="Every job you posted, in any state, newest first.",
    )
)
class MyJobListView(generics.ListAPIView):
    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return _jobs().owned_by(self.request.user).order_by("-created_at", "-id")


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_retrieve",
        summary="A job",
        description="Open public jobs for anyone; invite-only ones for invited freelancers; "
        "any job for its client, for freelancers who proposed on it, and for staff.",
        parameters=[JOB_ID],
        responses={200: JobSerializer, 404: NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="jobs_partial_update",
        summary="Edit a job",
        description="Its client only, while it is a draft or open (409 once closed or filled).",
        parameters=[JOB_ID],
        request=JobWriteSerializer,
        responses={200: JobSerializer, 404: NOT_FOUND, 409: CONFLICT},
    ),
)
class JobDetailView(generics.GenericAPIView):
    serializer_class = JobSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, pk: int) -> Response:
        job = access.get_visible_job(request.user, pk)
        reading.mark_invitations_seen(job=job, reader=request.user)
        return _job_response(request, job)

    def patch(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        serializer = JobWriteSerializer(job, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        skill_names = data.pop("skill_names")
        for field, value in data.items():
            setattr(job, field, value)
        posting.edit_job(job=job, by=request.user, skill_names=skill_names)
        return _job_response(request, job)


class _JobStepView(APIView):
    permission_classes = [IsAuthenticated]
    step: str

    def post(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        job = getattr(posting, self.step)(job=job, by=request.user)
        return _job_response(request, job)


@step_schema(
    operation_id="jobs_publish",
    summary="Publish a draft (job → open)",
    description="Its client only; 409 unless it is a draft.",
    parameters=[JOB_ID],
    response=JobSerializer,
    errors=JOB_STEP_ERRORS,
)
class PublishJobView(_JobStepView):
    step = "publish_job"


@step_schema(
    operation_id="jobs_close",
    summary="Close a job (job → closed)",
    description="Its client only. A closed job takes no proposals, edits, files or hires; "
    "its proposals and their threads are frozen as they are. 409 once closed or filled.",
    parameters=[JOB_ID],
    response=JobSerializer,
    errors=JOB_STEP_ERRORS,
)
class CloseJobView(_JobStepView):
    step = "close_job"


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_proposals_list",
        summary="The job's proposals",
        description="Its client (and staff, read-only) only: the proposals side by side, with "
        "each freelancer's rating and completed engagements.",
        parameters=[JOB_ID],
        responses={200: ProposalSerializer(many=True), 404: NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="jobs_proposals_create",
        summary="Send a proposal",
        description="Freelancers only (403 `not_freelancer`), once per job (409 `duplicate`), "
        "never on your own job (403 `own_job`), only while it is open (409 `closed`); a "
        "limited number a day (429). A `service` or `samples` slug that is not one of yours "
        "names nothing (404).",
        parameters=[JOB_ID],
        request=ProposalWriteSerializer,
        responses={201: ProposalSerializer, 403: REFUSED, 404: NOT_FOUND, 409: CONFLICT},
        examples=[PROPOSAL_EXAMPLE],
    ),
)
class JobProposalListView(generics.ListCreateAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Proposal.objects.none()
        job = access.get_job_for_proposals(self.request.user, self.kwargs["pk"])
        reading.mark_proposals_seen(job=job, reader=self.request.user)
        return _proposals(self.request.user).filter(job=job).order_by("submitted_at", "id")

    def create(self, request: Request, pk: int) -> Response:
        job = access.get_visible_job(request.user, pk)
        profile = _freelancer_of(request)
        serializer = ProposalWriteSerializer(
            data=request.data, context={"form_kwargs": {"freelancer": profile, "job": job}}
        )
        serializer.is_valid(raise_exception=True)
        proposal = proposing.submit_proposal(
            job=job, freelancer=profile, **serializer.validated_data
        )
        return _proposal_response(request, proposal, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_proposals_mine_list",
        summary="Your proposals",
        description="The proposals you sent, newest first, in any state.",
    )
)
class MyProposalListView(generics.ListAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            _proposals(self.request.user).filter(freelancer__user=self.request.user).order_by("-id")
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_proposals_retrieve",
        summary="A proposal",
        description="Its freelancer, the job's client, and staff (read-only).",
        parameters=[PROPOSAL_ID],
        responses={200: ProposalSerializer, 404: NOT_FOUND},
    ),
    patch=extend_schema(
        operation_id="jobs_proposals_partial_update",
        summary="Edit your proposal",
        description="Its freelancer only, until the client decides and while the job is open "
        "(409 otherwise).",
        parameters=[PROPOSAL_ID],
        request=ProposalWriteSerializer,
        responses={200: ProposalSerializer, 404: NOT_FOUND, 409: CONFLICT},
    ),
)
class ProposalDetailView(generics.GenericAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, pk: int) -> Response:
        proposal = access.get_readable_proposal(request.user, pk)
        reading.mark_decision_seen(proposal=proposal, reader=request.user)
        return _proposal_response(request, proposal)

    def patch(self, request: Request, pk: int) -> Response:
        proposal = access.get_own_proposal(request.user, pk)
        serializer = ProposalWriteSerializer(
            proposal,
            data=request.data,
            partial=True,
            context={"form_kwargs": {"freelancer": proposal.freelancer, "job": proposal.job}},
        )
        serializer.is_valid(raise_exception=True)
        proposing.edit_proposal(proposal=proposal, by=request.user, **serializer.validated_data)
        return _proposal_response(request, proposal)


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_proposals_messages_list",
        summary="The proposal's messages",
        description="The private thread between the job's client and the freelancer (staff "
        "read it too), oldest first. Reading them marks them read for you.",
        parameters=[PROPOSAL_ID],
        responses={200: MessageSerializer(many=True), 404: NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="jobs_proposals_messages_create",
        summary="Write a message about a proposal",
        description="The job's client and the freelancer only (403 for staff). The thread is "
        "open while the job is open and the proposal undecided: closing the job freezes it, "
        "as does a decision or a withdrawal (409 `closed`). The other side is emailed; a "
        "limited number of messages in a few minutes (429).",
        parameters=[PROPOSAL_ID],
        request=MessageWriteSerializer,
        responses={201: MessageSerializer, 403: REFUSED, 404: NOT_FOUND, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A question", value={"body": "Could you start next Monday?"}, request_only=True
            )
        ],
    ),
)
class ProposalMessageListView(ThreadMessageListView):
    message_model = ProposalMessage

    def get_thread_to_read(self, request: Request, pk: int) -> Proposal:
        return access.get_readable_proposal(request.user, pk)

    def get_thread_to_write(self, request: Request, pk: int) -> Proposal:
        return access.get_proposal_to_message(request.user, pk)


class _ProposalStepView(APIView):
    """A step on one proposal: `lookup` finds it for the user (404 if it is not theirs to
    move), `step` moves it; the proposal comes back."""

    permission_classes = [IsAuthenticated]
    lookup: Callable[..., Proposal]
    step: Callable[..., object]
    request_serializer: type | None = None

    def post(self, request: Request, pk: int) -> Response:
        proposal = type(self).lookup(request.user, pk)
        options = {}
        if self.request_serializer is not None:
            serializer = self.request_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            options = serializer.validated_data
        type(self).step(proposal=proposal, by=request.user, **options)
        return _proposal_response(request, proposal)


@step_schema(
    operation_id="jobs_proposals_withdraw",
    summary="Withdraw your proposal (proposal → withdrawn)",
    description="Its freelancer only, until the client decides; 409 otherwise.",
    parameters=[PROPOSAL_ID],
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)
class WithdrawProposalView(_ProposalStepView):
    lookup = access.get_own_proposal
    step = proposing.withdraw_proposal


@step_schema(
    operation_id="jobs_proposals_shortlist",
    summary="Shortlist a proposal (proposal → shortlisted)",
    description="The job's client only; 409 unless it is submitted and the job open.",
    parameters=[PROPOSAL_ID],
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)
class ShortlistView(_ProposalStepView):
    lookup = access.get_proposal_to_decide
    step = hiring.shortlist


@step_schema(
    operation_id="jobs_proposals_decline",
    summary="Decline a proposal (proposal → declined)",
    description="The job's client only, with an optional reason the freelancer is emailed; "
    "409 once decided or withdrawn, or on a closed job.",
    parameters=[PROPOSAL_ID],
    request=DeclineSerializer,
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)
class DeclineView(_ProposalStepView):
    lookup = access.get_proposal_to_decide
    step = hiring.decline
    request_serializer = DeclineSerializer


@extend_schema_view(
    post=extend_schema(
        operation_id="jobs_proposals_hire",
        summary="Hire (proposal → hired, a new engagement → accepted)",
        description="The job's client only. Opens an engagement already accepted at the "
        "proposal's price, under the proposal's service; then deliver, complete and review it "
        "with the engagements endpoints. Unless the job allows several hires it becomes "
        "`filled` and the other undecided proposals are declined. 409 once decided or "
        "withdrawn, or on a closed or filled job.",
        parameters=[PROPOSAL_ID],
        request=None,
        responses={201: EngagementDetailSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
)
class HireView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        proposal = access.get_proposal_to_decide(request.user, pk)
        engagement = hiring.hire(proposal=proposal, by=request.user)
        engagement = (
            Engagement.objects.select_related("service", "client", "freelancer__user")
            .prefetch_related("reviews")
            .with_unread_count(request.user)
            .get(pk=engagement.pk)
        )
        data = EngagementDetailSerializer(engagement, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema_view(
    post=extend_schema(
        operation_id="jobs_invitations_create",
        summary="Invite a freelancer to propose",
        description="The job's client only, while it is open (409 `closed`); once per "
        "freelancer (409 `duplicate`). The invitation lets them see an invite-only job.",
        parameters=[JOB_ID],
        request=InvitationWriteSerializer,
        responses={201: InvitationSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
)
class InvitationView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        serializer = InvitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = inviting.invite(job=job, by=request.user, **serializer.validated_data)
        data = InvitationSerializer(invitation, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_invitations_mine_list",
        summary="Your invitations",
        description="The invitations to propose you received, newest first, with the job, "
        "its client and your proposal if you sent one. Reading them here marks none as seen "
        "(opening the job or the invitations page does). Empty for a user without a "
        "freelancer profile.",
    )
)
class MyInvitationListView(generics.ListAPIView):
    serializer_class = ReceivedInvitationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Invitation.objects.for_their_freelancer(self.request.user).select_related(
            "freelancer"
        )


ATTACHMENT_ID = OpenApiParameter(
    "attachment_pk", int, OpenApiParameter.PATH, description="The attachment's id."
)
ATTACHMENT_MEDIA_TYPES = ", ".join(sorted({*attachments.CONTENT_TYPES.values(), "image/webp"}))


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_attachments_list",
        summary="The job's files",
        description="For whoever may see the job (anonymous visitors too, on an open public "
        "job). Each file downloads from `download_url`, which asks the same rule.",
        parameters=[JOB_ID],
        responses={200: JobAttachmentSerializer(many=True), 404: NOT_FOUND},
    ),
    post=extend_schema(
        operation_id="jobs_attachments_create",
        summary="Attach a file to your job",
        description=f"{attachments.ATTACHMENT_RULES}. Checked by decoding it, as the job "
        "page's upload form does: a PDF must open and have a page, an image must decode "
        "within the pixel limit (it is stored re-encoded, without its metadata), and the "
        "file's name and content type must say what it holds. The job's client only, while "
        "it is a draft or open (409 `closed`); 409 `too_many` past the limit.",
        parameters=[JOB_ID],
        request={
            "multipart/form-data": OpenApiRequest(
                AttachmentUploadSerializer,
                encoding={"file": {"contentType": ATTACHMENT_MEDIA_TYPES}},
            )
        },
        responses={201: JobAttachmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    ),
)
class JobAttachmentListView(generics.ListCreateAPIView):
    serializer_class = JobAttachmentSerializer
    parser_classes = [MultiPartParser]
    pagination_class = None  # at most attachments.MAX_ATTACHMENTS

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return JobAttachment.objects.none()
        return access.get_visible_job(self.request.user, self.kwargs["pk"]).attachments.all()

    def create(self, request: Request, pk: int) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        job = access.get_owned_job(request.user, pk)
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = attachments.add_attachment(
            job=job, by=request.user, checked=serializer.validated_data["file"]
        )
        data = JobAttachmentSerializer(attachment, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema_view(
    get=extend_schema(
        operation_id="jobs_attachments_retrieve",
        summary="A file of the job",
        description="For whoever may see the job.",
        parameters=[JOB_ID, ATTACHMENT_ID],
        responses={200: JobAttachmentSerializer, 404: NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="jobs_attachments_destroy",
        summary="Remove a file from your job",
        description="The job's client only, while it is a draft or open (409 `closed`).",
        parameters=[JOB_ID, ATTACHMENT_ID],
        responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
    ),
)
class JobAttachmentDetailView(generics.GenericAPIView):
    serializer_class = JobAttachmentSerializer
    http_method_names = ["get", "delete", "head", "options"]

    def get(self, request: Request, pk: int, attachment_pk: int) -> Response:
        job = access.get_visible_job(request.user, pk)
        attachment = get_object_or_404(job.attachments, pk=attachment_pk)
        return Response(JobAttachmentSerializer(attachment, context={"request": request}).data)

    def delete(self, request: Request, pk: int, attachment_pk: int) -> Response:
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        job = access.get_owned_job(request.user, pk)
        attachment = get_object_or_404(job.attachments, pk=attachment_pk)
        attachments.remove_attachment(attachment=attachment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
