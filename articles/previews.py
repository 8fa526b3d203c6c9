"""Previews: the article as readers will see it, whatever its status, with its draft changes
when it has some, from the public template and the public page's context. The desk's preview
and the signed links for outside reviewers both answer with `render_preview`: never cached,
never indexed, and marked as a preview."""

import re

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import format_html

from core.drafts import draft_of
from images.models import Image
from quotes.models import Film, Person, Quote, Source

from .desk import preview_link_resolve
from .drafts import draft_article
from .markup import render_markdown
from .models import Article, Author, FeaturedQuote, Tag
from .services import unapproved_quotes
from .views import ArticleDetailView, article_context

BODY_TAG = re.compile(rb"<body[^>]*>", re.IGNORECASE)


def draft_links(article: Article, data: dict) -> dict:
    """What a draft links to, shaped as `article_links()` shapes the live article's, so the
    preview is the page readers will see once it is published (published quotes only)."""
    rows = sorted(data.get("featured_quotes", []), key=lambda row: row["position"])
    public = (
        Quote.objects.published()
        .select_related("speaker_person", "speaker_character", "source__outlet")
        .in_bulk([row["quote"] for row in rows])
    )
    featured = [
        FeaturedQuote(article=article, quote=public[row["quote"]], position=row["position"])
        for row in rows
        if row["quote"] in public
    ]
    authors = Author.objects.in_bulk(data.get("authors", []))
    return {
        "featured": featured,
        "films": list(Film.objects.filter(pk__in=data["films"]).order_by("-release_on", "title")),
        "people": list(Person.objects.filter(pk__in=data["people"]).order_by("sort_name", "name")),
        "sources": list(
            Source.objects.filter(pk__in=data["sources"]).select_related("outlet", "via__outlet")
        ),
        "authors": [authors[pk] for pk in data.get("authors", []) if pk in authors],
        "tags": list(Tag.objects.filter(pk__in=data["tags"]).order_by("name")),
    }


def preview_context(article: Article) -> tuple[dict, bool]:
    """The preview's context: of the draft changes when the article has some."""
    draft = draft_of(article)
    # The body shows the images it will show once published, public yet or not.
    library = Image.objects.all()
    if draft is None:
        return article_context(article, images=library), False
    drafted = draft_article(article, draft.data)
    drafted.body_html = render_markdown(drafted.body)
    return article_context(drafted, draft_links(drafted, draft.data), images=library), True


def render_preview(request, article: Article, *, back_url: str = "") -> TemplateResponse:
    context, of_draft = preview_context(article)
    pending = unapproved_quotes(article).count()
    response = TemplateResponse(request, ArticleDetailView.template_name, context)
    response.render()
    response.content = BODY_TAG.sub(
        lambda match: match.group(0) + banner(article, pending, of_draft, back_url).encode(),
        response.content,
        count=1,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def banner(article: Article, pending: int, of_draft: bool, back_url: str) -> str:
    note = (
        f" {pending} featured quote(s) await approval and are not shown until approved."
        if pending
        else ""
    )
    back = format_html(' <a href="{}">Back to the editor</a>', back_url) if back_url else ""
    return str(
        format_html(
            '<div class="preview-banner" role="status">Preview{} — not public. Status: {}.{}{}'
            "</div>",
            " of draft changes (readers see the live version)" if of_draft else "",
            article.get_status_display(),
            note,
            back,
        )
    )


def shared_preview(request, token: str):
    """The preview behind a signed link, for a reviewer without an account: a 404 once the
    link has expired or been revoked, as for any address that leads nowhere."""
    link = preview_link_resolve(token)
    if link is None:
        raise Http404("This preview link has expired or been revoked.")
    return render_preview(request, link.article)
