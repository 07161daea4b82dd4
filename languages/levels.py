"""How well someone speaks a language: native, or a CEFR level (A1 lowest, C2 highest)."""

from django.db import models


class Level(models.TextChoices):
    NATIVE = "native", "Native"
    C2 = "c2", "C2 · Proficient"
    C1 = "c1", "C1 · Advanced"
    B2 = "b2", "B2 · Upper intermediate"
    B1 = "b1", "B1 · Intermediate"
    A2 = "a2", "A2 · Elementary"
    A1 = "a1", "A1 · Beginner"


LEVEL_MAX_LENGTH = 6
