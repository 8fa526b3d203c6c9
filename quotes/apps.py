from django.apps import AppConfig


class QuotesConfig(AppConfig):
    name = "quotes"
    verbose_name = "Quote database"

    def ready(self) -> None:
        from core import surrogate

        from .models import Quote

        # An embargoed quote going public changes pages with no write to purge them.
        surrogate.scheduled_changes.append(Quote.objects.scheduled_changes)
