"""Security emails to the account's owner: a sign-in from a new browser, second-factor
attempts refused, a data export ready. (Deleting an account sends nothing: the email would
keep the address the deletion erases.)

Each is a subject / text / html triplet under `templates/accounts/email/`, queued in the
outbox inside the transaction of what it reports.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from outbox.models import OutgoingEmail


def send_new_browser(*, user, device: str, address: str | None) -> None:
    _send(
        "new_browser",
        to=user.email,
        user=user,
        device=device,
        address=address,
        sessions_url=_absolute(reverse("accounts:sessions")),
        password_url=_absolute(reverse("account_change_password")),
    )


def send_second_factor_locked(*, user, address: str | None) -> None:
    _send(
        "second_factor_locked",
        to=user.email,
        user=user,
        address=address,
        sessions_url=_absolute(reverse("accounts:sessions")),
    )


def send_data_export_ready(*, export) -> None:
    _send(
        "data_export_ready",
        to=export.user.email,
        user=export.user,
        export=export,
        download_url=_absolute(reverse("accounts:export-download", args=[export.pk])),
    )


def _send(template: str, *, to: str, **context) -> None:
    context = {**context, "SITE_NAME": settings.SITE_NAME}
    prefix = f"accounts/email/{template}"
    subject = render_to_string(f"{prefix}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"{prefix}.txt", context),
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    OutgoingEmail.objects.queue(message)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path
