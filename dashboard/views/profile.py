from django.contrib import messages
from django.shortcuts import redirect, render

from dashboard.access import freelancer_required
from profiles.editing import update_profile
from profiles.forms import ProfileForm, skill_suggestions


@freelancer_required
def profile_edit(request):
    profile = request.profile
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        update_profile(profile=profile, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("dashboard:profile")
    return render(
        request,
        "dashboard/profile_form.html",
        {"form": form, "profile": profile, "skill_suggestions": skill_suggestions()},
        status=400 if form.errors else 200,
    )
