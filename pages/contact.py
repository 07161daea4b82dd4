"""The contact form's workflow: a visitor's message, emailed to the staff."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, mail_managers
from django.template.loader import render_to_string

from marketplace import ratelimits

CONTACT_MESSAGES = ratelimits.RateLimit(
    "contact", limit=5, window_seconds=3600, what="messages to the team"
)


def send_contact_message(
    *, visitor: str, name: str, email: str, subject: str, message: str
) -> None:
    """Email the message to every active staff member, replying to the visitor.

    Rate limited per `visitor` (their address): raises ratelimits.RateLimitExceeded. Without
    any staff account it goes to settings.MANAGERS, so a fresh install still hears it.
    """
    ratelimits.hit(CONTACT_MESSAGES, visitor=visitor)
    context = {"name": name, "email": email, "subject": subject, "message": message}
    subject_line = render_to_string("pages/email/contact_subject.txt", context).strip()
    body = render_to_string("pages/email/contact.txt", context)
    recipients = list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .order_by("email")
    )
    if not recipients:
        mail_managers(subject_line, body)
        return
    EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject_line}",
        body=body,
        to=recipients,
        reply_to=[email],
        alternatives=[(render_to_string("pages/email/contact.html", context), "text/html")],
    ).send()
