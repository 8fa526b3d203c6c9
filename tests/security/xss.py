"""A corpus of known cross-site scripting payloads, and a world that puts each one into every
field a reader sees.

Every payload, if it ever ran, would set its own global `window.__xss_<n>`; n tells which
payload in which field got through (n = 100 * payload index + field index).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxOfficeFigureFactory,
    BylineFactory,
    CharacterFactory,
    CorrectionFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    FranchiseFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)
from tests.sitemaps import SITEMAP_URLS

# Every text payload has a `{js}` slot for the statement that sets its global.
PAYLOADS = [
    "<script>{js}</script>",
    "<SCRIPT SRC=data:text/javascript,{js}></SCRIPT>",
    '<img src=x onerror="{js}">',
    "<img src=x onerror={js}//",  # unclosed
    '<svg onload="{js}">',
    "<svg><script>{js}</script></svg>",
    '<svg><a xlink:href="javascript:{js}"><text y="20">svg link</text></a></svg>',
    '<iframe srcdoc="<script>parent.{js}</script>"></iframe>',
    '<iframe src="javascript:parent.{js}"></iframe>',
    '<a href="javascript:{js}">click me</a>',
    '<a href="JaVaScRiPt:{js}">mixed case</a>',
    '<a href="jav&#x09;ascript:{js}">tab entity</a>',
    '<a href="&#106;avascript:{js}">decimal entity</a>',
    '<a href=" javascript:{js}">leading space</a>',
    "[markdown link](javascript:{js})",
    "[markdown link](JAVASCRIPT:{js})",
    "[markdown link](<javascript:{js}>)",
    "[ref link][r]\n\n[r]: javascript:{js}",
    '![markdown image](x" onerror="{js})',
    '[breakout](https://example.com/" onmouseover="{js})',
    '" onmouseover="{js}" x="',
    "' onfocus='{js}' autofocus x='",
    '"><script>{js}</script>',
    "</script><script>{js}</script>",
    "</title><script>{js}</script>",
    "</textarea><script>{js}</script>",
    '<!--<img src="--><img src=x onerror={js}//">',
    '<noscript><p title="</noscript><img src=x onerror={js}>">',
    '<math><mtext><table><mglyph><style><img src=x onerror="{js}">',
    "<scr<script>ipt>{js}</scr</script>ipt>",
    '<a href="data:text/html,<script>{js}</script>">data link</a>',
    '<object data="javascript:{js}"></object>',
    '<embed src="javascript:{js}">',
    '<form action="javascript:{js}"><button>go</button></form>',
    '<button formaction="javascript:{js}">go</button>',
    '<details open ontoggle="{js}"><summary>x</summary></details>',
    '<input autofocus onfocus="{js}">',
    '<body onload="{js}">',
    '<div style="background:url(javascript:{js})">css url</div>',
    '<p style="width:expression({js})">css expression</p>',
    "<style>@import 'javascript:{js}';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<base href="javascript:{js}//">',
    '<a href="#" onclick="{js}">onclick</a>',
    '<video><source onerror="{js}"></video>',
    "`<script>{js}</script>` and\n\n    <script>{js}</script>",
    "{{% if 1 %}}<script>{js}</script>{{% endif %}}",
    "\u2028<script>{js}</script>\u2029",
]

# Payloads for URL fields (an outlet's home page, a source's URL), which the pages render as
# links. The forms refuse them, but a bulk load or an export from elsewhere writes them as is.
URL_PAYLOADS = [
    "javascript:{js}",
    "JaVaScRiPt:{js}",
    " javascript:{js}",
    "jav\tascript:{js}",
    "data:text/html,<script>{js}</script>",
    "vbscript:{js}",
    'https://example.com/"onmouseover="{js}',
    "https://example.com/'><script>{js}</script>",
]

FIELDS = [
    "article.title",
    "article.standfirst",
    "article.body",
    "author.name",
    "quote.text",
    "quote.verification_note",
    "person.name",
    "person.bio",
    "person.aliases",
    "character.name",
    "character.description",
    "character.aliases",
    "film.title",
    "film.synopsis",
    "franchise.name",
    "outlet.name",
    "source.title",
    "outlet.url",
    "source.url",
    "author.role",
    "author.bio",
    "section.name",
    "section.description",
    "tag.name",
    "correction.text",
    "quote_correction.text",
]
URL_FIELDS = {"outlet.url", "source.url"}
SEARCH_WORD = "zebracorn"
PWNED = "PWNED"


def marker(payload_index: int, field_name: str) -> int:
    return payload_index * 100 + FIELDS.index(field_name)


def js_for(n: int) -> str:
    return f"window.__xss_{n}=1"


def filled(template: str, n: int) -> str:
    return template.replace("{js}", js_for(n)).replace("{{", "{").replace("}}", "}")


def value(payload_index: int, field_name: str) -> str:
    n = marker(payload_index, field_name)
    if field_name in URL_FIELDS:
        return filled(URL_PAYLOADS[payload_index % len(URL_PAYLOADS)], n)
    text = filled(PAYLOADS[payload_index], n)
    if field_name == "article.body":
        return f"A {SEARCH_WORD} paragraph.\n\n{text}\n\nThe end."
    return f"{SEARCH_WORD} {text}"


@dataclass
class World:
    """The objects built for one payload, and every page that shows them."""

    payload_index: int
    urls: list[str] = field(default_factory=list)


def build_world(payload_index: int) -> World:
    def v(name: str) -> str:
        return value(payload_index, name)

    i = payload_index
    franchise = FranchiseFactory(name=v("franchise.name"), slug=f"xss-franchise-{i}")
    film = FilmFactory(
        title=v("film.title"), synopsis=v("film.synopsis"), franchise=franchise, slug=f"xss-{i}"
    )
    person = PersonFactory(
        name=v("person.name"),
        bio=v("person.bio"),
        aliases=v("person.aliases"),
        slug=f"xss-person-{i}",
    )
    character = CharacterFactory(
        name=v("character.name"),
        description=v("character.description"),
        aliases=v("character.aliases"),
        franchise=franchise,
        slug=f"xss-character-{i}",
    )
    outlet = OutletFactory(name=v("outlet.name"), url=v("outlet.url"), slug=f"xss-outlet-{i}")
    source = SourceFactory(outlet=outlet, title=v("source.title"), url=v("source.url"))
    BoxOfficeFigureFactory(film=film, source=source, currency="<i>", territory="<s")
    quote = QuoteFactory(
        text=v("quote.text"),
        verification_note=v("quote.verification_note"),
        verification_status="disputed",
        speaker_person=person,
        source=source,
    )
    quote.films.add(film)
    line = QuoteFactory(
        text=f"A line by {SEARCH_WORD}.",
        speaker_person=None,
        speaker_character=character,
        source=source,
        parent=quote,
    )
    line.films.add(film)
    article = ArticleFactory(
        title=v("article.title"),
        standfirst=v("article.standfirst"),
        body=v("article.body"),
        section=SectionFactory(
            name=v("section.name"),
            description=v("section.description"),
            slug=f"xss-section-{i}",
        ),
        slug=f"xss-article-{i}",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(minutes=10 + i),
    )
    article.films.add(film)
    article.people.add(person)
    article.sources.add(source)
    FeaturedQuoteFactory(article=article, quote=quote, position=0)
    tag = TagFactory(name=v("tag.name"), slug=f"xss-tag-{i}")
    article.tags.add(tag)
    author = AuthorFactory(
        name=v("author.name"),
        role=v("author.role"),
        bio=v("author.bio"),
        slug=f"xss-author-{i}",
    )
    BylineFactory(article=article, author=author)
    CorrectionFactory(article=article, text=v("correction.text"))
    CorrectionFactory(article=None, quote=quote, text=v("quote_correction.text"))
    return World(
        payload_index=i,
        urls=[
            article.get_absolute_url(),
            article.section.get_absolute_url(),
            tag.get_absolute_url(),
            author.get_absolute_url(),
            quote.get_absolute_url(),
            line.get_absolute_url(),
            person.get_absolute_url(),
            character.get_absolute_url(),
            film.get_absolute_url(),
            outlet.get_absolute_url(),
            source.get_absolute_url(),
        ],
    )


def build_all() -> list[World]:
    return [build_world(i) for i in range(len(PAYLOADS))]


def shared_pages(worlds: list[World]) -> list[str]:
    """The lists, search results and feeds that show many worlds at once (every page)."""
    pages_needed = len(worlds) // 20 + 1
    urls = ["/"]
    for page in range(1, pages_needed + 1):
        suffix = f"?page={page}" if page > 1 else ""
        urls += [f"/articles/{suffix}", f"/quotes/{suffix}", f"/corrections/{suffix}"]
        urls += [
            f"/search/?q={SEARCH_WORD}&type={kind}&page={page}"
            for kind in ("articles", "quotes", "people", "films")
        ]
    urls += [f"/search/?q={SEARCH_WORD}"]
    return urls


FEEDS_AND_API = [
    "/articles/feed/",
    "/articles/feed/atom/",
    "/quotes/feed/",
    "/corrections/feed/",
    *SITEMAP_URLS,
    "/api/v1/articles/?page_size=100",
    "/api/v1/quotes/?page_size=100",
    "/api/v1/people/?page_size=100",
    "/api/v1/characters/?page_size=100",
    "/api/v1/films/?page_size=100",
    "/api/v1/franchises/?page_size=100",
    "/api/v1/outlets/?page_size=100",
    "/api/v1/sources/?page_size=100",
    "/api/v1/sections/?page_size=100",
    "/api/v1/tags/?page_size=100",
    "/api/v1/authors/?page_size=100",
]
