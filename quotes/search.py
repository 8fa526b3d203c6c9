"""Search over quotes, people and films.

On PostgreSQL it is full-text search (`websearch_to_tsquery`, config `english`). Quotes, people
and films (and articles, `articles.search`) match and rank on a stored `search_vector` column
that a database trigger writes with their weights (migrations `0005_quote_search_vector` and
`0006_people_films_search_vector`) and a GIN index answers, so no search
computes `to_tsvector` over a bio or synopsis at query time. Elsewhere (SQLite) it falls back
to `icontains` over the same fields, every word required, ranked by where the words matched
(4/2/1 for weights A/B/C); the stored vector is never read there.

The rule that keeps a search's cost bounded (`bounded_search`, for every kind): a search finds
at most the SEARCH_LIMIT newest matches (highest ids), read first as a list of ids, and ranks
only those. A word in half a million quotes then costs about what a word in a thousand does:
the ids come from walking the primary key backwards (a common word's matches are met at once)
or from the GIN index (a rare word's few rows), whichever the planner estimates cheaper, and
ranking and counting touch at most SEARCH_LIMIT rows, found by primary key. A count that
reaches the limit means "at least that many" (`count_label` shows "1,000+"). Reading the ids
first also spares a rare word the plan that walks the whole primary key of a list ordered by id
looking for its few rows. Both engines run the same queries.

`search_quotes(queryset, q)` is what the API's `search` filter calls, so the site and the API
find the same quotes (the API then orders them by id, for its cursors).
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

# The text search configuration of every index, trigger and query: changing it means a new
# migration (the triggers of quotes 0005 and articles 0007 spell it out).
SEARCH_CONFIG = "english"
MAX_TERMS = 8
# Ranks of the fallback, by where a word matched (the weights A, B, C of full-text search).
FALLBACK_WEIGHTS = {"A": 4, "B": 2, "C": 1}
# The most matches a bounded search ranks (the newest ones), and the most a count counts.
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class SearchField:
    name: str
    weight: str = "C"


QUOTE_FIELDS = (SearchField("text", "A"),)
PERSON_FIELDS = (SearchField("name", "A"), SearchField("aliases", "A"), SearchField("bio", "C"))
FILM_FIELDS = (SearchField("title", "A"), SearchField("synopsis", "C"))
# The stored column a trigger keeps current from a model's search fields.
VECTOR_COLUMN = "search_vector"


def search_terms(q: str) -> list[str]:
    """The words of a query, for the fallback's matching and for highlighting."""
    words = re.findall(r"\w+", q or "")
    return list(dict.fromkeys(word.lower() for word in words))[:MAX_TERMS]


def is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def fallback_match(terms: list[str], fields: tuple[SearchField, ...]) -> Q:
    """Every word in one of the fields (SQLite)."""
    match = Q()
    for term in terms:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field.name}__icontains": term})
        match &= any_field
    return match


def fallback_rank(terms: list[str], fields: tuple[SearchField, ...]):
    """The sum, over words and fields, of the field's weight where the word appears (SQLite)."""
    parts = [
        Case(
            When(
                Q(**{f"{field.name}__icontains": term}), then=Value(FALLBACK_WEIGHTS[field.weight])
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
        for term in terms
        for field in fields
    ]
    score = parts[0]
    for part in parts[1:]:
        score = score + part
    return Coalesce(score, Value(0))


def matching(queryset: QuerySet, q: str, fields: tuple[SearchField, ...]):
    """Rows matching every word of `q`, unordered (on PostgreSQL, from the stored vector)."""
    if not is_postgresql(queryset):
        return queryset.filter(fallback_match(search_terms(q), fields))
    return queryset.filter(**{VECTOR_COLUMN: search_query(q)})


def rank(queryset: QuerySet, q: str, fields: tuple[SearchField, ...]):
    """The rows annotated with `search_rank`, best first (newest first among equals)."""
    if is_postgresql(queryset):
        score = SearchRank(F(VECTOR_COLUMN), search_query(q))
    else:
        score = fallback_rank(search_terms(q), fields)
    return queryset.annotate(search_rank=score).order_by("-search_rank", "-pk")


def newest_match_ids(
    queryset: QuerySet, q: str, fields: tuple[SearchField, ...], limit: int | None = None
) -> list[int]:
    """The ids of the `limit` (default SEARCH_LIMIT) newest rows of `queryset` matching `q`
    (one query)."""
    if not search_terms(q):
        return []
    newest = matching(queryset, q, fields).order_by("-pk")
    return list(newest.values_list("pk", flat=True)[: limit or SEARCH_LIMIT])


def rank_ids(
    queryset: QuerySet, q: str, fields: tuple[SearchField, ...], ids: list[int]
) -> QuerySet:
    """The rows of `ids` (matches already found), best first. The match is not repeated: the
    ids are the match, and the primary key finds them."""
    if not search_terms(q):
        return queryset.none()
    return rank(queryset.filter(pk__in=ids), q, fields)


def bounded_search(queryset: QuerySet, q: str, fields: tuple[SearchField, ...]) -> QuerySet:
    """The SEARCH_LIMIT newest rows matching `q`, best first (see the module docstring)."""
    ids = newest_match_ids(queryset, q, fields)
    return rank_ids(queryset, q, fields, ids)


def count_label(count: int, limit: int | None = None) -> str:
    """A count for readers: exact below the limit (default SEARCH_LIMIT), "1,000+" from it
    on."""
    limit = limit or SEARCH_LIMIT
    return f"{limit:,}+" if count >= limit else f"{count:,}"


def search_quotes(queryset: QuerySet, q: str) -> QuerySet:
    return bounded_search(queryset, q, QUOTE_FIELDS)


def search_people(queryset: QuerySet, q: str) -> QuerySet:
    return bounded_search(queryset, q, PERSON_FIELDS)


def search_films(queryset: QuerySet, q: str) -> QuerySet:
    return bounded_search(queryset, q, FILM_FIELDS)
