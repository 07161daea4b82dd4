from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.db import models, transaction

from accounts.second_factor import CodeRefused, check_code
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


class SecondFactorCodeMixin:
    """allauth's code check (authenticator app or recovery code) under our own limit."""

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        try:
            self.authenticator = check_code(user=self.user, code=code)
        except CodeRefused as refusal:
            if refusal.authenticator is not None:
                self._emit_authentication_failed(refusal.authenticator)
            raise forms.ValidationError(refusal.message, code=refusal.code) from None
        return code


class SecondFactorForm(SecondFactorCodeMixin, AuthenticateForm):
    pass


class SecondFactorReauthenticationForm(SecondFactorCodeMixin, ReauthenticateForm):
    pass


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="What uses it, e.g. “Invoicing script”. Only you see it.",
        error_messages={"required": "Name the token, so that you can tell it apart later."},
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label="Type DELETE to confirm",
        max_length=10,
        error_messages={"required": "Type DELETE to confirm."},
    )

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"].strip() != "DELETE":
            raise forms.ValidationError("Type DELETE, in capitals, to confirm.", code="mismatch")
        return self.cleaned_data["confirm"]
