"""Jobs and proposals: find work, post jobs, propose, and the client's decisions.

Every rule lives where the pages find it: lookups in `jobs.access`, validation in the forms
(through the serializers), steps in the workflows (`jobs.posting`, `.proposing`, `.hiring`,
`.inviting`), whose refusals answer with their own status and `code`.
"""

from collections.abc import Callable

from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from engagements.api.serializers import EngagementDetailSerializer
from engagements.api.views import ThreadMessageListView
from engagements.models import Engagement
from jobs import access, attachments, hiring, inviting, posting, proposing, reading
from jobs.api import schema
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
from marketplace.api.filtering import FilterBackend
from marketplace.api.responses import created
from profiles.models import Profile


def _jobs():
    return JobPost.objects.select_related("client", "category").prefetch_related("skills")


def _proposals(user):
    """Proposals with what the serializer reads, and the user's unread messages in each."""
    return (
        Proposal.objects.select_related("job", "freelancer", "service", "engagement")
        .prefetch_related("samples__profile")
        .with_unread_count(user)
    )


def _job_data(request: Request, job: JobPost) -> dict:
    return JobSerializer(_jobs().get(pk=job.pk), context={"request": request}).data


def _proposal_data(request: Request, proposal: Proposal) -> dict:
    proposal = _proposals(request.user).get(pk=proposal.pk)
    return ProposalSerializer(proposal, context={"request": request}).data


def _freelancer_of(request: Request) -> Profile:
    profile = Profile.objects.of(request.user)
    if profile is None:
        raise PermissionDenied(
            "Only freelancers send proposals: POST /api/v1/me/ to become one.",
            code="not_freelancer",
        )
    return profile


@schema.job_list
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
        return created(_job_data(request, job))


@schema.my_job_list
class MyJobListView(generics.ListAPIView):
    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return _jobs().owned_by(self.request.user).order_by("-created_at", "-id")


@schema.job_detail
class JobDetailView(generics.GenericAPIView):
    serializer_class = JobSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, pk: int) -> Response:
        job = access.get_visible_job(request.user, pk)
        reading.mark_invitations_seen(job=job, reader=request.user)
        return Response(_job_data(request, job))

    def patch(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        serializer = JobWriteSerializer(job, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        skill_names = data.pop("skill_names")
        for field, value in data.items():
            setattr(job, field, value)
        posting.edit_job(job=job, by=request.user, skill_names=skill_names)
        return Response(_job_data(request, job))


class _JobStepView(APIView):
    permission_classes = [IsAuthenticated]
    step: str

    def post(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        job = getattr(posting, self.step)(job=job, by=request.user)
        return Response(_job_data(request, job))


@schema.publish_job
class PublishJobView(_JobStepView):
    step = "publish_job"


@schema.close_job
class CloseJobView(_JobStepView):
    step = "close_job"


@schema.job_proposal_list
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
        return created(_proposal_data(request, proposal))


@schema.my_proposal_list
class MyProposalListView(generics.ListAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            _proposals(self.request.user).filter(freelancer__user=self.request.user).order_by("-id")
        )


@schema.proposal_detail
class ProposalDetailView(generics.GenericAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, pk: int) -> Response:
        proposal = access.get_readable_proposal(request.user, pk)
        reading.mark_decision_seen(proposal=proposal, reader=request.user)
        return Response(_proposal_data(request, proposal))

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
        return Response(_proposal_data(request, proposal))


@schema.proposal_message_list
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
        return Response(_proposal_data(request, proposal))


@schema.withdraw_proposal
class WithdrawProposalView(_ProposalStepView):
    lookup = access.get_own_proposal
    step = proposing.withdraw_proposal


@schema.shortlist
class ShortlistView(_ProposalStepView):
    lookup = access.get_proposal_to_decide
    step = hiring.shortlist


@schema.decline
class DeclineView(_ProposalStepView):
    lookup = access.get_proposal_to_decide
    step = hiring.decline
    request_serializer = DeclineSerializer


@schema.hire
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
        return created(data)


@schema.invitation
class InvitationView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        job = access.get_owned_job(request.user, pk)
        serializer = InvitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = inviting.invite(job=job, by=request.user, **serializer.validated_data)
        data = InvitationSerializer(invitation, context={"request": request}).data
        return created(data)


@schema.my_invitation_list
class MyInvitationListView(generics.ListAPIView):
    serializer_class = ReceivedInvitationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Invitation.objects.for_their_freelancer(self.request.user).select_related(
            "freelancer"
        )


@schema.job_attachment_list
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
        return created(data)


@schema.job_attachment_detail
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
