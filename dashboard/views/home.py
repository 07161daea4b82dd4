from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from profiles.models import Profile
from profiles.onboarding import become_freelancer as make_freelancer
from reviews.models import Review
from services.models import ServiceStatus

RECENT_SERVICES = 5
REVIEW_NEWS_ON_DASHBOARD = 5


@login_required
def home(request):
    profile = Profile.objects.prefetch_related("skills").of(request.user)
    context = {
        "profile": profile,
        "review_news": Review.objects.news_for(request.user)[:REVIEW_NEWS_ON_DASHBOARD],
    }
    if profile is not None:
        request.user.profile = profile  # the layout's navigation asks for it
        services = profile.services.select_related("category__parent").order_by("-updated_at")
        context.update(
            completeness=profile.completeness(),
            recent_services=services[:RECENT_SERVICES],
            service_counts=profile.services.aggregate(
                total=Count("pk"),
                published=Count("pk", filter=Q(status=ServiceStatus.PUBLISHED)),
                drafts=Count("pk", filter=Q(status=ServiceStatus.DRAFT)),
                paused=Count("pk", filter=Q(status=ServiceStatus.PAUSED)),
            ),
            sample_count=profile.writing_samples.count(),
        )
    return render(request, "dashboard/home.html", context)


@login_required
@require_POST
def become_freelancer(request):
    was_freelancer = Profile.objects.of(request.user) is not None
    make_freelancer(user=request.user)
    if was_freelancer:
        messages.info(request, "You already have a freelancer profile.")
    else:
        messages.success(
            request, "You are now a freelancer. Fill in your profile so clients can find you."
        )
    return redirect("dashboard:profile")
