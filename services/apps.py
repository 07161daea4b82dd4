from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"

    def ready(self):
        from services import counters, pagecache

        pagecache.connect_signals()
        counters.connect_signals()
