"""The profile's pictures and resume: one page, one form per file, each with its own URL."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dashboard.access import freelancer_required
from profiles import uploads
from profiles.forms import AvatarForm, BannerForm, ResumeForm


def _files_page(request, **bound_forms):
    forms = {
        "avatar_form": AvatarForm(),
        "banner_form": BannerForm(),
        "resume_form": ResumeForm(),
        **bound_forms,
    }
    return render(request, "dashboard/files.html", {"profile": request.profile, **forms})


@freelancer_required
def files(request):
    return _files_page(request)


@freelancer_required
@require_POST
def avatar_upload(request):
    form = AvatarForm(request.POST, request.FILES)
    if not form.is_valid():
        return _files_page(request, avatar_form=form)
    uploads.replace_avatar(profile=request.profile, avatar=form.cleaned_data["avatar"])
    messages.success(request, "Your new avatar is saved.")
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def avatar_remove(request):
    if not request.profile.avatar:
        messages.info(request, "There is no avatar to remove.")
        return redirect("dashboard:files")
    uploads.remove_avatar(profile=request.profile)
    messages.success(request, "Your avatar is removed.")
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def banner_upload(request):
    form = BannerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _files_page(request, banner_form=form)
    uploads.replace_banner(profile=request.profile, banner=form.cleaned_data["banner"])
    messages.success(request, "Your new banner is saved.")
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def banner_remove(request):
    if not request.profile.banner:
        messages.info(request, "There is no banner to remove.")
        return redirect("dashboard:files")
    uploads.remove_banner(profile=request.profile)
    messages.success(request, "Your banner is removed.")
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def resume_upload(request):
    form = ResumeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _files_page(request, resume_form=form)
    uploads.replace_resume(profile=request.profile, resume=form.cleaned_data["resume"])
    messages.success(request, "Your resume is saved. Clients can download it from your pages.")
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def resume_remove(request):
    if not request.profile.resume:
        messages.info(request, "There is no resume to remove.")
        return redirect("dashboard:files")
    uploads.remove_resume(profile=request.profile)
    messages.success(request, "Your resume is removed.")
    return redirect("dashboard:files")
