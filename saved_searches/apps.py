from django.apps import AppConfig


class SavedSearchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "saved_searches"
    verbose_name = "Saved searches and alerts"
