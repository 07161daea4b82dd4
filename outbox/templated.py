"""Emails written as templates: a subject / text / html triplet per email, queued in the
outbox (see `outbox.models`), so a change that rolls back sends nothing."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from outbox.models import OutgoingEmail


def queue_templated_email(template: str, *, to, context: dict) -> OutgoingEmail:
    """Queue the email `<template>_subject.txt`, `<template>.txt` and `<template>.html` (e.g.
    "engagements/email/new_message") to the user `to`, inside the caller's transaction.

    The templates also get `recipient` (the user) and `SITE_NAME`.
    """
    context = {**context, "recipient": to, "SITE_NAME": settings.SITE_NAME}
    subject = render_to_string(f"{template}_subject.txt", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template}.txt", context),
        to=[to.email],
    )
    email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return OutgoingEmail.objects.queue(email)
