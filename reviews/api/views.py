"""Reviews: lists per service, profile and client, and writing, editing, answering, reporting.

Reviews go both ways and are double-blind: lists show published reviews only; a pending
review is readable by its author alone (see reviews.publishing).
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from engagements.models import REVIEW_WINDOW
from marketplace.api.errors import ErrorSerializer
from profiles.api.views import PROFILE_SLUG
from profiles.models import Profile
from ratings.aspects import ASPECTS
from reviews import moderation, submission
from reviews.api.serializers import (
    ReportSerializer,
    ResponseSerializer,
    ReviewCreateSerializer,
    ReviewReportSerializer,
    ReviewSerializer,
    ReviewUpdateSerializer,
)
from reviews.forms import review_form_initial
from reviews.models import EDIT_WINDOW, Review
from services.api.views import SERVICE_SLUG
from services.models import Category, Service

REVIEW_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The review's id.")
NOT_YOURS = OpenApiResponse(ErrorSerializer, description="Not your review (or not your service).")
CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Not possible now: `code` says why (`duplicate`, `not_completed`, "
    "`window_closed`, `edit_window_closed`, `hidden`, `pending`).",
)
DOUBLE_BLIND = (
    " Reviews are double-blind: a new review is pending (`published_at` null, readable by its "
    "author only) until the other side of the engagement has reviewed too, or until the review "
    f"window closes {REVIEW_WINDOW.days} days after completion; then both are published at the "
    "same moment."
)
CLIENT_USERNAME = OpenApiParameter(
    "username",
    str,
    OpenApiParameter.PATH,
    description="The client's username.",
    examples=[OpenApiExample("The seed client", value="sam-client")],
)
REVIEW_EXAMPLE = OpenApiExample(
    "A review",
    value={
        "engagement": 1,
        "rating": 5,
        **{aspect.rating_field: 5 for aspect in ASPECTS},
        "text": "Clear, well-sourced and a day early.",
    },
    request_only=True,
)


def _reviews():
    # The author's name and the service's title are on every review.
    return Review.objects.select_related("author__profile", "subject", "service").order_by(
        "-created_at", "-id"
    )


def _read(request: Request, review: Review, *, status_code: int = 200) -> Response:
    data = ReviewSerializer(_reviews().get(pk=review.pk), context={"request": request}).data
    # str(): the serializer's url is a Hyperlink, a str subclass that wsgiref refuses in headers.
    headers = {"Location": str(data["url"])} if status_code == 201 else None
    return Response(data, status=status_code, headers=headers)


@extend_schema_view(
    get=extend_schema(
        operation_id="services_reviews_list",
        summary="A service's reviews",
        parameters=[SERVICE_SLUG],
    )
)
class ServiceReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        service = get_object_or_404(
            Service.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        return _reviews().visible().filter(service=service)


@extend_schema_view(
    get=extend_schema(
        operation_id="profiles_reviews_list",
        summary="A freelancer's reviews",
        description="The reviews of all the freelancer's services: the ones behind its totals.",
        parameters=[PROFILE_SLUG],
    )
)
class ProfileReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        profile = get_object_or_404(Profile, slug=self.kwargs["slug"])
        return _reviews().visible().filter(service__owner=profile)


@extend_schema_view(
    get=extend_schema(
        operation_id="clients_reviews_list",
        summary="A client's reviews",
        description="What freelancers wrote about this client (published reviews only): the "
        "reviews behind the client's totals. Every active account can be a client, so an "
        "account that has received none answers an empty list." + DOUBLE_BLIND,
        parameters=[CLIENT_USERNAME],
    )
)
class ClientReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        client = get_object_or_404(
            get_user_model().objects.filter(is_active=True), username=self.kwargs["username"]
        )
        return _reviews().visible().of_clients().filter(subject=client)


class ReviewCreateView(generics.GenericAPIView):
    serializer_class = ReviewCreateSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reviews_create",
        summary="Review a completed engagement",
        description="Either side of a completed engagement, once each, within "
        f"{REVIEW_WINDOW.days} days of completion: the client reviews the freelancer's "
        "service, the freelancer reviews the client." + DOUBLE_BLIND,
        request=ReviewCreateSerializer,
        responses={201: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[REVIEW_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = submission.submit_review(author=request.user, **serializer.validated_data)
        return _read(request, review, status_code=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="reviews_retrieve",
        summary="A review",
        description="A published review; your own also while it is pending or hidden.",
        parameters=[REVIEW_ID],
    ),
    patch=extend_schema(
        operation_id="reviews_partial_update",
        summary="Edit your review",
        description=f"The author, within {EDIT_WINDOW.days} days of posting, while it is not "
        "hidden; a pending review stays pending.",
        parameters=[REVIEW_ID],
        request=ReviewUpdateSerializer,
        responses={200: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A new rating",
                value={"rating": 4, "text": "Clear and well-sourced, a day late."},
                request_only=True,
            )
        ],
    ),
    delete=extend_schema(
        operation_id="reviews_destroy",
        summary="Delete your review",
        parameters=[REVIEW_ID],
        responses={204: None, 403: NOT_YOURS},
    ),
)
class ReviewDetailView(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ReviewSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return _reviews().visible_to(self.request.user)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        review = self.get_object()
        # Who may edit, before what they send: a stranger hears 403, not the form's rules.
        refusal = submission.edit_refusal(review=review, author=request.user)
        if refusal:
            raise refusal
        category = (
            Category.objects.select_related("parent").get(pk=review.service.category_id)
            if review.service_id
            else None
        )
        form_kwargs = {
            "initial": review_form_initial(review),
            "category": category,
            "review": review,
        }
        serializer = ReviewUpdateSerializer(
            data=request.data, partial=True, context={"form_kwargs": form_kwargs}
        )
        serializer.is_valid(raise_exception=True)
        review = submission.edit_review(
            review=review, author=request.user, **serializer.validated_data
        )
        return _read(request, review)

    def perform_destroy(self, review: Review) -> None:
        submission.delete_review(review=review, author=self.request.user)


class ReviewResponseView(generics.GenericAPIView):
    serializer_class = ResponseSerializer
    queryset = Review.objects.visible().select_related("service__owner")

    @extend_schema(
        operation_id="reviews_response_update",
        summary="Answer a review",
        description="The reviewed person's (freelancer's or client's) one public answer to a "
        "published review; sending it again replaces it.",
        parameters=[REVIEW_ID],
        request=ResponseSerializer,
        responses={200: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "An answer", value={"text": "Thank you, it was a pleasure."}, request_only=True
            )
        ],
    )
    def put(self, request: Request, pk: int) -> Response:
        review = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = submission.respond_to_review(
            review=review, author=request.user, text=serializer.validated_data["text"]
        )
        return _read(request, review)


class ReviewReportView(generics.GenericAPIView):
    serializer_class = ReportSerializer
    queryset = Review.objects.visible()
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reviews_report",
        summary="Report a review",
        description="Asks a moderator to look at the review; once per person (409 after).",
        parameters=[REVIEW_ID],
        request=ReportSerializer,
        responses={201: ReviewReportSerializer, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A report", value={"reason": "It is not about this work."}, request_only=True
            )
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        review = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = moderation.report_review(
            review=review, reporter=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(ReviewReportSerializer(report).data, status=status.HTTP_201_CREATED)
