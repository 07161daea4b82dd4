from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from engagements.models import AUTO_COMPLETE_AFTER, Engagement
from profiles.models import COMPLETENESS_CHECKS
from ratings.aspects import ASPECTS, WRITING_CATEGORY_NAME
from ratings.summary import rating_summary
from reviews import moderation, reputation, submission
from reviews.exceptions import ReviewRefused
from reviews.forms import ReportForm, ResponseForm, review_form_class, review_form_initial
from reviews.models import EDIT_WINDOW, ClientReputation, Review
from services import ranking

REVIEWS_PER_PAGE = 10


def _reviews_of(review: Review) -> str:
    """Where a published review is read: its service's page, or the reviewed client's page."""
    if review.service_id:
        return review.service.get_absolute_url() + "#reviews"
    return reverse("clients:detail", args=[review.subject.username]) + "#reviews"


def _get_own_review(request: HttpRequest, pk: int) -> Review:
    """The signed-in user's own review; 404 for everyone else."""
    return get_object_or_404(
        # The category (with its parent) says whether the form requires sub-ratings.
        Review.objects.select_related(
            "service__category__parent", "subject", "engagement__freelancer"
        ),
        pk=pk,
        author=request.user,
    )


def _pending_message(review: Review) -> str:
    other = (
        review.engagement.client_name()
        if review.is_of_client
        else review.engagement.freelancer.display_name
    )
    deadline = review.engagement.review_deadline
    return (
        f"Thank you: your review is saved. It stays hidden until {other} reviews you too, "
        f"or until {date_format(deadline, 'j F Y')}; then both reviews are published together."
    )


@login_required
def create(request: HttpRequest, engagement_pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        Engagement.objects.involving(request.user).select_related(
            "service__category__parent", "freelancer", "client"
        ),
        pk=engagement_pk,
    )
    refusal = submission.review_refusal(engagement=engagement, author=request.user)
    if refusal:
        messages.error(request, refusal.message)
        return redirect(engagement)
    direction = submission.direction_of(engagement, request.user)
    form = review_form_class(direction)(request.POST or None, category=engagement.service.category)
    if request.method == "POST" and form.is_valid():
        try:
            review = submission.submit_review(
                engagement=engagement, author=request.user, **form.cleaned_data
            )
        except ReviewRefused as refused:
            messages.error(request, refused.message)
            return redirect(engagement)
        if not review.is_published:
            messages.success(request, _pending_message(review))
            return redirect(engagement)
        messages.success(request, "Thank you: both reviews are now published.")
        return redirect(_reviews_of(review))
    context = {
        "form": form,
        "direction": direction,
        "engagement": engagement,
        "deadline": engagement.review_deadline,
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
    form = review_form_class(review.direction)(
        request.POST or None,
        initial=review_form_initial(review),
        category=review.service.category if review.service_id else None,
        review=review,
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission.edit_review(review=review, author=request.user, **form.cleaned_data)
        except ReviewRefused as refused:
            form.add_error(None, refused.message)
        else:
            if not review.is_published:
                messages.success(request, "Your review is updated; it is still hidden.")
                return redirect(review.engagement)
            messages.success(request, "Your review is updated.")
            return redirect(_reviews_of(review))
    context = {
        "form": form,
        "direction": review.direction,
        "engagement": review.engagement,
        "review": review,
    }
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
        Review.objects.visible().select_related(
            "service__owner", "engagement", "author", "subject"
        ),
        pk=pk,
        subject=request.user,
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
            return redirect(_reviews_of(review))
    return render(
        request,
        "reviews/response_form.html",
        {"form": form, "review": review},
        status=400 if form.errors else 200,
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        Review.objects.visible().select_related("service", "author", "subject"), pk=pk
    )
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
        return redirect(_reviews_of(review))
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
        "ranking": ranking,
        "quality_share": 1 - ranking.QUALITY_FLOOR,
        "completeness_items": [label for label, _ in COMPLETENESS_CHECKS],
        "ranking_examples": _ranking_examples(),
    }
    return render(request, "reviews/about_ratings.html", context)


def _ranking_examples() -> list[dict]:
    """Three listings found by one search, as services.ranking orders them."""
    examples = [
        ("The best text match, new here: no reviews, no completed work", 1.0, 0, 0, 0, 0.6),
        ("The best text match, ten reviews averaging 4.8, 12 engagements", 1.0, 48, 10, 12, 1),
        (
            "Half as good a text match, ten reviews averaging 4.8, 12 engagements",
            0.5,
            48,
            10,
            12,
            1,
        ),
        ("The best text match, ten reviews averaging 3.0, 12 engagements", 1.0, 30, 10, 12, 1),
    ]
    rows = []
    for label, text_match, rating_sum, count, completed, completeness in examples:
        match = ranking.Match(
            pk=0,
            text_rank=text_match,
            rating_score=reputation.damped_average(rating_sum, count),
            completed_engagements=completed,
            completeness=completeness,
        )
        quality = ranking.quality(
            rating_score=match.rating_score,
            completed_engagements=completed,
            completeness=completeness,
        )
        rows.append(
            {
                "label": label,
                "text_match": text_match,
                "quality": quality,
                "relevance": ranking.relevance(match, best_text_rank=1.0),
            }
        )
    return rows


def client_detail(request: HttpRequest, username: str) -> HttpResponse:
    """A client's public page: the reviews freelancers published about them, and their totals.

    Every active account has one (a client may post jobs before hiring; freelancers who also
    hire have one too); the totals are the stored `ClientReputation`, as services' are, never
    computed per request.
    """
    client = get_object_or_404(
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("client_reputation", "profile"),
        username=username,
    )
    stored = getattr(client, "client_reputation", None) or ClientReputation(
        user=client, rating_score=reputation.PRIOR_MEAN
    )
    reviews = Review.objects.visible().of_clients().filter(subject=client)
    review_page = Paginator(
        reviews.select_related("author__profile", "engagement__service"), REVIEWS_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "client": client,
        "reputation": stored,
        "review_page": review_page,
        "rating": rating_summary(reviews, count=stored.review_count, average=stored.rating_average),
    }
    return render(request, "reviews/client_detail.html", context)
