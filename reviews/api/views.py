"""Reviews: lists per service, profile and client, and writing, editing, answering, reporting.

Reviews go both ways and are double-blind: lists show published reviews only; a pending
review is readable by its author alone (see reviews.publishing).
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.responses import created
from profiles.models import Profile
from reviews import moderation, submission
from reviews.api import schema
from reviews.api.serializers import (
    ReportSerializer,
    ResponseSerializer,
    ReviewCreateSerializer,
    ReviewReportSerializer,
    ReviewSerializer,
    ReviewUpdateSerializer,
)
from reviews.forms import review_form_initial
from reviews.models import Review
from services.models import Category, Service


def _reviews():
    # The author's name and the service's title are on every review.
    return Review.objects.select_related("author__profile", "subject", "service").order_by(
        "-created_at", "-id"
    )


def _read(request: Request, review: Review) -> dict:
    return ReviewSerializer(_reviews().get(pk=review.pk), context={"request": request}).data


@schema.service_review_list
class ServiceReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        service = get_object_or_404(
            Service.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        return _reviews().visible().filter(service=service)


@schema.profile_review_list
class ProfileReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        profile = get_object_or_404(Profile, slug=self.kwargs["slug"])
        return _reviews().visible().filter(service__owner=profile)


@schema.client_review_list
class ClientReviewListView(generics.ListAPIView):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Review.objects.none()
        client = get_object_or_404(
            get_user_model().objects.filter(is_active=True), username=self.kwargs["username"]
        )
        return _reviews().visible().of_clients().filter(subject=client)


@schema.review_create
class ReviewCreateView(generics.GenericAPIView):
    serializer_class = ReviewCreateSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = submission.submit_review(author=request.user, **serializer.validated_data)
        return created(_read(request, review))


@schema.review_detail
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
        return Response(_read(request, review))

    def perform_destroy(self, review: Review) -> None:
        submission.delete_review(review=review, author=self.request.user)


@schema.review_response
class ReviewResponseView(generics.GenericAPIView):
    serializer_class = ResponseSerializer
    queryset = Review.objects.visible().select_related("service__owner")

    def put(self, request: Request, pk: int) -> Response:
        review = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = submission.respond_to_review(
            review=review, author=request.user, text=serializer.validated_data["text"]
        )
        return Response(_read(request, review))


@schema.review_report
class ReviewReportView(generics.GenericAPIView):
    serializer_class = ReportSerializer
    queryset = Review.objects.visible()
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        review = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = moderation.report_review(
            review=review, reporter=request.user, reason=serializer.validated_data["reason"]
        )
        return created(ReviewReportSerializer(report).data)
