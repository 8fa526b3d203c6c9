"""The editors' dashboard: what is waiting for whom."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article
from articles.teasers import teaser_html
from core.drafts import has_draft
from core.models import DraftChange, Notification
from quotes.models import Quote

register = template.Library()


@register.simple_tag
def desk_queues(user) -> list[dict]:
    """The dashboard's queues, each with a count and a link to the list that shows it."""
    articles = reverse("admin:articles_article_changelist")
    quotes = reverse("admin:quotes_quote_changelist")
    queues = [
        {
            "label": "My drafts",
            "count": Article.objects.drafts_of(user).count(),
            "url": f"{articles}?author=me&status=draft",
        },
        {
            "label": "Awaiting review",
            "count": Article.objects.awaiting_review().count(),
            "url": f"{articles}?status=review",
        },
        {
            "label": "Scheduled",
            "count": Article.objects.upcoming().count(),
            "url": f"{articles}?status=scheduled",
        },
        {
            "label": "Draft changes to live articles",
            "count": Article.objects.live().filter(has_draft(Article)).count(),
            "url": f"{articles}?status=changes",
        },
        # Waiting for an editor as an article in review does, or still to come as a
        # scheduled one is: a live article's changes are not in those queues' statuses.
        {
            "label": "Changes to live articles awaiting review",
            "count": Article.objects.live().filter(has_draft(Article, is_submitted=True)).count(),
            "url": f"{articles}?status=changes-review",
        },
        {
            "label": "Changes to live articles scheduled",
            "count": Article.objects.live()
            .filter(has_draft(Article, go_live_at__isnull=False))
            .count(),
            "url": f"{articles}?status=changes-scheduled",
        },
        {
            "label": "Live",
            "count": Article.objects.live().count(),
            "url": f"{articles}?status=live",
        },
        {
            "label": "Quotes awaiting approval",
            "count": Quote.objects.filter(state=Quote.State.PENDING).count(),
            "url": f"{quotes}?state__exact=pending",
        },
        {
            "label": "Disputed quotes",
            "count": Quote.objects.filter(verification_status=Quote.Verification.DISPUTED).count(),
            "url": f"{quotes}?verification_status__exact=disputed",
        },
    ]
    if not user.has_perm("articles.view_article"):
        queues = [q for q in queues if q["url"].startswith(quotes)]
    if not user.has_perm("quotes.view_quote"):
        queues = [q for q in queues if not q["url"].startswith(quotes)]
    held = {
        "label": "Changes to people, characters, films, outlets and sources awaiting approval",
        "count": DraftChange.objects.exclude(
            content_type=ContentType.objects.get_for_model(Article)
        ).count(),
        "url": reverse("admin:core_draftchange_changelist"),
    }
    if user.has_perm("quotes.approve_quote"):
        queues.append(held)
    inbox = {
        "label": "Unread notifications",
        "count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "url": reverse("admin:core_notification_changelist") + "?unread=yes",
    }
    return [inbox, *queues]


@register.simple_tag
def article_teaser(article, level: int = 2) -> str:
    """The teaser of an article loaded `for_list()` (`articles.teasers`)."""
    return teaser_html(article, level=level)
