"""Filters for article lists, shared by the HTML pages and the REST API (strict, like quotes')."""

import django_filters

from core.filters import SlugFilter, StrictFilterSet, UtcDateTimeFilter
from quotes.models import Film, Person

from .models import Article
from .search import search_articles


class ArticleFilterSet(StrictFilterSet):
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
