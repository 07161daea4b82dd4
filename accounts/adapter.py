from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.shortcuts import resolve_url

from accounts.usernames import unique_username_for
from outbox.models import OutgoingEmail


def display_name(user) -> str:
    """How allauth names the user ("Signed in as ..."): their name, never the generated username."""
    return user.get_full_name() or user.email


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up with an email only: the username (a profile slug) is made from the email."""

    def populate_username(self, request, user) -> None:
        if not user.username:
            user.username = unique_username_for(user.email)

    def get_login_redirect_url(self, request) -> str:
        return resolve_url("dashboard:home")

    def get_signup_redirect_url(self, request) -> str:
        return resolve_url("dashboard:home")

    def format_email_subject(self, subject: str) -> str:
        # The site's name, not the host name allauth would use without django.contrib.sites.
        return f"[{settings.SITE_NAME}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context_: dict) -> None:
        """allauth's emails (confirmation, password reset...) go through the outbox too."""
        # allauth greets with `current_site`, without django.contrib.sites the request's host
        # ("Hello from 127.0.0.1:8000!"): name the site as settings do instead.
        site = SimpleNamespace(
            name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc or "localhost"
        )
        ctx = {"request": context.request, "email": email, **context_, "current_site": site}
        OutgoingEmail.objects.queue(self.render_mail(template_prefix, email, ctx))
