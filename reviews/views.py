from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from engagements.models import AUTO_COMPLETE_AFTER, Engagement
from reviews import moderation, reputation, submission
from reviews.aspects import ASPECTS, WRITING_CATEGORY_NAME
from reviews.exceptions import ReviewRefused
from reviews.forms import ReportForm, ResponseForm, ReviewForm, review_form_initial
from reviews.models import EDIT_WINDOW, Review


def _reviews_of(service) -> str:
    return service.get_absolute_url() + "#reviews"


def _get_own_review(request: HttpRequest, pk: int) -> Review:
    """The signed-in user's own review; 404 for everyone else."""
    return get_object_or_404(
        # The category (with its parent) says whether the form requires sub-ratings.
        Review.objects.select_related("service__category__parent", "engagement"),
        pk=pk,
        author=request.user,
    )


@login_required
def create(request: HttpRequest, engagement_pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.involving(request.user).select_related(
            "service__category__parent", "freelancer"
        ),
        pk=engagement_pk,
    )
    refusal = submission.review_refusal(engagement=engagement, author=request.user)
    if refusal:
        messages.error(request, refusal.message)
        return redirect(engagement)
    form = ReviewForm(request.POST or None, category=engagement.service.category)
    if request.method == "POST" and form.is_valid():
        try:
            submission.submit_review(
                engagement=engagement, author=request.user, **form.cleaned_data
            )
        except ReviewRefused as refused:
            messages.error(request, refused.message)
            return redirect(engagement)
        messages.success(request, "Thank you: your review is published.")
        return redirect(_reviews_of(engagement.service))
    context = {
        "form": form,
        "engagement": engagement,
        "deadline": submission.review_deadline(engagement),
        "edit_window_days": EDIT_WINDOW.days,
    }
    return render(request, "reviews/review_form.html", context, status=400 if form.errors else 200)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_own_review(request, pk)
    refusal = submission.edit_refusal(review=review, author=request.user)
    if refusal:
        messages.error(request, refusal.message)
        return redirect(review.engagement)
    form = ReviewForm(
        request.POST or None,
        initial=review_form_initial(review),
        category=review.service.category,
        review=review,
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission.edit_review(review=review, author=request.user, **form.cleaned_data)
        except ReviewRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Your review is updated.")
            return redirect(_reviews_of(review.service))
    context = {"form": form, "engagement": review.engagement, "review": review}
    return render(request, "reviews/review_form.html", context, status=400 if form.errors else 200)


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_own_review(request, pk)
    if request.method == "POST":
        submission.delete_review(review=review, author=request.user)
        messages.success(request, "Your review is deleted.")
        return redirect(review.engagement)
    return render(request, "reviews/review_confirm_delete.html", {"review": review})


@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        Review.objects.visible().select_related("service__owner", "engagement", "author"),
        pk=pk,
        service__owner__user=request.user,
    )
    form = ResponseForm(request.POST or None, initial={"text": review.response})
    if request.method == "POST" and form.is_valid():
        try:
            submission.respond_to_review(
                review=review, author=request.user, text=form.cleaned_data["text"]
            )
        except ReviewRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Your response is published.")
            return redirect(_reviews_of(review.service))
    return render(
        request,
        "reviews/response_form.html",
        {"form": form, "review": review},
        status=400 if form.errors else 200,
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.visible().select_related("service", "author"), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report_review(
                review=review, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except ReviewRefused as refused:
            messages.info(request, refused.message)
        else:
            messages.success(request, "Thank you: a moderator will look at this review.")
        return redirect(_reviews_of(review.service))
    return render(
        request,
        "reviews/report_form.html",
        {"form": form, "review": review},
        status=400 if form.errors else 200,
    )


def about_ratings(request: HttpRequest) -> HttpResponse:
    """How ratings and "best rated" work, with the constants read from reviews.reputation."""
    examples = [
        ("One 5-star review", 5.0, 1),
        ("A hundred reviews averaging 4.9", 4.9 * 100, 100),
        ("Ten reviews averaging 4.0", 40.0, 10),
        ("No reviews yet", 0.0, 0),
    ]
    context = {
        "prior_mean": reputation.PRIOR_MEAN,
        "prior_weight": reputation.PRIOR_WEIGHT,
        "examples": [
            {
                "label": label,
                "count": count,
                "average": rating_sum / count if count else None,
                "score": reputation.damped_average(rating_sum, count),
            }
            for label, rating_sum, count in examples
        ],
        "review_window_days": submission.REVIEW_WINDOW.days,
        "edit_window_days": EDIT_WINDOW.days,
        "auto_complete_days": AUTO_COMPLETE_AFTER.days,
        "aspects": ASPECTS,
        "writing_category_name": WRITING_CATEGORY_NAME,
    }
    return render(request, "reviews/about_ratings.html", context)
