from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import prune_expired_sessions

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_pruned_and_live_ones_kept():
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert prune_expired_sessions.delay().get() == 1
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]
