"""The reviews section of an engagement's page: the engagements app sits below this one, so
its page shows the section through this tag rather than by importing the reviews app."""

from django import template

from reviews.submission import review_refusal

register = template.Library()


@register.inclusion_tag("reviews/includes/engagement_reviews.html", takes_context=True)
def engagement_reviews(context, engagement) -> dict:
    """Double-blind: each side sees its own review, and the other's once it is published;
    staff and others see the published ones. Reads `engagement.reviews` (prefetch it with
    their authors)."""
    user = context["request"].user
    side = engagement.side_of(user)
    reviews = list(engagement.reviews.all())
    mine = next((r for r in reviews if r.author_id == user.pk), None)
    theirs = next((r for r in reviews if r.author_id != user.pk), None)
    return {
        "engagement": engagement,
        "side": side,
        "my_review": mine,
        "their_review": theirs,
        "published_reviews": [r for r in reviews if r.is_published],
        "can_review": side is not None
        and mine is None
        and review_refusal(engagement=engagement, author=user) is None,
        "review_deadline": engagement.review_deadline,
        "can_edit_review": mine is not None and mine.is_editable_by(user),
        "can_respond": theirs is not None and theirs.is_published and not theirs.is_hidden,
        "other_name": engagement.name_of("freelancer" if side == "client" else "client"),
    }
