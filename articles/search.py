"""Article search and the site's one search box over articles, quotes, people and films.

Articles use the same machinery as `quotes.search`: on PostgreSQL, full-text search on a stored,
GIN-indexed vector that a trigger writes (migration `0007_article_search_vector`; bodies are
long, so ranking never recomputes `to_tsvector`), bounded like every kind — at most the
SEARCH_LIMIT newest matches are ranked; on SQLite, a ranked `icontains` fallback.

The site search's overview shows the best few of each kind with their totals. It ranks each
kind's OVERVIEW_LIMIT newest matches and counts no further ("100+": a reader needs "many", not
450,000); the list of newest matching ids it reads anyway is the count. The page of one kind
(`section_queryset`, "All 100+ quotes") ranks and counts up to SEARCH_LIMIT. So the overview's
four rankings cost the same at a million quotes as at ten thousand: ranking a thousand
stored vectors of each kind was most of its time at scale.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from quotes.models import Film, Person, Quote
from quotes.querysets import complete_cards
from quotes.search import (
    FILM_FIELDS,
    PERSON_FIELDS,
    QUOTE_FIELDS,
    SearchField,
    bounded_search,
    count_label,
    newest_match_ids,
    rank_ids,
    search_terms,
)

from .models import Article

ARTICLE_FIELDS = (
    SearchField("title", "A"),
    SearchField("standfirst", "B"),
    SearchField("body", "C"),
)

SECTIONS = ("articles", "quotes", "people", "films")
# The newest matches of each kind the overview ranks and counts.
OVERVIEW_LIMIT = 100


def search_articles(queryset: QuerySet, q: str) -> QuerySet:
    return bounded_search(queryset, q, ARTICLE_FIELDS)


def visible(name: str) -> QuerySet:
    """What a reader may see of one kind, loaded for a result row."""
    if name == "articles":
        return Article.objects.published().for_list()
    if name == "quotes":
        return Quote.objects.published().for_list()
    if name == "people":
        return Person.objects.published()
    return Film.objects.published().select_related("franchise")


# Each kind's search fields.
FIELDS = {
    "articles": ARTICLE_FIELDS,
    "quotes": QUOTE_FIELDS,
    "people": PERSON_FIELDS,
    "films": FILM_FIELDS,
}


def section_queryset(name: str, q: str) -> QuerySet:
    """One kind's ranked results, starting from what a reader may see: the newest matching ids
    are read now (one query)."""
    return bounded_search(visible(name), q, FIELDS[name])


@dataclass
class SiteSearchResults:
    q: str
    terms: list[str]
    sections: dict[str, list] = field(default_factory=dict)
    # Counted up to `limit`; `labels` says "100+" for a total that reached it.
    totals: dict[str, int] = field(default_factory=dict)
    limit: int = OVERVIEW_LIMIT

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def labels(self) -> dict[str, str]:
        return {name: count_label(total, self.limit) for name, total in self.totals.items()}

    @property
    def more(self) -> dict[str, bool]:
        """Whether a kind has results beyond those shown (a count that reached the limit may
        hide more however few are shown)."""
        return {
            name: total > len(self.sections.get(name, ())) or total >= self.limit
            for name, total in self.totals.items()
        }


def site_search(q: str, *, limit: int = 5) -> SiteSearchResults:
    """The best `limit` of each kind's OVERVIEW_LIMIT newest results, and how many there are
    of each (capped at OVERVIEW_LIMIT): three queries per kind with results (ids, ranking,
    rows), and what the rows prefetch."""
    results = SiteSearchResults(q=q, terms=search_terms(q), limit=OVERVIEW_LIMIT)
    if not results.terms:
        return results
    for name in SECTIONS:
        shown = visible(name)
        ids = newest_match_ids(shown, q, FIELDS[name], results.limit)
        # Ranked on the kind's own table, then only the best rows loaded with what they show:
        # ranking through a result row's joins had PostgreSQL hash a whole table of speakers
        # (25,000 people at a million quotes) for the sake of five rows.
        ranked = rank_ids(shown.model.objects.all(), q, FIELDS[name], ids)
        best = list(ranked.values_list("pk", flat=True)[:limit])
        rows = shown.in_bulk(best)
        results.sections[name] = [rows[pk] for pk in best if pk in rows]
        results.totals[name] = len(ids)
    complete_cards(results.sections.get("quotes", ()))
    return results
