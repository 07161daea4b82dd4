"""The subject areas a translator names for a language pair."""

from django.db import models


class Subject(models.TextChoices):
    GENERAL = "general", "General"
    LEGAL = "legal", "Legal"
    MEDICAL = "medical", "Medical"
    TECHNICAL = "technical", "Technical"
    FINANCIAL = "financial", "Financial"
    MARKETING = "marketing", "Marketing"
    LITERARY = "literary", "Literary"
    ACADEMIC = "academic", "Academic"
    SOFTWARE = "software", "Software & localisation"
    SUBTITLES = "subtitles", "Subtitles"


SUBJECT_MAX_LENGTH = 12
