"""Where an account is signed in: allauth's user sessions, described for a person.

Activity ("last seen") is kept in the cache, written at most once a minute per session, so
that a page view costs no database write; without the cache, a session shows when it began.
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from allauth.usersessions.internal.flows.sessions import end_sessions
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.devices import describe_device
from audit.addresses import client_address
from audit.models import Action
from audit.recording import record

ACTIVITY_PRECISION_SECONDS = 60


@dataclass
class SessionRow:
    session: UserSession
    device: str
    address: str
    place: str
    last_seen: datetime
    is_current: bool


def note_activity(request: HttpRequest) -> None:
    """Remember that this session was seen now, from this address (cache only)."""
    key = _activity_key(request.session.session_key)
    seen = cache.get(key)
    now = time.time()
    if seen is None or now - seen["at"] >= ACTIVITY_PRECISION_SECONDS:
        cache.set(key, {"at": now, "ip": client_address(request)}, settings.SESSION_COOKIE_AGE)


def note_place(request: HttpRequest) -> None:
    """Store the country a proxy reports (`SESSION_COUNTRY_HEADER`) on the session, if any."""
    header = settings.SESSION_COUNTRY_HEADER
    country = request.headers.get(header, "").strip()[:2].upper() if header else ""
    if country and request.session.session_key:
        session = UserSession.objects.filter(session_key=request.session.session_key).first()
        if session is not None:
            session.data = {**session.data, "country": country}
            session.save(update_fields=["data"])


def live_sessions_of(user) -> QuerySet[UserSession]:
    """The user's sessions that have not expired, in one query (allauth's own list checks
    each session's store one by one). Sessions live in the database (`cached_db`)."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=live)


def sessions_of(request: HttpRequest) -> list[SessionRow]:
    sessions = list(live_sessions_of(request.user))
    activity = cache.get_many([_activity_key(s.session_key) for s in sessions])
    rows = []
    for session in sessions:
        seen = activity.get(_activity_key(session.session_key))
        rows.append(
            SessionRow(
                session=session,
                device=describe_device(session.user_agent),
                address=(seen or {}).get("ip") or session.ip,
                place=session.data.get("country", ""),
                last_seen=datetime.fromtimestamp(seen["at"], tz=UTC)
                if seen
                else session.last_seen_at,
                is_current=session.session_key == request.session.session_key,
            )
        )
    return sorted(rows, key=lambda row: (not row.is_current, -row.last_seen.timestamp()))


def end_user_sessions(*, request: HttpRequest, sessions: list[UserSession]) -> None:
    """End `sessions` (signing this browser out too if it is among them), each on the trail."""
    user = request.user
    with transaction.atomic():
        for session in sessions:
            record(
                actor=user,
                action=Action.SESSION_ENDED,
                target=session,
                subject=user,
                request=request,
                data={"session": session.pk},
            )
    end_sessions(request, sessions)


def _activity_key(session_key: str | None) -> str:
    return f"session-seen:{session_key}"
