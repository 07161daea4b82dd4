"""Every demo row as plain data, keyed by natural keys rather than ids, for comparing loads.

Left out: ids, password hashes (salted), last logins and PostgreSQL's search vectors.
"""

import datetime
import json
from decimal import Decimal

from django.db.models import F

from accounts.models import User
from engagements.models import Engagement
from profiles.models import Profile, Skill, WritingSample
from ratings.aspects import ASPECTS
from reviews.models import Review
from services.models import Category, Service

TABLES = {
    "users": (
        User.objects.order_by("email"),
        ["email", "username", "first_name", "last_name", "date_joined", "is_staff"],
    ),
    "categories": (
        Category.objects.order_by("slug"),
        ["slug", "name", "parent__slug", "position"],
    ),
    "skills": (Skill.objects.order_by("slug"), ["slug", "name"]),
    "profiles": (
        Profile.objects.order_by("slug"),
        [
            "slug",
            "user__email",
            "display_name",
            "headline",
            "about",
            "location",
            "country",
            "hourly_rate",
            "currency",
            "availability",
            "engagement_preference",
            "member_since",
            "avatar",
            "avatar_thumbnail",
            "banner",
            "review_count",
            "rating_average",
            *(field for a in ASPECTS for field in (a.average_field, a.count_field)),
            "completed_engagement_count",
            "created_at",
        ],
    ),
    "profile skills": (
        Profile.skills.through.objects.order_by("profile__slug", "skill__slug"),
        ["profile__slug", "skill__slug"],
    ),
    "services": (
        Service.objects.order_by("slug"),
        [
            "slug",
            "owner__slug",
            "title",
            "category__slug",
            "description",
            "hourly_rate",
            "starting_price",
            "currency",
            "engagement",
            "status",
            "review_count",
            "rating_average",
            *(field for a in ASPECTS for field in (a.average_field, a.count_field)),
            "created_at",
        ],
    ),
    "service skills": (
        Service.skills.through.objects.order_by("service__slug", "skill__slug"),
        ["service__slug", "skill__slug"],
    ),
    "samples": (
        WritingSample.objects.order_by("profile__slug", "slug"),
        ["profile__slug", "slug", "title", "body", "published_on", "created_at"],
    ),
    "engagements": (
        Engagement.objects.order_by("service__slug", "client__email", "requested_at"),
        [
            "service__slug",
            "client__email",
            "freelancer__slug",
            "state",
            "what",
            "budget",
            "quoted_amount",
            "quote_basis",
            "currency",
            "requested_at",
            "accepted_at",
            "delivered_at",
            "completed_at",
            "last_activity_at",
        ],
    ),
    "reviews": (
        # Reviews of clients have no service: NULLs first on both databases.
        Review.objects.order_by(
            F("service__slug").asc(nulls_first=True), "author__email", "subject__email"
        ),
        [
            "service__slug",
            "author__email",
            "subject__email",
            "direction",
            "rating",
            *(aspect.rating_field for aspect in ASPECTS),
            "text",
            "response",
            "work_completed_on",
            "created_at",
            "published_at",
            "responded_at",
        ],
    ),
}


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def rows() -> dict[str, list[list]]:
    return {
        name: [[_plain(v) for v in row] for row in queryset.values_list(*fields)]
        for name, (queryset, fields) in TABLES.items()
    }


def dumps() -> str:
    return json.dumps(rows(), ensure_ascii=False, sort_keys=True)
