"""A snapshot of everything the dashboard can change, to prove a request changed nothing."""

from profiles.models import Profile, Skill, WritingSample
from services.models import Service, ServiceRedirect


def database_state() -> dict:
    return {
        "profiles": list(Profile.objects.order_by("pk").values()),
        "profile_skills": list(Profile.skills.through.objects.order_by("pk").values()),
        "skills": list(Skill.objects.order_by("pk").values()),
        "services": list(Service.objects.order_by("pk").values()),
        "service_skills": list(Service.skills.through.objects.order_by("pk").values()),
        "redirects": list(ServiceRedirect.objects.order_by("pk").values()),
        "samples": list(WritingSample.objects.order_by("pk").values()),
        "sample_services": list(WritingSample.services.through.objects.order_by("pk").values()),
    }
