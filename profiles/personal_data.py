"""A freelancer's profile and writing samples in their data export and their erasure."""

from marketplace.personal_data import FORMER_MEMBER, ExportPart, eraser, exporter
from profiles.models import Profile, WritingSample

PROFILE_FIELDS = [
    "slug",
    "display_name",
    "headline",
    "about",
    "location",
    "country",
    "hourly_rate",
    "currency",
    "availability",
    "engagement_preference",
    "member_since",
    "created_at",
]


@exporter("profile")
def export_profile(user) -> ExportPart:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return ExportPart(records=None)
    records = {
        **Profile.objects.filter(pk=profile.pk).values(*PROFILE_FIELDS).get(),
        "skills": list(profile.skills.values_list("name", flat=True)),
    }
    files = [f for f in (profile.avatar, profile.banner, profile.resume) if f]
    return ExportPart(records=records, files=files)


@exporter("samples")
def export_samples(user) -> ExportPart:
    samples = WritingSample.objects.filter(profile__user=user)
    return ExportPart(
        records=list(
            samples.values("title", "slug", "body", "original_url", "published_on", "created_at")
        )
    )


@eraser("profile", order=30)
def erase_profile(user) -> list:
    """Samples go; the profile stays (engagements and reviews point at it), emptied of them."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return []
    files = [
        f for f in (profile.avatar, profile.avatar_thumbnail, profile.banner, profile.resume) if f
    ]
    WritingSample.objects.filter(profile=profile).delete()
    profile.skills.clear()
    Profile.objects.filter(pk=profile.pk).update(
        slug=f"former-member-{profile.pk}",
        display_name=FORMER_MEMBER,
        headline="",
        about="",
        location="",
        country="",
        hourly_rate=None,
        avatar="",
        avatar_thumbnail="",
        banner="",
        resume="",
    )
    return files
