"""`Idempotency-Key` on the API's POSTs (and upload PUTs): a retry never writes twice.

A client that did not get an answer (a timeout, a dropped connection) sends the same request
again with the same key. For a signed-in user and a key:

- the first request runs in a transaction that also stores its response, when it succeeds
  (status below 400); a failure stores nothing, so the client can correct and retry;
- a repeat with the same method, path and body gets the stored response again (status, body,
  `Content-Type`, `Location`, plus `Idempotent-Replayed: true`), and nothing runs;
- a repeat with another request is refused with 409 (a conflict with the first one);
- a concurrent repeat waits for the first (the row's unique constraint) and then replays it.

Keys are per user: the user comes from the API's token header or the session, as the views
would find them; a request no one is signed in for is left to the view (401). Rows are kept
for `KEEP_FOR` (see idempotency/pruning.py).
"""

import hashlib
import re

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.settings import api_settings

from idempotency.models import IDEMPOTENT_METHODS, KEY_PATTERN, IdempotencyKey
from marketplace.api.middleware import allowed_methods

HEADER = "Idempotency-Key"
API_PREFIX = "/api/"
VALID_KEY = re.compile(KEY_PATTERN)


def _error(detail: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status)


def fingerprint(request: HttpRequest) -> str:
    """The request as a retry repeats it: a multipart body's random boundary left out."""
    body = request.body
    boundary = request.content_params.get("boundary")
    if boundary:
        body = body.replace(boundary.encode(), b"")
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), request.content_type):
        digest.update(part.encode() + b"\n")
    digest.update(body)
    return digest.hexdigest()


def signed_in_user(request: HttpRequest):
    # The API's own token authentication, as configured (accounts' named tokens).
    authentication = next(
        cls()
        for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES
        if issubclass(cls, TokenAuthentication)
    )
    try:
        found = authentication.authenticate(request)
    except AuthenticationFailed:
        return None  # the view answers 401 for a bad token
    if found:
        return found[0]
    user = getattr(request, "user", AnonymousUser())
    return user if user.is_authenticated else None


def replay(stored: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        bytes(stored.body), status=stored.status_code, content_type=stored.content_type or None
    )
    if stored.location:
        response["Location"] = stored.location
    response["Idempotent-Replayed"] = "true"
    return response


def _endpoint_takes(request: HttpRequest) -> bool:
    """Whether an API endpoint answers this method: a method it lacks is a 405 (or an unknown
    address a 404) whatever the key, never a claim on it."""
    try:
        view_class = getattr(resolve(request.path_info).func, "cls", None)
    except Resolver404:
        return False
    return view_class is not None and request.method in allowed_methods(view_class)


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if (
            key is None
            or request.method not in IDEMPOTENT_METHODS
            or not request.path_info.startswith(API_PREFIX)
            or not _endpoint_takes(request)
        ):
            return self.get_response(request)
        if not VALID_KEY.fullmatch(key):
            return _error(
                f"`{HEADER}` must be 1 to 255 printable ASCII characters without spaces.",
                "invalid_idempotency_key",
                400,
            )
        user = signed_in_user(request)
        if user is None:
            return self.get_response(request)
        return self.run_once(request, user=user, key=key, fingerprint=fingerprint(request))

    def run_once(self, request, *, user, key: str, fingerprint: str) -> HttpResponse:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = IdempotencyKey.objects.create(
                        user=user, key=key, fingerprint=fingerprint, status_code=0, body=b""
                    )
            except IntegrityError:
                # Taken, and committed: a concurrent first request has finished by now.
                return self.answer_repeat(
                    IdempotencyKey.objects.get(user=user, key=key), fingerprint
                )
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)  # nothing of a failed request is kept
            elif response.status_code >= 400 or response.streaming:
                self.release(claim)
            else:
                self.store(claim, response)
        return response

    def answer_repeat(self, stored: IdempotencyKey, fingerprint: str) -> HttpResponse:
        if stored.fingerprint != fingerprint:
            return _error(
                f"This `{HEADER}` was used for another request (method, address or body); "
                "use a new key for a new request.",
                "idempotency_key_reused",
                409,
            )
        return replay(stored)

    def store(self, claim: IdempotencyKey, response: HttpResponse) -> None:
        claim.status_code = response.status_code
        claim.body = response.content
        claim.content_type = response.get("Content-Type", "")
        claim.location = response.get("Location", "")
        try:
            with transaction.atomic():
                claim.save()
        except DatabaseError:
            # The request's own transaction failed (e.g. a lost race answered 409 by the
            # view): roll back all of it, so a retry runs again.
            transaction.set_rollback(True)

    def release(self, claim: IdempotencyKey) -> None:
        try:
            with transaction.atomic():
                claim.delete()
        except DatabaseError:
            transaction.set_rollback(True)
