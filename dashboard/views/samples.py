from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from dashboard.access import freelancer_required
from profiles.editing import create_writing_sample, delete_writing_sample, edit_writing_sample
from profiles.forms import WritingSampleForm
from profiles.models import WritingSample
from services.models import Service


def _get_owned_sample(request, slug: str) -> WritingSample:
    """The signed-in user's sample, or 404 for anyone else."""
    return get_object_or_404(
        WritingSample.objects.select_related("profile"), slug=slug, profile__user=request.user
    )


@freelancer_required
def sample_list(request):
    samples = request.profile.writing_samples.prefetch_related(
        # Only what the list shows of each linked service.
        Prefetch("services", queryset=Service.objects.only("pk", "title", "slug").order_by("title"))
    )
    return render(request, "dashboard/sample_list.html", {"samples": samples})


@freelancer_required
def sample_create(request):
    form = WritingSampleForm(request.POST or None, profile=request.profile)
    if request.method == "POST" and form.is_valid():
        sample = create_writing_sample(profile=request.profile, **form.cleaned_data)
        messages.success(request, f"“{sample.title}” is added to your writing samples.")
        return redirect("dashboard:samples")
    return render(
        request,
        "dashboard/sample_form.html",
        {"form": form, "sample": None},
        status=400 if form.errors else 200,
    )


@login_required
def sample_edit(request, slug):
    sample = _get_owned_sample(request, slug)
    saved_title = sample.title
    form = WritingSampleForm(request.POST or None, instance=sample, profile=sample.profile)
    if request.method == "POST" and form.is_valid():
        sample = edit_writing_sample(sample=sample, **form.cleaned_data)
        messages.success(request, f"“{sample.title}” is saved.")
        return redirect("dashboard:samples")
    return render(
        request,
        "dashboard/sample_form.html",
        {"form": form, "sample": sample, "saved_title": saved_title},
        status=400 if form.errors else 200,
    )


@login_required
def sample_delete(request, slug):
    sample = _get_owned_sample(request, slug)
    if request.method == "POST":
        title = sample.title
        delete_writing_sample(sample=sample)
        messages.success(request, f"“{title}” is deleted.")
        return redirect("dashboard:samples")
    return render(request, "dashboard/sample_confirm_delete.html", {"sample": sample})
