"""Nothing unpublished ever reaches an anonymous reader or API client.

Content in every non-public state carries a unique marker. An anonymous crawler then follows
every link it can find from the home page, the sitemap, the feeds and the API root, runs the
searches and filters, fetches every page twice (the second time from any cache), and asks for
the hidden items' own URLs directly. No marker may appear in any response.
"""

import contextlib
import datetime as dt
import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.utils import timezone

from articles.drafts import article_draft_save
from articles.models import Article, Author, Correction, Section, Tag
from core.slugs import slug_retire
from quotes.held import record_hold
from quotes.models import Quote
from tests.factories import (
    ArticleFactory,
    BoxOfficeFigureFactory,
    BylineFactory,
    CharacterFactory,
    CorrectionFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
    TagFactory,
)
from tests.sitemaps import SITEMAP_URLS

MARKER = "ZQXLEAK"
# Every hidden item also contains this ordinary word, so a search for it would find them if it
# leaked, while the echo of the query itself carries no marker.
SECRET_WORD = "quixotically"
MAX_PAGES = 700
LINK_RE = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
XML_LINK_RE = re.compile(r"<(?:loc|link|id)>([^<]+)</(?:loc|link|id)>|<link[^>]+href=\"([^\"]+)\"")


def marker(name: str) -> str:
    return f"{SECRET_WORD} {MARKER}{name}"


def hidden_world(demo) -> dict:
    """One item in each non-public state, each with its own marker, linked from public items."""
    now = timezone.now()
    hidden: dict[str, object] = {}
    film_section = Section.objects.get(slug="film")
    public_tags = list(Tag.objects.all())
    desk = Author.objects.get(slug="quote-desk-staff")
    # A tag only unpublished articles carry: its name is as secret as their headlines.
    hidden["tag-only-on-drafts"] = TagFactory(name=marker("TAG"), slug="hidden-tag")
    for status, published_at in [
        ("draft", None),
        ("review", None),
        ("scheduled", now + dt.timedelta(days=2)),
        ("archived", now - dt.timedelta(days=30)),
        ("published", now + dt.timedelta(days=1)),  # published, but not yet due
    ]:
        hidden[f"article-{status}"] = ArticleFactory(
            title=f"{marker('ART' + status.upper())} headline",
            standfirst=marker("STAND" + status.upper()),
            body=f"Body {marker('BODY' + status.upper())}",
            status=status,
            published_at=published_at,
            slug=f"hidden-{status}",
            section=film_section,
        )
        article = hidden[f"article-{status}"]
        article.tags.add(hidden["tag-only-on-drafts"], *public_tags)
        BylineFactory(article=article, author=desk)
        CorrectionFactory(article=article, text=marker("CORRECTION" + status.upper()))
    source = SourceFactory(title="A public interview")
    # A source only a draft article and an unapproved quote know of, relayed by another.
    relay = SourceFactory(title=f"Relay of {marker('RELAYSOURCE')}")
    hidden["source-draft-only"] = SourceFactory(
        title=f"Interview quoted in {marker('DRAFTSOURCE')}", via=relay
    )
    for state in ("pending", "rejected"):
        hidden[f"quote-{state}"] = QuoteFactory(
            text=f"{marker('QUOTE' + state.upper())} said out loud.",
            state=state,
            source=source,
            speaker_person=demo.people.first(),
        )
    pending_parent = QuoteFactory(
        text=f"Parent {marker('PARENTPENDING')} words.", state="pending", source=source
    )
    hidden["quote-nested-in-pending"] = QuoteFactory(
        text=f"Nested {marker('NESTEDINPENDING')} line.",
        state="approved",
        parent=pending_parent,
        source=source,
        speaker_person=None,
        speaker_character=CharacterFactory(name="A public character"),
    )
    # Approved, in an approved line that its pending parent hides: it would show that line's
    # words as what it is quoted within.
    hidden["quote-nested-two-deep"] = QuoteFactory(
        text=f"Deeper {marker('NESTEDTWODEEP')} line.",
        state="approved",
        parent=hidden["quote-nested-in-pending"],
        source=source,
        speaker_person=demo.people.first(),
    )
    # A published article that features a pending quote and links to a draft.
    published = ArticleFactory(
        title="A published story",
        # A reference to a quote readers may not see renders nothing (page and API alike).
        body="See [the follow-up](/articles/hidden-draft/) and [review](/articles/hidden-review/)."
        f"\n\n[[quote:{hidden['quote-pending'].pk}]]",
        status="published",
        published_at=now - dt.timedelta(hours=1),
        slug="public-story",
    )
    FeaturedQuoteFactory(article=published, quote=hidden["quote-pending"], position=0)
    FeaturedQuoteFactory(article=published, quote=pending_parent, position=1)
    published.films.add(*demo.films.all())
    hidden["article-draft"].films.add(*demo.films.all())
    hidden["article-draft"].sources.add(hidden["source-draft-only"])
    # A source only the draft cites, which reached us through one of the demo's public
    # sources: that source's page must not name it among those relayed through it.
    hidden["source-relayed-by-public"] = SourceFactory(
        title=f"Report of {marker('RELAYEDBYPUBLIC')}", via=demo.sources.first()
    )
    hidden["article-draft"].sources.add(hidden["source-relayed-by-public"])
    QuoteFactory(
        text=f"Pending {marker('PENDINGATSOURCE')} words.",
        state="pending",
        source=hidden["source-draft-only"],
    )
    hidden["article-draft"].people.add(*demo.people.all())
    for key in ("quote-pending", "quote-rejected", "quote-nested-in-pending"):
        CorrectionFactory(article=None, quote=hidden[key], text=marker("QCORRECTION" + key))
    # A draft renamed: its old slug must not lead anyone to its new one.
    slug_retire(record=hidden["article-draft"], slug="hidden-draft-old-slug")
    # A live article with draft changes: its headline, standfirst, body, a tag and a featured
    # quote of the draft only, each marked; readers keep the live story.
    hidden["draft-only-tag"] = TagFactory(name=marker("DRAFTTAG"), slug="draft-only-tag")
    hidden["draft-of-public-story"] = article_draft_save(
        article=published,
        by=None,
        title=f"{marker('DRAFTTITLE')} headline",
        standfirst=marker("DRAFTSTAND"),
        body=f"Body {marker('DRAFTBODY')}",
        tags=[hidden["draft-only-tag"]],
        featured_quotes=[(hidden["quote-pending"], 0), (pending_parent, 1)],
    )
    # ... scheduled by an editor to go live tomorrow: not before.
    hidden["draft-of-public-story"].go_live_at = now + dt.timedelta(days=1)
    hidden["draft-of-public-story"].save(update_fields=["go_live_at"])
    # A writer's change to a public person and a public source, awaiting an editor's approval.
    writer = User.objects.create_user("held-writer")
    record_hold(record=demo.people.first(), by=writer, changes={"bio": marker("HELDBIO")})
    record_hold(record=source, by=writer, changes={"title": marker("HELDSOURCE")})
    record_hold(record=demo.films.first(), by=writer, changes={"synopsis": marker("HELDFILM")})
    # A person and a film a writer added for the draft story: not public before it is.
    hidden["new-person"] = PersonFactory(
        name=marker("NEWPERSON"), slug="new-person", held_until_used=True
    )
    hidden["new-film"] = FilmFactory(title=marker("NEWFILM"), slug="new-film", held_until_used=True)
    hidden["article-draft"].people.add(hidden["new-person"])
    hidden["article-draft"].films.add(hidden["new-film"])
    # An editor's box-office figure for that film, from a source nothing else uses: the source
    # is no more public than the film.
    hidden["source-of-hidden-figure"] = SourceFactory(title=marker("FIGURESOURCE"))
    BoxOfficeFigureFactory(film=hidden["new-film"], source=hidden["source-of-hidden-figure"])
    # The controls: corrections readers may see.
    CorrectionFactory(article=published, text="A public correction to the public story.")
    CorrectionFactory(article=demo, text="A public correction to the demo.")
    return hidden


def links_in(path: str, content_type: str, body: str) -> set[str]:
    if "json" in content_type:
        found: set[str] = set()

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str) and (
                value.startswith("http://testserver/") or value.startswith("/api/")
            ):
                found.add(value)

        with contextlib.suppress(ValueError):
            walk(json.loads(body))
        return found
    if "xml" in content_type:
        return {a or b for a, b in XML_LINK_RE.findall(body)}
    return {urljoin(path, href) for href in LINK_RE.findall(body)}


def many_addresses():
    """A fresh client address a request: the crawl tests leaks, not the per-address throttle."""
    for n in range(1, 60_000):
        yield {"REMOTE_ADDR": f"10.{n // 62500}.{n // 250 % 250}.{n % 250 + 1}"}


ADDRESSES = many_addresses()


def internal(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(("/admin", "/static")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, seeds: list[str]) -> dict[str, str]:
    """Every reachable internal URL fetched twice (live, then from any cache)."""
    seen: dict[str, str] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = internal(queue.popleft())
        if url is None or url in seen:
            continue
        bodies = []
        for _ in range(2):
            response = client.get(
                url, HTTP_ACCEPT="text/html,application/json,*/*", **next(ADDRESSES)
            )
            assert response.status_code < 500, f"{url} answered {response.status_code}"
            if response.status_code in (301, 302, 303, 307, 308):
                queue.append(response["Location"])
            bodies.append(response.getvalue().decode("utf-8", "replace"))
        seen[url] = bodies[0] + bodies[1]
        content_type = response.get("Content-Type", "")
        queue.extend(links_in(url, content_type, bodies[0]))
    return seen


@pytest.mark.django_db
def test_no_unpublished_content_reaches_an_anonymous_client(client, demo):
    caches["default"].clear()
    hidden = hidden_world(demo)
    # Warm the caches while the hidden items are visible to nobody yet, as a reader would.
    client.get("/")

    searches = [
        f"/search/?q={SECRET_WORD}",
        f"/search/?q={SECRET_WORD.upper()}",
        "/search/?q=headline",
        "/search/?q=said",
        f"/api/v1/quotes/?search={SECRET_WORD}",
        f"/api/v1/articles/?search={SECRET_WORD}",
        f"/api/v1/people/?search={SECRET_WORD}",
        f"/api/v1/films/?search={SECRET_WORD}",
        "/api/v1/quotes/?search=said",
        "/api/v1/articles/?search=headline",
    ]
    filters = [
        "/quotes/?status=unverified",
        "/quotes/?nested=true",
        "/api/v1/quotes/?nested=true",
        "/api/v1/quotes/?status=unverified",
        "/api/v1/quotes/?speaker=len-wiseman",
        "/api/v1/quotes/?character=a-public-character",
        "/api/v1/quotes/?article=public-story",
        "/api/v1/quotes/?article=hidden-draft",
        "/api/v1/articles/?film=ballerina",
        "/api/v1/articles/?section=film",
        "/api/v1/articles/?tag=ballerina",
        "/api/v1/articles/?tag=hidden-tag",
        "/api/v1/articles/?author=quote-desk-staff",
        "/api/v1/sections/",
        "/api/v1/tags/",
        "/api/v1/authors/",
        "/api/v1/quotes/random/?count=50",
    ] + ["/quotes/random/"] * 10
    feeds_and_discovery = ["/", "/articles/", "/quotes/", *SITEMAP_URLS, "/robots.txt"]
    feeds_and_discovery += [
        "/corrections/",
        "/corrections/feed/",
        "/sections/film/",
        "/sections/film/feed/",
        "/tags/ballerina/",
        "/tags/ballerina/feed/",
        "/authors/quote-desk-staff/",
        "/authors/quote-desk-staff/feed/",
        f"{demo.get_absolute_url()}",
    ]
    pages = crawl(client, feeds_and_discovery + ["/api/v1/"] + searches + filters)

    direct = [
        *(hidden[k].get_absolute_url() for k in hidden if k.startswith("article-")),
        *(f"/api/v1/articles/{hidden[k].pk}/" for k in hidden if k.startswith("article-")),
        *(hidden[k].get_absolute_url() for k in hidden if k.startswith("quote-")),
        *(f"/api/v1/quotes/{hidden[k].pk}/" for k in hidden if k.startswith("quote-")),
        hidden["source-draft-only"].get_absolute_url(),
        f"/api/v1/sources/{hidden['source-draft-only'].pk}/",
        f"/api/v1/sources/{hidden['source-draft-only'].via_id}/",
        hidden["source-relayed-by-public"].get_absolute_url(),
        f"/api/v1/sources/{hidden['source-relayed-by-public'].pk}/",
        hidden["source-of-hidden-figure"].get_absolute_url(),
        f"/api/v1/sources/{hidden['source-of-hidden-figure'].pk}/",
        "/tags/hidden-tag/",
        "/tags/hidden-tag/feed/",
        "/tags/draft-only-tag/",
        "/api/v1/tags/draft-only-tag/",
        "/api/v1/tags/hidden-tag/",
        "/articles/hidden-draft-old-slug/",
        *(hidden[k].get_absolute_url() for k in ("new-person", "new-film")),
        "/api/v1/people/new-person/",
        "/api/v1/films/new-film/",
        "/people/new-person/feed/",
        "/films/new-film/feed/",
    ]
    for url in direct:
        response = client.get(url, **next(ADDRESSES))
        assert response.status_code == 404, f"{url} answered {response.status_code}"
        assert MARKER not in response.content.decode()

    leaks = {url: body[max(0, body.find(MARKER) - 80) : body.find(MARKER) + 40]
             for url, body in pages.items() if MARKER in body}  # fmt: skip
    assert not leaks, f"unpublished content leaked: {leaks}"
    assert len(pages) > 40, f"the crawl reached only {len(pages)} URLs: {sorted(pages)}"
    must_reach = {"/sitemap.xml", "/api/v1/quotes/", "/api/v1/articles/", "/articles/public-story/"}
    must_reach |= {"/corrections/", "/sections/film/", "/tags/ballerina/", "/tags/john-wick/"}
    must_reach |= {"/authors/quote-desk-staff/", "/api/v1/tags/", "/corrections/feed/"}
    assert must_reach <= set(pages), must_reach - set(pages)
    # The controls were seen: public corrections do show.
    assert any("A public correction to the public story." in body for body in pages.values())
    # The live story with draft changes was read, as it is live.
    assert "A published story" in pages["/articles/public-story/"]
    assert client.get("/api/v1/articles/?tag=hidden-tag").status_code == 400
    assert any("feed" in url or "rss" in url or "atom" in url for url in pages), sorted(pages)
    assert Article.objects.exclude(pk__in=Article.objects.published()).count() == 5
    assert Quote.objects.exclude(pk__in=Quote.objects.published()).count() == 6
    assert Correction.objects.exclude(pk__in=Correction.objects.published()).count() == 8
