"""Filters for article lists, shared by the HTML pages and the REST API (strict, like quotes')."""

import django_filters

from core.filters import SlugFilter, StrictBooleanFilter, StrictFilterSet, UtcDateTimeFilter
from quotes.models import Film, Person

from .models import Article, Author, Section, Tag
from .search import search_articles


def visible_tags(request):
    """Tags a client may filter by: the public ones, or all of them for staff who edit
    articles (who may see drafts). A tag only drafts carry is then as unknown to a reader as
    a misspelt one, rather than an empty list that says it exists."""
    if request is not None and may_see_every_tag(request.user):
        return Tag.objects.all()
    return Tag.objects.published()


def may_see_every_tag(user) -> bool:
    return user.is_authenticated and user.is_staff and user.has_perm("articles.change_article")


class ArticleFilterSet(StrictFilterSet):
    section = SlugFilter(field_name="section", queryset=Section.objects.all(), noun="section")
    tag = SlugFilter(field_name="tags", queryset=visible_tags, noun="tag")
    author = SlugFilter(field_name="bylines__author", queryset=Author.objects.all(), noun="author")
    film = SlugFilter(field_name="films", queryset=Film.objects.all(), noun="film")
    person = SlugFilter(field_name="people", queryset=Person.objects.all(), noun="person")
    published_after = UtcDateTimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text="Published at or after (ISO 8601 date-time, e.g. 2025-06-01T00:00:00Z).",
    )
    published_before = UtcDateTimeFilter(
        field_name="published_at",
        lookup_expr="lte",
        help_text="Published at or before (ISO 8601 date-time).",
    )
    status = django_filters.ChoiceFilter(
        choices=Article.Status.choices,
        help_text="Workflow status (anonymous clients only ever see published articles).",
    )
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Full-text search."
    )

    class Meta:
        model = Article
        fields = []

    def filter_search(self, queryset, name, value):
        return search_articles(queryset, value) if value.strip() else queryset


class SectionFilterSet(StrictFilterSet):
    """No filters: sections are few. Strict all the same, so a misspelt parameter is a 400."""

    class Meta:
        model = Section
        fields = []


class TagFilterSet(StrictFilterSet):
    search = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=200, help_text="Name contains."
    )

    class Meta:
        model = Tag
        fields = []


class AuthorFilterSet(StrictFilterSet):
    is_organization = StrictBooleanFilter(
        method="filter_is_organization", help_text="true: the desk and agencies; false: people."
    )
    search = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=200, help_text="Name contains."
    )

    class Meta:
        model = Author
        fields = []

    def filter_is_organization(self, queryset, name, value):
        return queryset.filter(is_organization=value == "true")
