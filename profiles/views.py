from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify

from marketplace import pagecache
from marketplace.pagecache import cache_public_page
from profiles import structured_data
from profiles.models import Profile, WritingSample
from ratings.summary import rating_summary, review_page

REVIEWS_PER_PAGE = 10


@cache_public_page
def profile_detail(request: HttpRequest, slug: str) -> HttpResponse:
    profile = get_object_or_404(Profile.objects.prefetch_related("skills"), slug=slug)
    # The services and reviews apps sit above this one: their rows are reached through the
    # relations they add to the profile, with their own query methods.
    services = list(profile.services.published().for_cards())
    # Every visible review of the freelancer's services: the ones behind the stored totals.
    reviews = profile.user.reviews_received.visible().filter(service__owner=profile)
    context = {
        "profile": profile,
        "services": services,
        "samples": profile.writing_samples.all(),
        # Loaded only when the reviews fragment below is rendered, not when it comes from the
        # cache: both join every review of every service the freelancer offers.
        "review_page": SimpleLazyObject(
            lambda: review_page(
                reviews.select_related("author", "service"),
                count=profile.review_count,
                number=request.GET.get("page"),
                per_page=REVIEWS_PER_PAGE,
            )
        ),
        "rating": SimpleLazyObject(
            lambda: rating_summary(
                reviews, count=profile.review_count, average=profile.rating_average, rated=profile
            )
        ),
        # The reviews section is a cached fragment, per catalogue version, URL and visitor.
        "catalogue_version": pagecache.current_version(),
        "structured_data": structured_data.profile_data(
            profile, skills=profile.skills.all(), services=services
        ),
    }
    return render(request, "profiles/profile_detail.html", context)


def resume_download(request: HttpRequest, slug: str) -> FileResponse:
    """The resume as an attachment named after the freelancer, never rendered inline."""
    profile = get_object_or_404(Profile, slug=slug)
    if not profile.resume:
        raise Http404("This freelancer has not uploaded a resume.")
    try:
        handle = profile.resume.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The resume file is missing.") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(profile.display_name) or profile.slug}-resume.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@cache_public_page
def sample_detail(request: HttpRequest, profile_slug: str, slug: str) -> HttpResponse:
    sample = get_object_or_404(
        WritingSample.objects.select_related("profile"), profile__slug=profile_slug, slug=slug
    )
    context = {"sample": sample, "structured_data": structured_data.sample_data(sample)}
    return render(request, "profiles/sample_detail.html", context)
