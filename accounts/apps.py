from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is also called "Accounts" in the admin: two identical headings.
    verbose_name = "Users"
