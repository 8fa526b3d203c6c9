"""Article search and the site's one search box over articles, quotes, people and films.

Articles use the same machinery as `quotes.search` (full-text search on PostgreSQL from a GIN
index, a ranked `icontains` fallback on SQLite). The site search runs one ranked query per kind
and returns the best few of each with their totals.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from quotes.models import Film, Person, Quote
from quotes.search import (
    SearchField,
    ranked_search,
    search_films,
    search_people,
    search_quotes,
    search_terms,
)

from .models import Article

ARTICLE_FIELDS = (
    SearchField("title", "A"),
    SearchField("standfirst", "B"),
    SearchField("body", "C"),
)

SECTIONS = ("articles", "quotes", "people", "films")


def search_articles(queryset: QuerySet, q: str) -> QuerySet:
    return ranked_search(queryset, q, ARTICLE_FIELDS)


def section_querysets(q: str) -> dict[str, QuerySet]:
    """Each kind's ranked results, starting from what a reader may see."""
    return {
        "articles": search_articles(Article.objects.published().for_list(), q),
        "quotes": search_quotes(Quote.objects.published().for_list(), q),
        "people": search_people(Person.objects.all(), q),
        "films": search_films(Film.objects.select_related("franchise"), q),
    }


@dataclass
class SiteSearchResults:
    q: str
    terms: list[str]
    sections: dict[str, list] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def site_search(q: str, *, limit: int = 5) -> SiteSearchResults:
    """The best `limit` results of each kind, and how many there are of each."""
    results = SiteSearchResults(q=q, terms=search_terms(q))
    if not results.terms:
        return results
    for name, queryset in section_querysets(q).items():
        results.sections[name] = list(queryset[:limit])
        results.totals[name] = queryset.order_by().count()
    return results
