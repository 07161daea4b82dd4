from django.db import models


class EngagementKind(models.TextChoices):
    """How a freelancer likes to work: the seed page's "$15/hr Ongoing"."""

    ONGOING = "ongoing", "Ongoing"
    ONE_OFF = "one_off", "One-off project"
    EITHER = "either", "Ongoing or one-off"


class Currency(models.TextChoices):
    USD = "USD", "US dollar"
    EUR = "EUR", "Euro"
    GBP = "GBP", "Pound sterling"
    CAD = "CAD", "Canadian dollar"
    AUD = "AUD", "Australian dollar"
    INR = "INR", "Indian rupee"
