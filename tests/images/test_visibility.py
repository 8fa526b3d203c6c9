"""An image is public only while a public record uses it (`Image.objects.published()`): one
that only a draft uses is reachable through no page, feed, sitemap or API answer, and its
files are 404s to readers."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article
from core import compiled
from images.models import Image
from tests.factories import ArticleFactory, FilmFactory
from tests.images.helpers import stored_image
from tests.security.test_no_leaks import crawl
from tests.sitemaps import SITEMAP_URLS

pytestmark = pytest.mark.django_db

MARKER = "ZQXDRAFTIMAGE"
SEEDS = [
    "/",
    "/articles/",
    *SITEMAP_URLS,
    "/articles/feed/",
    "/articles/feed/atom/",
    "/api/v1/",
    "/api/v1/images/",
    f"/api/v1/images/?search={MARKER}",
    "/api/v1/articles/",
    "/api/v1/films/",
]


def leaks(pages: dict[str, str], *needles: str) -> dict[str, str]:
    return {url: needle for url, body in pages.items() for needle in needles if needle in body}


def test_an_image_only_a_draft_uses_is_reachable_nowhere(client):
    hidden = stored_image(title=f"Embargoed {MARKER}", alt_text=f"Embargoed {MARKER}")
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, lead_image=hidden)
    scheduled = stored_image(alt_text=f"Tomorrow {MARKER}")
    ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + dt.timedelta(days=1),
        lead_image=scheduled,
    )
    in_draft_body = stored_image(alt_text=f"Drafted {MARKER}")
    ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body=f"[[image:{in_draft_body.pk}]]"
    )
    shown = stored_image(alt_text="A published picture")
    public = ArticleFactory(lead_image=shown)
    FilmFactory(poster=stored_image(alt_text="A poster"))

    pages = crawl(client, [*SEEDS, public.get_absolute_url()])
    assert leaks(pages, shown.key, "A poster"), "the control images were not reachable"
    assert not leaks(pages, MARKER, hidden.key, scheduled.key, in_draft_body.key), leaks(
        pages, MARKER
    )
    for image in (hidden, scheduled, in_draft_body):
        for url in [f"/api/v1/images/{image.pk}/", *(r.url for r in image.rendition_list())]:
            assert client.get(url).status_code == 404, url
        assert client.get(f"/api/v1/images/{image.pk}/").status_code == 404

    # An editor previewing the draft sees its image.
    editor = User.objects.create_superuser("desk", "d@example.com", "pw-long-enough-1")
    client.force_login(editor)
    assert client.get(hidden.fallback("16x9").url).status_code == 200
    client.logout()

    # Published, it shows.
    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    assert client.get(hidden.fallback("16x9").url).status_code == 200
    assert hidden.pk in {i["id"] for i in client.get("/api/v1/images/").json()["results"]}
    assert Image.objects.published().filter(pk=hidden.pk).exists()


@pytest.mark.parametrize("use", ["lead image", "in the body"])
def test_visibility_follows_published_and_nothing_else(monkeypatch, use):
    """Hide the one article using an image through `published()` alone: the image goes."""
    from articles.querysets import ArticleQuerySet

    image = stored_image()
    if use == "lead image":
        article = ArticleFactory(lead_image=image)
    else:
        article = ArticleFactory(body=f"[[image:{image.pk}]]")
    assert list(Image.objects.published()) == [image]
    original = ArticleQuerySet.published
    monkeypatch.setattr(
        ArticleQuerySet, "published", lambda self: original(self).exclude(pk=article.pk)
    )
    # Rules built from now on see the patched one; none outlives the test (core.compiled).
    monkeypatch.setattr(compiled, "statements", {})
    assert list(Image.objects.published()) == []
