from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dashboard.access import freelancer_required
from profiles.forms import skill_suggestions
from services.deletion import ServiceHasHistory, delete_service, history_of
from services.editing import create_service, edit_service
from services.forms import ServiceForm
from services.models import Service
from services.publishing import pause_service, publish_service

SERVICES_PER_PAGE = 50


def _get_owned_service(request, slug: str) -> Service:
    """The signed-in user's service, or 404: others cannot even learn that a draft exists."""
    return get_object_or_404(
        Service.objects.owned_by(request.user).select_related("owner", "category__parent"),
        slug=slug,
    )


@freelancer_required
def service_list(request):
    services = request.profile.services.select_related("category__parent").order_by(
        "-updated_at", "-id"
    )
    page = Paginator(services, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "dashboard/service_list.html", {"page": page})


@freelancer_required
def service_create(request):
    form = ServiceForm(
        request.POST or None,
        owner=request.profile,
        initial={"hourly_rate": request.profile.hourly_rate},
    )
    if request.method == "POST" and form.is_valid():
        service = create_service(owner=request.profile, **form.cleaned_data)
        messages.success(
            request, f"“{service.title}” is saved as a draft. Check the preview, then publish it."
        )
        return redirect("dashboard:service_preview", slug=service.slug)
    return render(
        request,
        "dashboard/service_form.html",
        {"form": form, "service": None, "skill_suggestions": skill_suggestions()},
        status=400 if form.errors else 200,
    )


@login_required
def service_edit(request, slug):
    service = _get_owned_service(request, slug)
    saved_title = service.title
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        service = edit_service(service=service, **form.cleaned_data)
        messages.success(request, f"“{service.title}” is saved.")
        return redirect("dashboard:service_preview", slug=service.slug)
    return render(
        request,
        "dashboard/service_form.html",
        {
            "form": form,
            "service": service,
            "saved_title": saved_title,
            "skill_suggestions": skill_suggestions(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def service_preview(request, slug):
    service = _get_owned_service(request, slug)
    skills = list(service.skills.all())
    samples = list(service.writing_samples.all())
    return render(
        request,
        "dashboard/service_preview.html",
        {"service": service, "skills": skills, "samples": samples},
    )


@login_required
@require_POST
def service_publish(request, slug):
    service = _get_owned_service(request, slug)
    publish_service(service=service)
    messages.success(request, f"“{service.title}” is published: clients can find it now.")
    return redirect("dashboard:service_preview", slug=service.slug)


@login_required
@require_POST
def service_pause(request, slug):
    service = _get_owned_service(request, slug)
    pause_service(service=service)
    messages.success(request, f"“{service.title}” is paused: only you can see it.")
    return redirect("dashboard:service_preview", slug=service.slug)


@login_required
def service_delete(request, slug):
    service = _get_owned_service(request, slug)
    if request.method == "POST":
        try:
            delete_service(service=service)
        except ServiceHasHistory:
            messages.error(
                request,
                f"“{service.title}” has reviews or client engagements, so it cannot be deleted. "
                "Pause it instead.",
            )
            return redirect("dashboard:service_delete", slug=service.slug)
        messages.success(request, f"“{service.title}” is deleted.")
        return redirect("dashboard:services")
    return render(
        request,
        "dashboard/service_confirm_delete.html",
        {"service": service, "history": history_of(service)},
    )
