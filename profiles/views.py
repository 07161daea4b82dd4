from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from profiles.models import Profile, WritingSample


def profile_detail(request, slug):
    profile = get_object_or_404(Profile.objects.prefetch_related("skills"), slug=slug)
    return render(request, "profiles/profile_detail.html", {"profile": profile})


def resume_download(request, slug):
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


def sample_detail(request, profile_slug, slug):
    sample = get_object_or_404(
        WritingSample.objects.select_related("profile"), profile__slug=profile_slug, slug=slug
    )
    return render(request, "profiles/sample_detail.html", {"sample": sample})
