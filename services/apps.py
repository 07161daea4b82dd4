from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"

    def ready(self):
        from services import pagecache

        pagecache.connect_signals()
