"""What a signed-in person is sent is theirs alone: never stored by a browser or a proxy.

Every response to a signed-in request (a session, or an API token) says `Cache-Control:
private, no-store`, so that a shared computer's back button, a disk cache or a proxy never
keeps a dashboard, a message thread or an API answer about someone. Anonymous public pages
keep their own caching (marketplace.pagecache), and public media keep theirs. Private downloads
(resumes, job attachments) say the same to everyone, from their views.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _signed_in(request) and not request.path_info.startswith(settings.MEDIA_URL):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request: HttpRequest) -> bool:
    # The API's token authentication sets the user on the request as it authenticates.
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
