"""Profiles (public), the signed-in freelancer's own profile and files, and writing samples."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from languages.api.serializers import PairWithSubjectsSerializer, SpokenLanguageSerializer
from marketplace.api.responses import created
from profiles import uploads
from profiles import views as profile_pages
from profiles.api import schema
from profiles.api.serializers import (
    AvatarUploadSerializer,
    BannerUploadSerializer,
    LanguagePairWriteSerializer,
    OwnProfileSerializer,
    ProfileLanguageWriteSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
    ResumeUploadSerializer,
    SkillSerializer,
    WritingSampleSerializer,
    WritingSampleWriteSerializer,
)
from profiles.editing import create_writing_sample, edit_writing_sample, update_profile
from profiles.languages import (
    TooManyLanguages,
    add_language,
    add_language_pair,
    remove_language,
    remove_language_pair,
)
from profiles.models import Profile, Skill, WritingSample
from profiles.onboarding import become_freelancer

NO_PROFILE = "You have no freelancer profile yet: POST /api/v1/me/ to become a freelancer."


def own_profile(request: Request) -> Profile:
    """The signed-in user's profile with what its serializers read; 404 for non-freelancers."""
    profile = (
        Profile.objects.select_related("user")
        .prefetch_related("skills", "languages", "language_pairs")
        .of(request.user)
    )
    if profile is None:
        raise NotFound(NO_PROFILE, code="no_profile")
    return profile


class IsProfileOwnerOrReadOnly(BasePermission):
    message = "Only the freelancer whose profile this is can change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or obj.profile.user_id == request.user.pk


class SkillListView(generics.ListAPIView):
    """Every skill, by name."""

    serializer_class = SkillSerializer
    queryset = Skill.objects.order_by("name", "id")


class ProfileListView(generics.ListAPIView):
    """Freelancers' public profiles, by display name."""

    serializer_class = ProfileSerializer
    queryset = Profile.objects.prefetch_related("skills", "languages", "language_pairs").order_by(
        "display_name", "id"
    )


@schema.profile_detail
class ProfileDetailView(generics.RetrieveAPIView):
    serializer_class = ProfileSerializer
    queryset = Profile.objects.prefetch_related("skills", "languages", "language_pairs")
    lookup_field = "slug"


class PDFRenderer(BaseRenderer):
    """Lets clients ask for `application/pdf`; the view answers with the file itself."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return data if isinstance(data, bytes) else b""


@schema.resume_download
class ResumeDownloadView(APIView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    def get(self, request: Request, slug: str):
        # The page's own response: one place decides how a resume is served. No redirect from
        # a renamed freelancer's old slug here: the API addresses profiles by their slug.
        return profile_pages.resume_file(get_object_or_404(Profile, slug=slug))

    def handle_exception(self, exc):
        # Errors are JSON even when the client asked for a PDF.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


@schema.me
class MeView(APIView):
    """The signed-in freelancer's own profile."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(
            OwnProfileSerializer(own_profile(request), context={"request": request}).data
        )

    def post(self, request: Request) -> Response:
        had_profile = Profile.objects.of(request.user) is not None
        become_freelancer(user=request.user)
        data = OwnProfileSerializer(own_profile(request), context={"request": request}).data
        return Response(data) if had_profile else created(data)

    def patch(self, request: Request) -> Response:
        profile = own_profile(request)
        serializer = ProfileUpdateSerializer(profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        update_profile(profile=profile, **serializer.validated_data)
        return Response(
            OwnProfileSerializer(own_profile(request), context={"request": request}).data
        )


def _refuse_too_many(refusal: TooManyLanguages) -> ValidationError:
    return ValidationError({"non_field_errors": [refusal.message]})


@schema.my_languages
class MyLanguagesView(APIView):
    """The languages the signed-in freelancer speaks: list and add."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        profile = own_profile(request)
        return Response(SpokenLanguageSerializer(profile.languages.all(), many=True).data)

    def post(self, request: Request) -> Response:
        profile = own_profile(request)
        serializer = ProfileLanguageWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            spoken = add_language(profile=profile, **serializer.validated_data)
        except TooManyLanguages as refusal:
            raise _refuse_too_many(refusal) from refusal
        return created(SpokenLanguageSerializer(spoken).data)


@schema.my_language
class MyLanguageView(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, code: str) -> Response:
        profile = own_profile(request)
        get_object_or_404(profile.languages, language=code)
        remove_language(profile=profile, language=code)
        return Response(status=status.HTTP_204_NO_CONTENT)


@schema.my_language_pairs
class MyLanguagePairsView(APIView):
    """The language pairs the signed-in freelancer translates: list and add."""

    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        profile = own_profile(request)
        return Response(PairWithSubjectsSerializer(profile.language_pairs.all(), many=True).data)

    def post(self, request: Request) -> Response:
        profile = own_profile(request)
        serializer = LanguagePairWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            pair = add_language_pair(profile=profile, **serializer.validated_data)
        except TooManyLanguages as refusal:
            raise _refuse_too_many(refusal) from refusal
        return created(PairWithSubjectsSerializer(pair).data)


@schema.my_language_pair
class MyLanguagePairView(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, pk: int) -> Response:
        pair = get_object_or_404(own_profile(request).language_pairs, pk=pk)
        remove_language_pair(pair=pair)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _ProfileFileView(APIView):
    """Upload (PUT, multipart) or remove (DELETE) one of the profile's files (`kind`)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    upload_serializer: type
    kind: str

    def put(self, request: Request) -> Response:
        profile = own_profile(request)
        serializer = self.upload_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        uploads.PROFILE_FILES[self.kind].replace(profile, serializer.validated_data[self.kind])
        return Response(OwnProfileSerializer(profile, context={"request": request}).data)

    def delete(self, request: Request) -> Response:
        profile = own_profile(request)
        if getattr(profile, self.kind):
            uploads.PROFILE_FILES[self.kind].remove(profile=profile)
        return Response(status=status.HTTP_204_NO_CONTENT)


@schema.avatar
class AvatarView(_ProfileFileView):
    upload_serializer = AvatarUploadSerializer
    kind = "avatar"


@schema.banner
class BannerView(_ProfileFileView):
    upload_serializer = BannerUploadSerializer
    kind = "banner"


@schema.resume
class ResumeView(_ProfileFileView):
    upload_serializer = ResumeUploadSerializer
    kind = "resume"


# The services app sits above this one: its model is reached through the samples' relation.
Service = WritingSample._meta.get_field("services").related_model


def _samples_of(profile_slug: str | None):
    # In the model's order (undated samples last), as every page lists them. Only published
    # services are named: a draft is nobody else's business.
    return (
        WritingSample.objects.filter(profile__slug=profile_slug)
        .select_related("profile")
        .prefetch_related(
            Prefetch(
                "services",
                queryset=Service.objects.published()
                .only("pk", "slug", "title")
                .order_by("title", "id"),
            )
        )
    )


class _SampleViewMixin:
    def get_profile(self) -> Profile:
        return get_object_or_404(Profile, slug=self.kwargs["profile_slug"])

    def write_context(self, profile: Profile) -> dict:
        return {**self.get_serializer_context(), "form_kwargs": {"profile": profile}}

    def read(self, sample: WritingSample) -> dict:
        sample = _samples_of(sample.profile.slug).get(pk=sample.pk)
        return WritingSampleSerializer(sample, context=self.get_serializer_context()).data


@schema.sample_list
class SampleListView(_SampleViewMixin, generics.ListCreateAPIView):
    serializer_class = WritingSampleSerializer

    def get_queryset(self):
        return _samples_of(self.kwargs.get("profile_slug"))

    def list(self, request: Request, *args, **kwargs) -> Response:
        self.get_profile()  # an unknown profile is a 404, not an empty list
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args, **kwargs) -> Response:
        profile = self.get_profile()
        if profile.user_id != request.user.pk:
            self.permission_denied(request, message=IsProfileOwnerOrReadOnly.message)
        serializer = WritingSampleWriteSerializer(
            data=request.data, context=self.write_context(profile)
        )
        serializer.is_valid(raise_exception=True)
        sample = create_writing_sample(profile=profile, **serializer.validated_data)
        return created(self.read(sample))


@schema.sample_detail
class SampleDetailView(_SampleViewMixin, generics.RetrieveUpdateDestroyAPIView):
    serializer_class = WritingSampleSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsProfileOwnerOrReadOnly]
    lookup_field = "slug"
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return _samples_of(self.kwargs.get("profile_slug"))

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        sample = self.get_object()
        serializer = WritingSampleWriteSerializer(
            sample, data=request.data, partial=True, context=self.write_context(sample.profile)
        )
        serializer.is_valid(raise_exception=True)
        sample = edit_writing_sample(sample=sample, **serializer.validated_data)
        return Response(self.read(sample))
