"""Who may use which dashboard page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from profiles.models import Profile


def freelancer_required(view):
    """Signed-in freelancers only; `request.profile` is their profile.

    Anonymous visitors go to sign in; clients go to the dashboard, which offers to make
    them freelancers.
    """

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = Profile.objects.of(request.user)
        if profile is None:
            messages.info(request, "Become a freelancer first: then you can edit a profile.")
            return redirect("dashboard:home")
        # Cached on the user too, so that templates asking `user.profile` cost no query.
        request.user.profile = request.profile = profile
        return view(request, *args, **kwargs)

    return wrapper
