"""The public pages of the quote database: quotes, people, characters, films, outlets, sources.

Every page starts from `Quote.objects.published()` (and `Article.objects.published()`, reached
through the relation so that quotes never imports articles), runs a fixed number of queries
whatever its lists hold, and answers a repeat visit with a 304 from cheap validators.
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import models
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date, quote_etag
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from .charts import box_office_chart
from .filters import QuoteFilterSet
from .models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)
from .search import search_terms

SITE_NAME = "Quote desk"
LIST_MAX_AGE = 60
DETAIL_MAX_AGE = 300
RELATED_LIMIT = 10
# A list's count stops this many rows past the page shown (see `CappedPaginator`).
COUNT_CAP = 200
MAX_PAGE = 100_000


@dataclass
class PageMeta:
    """What the <head> says about a page: title, description, and its Open Graph type."""

    title: str
    description: str = "Quotes as sourced, verifiable records: who said it, where, and how we know."
    og_type: str = "website"


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def published_articles():
    """Published articles, reached through the relation: quotes never imports articles."""
    return Quote._meta.get_field("articles").related_model.objects.published()


# --- HTTP caching -------------------------------------------------------------------------


def freshness(*parts) -> tuple[datetime | None, str]:
    """Last-Modified and an ETag fingerprint of what a page shows, from the records it loaded.

    A part is a model instance, a list of them, a `Page` (its rows and its paginator's count),
    a datetime (a change the page reflects) or a plain value such as a count. Each record
    brings the records loaded with it through its foreign keys (`select_related`, a source
    chain: a quote's speaker, sources and their outlets), which its card shows. The
    fingerprint names each record and its `updated_at` (its field values when it has none,
    as credits), so it changes when a shown record is edited, when a row leaves or joins the
    page (a quote unpublished, a new article) and when a count changes. No query: the
    validators cost nothing beyond loading what the page shows; a 304 skips the render. A
    queryset is refused: aggregating a whole set is what made the validators slow at scale.
    """
    latest, fingerprint = None, []
    for record in shown_records(parts, seen=set()):
        if isinstance(record, datetime):
            fingerprint.append(record.isoformat())
            latest = record if latest is None or record > latest else latest
            continue
        if not isinstance(record, models.Model):
            fingerprint.append(repr(record))
            continue
        stamp = getattr(record, "updated_at", None)
        if stamp is None:
            values = tuple(getattr(record, field.attname) for field in record._meta.concrete_fields)
            fingerprint.append(f"{record._meta.label_lower}:{values!r}")
            continue
        fingerprint.append(f"{record._meta.label_lower}:{record.pk}:{stamp.isoformat()}")
        if latest is None or stamp > latest:
            latest = stamp
    return latest, "|".join(fingerprint)


def shown_records(parts, *, seen: set) -> Iterator:
    """Every record and plain value in `parts`, flattened, each record once (see `freshness()`)."""
    for part in parts:
        if isinstance(part, QuerySet):
            raise TypeError("freshness() takes loaded records, not a queryset.")
        if isinstance(part, Page):
            yield (part.paginator.count, part.paginator.is_capped)
            yield from shown_records(part.object_list, seen=seen)
        elif isinstance(part, models.Model):
            yield from loaded_records(part, seen=seen)
        elif isinstance(part, list | tuple):
            yield from shown_records(part, seen=seen)
        else:
            yield part


def loaded_records(record: models.Model, *, seen: set) -> Iterator[models.Model]:
    """`record`, then every record already loaded through its foreign keys, depth first.

    `is_cached()` (what the related descriptor itself asks before querying) keeps this free
    of queries: a relation that was not loaded is not shown, so it is not followed.
    """
    key = (record._meta.label_lower, record.pk)
    if key in seen:
        return
    seen.add(key)
    yield record
    for field in record._meta.concrete_fields:
        if field.many_to_one and field.is_cached(record):
            related = getattr(record, field.name)
            if related is not None:
                yield from loaded_records(related, seen=seen)


class ConditionalPageMixin:
    """ETag and Last-Modified from `get_freshness()`, a 304 when the reader's copy is current,
    and a public Cache-Control with a max-age suited to the page.

    The page's records are loaded once (`setup_object()` and cached properties), before the
    validators, which derive from them; a 304 skips only the template render.
    """

    cache_max_age = DETAIL_MAX_AGE

    def get_freshness(self) -> tuple[datetime | None, str] | None:
        """The validators, or None for an answer that has none (an error)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        self.setup_object()
        validators = self.get_freshness()
        if validators is None:
            return super().dispatch(request, *args, **kwargs)
        latest, fingerprint = validators
        digest = hashlib.sha256(f"{fingerprint}|{request.get_full_path()}".encode()).hexdigest()
        etag = quote_etag(digest[:32])
        last_modified = int(latest.timestamp()) if latest else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = super().dispatch(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response.headers["ETag"] = etag
            if last_modified is not None:
                response.headers["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, max_age=self.cache_max_age)
        return response

    def setup_object(self) -> None:
        """Detail pages load their object here, once, before the validators need it."""


class CachedDetailMixin(ConditionalPageMixin):
    """A detail page whose object is loaded once, for the validators and for the page."""

    def setup_object(self) -> None:
        self.object = self.get_object()

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


class PageMetaMixin:
    def get_page_meta(self) -> PageMeta:
        return PageMeta(title=SITE_NAME)

    def get_structured_data(self) -> dict | None:
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = self.get_page_meta()
        context["structured_data"] = self.get_structured_data()
        return context


# --- pagination -----------------------------------------------------------------------------


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows past the end of the page asked for.

    An exact count of a popular film's 35,000 quotes reads all of them; a reader needs to know
    there are many, and to reach the next pages. The count stops `cap` rows (`COUNT_CAP` by
    default) past the page: one query, `COUNT(*)` over a `LIMIT`ed subquery, so page 1 costs
    the same whatever the set's size. `is_capped` says the true count is larger (templates
    then say "more than"); the next pages stay reachable, each counting `cap` rows past
    itself. At a million quotes, counting 220 of a film's quotes takes 3 ms; 520 took 10 ms,
    as PostgreSQL switches to a parallel bitmap scan.

    `in_order` keeps the list's order in the counting subquery: right when an index gives
    that order (a person's quotes: the count walks `quotes_quote_person_idx` like the page
    does, under a millisecond, where PostgreSQL otherwise picks a parallel bitmap scan of all
    5,000). Wrong when no index does (a film's quotes, through the films table: walking the
    whole stream in order to find them costs tens of milliseconds), so it is off by default.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        number: int,
        cap: int | None = None,
        in_order: bool = False,
    ):
        super().__init__(object_list, per_page)
        cap = COUNT_CAP if cap is None else cap
        self.counted_up_to = max(number, 1) * per_page + cap
        self.in_order = in_order

    @cached_property
    def counted(self) -> int:
        """Rows counted: at most `counted_up_to + 1`, one more than shown telling "more"."""
        rows = self.object_list if self.in_order else self.object_list.order_by()
        return rows[: self.counted_up_to + 1].count()

    @property
    def count(self) -> int:
        return min(self.counted, self.counted_up_to)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.counted_up_to


def paginate(request, queryset, per_page: int = 20, *, count_in_order: bool = False) -> Page:
    """A page of `queryset` from `?page=`, as ListView would (a bad page number is a 404), its
    rows loaded (so validators and template share them) and its count capped (see
    `CappedPaginator`, which also says when to count in order)."""
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        raise Http404("No such page.") from None
    if not 1 <= number <= MAX_PAGE:
        raise Http404("No such page.")
    paginator = CappedPaginator(queryset, per_page, number=number, in_order=count_in_order)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page.") from error
    page.object_list = list(page.object_list)
    return page


# --- schema.org -----------------------------------------------------------------------------


def person_ld(person: Person, *, full: bool = False) -> dict:
    data = {"@type": "Person", "name": person.name, "url": absolute_url(person.get_absolute_url())}
    if full:
        data["@context"] = "https://schema.org"
        if person.bio:
            data["description"] = person.bio
        if person.alias_list():
            data["alternateName"] = person.alias_list()
    return data


def character_ld(character: Character) -> dict:
    return {
        "@type": "Person",
        "name": character.name,
        "url": absolute_url(character.get_absolute_url()),
    }


def film_ld(film: Film, *, credits=(), full: bool = False) -> dict:
    data = {"@type": "Movie", "name": film.title, "url": absolute_url(film.get_absolute_url())}
    if film.release_on:
        data["datePublished"] = film.release_on.isoformat()
    if full:
        data["@context"] = "https://schema.org"
        if film.synopsis:
            data["description"] = film.synopsis
        directors = [person_ld(c.person) for c in credits if c.role == Credit.Role.DIRECTOR]
        actors = [person_ld(c.person) for c in credits if c.role == Credit.Role.CAST]
        if directors:
            data["director"] = directors
        if actors:
            data["actor"] = actors
        if film.studio_id:
            data["productionCompany"] = {"@type": "Organization", "name": film.studio.name}
    return data


def source_ld(source: Source) -> dict:
    data = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url or absolute_url(source.get_absolute_url()),
        "publisher": {"@type": "Organization", "name": source.outlet.name},
    }
    if source.published_on:
        data["datePublished"] = source.published_on.isoformat()
    if source.via_id:
        data["isBasedOn"] = source_ld(source.via)
    return data


def quote_ld(quote: Quote) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "url": absolute_url(quote.get_absolute_url()),
        "isBasedOn": source_ld(quote.source),
    }
    if quote.speaker_person_id:
        data["creator"] = person_ld(quote.speaker_person)
    else:
        data["spokenByCharacter"] = character_ld(quote.speaker_character)
    if quote.said_on:
        data["dateCreated"] = quote.said_on.isoformat()
    films = [film_ld(film) for film in quote.films.all()]
    if films:
        data["about"] = films
    return data


# --- quotes ------------------------------------------------------------------------------


# The filter form offers the speakers, films and outlets most quoted among the newest published
# quotes (the window), not all of them: at a million quotes full lists are 33,000 options, 2 MB.
FILTER_WINDOW = 2000
FILTER_OPTIONS = 50


def most_quoted(
    model: type[models.Model], selected: models.Model | None, quotes: str = "quotes"
) -> QuerySet:
    """Up to `FILTER_OPTIONS` rows of `model` (reaching its quotes through the `quotes` path)
    most quoted in the window, the most recently quoted first among equals, plus the `selected`
    row, so that a shared link still shows its choice. Only the window's rows are counted,
    whatever the size of the database: the newest published quotes come off the newest-first
    index."""
    window = Quote.objects.published().newest_first().values("pk")[:FILTER_WINDOW]
    top = (
        model.objects.filter(**{f"{quotes}__in": window})
        .annotate(count=Count(quotes), latest=Max(quotes))
        .order_by("-count", "-latest")
        .values("pk")[:FILTER_OPTIONS]
    )
    shown = Q(pk__in=top)
    if selected is not None:
        shown |= Q(pk=selected.pk)
    return model.objects.filter(shown)


def quote_filter_choices(selected: dict[str, models.Model]) -> dict[str, list[tuple[str, str]]]:
    """The filter form's options, one query per list whatever the database holds. Speakers,
    films and outlets are the most quoted lately (`most_quoted()`), so the form never names
    someone without a published quote unless a link chose them; franchises are few (about one
    for six films) and all listed.
    `selected` holds the rows the filter parameters named (the filterset's cleaned data)."""
    return {
        "speakers": list(
            most_quoted(Person, selected.get("speaker"))
            .order_by("sort_name", "name")
            .values_list("slug", "name")
        ),
        "characters": list(
            most_quoted(Character, selected.get("character"))
            .order_by("name")
            .values_list("slug", "name")
        ),
        "films": list(
            most_quoted(Film, selected.get("film")).order_by("title").values_list("slug", "title")
        ),
        "franchises": list(Franchise.objects.order_by("name").values_list("slug", "name")),
        "outlets": list(
            most_quoted(Outlet, selected.get("outlet"), quotes="sources__quotes")
            .order_by("name")
            .values_list("slug", "name")
        ),
        "statuses": list(Quote.Verification.choices),
    }


class QuoteListView(PageMetaMixin, ConditionalPageMixin, ListView):
    """Every published quote, filtered with the API's own `QuoteFilterSet` and its parameters."""

    template_name = "quotes/quote_list.html"
    context_object_name = "quotes"
    paginate_by = 20
    cache_max_age = LIST_MAX_AGE

    def setup_object(self) -> None:
        # Not strict about unknown parameters: a shared link may carry tracking parameters.
        self.filterset = QuoteFilterSet(
            self.request.GET,
            queryset=Quote.objects.published().for_list().newest_first(),
            request=self.request,
            strict=False,
        )
        self.object_list = self.filterset.qs

    @cached_property
    def page(self) -> Page | None:
        """The page shown, loaded once for the validators and the render; None on bad filters."""
        if self.filterset.errors:
            return None
        return paginate(self.request, self.object_list, self.paginate_by)

    def get_freshness(self):
        return None if self.page is None else freshness(self.page)

    def paginate_queryset(self, queryset, page_size):
        page = self.page
        if page is None:
            return super().paginate_queryset(queryset.none(), page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        context = self.get_context_data()
        status = 400 if self.filterset.errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["filter_data"] = self.filterset.form.data
        context["terms"] = search_terms(self.request.GET.get("search", ""))
        context["choices"] = quote_filter_choices(getattr(self.filterset.form, "cleaned_data", {}))
        context["is_filtered"] = any(
            value for name, value in self.request.GET.items() if name != "page"
        )
        return context

    def get_page_meta(self):
        return PageMeta(
            title=f"Quotes · {SITE_NAME}",
            description="Every published quote with who said it, where, and whether it has "
            "been verified against its source.",
        )


@method_decorator(never_cache, name="dispatch")
class RandomQuoteView(View):
    """A random published quote (within the list's filters): never cached, a new one each time."""

    def get(self, request, *args, **kwargs):
        filterset = QuoteFilterSet(
            request.GET, queryset=Quote.objects.published(), request=request, strict=False
        )
        if filterset.errors:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
            return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
        ids = filterset.qs.order_by("pk").values_list("pk", flat=True)
        count = ids.count()
        if count == 0:
            return HttpResponseRedirect(reverse("quotes:quote-list"))
        pk = ids[random.randrange(count)]
        return HttpResponseRedirect(reverse("quotes:quote-detail", kwargs={"pk": pk}))


class QuoteDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    template_name = "quotes/quote_detail.html"
    context_object_name = "quote"

    def get_queryset(self):
        return (
            Quote.objects.published()
            .for_list()
            .select_related(
                "parent__speaker_person", "parent__speaker_character", "parent__source__outlet"
            )
            .with_source_chains("parent__source")
        )

    @cached_property
    def nested_quotes(self) -> list[Quote]:
        return list(Quote.objects.published().filter(parent=self.object).for_list().order_by("pk"))

    @cached_property
    def articles(self) -> list:
        return list(published_articles().featuring(self.object).for_list()[:RELATED_LIMIT])

    def get_freshness(self):
        quote = self.object
        return freshness(quote, list(quote.films.all()), self.nested_quotes, self.articles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_chain"] = self.object.source.chain()
        context["nested_quotes"] = self.nested_quotes
        context["articles"] = self.articles
        return context

    def get_page_meta(self):
        quote = self.object
        words = quote.text if len(quote.text) <= 70 else quote.text[:67].rstrip() + "…"
        return PageMeta(
            title=f"{quote.speaker.name}: “{words}” · {SITE_NAME}",
            description=f"{quote.speaker.name}: “{quote.text}” — said to "
            f"{quote.source.outlet.name}. {quote.get_verification_status_display()}.",
            og_type="article",
        )

    def get_structured_data(self):
        return quote_ld(self.object)


# --- people, characters, films --------------------------------------------------------


class PersonDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    model = Person
    template_name = "quotes/person_detail.html"
    context_object_name = "person"

    @cached_property
    def credits(self) -> list[Credit]:
        return list(
            self.object.credits.select_related("film", "character").order_by(
                "-film__release_on", "position", "id"
            )
        )

    @cached_property
    def page(self) -> Page:
        quotes = Quote.objects.published().by_person(self.object)
        return paginate(self.request, quotes.for_list().newest_first(), count_in_order=True)

    @cached_property
    def articles(self) -> list:
        return list(published_articles().about_person(self.object).for_list()[:RELATED_LIMIT])

    def get_freshness(self):
        return freshness(self.object, self.credits, self.page, self.articles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["credits"] = self.credits
        context["page_obj"] = self.page
        context["articles"] = self.articles
        return context

    def get_page_meta(self):
        person = self.object
        return PageMeta(
            title=f"{person.name}: quotes, films and articles · {SITE_NAME}",
            description=person.bio or f"Everything {person.name} has said, with its sources.",
            og_type="profile",
        )

    def get_structured_data(self):
        return person_ld(self.object, full=True)


class CharacterDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    model = Character
    template_name = "quotes/character_detail.html"
    context_object_name = "character"

    def get_queryset(self):
        return Character.objects.select_related("franchise")

    @cached_property
    def credits(self) -> list[Credit]:
        return list(
            self.object.credits.select_related("film", "person").order_by("-film__release_on")
        )

    @cached_property
    def page(self) -> Page:
        quotes = Quote.objects.published().by_character(self.object)
        return paginate(self.request, quotes.for_list().newest_first(), count_in_order=True)

    def get_freshness(self):
        return freshness(self.object, self.credits, self.page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["credits"] = self.credits
        context["page_obj"] = self.page
        return context

    def get_page_meta(self):
        character = self.object
        return PageMeta(
            title=f"{character.name}: lines and quotes · {SITE_NAME}",
            description=character.description or f"Lines spoken by {character.name}.",
        )

    def get_structured_data(self):
        return {"@context": "https://schema.org", **character_ld(self.object)}


class FilmDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    model = Film
    template_name = "quotes/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.select_related("franchise", "studio")

    @cached_property
    def film_credits(self) -> list[Credit]:
        return list(self.object.credits.select_related("person", "character").order_by("position"))

    @cached_property
    def figures(self) -> list[BoxOfficeFigure]:
        return list(
            BoxOfficeFigure.objects.filter(film=self.object)
            .select_related("source__outlet")
            .order_by("as_of", "kind", "territory")
        )

    @cached_property
    def page(self) -> Page:
        quotes = Quote.objects.published().about_film(self.object)
        return paginate(self.request, quotes.for_list().newest_first())

    @cached_property
    def articles(self) -> list:
        return list(published_articles().about_film(self.object).for_list()[:RELATED_LIMIT])

    def get_freshness(self):
        return freshness(self.object, self.film_credits, self.figures, self.page, self.articles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        credits = self.film_credits
        context["credits"] = credits
        context["crew"] = [c for c in credits if c.role != Credit.Role.CAST]
        context["cast"] = [c for c in credits if c.role == Credit.Role.CAST]
        context["figures"] = self.figures
        context["chart"] = box_office_chart(self.figures)
        context["page_obj"] = self.page
        context["articles"] = self.articles
        return context

    def get_page_meta(self):
        film = self.object
        return PageMeta(
            title=f"{film}: quotes, credits and box office · {SITE_NAME}",
            description=film.synopsis or f"What the people behind {film.title} have said.",
            og_type="video.movie",
        )

    def get_structured_data(self):
        return film_ld(self.object, credits=self.film_credits, full=True)


# --- outlets and sources -------------------------------------------------------------------


class OutletDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    model = Outlet
    template_name = "quotes/outlet_detail.html"
    context_object_name = "outlet"

    @cached_property
    def page(self) -> Page:
        sources = Source.objects.published().filter(outlet=self.object)
        return paginate(self.request, sources.select_related("outlet", "via__outlet"))

    def get_freshness(self):
        return freshness(self.object, self.page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page
        return context

    def get_page_meta(self):
        outlet = self.object
        return PageMeta(
            title=f"{outlet.name}: sources and quotes · {SITE_NAME}",
            description=f"Sources from {outlet.name} ({outlet.get_kind_display().lower()}) "
            "and the quotes first said there.",
        )

    def get_structured_data(self):
        outlet = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": outlet.name,
            "url": absolute_url(outlet.get_absolute_url()),
        }
        if outlet.url:
            data["sameAs"] = outlet.url
        return data


class SourceDetailView(PageMetaMixin, CachedDetailMixin, DetailView):
    template_name = "quotes/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.published().select_related("outlet").with_chains()

    @cached_property
    def relays(self) -> list[Source]:
        return list(self.object.relays.select_related("outlet"))

    @cached_property
    def page(self) -> Page:
        quotes = Quote.objects.published().from_source(self.object)
        return paginate(self.request, quotes.for_list().newest_first())

    @cached_property
    def articles(self) -> list:
        return list(published_articles().citing(self.object).for_list()[:RELATED_LIMIT])

    def get_freshness(self):
        return freshness(self.object, self.relays, self.page, self.articles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_chain"] = self.object.chain()
        context["relays"] = self.relays
        context["page_obj"] = self.page
        context["articles"] = self.articles
        return context

    def get_page_meta(self):
        source = self.object
        return PageMeta(
            title=f"{source.title} ({source.outlet.name}) · {SITE_NAME}",
            description=f"{source.get_kind_display()} from {source.outlet.name}, and the "
            "quotes we take from it.",
        )

    def get_structured_data(self):
        return {"@context": "https://schema.org", **source_ld(self.object)}
