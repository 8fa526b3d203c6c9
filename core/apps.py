from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import drafts, surrogate

        surrogate.connect_signals()
        surrogate.scheduled_changes.append(drafts.scheduled_drafts)
