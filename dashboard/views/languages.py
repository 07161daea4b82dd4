"""The freelancer's languages and language pairs: one page, two small forms, remove buttons."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dashboard.access import freelancer_required
from languages.names import language_name
from profiles.forms import LanguagePairForm, ProfileLanguageForm
from profiles.languages import (
    TooManyLanguages,
    add_language,
    add_language_pair,
    remove_language,
    remove_language_pair,
)


def _page(request, *, language_form=None, pair_form=None, status=200):
    profile = request.profile
    return render(
        request,
        "dashboard/languages.html",
        {
            "languages": list(profile.languages.all()),
            "pairs": list(profile.language_pairs.all()),
            "language_form": language_form or ProfileLanguageForm(),
            "pair_form": pair_form or LanguagePairForm(),
        },
        status=status,
    )


@freelancer_required
def languages(request):
    return _page(request)


@freelancer_required
@require_POST
def language_add(request):
    form = ProfileLanguageForm(request.POST)
    if form.is_valid():
        try:
            add_language(profile=request.profile, **form.cleaned_data)
        except TooManyLanguages as refusal:
            form.add_error(None, refusal.message)
        else:
            name = language_name(form.cleaned_data["language"])
            messages.success(request, f"{name} is on your profile.")
            return redirect("dashboard:languages")
    return _page(request, language_form=form, status=400)


@freelancer_required
@require_POST
def language_remove(request, code: str):
    get_object_or_404(request.profile.languages, language=code)
    remove_language(profile=request.profile, language=code)
    messages.success(request, f"{language_name(code)} is removed from your profile.")
    return redirect("dashboard:languages")


@freelancer_required
@require_POST
def pair_add(request):
    form = LanguagePairForm(request.POST)
    if form.is_valid():
        try:
            pair = add_language_pair(profile=request.profile, **form.cleaned_data)
        except TooManyLanguages as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{pair.label} is on your profile.")
            return redirect("dashboard:languages")
    return _page(request, pair_form=form, status=400)


@freelancer_required
@require_POST
def pair_remove(request, pk: int):
    pair = get_object_or_404(request.profile.language_pairs, pk=pk)
    remove_language_pair(pair=pair)
    messages.success(request, f"{pair.label} is removed from your profile.")
    return redirect("dashboard:languages")
