"""How the OpenAPI schema describes the jobs API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

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

from engagements.api.serializers import (
    EngagementDetailSerializer,
    MessageSerializer,
    MessageWriteSerializer,
)
from jobs import attachments
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
)
from jobs.filters import JobFilter
from marketplace.api.errors import ErrorSerializer
from marketplace.api.steps import step_schema

# The skill filter goes through a many-to-many to the slug; its values are skill slugs.
extend_schema_field(OpenApiTypes.STR)(JobFilter.base_filters["skill"])


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


ATTACHMENT_ID = OpenApiParameter(
    "attachment_pk", int, OpenApiParameter.PATH, description="The attachment's id."
)


ATTACHMENT_MEDIA_TYPES = ", ".join(sorted({*attachments.CONTENT_TYPES.values(), "image/webp"}))


job_list = extend_schema_view(
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


my_job_list = extend_schema_view(
    get=extend_schema(
        operation_id="jobs_mine_list",
        summary="Your jobs",
        description="Every job you posted, in any state, newest first.",
    ),
)


job_detail = extend_schema_view(
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


publish_job = step_schema(
    operation_id="jobs_publish",
    summary="Publish a draft (job → open)",
    description="Its client only; 409 unless it is a draft.",
    parameters=[JOB_ID],
    response=JobSerializer,
    errors=JOB_STEP_ERRORS,
)


close_job = step_schema(
    operation_id="jobs_close",
    summary="Close a job (job → closed)",
    description="Its client only. A closed job takes no proposals, edits, files or hires; "
    "its proposals and their threads are frozen as they are. 409 once closed or filled.",
    parameters=[JOB_ID],
    response=JobSerializer,
    errors=JOB_STEP_ERRORS,
)


job_proposal_list = extend_schema_view(
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


my_proposal_list = extend_schema_view(
    get=extend_schema(
        operation_id="jobs_proposals_mine_list",
        summary="Your proposals",
        description="The proposals you sent, newest first, in any state.",
    ),
)


proposal_detail = extend_schema_view(
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


proposal_message_list = extend_schema_view(
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


withdraw_proposal = step_schema(
    operation_id="jobs_proposals_withdraw",
    summary="Withdraw your proposal (proposal → withdrawn)",
    description="Its freelancer only, until the client decides; 409 otherwise.",
    parameters=[PROPOSAL_ID],
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)


shortlist = step_schema(
    operation_id="jobs_proposals_shortlist",
    summary="Shortlist a proposal (proposal → shortlisted)",
    description="The job's client only; 409 unless it is submitted and the job open.",
    parameters=[PROPOSAL_ID],
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)


decline = step_schema(
    operation_id="jobs_proposals_decline",
    summary="Decline a proposal (proposal → declined)",
    description="The job's client only, with an optional reason the freelancer is emailed; "
    "409 once decided or withdrawn, or on a closed job.",
    parameters=[PROPOSAL_ID],
    request=DeclineSerializer,
    response=ProposalSerializer,
    errors=JOB_STEP_ERRORS,
)


hire = extend_schema_view(
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
    ),
)


invitation = extend_schema_view(
    post=extend_schema(
        operation_id="jobs_invitations_create",
        summary="Invite a freelancer to propose",
        description="The job's client only, while it is open (409 `closed`); once per "
        "freelancer (409 `duplicate`). The invitation lets them see an invite-only job.",
        parameters=[JOB_ID],
        request=InvitationWriteSerializer,
        responses={201: InvitationSerializer, 404: NOT_FOUND, 409: CONFLICT},
    ),
)


my_invitation_list = extend_schema_view(
    get=extend_schema(
        operation_id="jobs_invitations_mine_list",
        summary="Your invitations",
        description="The invitations to propose you received, newest first, with the job, "
        "its client and your proposal if you sent one. Reading them here marks none as seen "
        "(opening the job or the invitations page does). Empty for a user without a "
        "freelancer profile.",
    ),
)


job_attachment_list = extend_schema_view(
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


job_attachment_detail = extend_schema_view(
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
