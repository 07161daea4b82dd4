from django.conf import settings
from django.db import models


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Review(models.Model):
    """A client's rating and words about a service; the freelancer may answer once."""

    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_written"
    )
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=5_000)
    response = models.TextField("freelancer's response", max_length=5_000, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    hidden_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["service", "is_hidden", "-created_at"], name="review_service_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.rating}★ by {self.author} on {self.service}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.service_id and self.author_id and self.service.owner.user_id == self.author_id:
            raise ValidationError("Freelancers cannot review their own services.", code="own")
