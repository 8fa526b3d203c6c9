"""The pages of the records quotes point at: people, characters, films, outlets, sources."""

from functools import cached_property

from django.db import router
from django.db.models import Exists, F
from django.views.generic import DetailView

from core import compiled
from core.compiled import planned_once
from core.pages import KeptObjectMixin, absolute_url
from core.slugs import FollowsFormerSlugs

from ..charts import box_office_chart
from ..filters import relayed_from
from ..models import BoxOfficeFigure, Character, Credit, Film, Outlet, Person, Quote, Source
from ..querysets import load_source_chains
from .common import (
    RELATED_LIMIT,
    SITE_NAME,
    PageMeta,
    PageMetaMixin,
    PublicDetailMixin,
    paginate,
    published_articles,
    quote_cards,
    record_quote_cards,
)
from .structured_data import character_ld, film_ld, person_ld, source_ld

# A filmography: newest first, films without a release date (announced, in development) above
# them, the same on every database (PostgreSQL and SQLite place NULLs differently by default).
UPCOMING_FIRST = F("film__release_on").desc(nulls_first=True)


def record_credits(field: str, record, *, related) -> list[Credit]:
    """The credits of a person or a character (`field`), as a filmography orders them; the
    statement is kept compiled (`core.compiled`), as a record's page reads it at each view."""
    return compiled.instances(
        (field, "credits"),
        Credit,
        lambda keys: Credit.objects.filter(**{f"{field}__in": keys}).order_by(
            UPCOMING_FIRST, "position", "id"
        ),
        [record.pk],
        related=related,
    )


class PersonDetailView(
    FollowsFormerSlugs, PageMetaMixin, PublicDetailMixin, KeptObjectMixin, DetailView
):
    model = Person
    template_name = "quotes/person_detail.html"
    context_object_name = "person"
    object_related = ("photo",)
    object_prefetch = ("photo__renditions",)

    def get_queryset(self):
        return (
            Person.objects.published().select_related("photo").prefetch_related("photo__renditions")
        )

    @cached_property
    def credits(self) -> list[Credit]:
        return record_credits("person", self.object, related=("film", "character"))

    @cached_property
    def page(self):
        def quotes(pk):
            return Quote.objects.published().by_person(pk)

        return record_quote_cards(self.request, "person", quotes, self.object)

    @cached_property
    def articles(self) -> list:
        return published_articles().newest_teasers("about_person", self.object, RELATED_LIMIT)

    def also_shown(self) -> list:
        return [self.credits, self.page, self.articles]

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
            image=person.photo,
            trail=((person.name, person.get_absolute_url()),),
        )

    def get_structured_data(self):
        return person_ld(self.object, full=True)


class CharacterDetailView(
    FollowsFormerSlugs, PageMetaMixin, PublicDetailMixin, KeptObjectMixin, DetailView
):
    model = Character
    template_name = "quotes/character_detail.html"
    context_object_name = "character"
    object_related = ("franchise",)

    def get_queryset(self):
        return Character.objects.published().select_related("franchise")

    @cached_property
    def credits(self) -> list[Credit]:
        return record_credits("character", self.object, related=("film", "person"))

    @cached_property
    def page(self):
        def quotes(pk):
            return Quote.objects.published().by_character(pk)

        return record_quote_cards(self.request, "character", quotes, self.object)

    def also_shown(self) -> list:
        return [self.credits, self.page]

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
            trail=((character.name, character.get_absolute_url()),),
        )

    def get_structured_data(self):
        return {"@context": "https://schema.org", **character_ld(self.object)}


class FilmDetailView(
    FollowsFormerSlugs, PageMetaMixin, PublicDetailMixin, KeptObjectMixin, DetailView
):
    model = Film
    template_name = "quotes/film_detail.html"
    context_object_name = "film"
    object_related = ("franchise", "studio", "poster")
    object_prefetch = ("poster__renditions",)

    def get_queryset(self):
        return (
            Film.objects.published()
            .select_related("franchise", "studio", "poster")
            .prefetch_related("poster__renditions")
        )

    @cached_property
    def film_credits(self) -> list[Credit]:
        return compiled.instances(
            "film credits",
            Credit,
            lambda keys: Credit.objects.filter(film__in=keys).order_by("position", "id"),
            [self.object.pk],
            related=("person", "character"),
        )

    @cached_property
    def figures(self) -> list[BoxOfficeFigure]:
        return compiled.instances(
            "film figures",
            BoxOfficeFigure,
            lambda keys: BoxOfficeFigure.objects.filter(film__in=keys).order_by(
                "as_of", "kind", "territory", "id"
            ),
            [self.object.pk],
            related=("source", "source__outlet"),
        )

    @cached_property
    def page(self):
        def quotes(pk):
            return Quote.objects.published().about_film(pk)

        return record_quote_cards(self.request, "film", quotes, self.object)

    @cached_property
    def articles(self) -> list:
        return published_articles().newest_teasers("about_film", self.object, RELATED_LIMIT)

    def also_shown(self) -> list:
        return [self.film_credits, self.figures, self.page, self.articles]

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
            image=film.poster,
            trail=((film.title, film.get_absolute_url()),),
        )

    def get_structured_data(self):
        return film_ld(self.object, credits=self.film_credits, full=True)


class OutletDetailView(FollowsFormerSlugs, PageMetaMixin, PublicDetailMixin, DetailView):
    model = Outlet
    template_name = "quotes/outlet_detail.html"
    context_object_name = "outlet"

    def get_queryset(self):
        return Outlet.objects.published()

    @cached_property
    def page(self):
        sources = Source.objects.published().filter(outlet=self.object)
        # The public rule of sources, asked of one outlet's, takes longer to plan than to run.
        with planned_once(router.db_for_read(Source)):
            page = paginate(self.request, sources.select_related("outlet"))
            # Each source's relay named as its own page names it, only while readers see it:
            # a chain recorded before the limit runs on past the relays `published()` reads.
            load_source_chains(page.object_list, public=True)
        return page

    def also_shown(self) -> list:
        return [self.page]

    def quote_lists(self) -> dict:
        """Whether any public quote was first said to the outlet, and whether any reached us
        through it, as the `?outlet=` and `?via=` filters read them (one query): the page
        links only to a list that holds something."""
        outlet, quotes = self.object, Quote.objects.published()
        return (
            Outlet.objects.filter(pk=outlet.pk)
            .values(
                first_said=Exists(quotes.filter(source__outlet=outlet)),
                relayed=Exists(quotes.filter(source_id__in=relayed_from(outlet))),
            )
            .get()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = self.page
        context["quote_lists"] = self.quote_lists()
        return context

    def get_page_meta(self):
        outlet = self.object
        return PageMeta(
            title=f"{outlet.name}: sources and quotes · {SITE_NAME}",
            trail=((outlet.name, outlet.get_absolute_url()),),
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


class SourceDetailView(PageMetaMixin, PublicDetailMixin, DetailView):
    template_name = "quotes/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.published().select_related("outlet")

    def get_object(self, queryset=None):
        source = super().get_object(queryset)
        # Its chain as far as its sources are public: this one may sit anywhere on a chain.
        load_source_chains([source], public=True)
        return source

    @cached_property
    def relays(self) -> list[Source]:
        # Public ones only: a source that reached us through this one may be known so far
        # only to a draft or to a quote awaiting approval.
        relays = Source.objects.published().filter(via=self.object)
        return list(relays.select_related("outlet"))

    @cached_property
    def page(self):
        # Said there or reached us through it, in the order they were recorded from the
        # source, as a reader of it met them.
        quotes = Quote.objects.published().said_in_or_through(self.object)
        in_order = quotes.for_list().order_by(F("said_on").asc(nulls_last=True), "pk")
        return quote_cards(paginate(self.request, in_order))

    @cached_property
    def articles(self) -> list:
        return published_articles().newest_teasers("citing", self.object, RELATED_LIMIT)

    def also_shown(self) -> list:
        return [self.relays, self.page, self.articles]

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
            trail=(
                (source.outlet.name, source.outlet.get_absolute_url()),
                (source.title, source.get_absolute_url()),
            ),
        )

    def get_structured_data(self):
        data = {"@context": "https://schema.org", **source_ld(self.object)}
        if self.relays:
            # The works it relayed to us (an interview an aggregator reported): it is based on them.
            data["isBasedOn"] = [source_ld(relay) for relay in self.relays]
        return data
