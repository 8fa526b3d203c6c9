from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks, drafts, surrogate  # noqa: F401 (checks registers on import)

        surrogate.connect_signals()
        surrogate.scheduled_changes.append(drafts.scheduled_drafts)
