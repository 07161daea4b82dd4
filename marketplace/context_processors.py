from django.conf import settings


def site(request):
    """Site-wide names used by the base layout, meta tags and emails."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
