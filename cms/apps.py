from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Quote desk"

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
