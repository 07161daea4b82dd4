"""The stored writing sub-rating figures of a service or a profile, as the API shows them."""

from rest_framework import serializers

from ratings.aspects import ACCURACY, BRIEF, DEADLINES, VOICE, Aspect


class AspectAverageSerializer(serializers.Serializer):
    """One aspect's stored average and count (reviews.reputation keeps them current)."""

    label = serializers.CharField(help_text="The aspect's name, as pages show it.")
    average = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        allow_null=True,
        help_text="Average stars (1 to 5) of visible reviews that rate it; null when none does.",
    )
    count = serializers.IntegerField(
        min_value=0, help_text="How many visible reviews rate this aspect."
    )

    def __init__(self, aspect: Aspect, **kwargs):
        self.aspect = aspect
        kwargs.setdefault("help_text", f"{aspect.label}: {aspect.help_text}")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, rated) -> dict:
        average = getattr(rated, self.aspect.average_field)
        return {
            "label": self.aspect.label,
            "average": None
            if average is None
            else self.fields["average"].to_representation(average),
            "count": getattr(rated, self.aspect.count_field),
        }


class SubRatingAveragesSerializer(serializers.Serializer):
    """The writing sub-ratings' stored figures, one member per aspect of ratings.aspects."""

    accuracy = AspectAverageSerializer(ACCURACY)
    brief = AspectAverageSerializer(BRIEF)
    voice = AspectAverageSerializer(VOICE)
    deadlines = AspectAverageSerializer(DEADLINES)
