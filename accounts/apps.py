from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is also called "Accounts" in the admin: two identical headings.
    verbose_name = "Users"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from accounts import security_events

        security_events.connect()
        # Each app's `personal_data.py` registers its part of exports and erasures.
        autodiscover_modules("personal_data")
