"""The freelancer's pages for selling a service in one step: its packages (one form per
tier), add-ons and requirement questions (a list with an add form, edit and delete)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dashboard.views.services import _get_owned_service
from services import package_limits as limits
from services import packages
from services.forms import AddOnForm, PackageForm, QuestionForm
from services.models import PackageTier
from services.packages import OfferRefused


def _tier_forms(request, service) -> list[tuple[PackageTier, PackageForm, bool]]:
    existing = {package.tier: package for package in service.packages.all()}
    forms = []
    for tier in PackageTier:
        package = existing.get(tier)
        form = PackageForm(
            request.POST or None,
            instance=package,
            prefix=f"tier-{tier.value}",
            # A new tier starts blank, so that leaving it alone reads as "not offered".
            initial=None if package else {"revisions": None},
            # An untouched new tier is simply not offered.
            empty_permitted=package is None,
            use_required_attribute=False,
        )
        remove = package is not None and request.POST.get(f"tier-{tier.value}-remove") == "on"
        forms.append((tier, form, remove))
    return forms


@login_required
def packages_edit(request, slug):
    service = _get_owned_service(request, slug)
    tier_forms = _tier_forms(request, service)
    if request.method == "POST" and all(
        remove or form.is_valid() for _, form, remove in tier_forms
    ):
        with transaction.atomic():
            for tier, form, remove in tier_forms:
                if remove:
                    packages.delete_package(package=form.instance)
                elif form.instance.pk or form.has_changed():
                    packages.save_package(service=service, tier=tier, **form.cleaned_data)
        messages.success(request, "Packages saved.")
        return redirect("dashboard:packages", slug=service.slug)
    return render(
        request,
        "dashboard/packages.html",
        {"service": service, "tier_forms": tier_forms, "limits": limits},
        status=400 if request.method == "POST" else 200,
    )


@dataclass(frozen=True)
class ExtraKind:
    """Add-ons and questions: a list with an add form, one table for both."""

    form: type
    related: str
    save: object
    delete: object
    argument: str
    title: str
    one: str
    maximum: int


EXTRAS = {
    "add-ons": ExtraKind(
        AddOnForm,
        "add_ons",
        packages.save_add_on,
        packages.delete_add_on,
        "add_on",
        "Add-ons",
        "add-on",
        limits.MAX_ADD_ONS,
    ),
    "questions": ExtraKind(
        QuestionForm,
        "questions",
        packages.save_question,
        packages.delete_question,
        "question",
        "Requirement questions",
        "question",
        limits.MAX_QUESTIONS,
    ),
}


@login_required
def extras(request, slug, kind):
    service = _get_owned_service(request, slug)
    extra = EXTRAS[kind]
    form = extra.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            extra.save(service=service, **form.cleaned_data)
        except OfferRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"The {extra.one} is added.")
            return redirect("dashboard:extras", slug=service.slug, kind=kind)
    return _render_extras(request, service, kind, form)


@login_required
def extra_edit(request, slug, kind, pk: str):
    service = _get_owned_service(request, slug)
    extra = EXTRAS[kind]
    item = get_object_or_404(getattr(service, extra.related), pk=pk)
    form = extra.form(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        extra.save(service=service, **{extra.argument: item}, **form.cleaned_data)
        messages.success(request, f"The {extra.one} is saved.")
        return redirect("dashboard:extras", slug=service.slug, kind=kind)
    return render(
        request,
        "dashboard/extra_form.html",
        {"service": service, "kind": kind, "extra": extra, "form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def extra_delete(request, slug, kind, pk: str):
    service = _get_owned_service(request, slug)
    extra = EXTRAS[kind]
    item = get_object_or_404(getattr(service, extra.related), pk=pk)
    extra.delete(**{extra.argument: item})
    messages.success(request, f"The {extra.one} is deleted.")
    return redirect("dashboard:extras", slug=service.slug, kind=kind)


def _render_extras(request, service, kind, form):
    extra = EXTRAS[kind]
    items = list(getattr(service, extra.related).all())
    return render(
        request,
        "dashboard/extras.html",
        {
            "service": service,
            "kind": kind,
            "extra": extra,
            "items": items,
            "form": form,
            "can_add": len(items) < extra.maximum,
        },
        status=400 if form.errors else 200,
    )
