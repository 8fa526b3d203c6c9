from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorial"

    def ready(self) -> None:
        from core import drafts, surrogate

        from .drafts import article_draft_go_live
        from .models import Article

        # A scheduled article going live changes pages with no write to purge them.
        surrogate.scheduled_changes.append(Article.objects.scheduled_changes)
        drafts.go_live[Article] = article_draft_go_live
