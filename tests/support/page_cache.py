"""Django's test client, taking the path production's requests take: through the page cache
in front of Django (marketplace/cached_pages.py), so a test's second anonymous GET is answered
as a visitor's would be."""

from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test.client import ClientHandler

from marketplace.cached_pages import CachedPages


class CachedPagesClientHandler(ClientHandler):
    def __call__(self, environ):
        answered = {}

        def start_response(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)

        handle = super().__call__
        result = CachedPages(lambda environ, _: handle(environ))(environ, start_response)
        if not answered:  # Django answered
            return result
        response = HttpResponse(b"".join(result), status=int(answered["status"][:3]))
        for name, value in answered["headers"]:
            response[name] = value
        response.wsgi_request = WSGIRequest(environ)  # as ClientHandler's answers carry it
        return response
