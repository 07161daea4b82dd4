from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import models, transaction

from profiles.onboarding import become_freelancer


class Role(models.TextChoices):
    FREELANCER = "freelancer", "I want to offer services (you get a public profile)"
    CLIENT = "client", "I only want to hire"


class SignupForm(AllauthSignupForm):
    """allauth's email-and-password sign-up, plus the choice of offering work or only hiring."""

    role = forms.ChoiceField(
        label="How will you use the site?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        help_text="Clients can become freelancers later from their dashboard.",
        error_messages={"required": "Choose whether you offer services or only hire."},
    )

    field_order = ["email", "password1", "password2", "role"]

    def save(self, request):
        # The account and the profile exist together or not at all.
        with transaction.atomic():
            user = super().save(request)
            if self.cleaned_data["role"] == Role.FREELANCER:
                become_freelancer(user=user)
        return user
