"""schema.org ratings: a rated thing's AggregateRating (overall and per writing aspect) and
one Review, from the stored figures and the review's stars."""

from ratings.aspects import aspect_summaries


def rating(value) -> dict:
    return {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1}


def with_aspects(overall: dict, aspects: list[dict]) -> dict | list[dict]:
    """The overall rating alone, or followed by one rating per writing aspect.

    schema.org has no separate property for sub-ratings: a Rating or AggregateRating with
    `reviewAspect` is an additional value of the same property, after the overall one (which
    has no aspect, so readers that take one value take the overall).
    """
    return [overall, *aspects] if aspects else overall


def aggregate_rating(rated) -> dict | list[dict] | None:
    """The stored overall average and each rated aspect's, as AggregateRatings (None when
    there are no reviews: search engines penalise empty ratings)."""
    if not rated.review_count or rated.rating_average is None:
        return None
    overall = {
        "@type": "AggregateRating",
        "ratingValue": rated.rating_average,
        "reviewCount": rated.review_count,
        "bestRating": 5,
        "worstRating": 1,
    }
    aspects = [
        {
            "@type": "AggregateRating",
            "reviewAspect": summary.aspect.label,
            "ratingValue": summary.average,
            "ratingCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        }
        for summary in aspect_summaries(rated)
        if summary.count
    ]
    return with_aspects(overall, aspects)


def review_data(review) -> dict:
    aspects = [
        {**rating(stars), "reviewAspect": aspect.label} for aspect, stars in review.sub_ratings
    ]
    return {
        "@type": "Review",
        "reviewRating": with_aspects(rating(review.rating), aspects),
        "author": {"@type": "Person", "name": review.author.first_name_shown},
        "datePublished": review.created_at.date(),
        "reviewBody": review.text,
    }
