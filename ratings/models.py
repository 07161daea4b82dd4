from django.db import models

from ratings.aspects import ACCURACY, BRIEF, DEADLINES, VOICE, average_column, count_column


class WritingAspectAverages(models.Model):
    """The writing sub-ratings' stored figures on whatever is rated (services, profiles): per
    aspect of `ratings.aspects`, the average stars and the number of visible reviews that rate
    it. `reviews.reputation` keeps them current in the transaction that changes a review.
    """

    accuracy_average = average_column(ACCURACY)
    accuracy_count = count_column(ACCURACY)
    brief_average = average_column(BRIEF)
    brief_count = count_column(BRIEF)
    voice_average = average_column(VOICE)
    voice_count = count_column(VOICE)
    deadlines_average = average_column(DEADLINES)
    deadlines_count = count_column(DEADLINES)

    class Meta:
        abstract = True
