from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import resolve_url

from accounts.devices import describe_device
from accounts.models import User
from accounts.notifications import send_new_browser
from accounts.sessions import note_place
from accounts.usernames import unique_username_for
from audit.addresses import client_address
from audit.models import Action
from audit.recording import record
from outbox.models import OutgoingEmail

# A browser that has signed in to an account keeps a signed cookie naming the account, so the
# next sign-in from it is not news; a sign-in from any other browser emails the owner.
KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_SALT = "accounts.known-browser"
KNOWN_BROWSER_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days
KNOWN_ACCOUNTS_PER_BROWSER = 10


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

    def get_client_ip(self, request) -> str:
        # Rate limits per address read it as the API throttles and the audit trail do.
        return client_address(request) or super().get_client_ip(request)

    def post_login(self, request, user, **kwargs):
        """Signed in: on the trail, and the owner emailed when the browser is new to them."""
        response = super().post_login(request, user, **kwargs)
        known = _known_accounts(request)
        is_new = user.pk not in known and not kwargs.get("signup")
        with transaction.atomic():
            record(actor=user, action=Action.SIGNED_IN, request=request)
            if is_new:
                device = describe_device(request.headers.get("User-Agent", ""))
                record(
                    actor=user, action=Action.NEW_BROWSER, request=request, data={"device": device}
                )
                send_new_browser(user=user, device=device, address=client_address(request))
        note_place(request)
        if not is_mfa_enabled(user):
            # Optional for everyone but staff, and encouraged at each sign-in.
            messages.info(
                request,
                "Protect your account with two-factor sign-in: Dashboard → Security & your data.",
            )
        if user.pk not in known:
            known = [user.pk, *known][:KNOWN_ACCOUNTS_PER_BROWSER]
            response.set_signed_cookie(
                KNOWN_BROWSER_COOKIE,
                ",".join(map(str, known)),
                salt=KNOWN_BROWSER_SALT,
                max_age=KNOWN_BROWSER_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def authentication_failed(self, request, **credentials) -> None:
        """A wrong password: on the trail of the account it was for, when there is one."""
        email = (credentials.get("email") or credentials.get("username") or "").strip()
        user = User.objects.filter(email__iexact=email).first() if email else None
        if user is not None:
            record(actor=None, action=Action.SIGN_IN_FAILED, subject=user, request=request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff keep at least one second factor (authenticator app or key) while staff."""
        user = authenticator.user
        if not (settings.MFA_REQUIRED_FOR_STAFF and user.is_staff):
            return True
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return True
        others = (
            Authenticator.objects.filter(user=user)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
        )
        return others.exists()


def _known_accounts(request) -> list[int]:
    try:
        value = request.get_signed_cookie(KNOWN_BROWSER_COOKIE, salt=KNOWN_BROWSER_SALT)
    except (KeyError, signing.BadSignature):
        return []
    return [int(part) for part in value.split(",") if part.isdigit()]
