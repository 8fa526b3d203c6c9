"""Search over quotes, people and films.

On PostgreSQL it is full-text search: the match uses the same `to_tsvector` expression as the GIN
indexes that migration `0003_search_indexes` builds, so the planner answers it from an index, and
rows are ranked with a weighted vector (a title above a synopsis). Elsewhere (SQLite) it falls
back to `icontains` over the same fields, every word required, ranked by where the words matched.

`search_quotes(queryset, q)` is what the API's `search` filter calls, so the site and the API
find the same quotes in the same order.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

# The text search configuration of every index and query: changing it means a new migration.
SEARCH_CONFIG = "english"
MAX_TERMS = 8
# Ranks of the fallback, by where a word matched (the weights A, B, C of full-text search).
FALLBACK_WEIGHTS = {"A": 4, "B": 2, "C": 1}


@dataclass(frozen=True)
class SearchField:
    name: str
    weight: str = "C"


QUOTE_FIELDS = (SearchField("text", "A"),)
PERSON_FIELDS = (SearchField("name", "A"), SearchField("aliases", "A"), SearchField("bio", "C"))
FILM_FIELDS = (SearchField("title", "A"), SearchField("synopsis", "C"))


def search_terms(q: str) -> list[str]:
    """The words of a query, for the fallback's matching and for highlighting."""
    words = re.findall(r"\w+", q or "")
    return list(dict.fromkeys(word.lower() for word in words))[:MAX_TERMS]


def is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def document(fields: tuple[SearchField, ...]) -> SearchVector:
    """The indexed expression: it must stay identical to the one in the migration."""
    return SearchVector(*(field.name for field in fields), config=SEARCH_CONFIG)


def weighted_document(fields: tuple[SearchField, ...]) -> SearchVector:
    vectors = [
        SearchVector(field.name, weight=field.weight, config=SEARCH_CONFIG) for field in fields
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def ranked_search(queryset: QuerySet, q: str, fields: tuple[SearchField, ...]) -> QuerySet:
    """Rows matching every word of `q`, best first, annotated with `search_rank`."""
    terms = search_terms(q)
    if not terms:
        return queryset.none()
    if is_postgresql(queryset):
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.alias(search_document=document(fields))
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(weighted_document(fields), query))
            .order_by("-search_rank", "-pk")
        )
    return fallback_search(queryset, terms, fields)


def fallback_search(
    queryset: QuerySet, terms: list[str], fields: tuple[SearchField, ...]
) -> QuerySet:
    match = Q()
    rank = []
    for term in terms:
        any_field = Q()
        for field in fields:
            lookup = Q(**{f"{field.name}__icontains": term})
            any_field |= lookup
            rank.append(
                Case(
                    When(lookup, then=Value(FALLBACK_WEIGHTS[field.weight])),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
        match &= any_field
    score = rank[0]
    for part in rank[1:]:
        score = score + part
    return (
        queryset.filter(match)
        .annotate(search_rank=Coalesce(score, Value(0)))
        .order_by("-search_rank", "-pk")
    )


# A quote search matching at most this many rows is answered from the ids the GIN index gives.
FEW_MATCHES = 1000


def quote_matches(model, q: str) -> QuerySet:
    """Every quote matching `q`, unranked and unordered: the lookup the GIN index answers."""
    return ranked_search(model._default_manager.all(), q, QUOTE_FIELDS).order_by()


def search_quotes(queryset: QuerySet, q: str) -> QuerySet:
    """A rare word's few matches are read first (on PostgreSQL from the GIN index) and the
    query is restricted to their ids: otherwise a list ordered by id walks the whole primary
    key looking for them (seconds at a million quotes). A common word keeps the plain plan,
    which finds its many matches at once. Both engines run the same queries."""
    results = ranked_search(queryset, q, QUOTE_FIELDS)
    if not search_terms(q):
        return results
    matching = quote_matches(queryset.model, q).values_list("pk", flat=True)
    ids = list(matching[: FEW_MATCHES + 1])
    if len(ids) <= FEW_MATCHES:
        return results.filter(pk__in=ids)
    return results


def search_people(queryset: QuerySet, q: str) -> QuerySet:
    return ranked_search(queryset, q, PERSON_FIELDS)


def search_films(queryset: QuerySet, q: str) -> QuerySet:
    return ranked_search(queryset, q, FILM_FIELDS)
