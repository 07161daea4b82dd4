"""The profile's pictures and resume: one page, one form per file, each with its own URL.

One upload view and one removal view serve every file, from the table in profiles.uploads
that the API's file endpoints use too.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dashboard.access import freelancer_required
from profiles.uploads import PROFILE_FILES, ProfileFile

SAVED = {
    "avatar": "Your new avatar is saved.",
    "banner": "Your new banner is saved.",
    "resume": "Your resume is saved. Clients can download it from your pages.",
}


def _files_page(request, *, status: int = 200, **bound_forms):
    forms = {f"{kind}_form": file.form_class() for kind, file in PROFILE_FILES.items()}
    context = {"profile": request.profile, **forms, **bound_forms}
    return render(request, "dashboard/files.html", context, status=status)


def _file(kind: str) -> ProfileFile:
    try:
        return PROFILE_FILES[kind]
    except KeyError:
        raise Http404("No such file.") from None


@freelancer_required
def files(request):
    return _files_page(request)


@freelancer_required
@require_POST
def upload(request, kind: str):
    file = _file(kind)
    form = file.form_class(request.POST, request.FILES)
    if not form.is_valid():
        # Refused like every other invalid form: 400, the page with the errors.
        return _files_page(request, status=400, **{f"{kind}_form": form})
    file.replace(request.profile, form.cleaned_data[kind])
    messages.success(request, SAVED[kind])
    return redirect("dashboard:files")


@freelancer_required
@require_POST
def remove(request, kind: str):
    file = _file(kind)
    if not getattr(request.profile, kind):
        messages.info(request, f"There is no {kind} to remove.")
    else:
        file.remove(profile=request.profile)
        messages.success(request, f"Your {kind} is removed.")
    return redirect("dashboard:files")
