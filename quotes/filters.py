"""Filters for quote-database lists, shared by the HTML list pages and the REST API (strict:
see `core.filters`)."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.expressions import RawSQL

from core.filters import (
    SlugFilter,
    StrictBooleanFilter,
    StrictFilterSet,
    visible_choices,
)
from core.lookups import AnyOf

from .models import Character, Credit, Film, Franchise, Outlet, Person, Quote, Source
from .querysets import relayed_through
from .search import search_films, search_people, search_quotes


def relayed_from(outlet: Outlet) -> RawSQL:
    """Ids of the sources that reached us through any source of `outlet`, as far as readers
    are shown a chain (`relayed_through`)."""
    meta = Source._meta
    table, pk, column = meta.db_table, meta.pk.column, meta.get_field("outlet").column
    return relayed_through(Source, f"SELECT {pk} FROM {table} WHERE {column} = %s", [outlet.pk])


def visible_articles(request):
    """Articles a filter may name: published ones, or all of them for staff with view rights.

    The model is reached through the relation so that quotes never imports articles.
    """
    article_model = Quote._meta.get_field("articles").related_model
    user = getattr(request, "user", None)
    if user is not None and user.is_staff and user.has_perm("articles.view_article"):
        return article_model.objects.all()
    return article_model.objects.published()


class QuoteFilterSet(StrictFilterSet):
    speaker = SlugFilter(field_name="speaker_person", queryset=Person.objects.all(), noun="person")
    character = SlugFilter(
        field_name="speaker_character", queryset=Character.objects.all(), noun="character"
    )
    film = SlugFilter(field_name="films", queryset=Film.objects.all(), noun="film")
    franchise = SlugFilter(
        queryset=Franchise.objects.all(),
        noun="franchise",
        method="filter_franchise",
        help_text="The franchise's slug: quotes about one of its films or spoken by one of "
        "its characters.",
    )
    outlet = SlugFilter(
        field_name="source__outlet",
        queryset=Outlet.objects.all(),
        noun="outlet",
        help_text="The outlet's slug: where the quote was first said or printed.",
    )
    via = SlugFilter(
        queryset=Outlet.objects.all(),
        noun="outlet",
        method="filter_via",
        help_text="The outlet's slug: quotes relayed through it at any hop of the via chain "
        "readers are shown.",
    )
    source = django_filters.ModelChoiceFilter(
        queryset=visible_choices(Source.objects.all()),
        error_messages={"invalid_choice": "No source with id “%(value)s”."},
        help_text="The id of the source where the quote was first said.",
    )
    article = SlugFilter(
        queryset=visible_articles,
        noun="article",
        method="filter_article",
        help_text="The article's slug: quotes it features (published articles only, unless "
        "you are staff).",
    )
    status = django_filters.ChoiceFilter(
        field_name="verification_status",
        choices=Quote.Verification.choices,
        help_text="Verification status.",
    )
    nested = StrictBooleanFilter(
        method="filter_nested",
        help_text="true: only lines quoted inside another quote; false: only top-level quotes.",
    )
    said_after = django_filters.DateFilter(
        field_name="said_on", lookup_expr="gte", help_text="Said on or after (YYYY-MM-DD)."
    )
    said_before = django_filters.DateFilter(
        field_name="said_on", lookup_expr="lte", help_text="Said on or before (YYYY-MM-DD)."
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Full-text search of the quote."
    )
    # One field, once: django-filter's OrderingFilter took `id,-id`, which the API's cursor
    # paginator (ordering by one field) then ignored, answering in the default order.
    ordering = django_filters.ChoiceFilter(
        choices=[("id", "id"), ("-id", "-id")],
        method="filter_ordering",
        error_messages={"invalid_choice": "Give one of: id, -id."},
        help_text="id (oldest first) or -id (newest first, the default).",
    )

    class Meta:
        model = Quote
        fields = []

    def filter_franchise(self, queryset, name, value):
        about_film = Quote.films.through.objects.filter(
            quote_id=OuterRef("pk"), film__franchise=value
        )
        return queryset.filter(Q(Exists(about_film)) | Q(speaker_character__franchise=value))

    def filter_via(self, queryset, name, value):
        return queryset.filter(AnyOf(F("source"), relayed_from(value)))

    def filter_article(self, queryset, name, value):
        return queryset.filter(featurings__article=value)

    def filter_nested(self, queryset, name, value):
        return queryset.filter(parent__isnull=value != "true")

    def filter_search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return search_quotes(queryset, value)

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(value)


class PersonFilterSet(StrictFilterSet):
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Full-text search of name, aliases, bio."
    )
    film = SlugFilter(
        queryset=Film.objects.all(),
        noun="film",
        method="filter_film",
        help_text="The film's slug: people credited on it.",
    )

    class Meta:
        model = Person
        fields = []

    def filter_search(self, queryset, name, value):
        return search_people(queryset, value) if value.strip() else queryset

    def filter_film(self, queryset, name, value):
        credited = Credit.objects.filter(person_id=OuterRef("pk"), film=value)
        return queryset.filter(Exists(credited))


class CharacterFilterSet(StrictFilterSet):
    franchise = SlugFilter(queryset=Franchise.objects.all(), noun="franchise")
    film = SlugFilter(
        queryset=Film.objects.all(),
        noun="film",
        method="filter_film",
        help_text="The film's slug: characters cast in it.",
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Name or alias contains."
    )

    class Meta:
        model = Character
        fields = []

    def filter_film(self, queryset, name, value):
        cast = Credit.objects.filter(character_id=OuterRef("pk"), film=value)
        return queryset.filter(Exists(cast))

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(aliases__icontains=value))


class FilmFilterSet(StrictFilterSet):
    franchise = SlugFilter(queryset=Franchise.objects.all(), noun="franchise")
    status = django_filters.ChoiceFilter(choices=Film.Status.choices)
    released_after = django_filters.DateFilter(
        field_name="release_on", lookup_expr="gte", help_text="Released on or after."
    )
    released_before = django_filters.DateFilter(
        field_name="release_on", lookup_expr="lte", help_text="Released on or before."
    )
    person = SlugFilter(
        queryset=Person.objects.all(),
        noun="person",
        method="filter_person",
        help_text="The person's slug: films they are credited on.",
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Full-text search of title, synopsis."
    )

    class Meta:
        model = Film
        fields = []

    def filter_person(self, queryset, name, value):
        credited = Credit.objects.filter(film_id=OuterRef("pk"), person=value)
        return queryset.filter(Exists(credited))

    def filter_search(self, queryset, name, value):
        return search_films(queryset, value) if value.strip() else queryset


class FranchiseFilterSet(StrictFilterSet):
    search = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=200, help_text="Name contains."
    )

    class Meta:
        model = Franchise
        fields = []


class OutletFilterSet(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=Outlet.Kind.choices)
    search = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=200, help_text="Name contains."
    )

    class Meta:
        model = Outlet
        fields = []


class SourceFilterSet(StrictFilterSet):
    outlet = SlugFilter(queryset=Outlet.objects.all(), noun="outlet")
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    via = SlugFilter(
        queryset=Outlet.objects.all(),
        noun="outlet",
        method="filter_via",
        help_text="The outlet's slug: sources relayed through it at any hop of the via chain "
        "readers are shown.",
    )
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="Published on or after."
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before."
    )

    class Meta:
        model = Source
        fields = []

    def filter_via(self, queryset, name, value):
        return queryset.filter(id__in=relayed_from(value))
