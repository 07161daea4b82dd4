from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views.decorators.cache import cache_control

from marketplace import pagecache
from marketplace.pagecache import cache_public_page
from profiles import structured_data
from profiles.models import Profile, ProfileRedirect, WritingSample
from ratings.summary import rating_summary, review_page

REVIEWS_PER_PAGE = 10


def _redirect_renamed(request: HttpRequest, old_slug: str) -> HttpResponse:
    """The same page under the freelancer's new slug (301), if `old_slug` was theirs."""
    profile = ProfileRedirect.objects.profile_renamed_from(old_slug)
    if profile is None:
        raise Http404("No freelancer has this address.")
    old_prefix = reverse("profiles:detail", kwargs={"slug": old_slug})
    new_prefix = profile.get_absolute_url()
    return redirect(new_prefix + request.get_full_path()[len(old_prefix) :], permanent=True)


@cache_public_page
def profile_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = pagecache.current_version()
    try:
        profile = _profile_at(slug, version)
    except Profile.DoesNotExist:
        return _redirect_renamed(request, slug)
    # The side panel's lists and the JSON-LD are cached fragments (per catalogue version):
    # their three lists are read when either is drawn, not on every view.
    listed = SimpleLazyObject(lambda: _with_lists(profile))
    # The services and reviews apps sit above this one: their rows are reached through the
    # relations they add to the profile, with their own query methods.
    services = _published_services(profile, version)

    def reviews():
        # Every visible review of the freelancer's services: the ones behind the stored totals.
        return profile.user.reviews_received.visible().filter(service__owner=profile)

    context = {
        "profile": profile,
        "services": services,
        "samples": profile.writing_samples.all(),
        # Loaded only when the reviews fragment below is rendered, not when it comes from the
        # cache: both join every review of every service the freelancer offers.
        "review_page": SimpleLazyObject(
            lambda: review_page(
                reviews().select_related("author", "service"),
                count=profile.review_count,
                number=request.GET.get("page"),
                per_page=REVIEWS_PER_PAGE,
            )
        ),
        "rating": SimpleLazyObject(
            lambda: rating_summary(
                reviews(), count=profile.review_count, average=profile.rating_average, rated=profile
            )
        ),
        # The reviews section is a cached fragment, per catalogue version, URL and visitor; the
        # samples, the side panel and the JSON-LD per catalogue version.
        "catalogue_version": version,
        "listed": listed,
        # A callable: the template calls it only when the fragment is not in the cache.
        "structured_data": lambda: structured_data.profile_data(
            listed, skills=listed.skills.all(), services=services, languages=listed.languages.all()
        ),
    }
    return render(request, "profiles/profile_detail.html", context)


def _profile_at(slug: str, version: int) -> Profile:
    """The profile at `slug` (Profile.DoesNotExist if none), kept in the cache per catalogue
    version (which every edit of it, of its reputation or of its services moves on): the
    same for every visitor, and reading its wide row was a fifth of the page's CPU."""
    return pagecache.kept(f"profile-page:{slug}", version, lambda: Profile.objects.get(slug=slug))


def _published_services(profile: Profile, version: int) -> list:
    """The profile's published services as its cards and JSON-LD show them, kept in the cache
    per catalogue version (which any edit of them or of the profile changes): the same for
    every visitor, and building them with their owner and category was the page's costliest
    query."""
    return pagecache.kept(
        f"profile-services:{profile.pk}",
        version,
        lambda: list(profile.services.published().for_offers()),
    )


def _with_lists(profile: Profile) -> Profile:
    prefetch_related_objects([profile], "skills", "languages", "language_pairs")
    return profile


# Private downloads: no browser or proxy keeps a copy (marketplace/private_responses.py).
@cache_control(private=True, no_store=True)
def resume_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The resume page's address: the file, or the same address under a renamed
    freelancer's new slug."""
    try:
        profile = Profile.objects.get(slug=slug)
    except Profile.DoesNotExist:
        return _redirect_renamed(request, slug)
    return resume_file(profile)


def resume_file(profile: Profile) -> FileResponse:
    """The resume as an attachment named after the freelancer, never rendered inline (the
    page and the API serve it alike)."""
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
    try:
        sample = WritingSample.objects.select_related("profile").get(
            profile__slug=profile_slug, slug=slug
        )
    except WritingSample.DoesNotExist:
        if Profile.objects.filter(slug=profile_slug).exists():
            raise Http404("This freelancer has no such writing sample.") from None
        return _redirect_renamed(request, profile_slug)
    context = {"sample": sample, "structured_data": structured_data.sample_data(sample)}
    return render(request, "profiles/sample_detail.html", context)
