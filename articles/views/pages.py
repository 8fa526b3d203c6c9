"""The public pages of editorial content: home, articles, the site search and robots.txt."""

from functools import cached_property

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import F, Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core import compiled
from core.pages import (
    KeptObjectMixin,
    Linked,
    PageMeta,
    PageMetaMixin,
    PublicDetailMixin,
    PublicPageMixin,
    absolute_url,
    paginate,
)
from core.slugs import FollowsFormerSlugs
from quotes.models import Film, Person, Quote, Source
from quotes.querysets import QUOTE_CARD_SHAPE, complete_cards
from quotes.search import count_label, search_terms

from ..forms import SearchForm
from ..markup import link_quotes
from ..models import Article, Byline, Correction, FeaturedQuote, Tag
from ..querysets import TEASER_COLUMNS, complete_teasers, related_reading
from ..rendering import article_body
from ..search import SECTIONS, section_queryset, site_search
from .structured_data import SITE_NAME, article_ld, publisher_ld

HOME_ARTICLES = 8
# Related reading under an article: at most this many other published articles.
RELATED_ARTICLES = 4
HOME_FILMS = 6
# The featured quote and the films in the news come from this many latest articles.
HOME_WINDOW = 50
SEARCH_PREVIEW = 5
MAX_QUERY_LENGTH = 200


def featured_quotes(article: Article) -> list[FeaturedQuote]:
    """The article's featured quotes in the editor's order, published ones only, each with its
    speaker and source (one query); `article_context()` adds the films and source chains of
    those it shows as cards."""
    return compiled.instances(
        "featured_quotes",
        FeaturedQuote,
        lambda keys: FeaturedQuote.objects.filter(
            article__in=keys, quote__in=Quote.objects.published()
        ).order_by("position", "id"),
        [article.pk],
        related=(
            "quote",
            "quote__speaker_person",
            "quote__speaker_character",
            "quote__source",
            "quote__source__outlet",
        ),
    )


def quotes_by_speaker(featured: list[FeaturedQuote]) -> list[tuple]:
    """The featured quotes grouped by speaker, speakers in the order they are first quoted, each
    numbered: the short index under an article of the quotes its body shows."""
    groups: dict[tuple, tuple] = {}
    for number, item in enumerate(featured, start=1):
        speaker = item.quote.speaker
        key = (speaker._meta.label_lower, speaker.pk)
        groups.setdefault(key, (speaker, []))[1].append((number, item.quote))
    return list(groups.values())


def article_links(article: Article) -> dict:
    """What the article links to, as its page shows it, read from the database.

    Each query's SQL is compiled once per process (`core.compiled.instances`): building and
    compiling six querysets was a third of the page's time (docs/performance.md)."""
    featured = featured_quotes(article)
    keys = [article.pk]
    bylines = compiled.instances(
        "article_bylines",
        Byline,
        lambda keys: Byline.objects.filter(article__in=keys).order_by("position", "id"),
        keys,
        related=("author",),
    )
    return {
        "featured": featured,
        # Oldest first, as the story's history runs; films not yet dated (in development) last.
        "films": compiled.instances(
            "article_films",
            Film,
            lambda keys: Film.objects.filter(articles__in=keys).order_by(
                F("release_on").asc(nulls_last=True), "title"
            ),
            keys,
        ),
        "people": compiled.instances(
            "article_people",
            Person,
            lambda keys: Person.objects.filter(articles__in=keys).order_by("sort_name", "name"),
            keys,
        ),
        "sources": compiled.instances(
            "article_sources",
            Source,
            lambda keys: Source.objects.filter(articles__in=keys),
            keys,
            related=("outlet", "via", "via__outlet"),
        ),
        "authors": [byline.author for byline in bylines],
        "tags": compiled.instances(
            "article_tags",
            Tag,
            lambda keys: Tag.objects.filter(articles__in=keys).order_by("name"),
            keys,
        ),
    }


def article_context(article: Article, links: dict | None = None, images=None) -> dict:
    """Everything the article template shows, built from the article alone, or from the
    article and `links` (what a draft links to: `articles.drafts.draft_links`); `images` are
    those its body may show (`article_body`).

    The public page and the editors' preview of an unpublished article both call this, so a
    preview is the page a reader will see. Only published quotes are ever included.
    """
    links = links if links is not None else article_links(article)
    featured, films, people = links["featured"], links["films"], links["people"]
    sources, authors, tags = links["sources"], links["authors"], links["tags"]
    corrections = compiled.instances(
        "article_corrections",
        Correction,
        lambda keys: (
            Correction.objects.published().filter(article__in=keys).order_by("published_at", "id")
        ),
        [article.pk],
    )
    related = related_articles(article, films=films, people=people, tags=tags)
    # Quotes the body words are linked first, so that a referenced quote's card is left whole.
    linked_html, linked = link_quotes(
        article.body_html, [(item.quote.text, item.quote.get_absolute_url()) for item in featured]
    )
    in_body = [item for item in featured if item.quote.get_absolute_url() in linked]
    not_in_body = [item.quote for item in featured if item not in in_body]
    # Only the quotes shown as cards need what a card shows beyond its row.
    complete_cards(not_in_body)
    body_html, referenced = article_body(linked_html, images)
    return {
        "article": article,
        "referenced_quotes": referenced,
        "authors": authors,
        "tags": tags,
        "corrections": corrections,
        "featured_quotes": featured,
        # The body shows the words of the quotes it contains (linked to their records); the
        # others are shown in full below it. Either way a quote's words appear once.
        "body_html": mark_safe(body_html),  # noqa: S308 (sanitised at save; cards escaped)
        "quotes_by_speaker": quotes_by_speaker(in_body),
        "quotes_not_in_body": not_in_body,
        "films": films,
        "people": people,
        "sources": sources,
        "related_articles": related,
        "page_meta": PageMeta(
            title=f"{article.title} · {SITE_NAME}",
            description=article.standfirst or article.title,
            og_type="article",
            image=article.lead_image,
            trail=(
                *(
                    [(article.section.name, article.section.get_absolute_url())]
                    if article.section_id
                    else []
                ),
                (article.title, article.get_absolute_url()),
            ),
        ),
        "structured_data": article_ld(
            article,
            films=films,
            people=people,
            authors=authors,
            tags=tags,
            corrections=corrections,
        ),
    }


def related_articles(article: Article, *, films, people, tags) -> list[Article]:
    """Up to `RELATED_ARTICLES` other published articles sharing the most films, people and
    tags with this one, newest first among equals (`related_reading()`)."""
    return related_reading(
        article,
        films=[film.pk for film in films],
        people=[person.pk for person in people],
        tags=[tag.pk for tag in tags],
        limit=RELATED_ARTICLES,
    )


class HomeView(PublicPageMixin, TemplateView):
    """The latest articles, a featured quote and the films in the news.

    The featured quote and the films come from the latest `HOME_WINDOW` published articles
    only: the home is about what is in the news now, and a bounded window keeps its cost the
    same however many articles and quotes the archive holds.
    """

    template_name = "articles/home.html"
    listed_models = (Article,)

    @cached_property
    def window(self) -> tuple[list[int], list[Article]]:
        """The ids of the latest `HOME_WINDOW` published articles, newest first (read in order
        from the live-articles index), and the first `HOME_ARTICLES` of them as teasers: the
        teasers are listed, all the ids feed the featured quote and the films. Its query, as
        the others here, is kept compiled (`core.compiled`): building them was most of the
        page's time."""
        ids = []

        def listed_first(rows: list[dict]) -> list[dict]:
            ids.extend(row["id"] for row in rows)
            return rows[:HOME_ARTICLES]

        teasers = compiled.instances(
            "home articles",
            Article,
            lambda keys: Article.objects.published()[:HOME_WINDOW],
            [],
            keyless=True,
            related=("section", "lead_image"),
            columns=TEASER_COLUMNS,
            choose=listed_first,
        )
        return ids, teasers

    @property
    def in_the_news(self) -> list[int]:
        return self.window[0]

    @cached_property
    def articles(self) -> list[Article]:
        teasers = self.window[1]
        complete_teasers(teasers)
        return teasers

    @cached_property
    def featured_quote(self) -> Quote | None:
        """The first published featured quote of the newest article in the window that has one."""
        found = compiled.instances(
            "home featured quote",
            Quote,
            lambda keys: (
                Quote.objects.published()
                .featured_in(keys)
                .order_by(
                    "-featurings__article__published_at",
                    "-featurings__article__id",
                    "featurings__position",
                    "featurings__id",
                )[:1]
            ),
            self.in_the_news,
            **QUOTE_CARD_SHAPE,
        )
        complete_cards(found)
        return found[0] if found else None

    @cached_property
    def films(self) -> list[Film]:
        return compiled.instances(
            "home films",
            Film,
            lambda keys: (
                Film.objects.filter(articles__in=keys)
                .annotate(in_news_at=Max("articles__published_at"))
                .order_by("-in_news_at", "title")[:HOME_FILMS]
            ),
            self.in_the_news,
        )

    def shown(self) -> list:
        return [self.articles, self.featured_quote, self.films]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = self.articles
        context["featured_quote"] = self.featured_quote
        context["films"] = self.films
        context["page_meta"] = PageMeta(
            title=f"{SITE_NAME}: sourced, verifiable film quotes",
            description="Entertainment news in which every quote is a sourced, verifiable "
            "record: who said it, to whom, and how it reached us.",
        )
        context["structured_data"] = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": SITE_NAME,
            "url": absolute_url("/"),
            "publisher": publisher_ld(),
            "potentialAction": {
                "@type": "SearchAction",
                "target": absolute_url(reverse("articles:search")) + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
        return context


class ArticleListView(PageMetaMixin, PublicPageMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 20
    listed_models = (Article,)

    def get_queryset(self):
        return Article.objects.published().for_list()

    @cached_property
    def page(self) -> Page:
        return paginate(self.request, self.get_queryset(), self.paginate_by)

    def shown(self) -> list:
        return [self.page]

    def paginate_queryset(self, queryset, page_size):
        page = self.page
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_page_meta(self):
        return PageMeta(
            title=f"Articles · {SITE_NAME}",
            description="Every published article, newest first.",
        )


class ArticleDetailView(FollowsFormerSlugs, PublicDetailMixin, KeptObjectMixin, DetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    # A newly published article may join the page's related reading.
    listed_models = (Article,)
    object_related = ("section", "lead_image")
    object_prefetch = ("lead_image__renditions",)

    def get_queryset(self):
        return Article.objects.published().select_related("section").with_lead_image()

    def get_context_data(self, **kwargs):
        self.context = article_context(self.object)
        return self.context

    def also_shown(self) -> list:
        context = self.context
        return [
            # Shown as cards: each with what its card shows. Those the body shows link to their
            # permalinks under their speakers' names (the index below the body).
            context["quotes_not_in_body"],
            Linked(quote for _, quotes in context["quotes_by_speaker"] for _, quote in quotes),
            Linked(speaker for speaker, _ in context["quotes_by_speaker"]),
            context["referenced_quotes"],
            context["films"],
            context["people"],
            context["sources"],
            context["authors"],
            context["tags"],
            context["corrections"],
            context["related_articles"],
        ]


class SearchView(PublicPageMixin, TemplateView):
    """One search box over articles, quotes, people and films.

    Without `type`, the best few of each kind; with `type=quotes` (or articles, people,
    films), one kind, paginated.
    """

    template_name = "articles/search.html"
    per_page = 20
    listed_models = (Article, Quote, Person, Film)

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=200 if self.form.is_valid() else 400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        q = self.form.cleaned_data.get("q", "")[:MAX_QUERY_LENGTH] if self.form.is_valid() else ""
        kind = self.request.GET.get("type", "")
        if kind and kind not in SECTIONS:
            raise Http404("No such kind of result.")
        context["q"] = q
        context["kind"] = kind
        context["terms"] = search_terms(q)
        context["results"] = None
        if q and kind:
            paginator = Paginator(section_queryset(kind, q), self.per_page)
            try:
                page = paginator.page(self.request.GET.get("page") or 1)
                if kind == "quotes":
                    complete_cards(page)
                context["page_obj"] = page
                context["count_label"] = count_label(paginator.count)
            except InvalidPage as error:
                raise Http404("No such page.") from error
        elif q:
            context["results"] = site_search(q, limit=SEARCH_PREVIEW)
        title = f"Search: {q}" if q else "Search"
        context["page_meta"] = PageMeta(
            title=f"{title} · {SITE_NAME}",
            description="Search articles, quotes, people and films.",
        )
        return context


class RobotsView(View):
    def get(self, request, *args, **kwargs):
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /api/",
            "Disallow: /search/",
            "Disallow: /preview/",
            "Disallow: /quotes/random/",
            "",
            f"Sitemap: {absolute_url(reverse('sitemap'))}",
            "",
        ]
        response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
        patch_cache_control(response, public=True, max_age=86400)
        return response
