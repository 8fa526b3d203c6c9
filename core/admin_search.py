"""The desk's search box, word by word as Django's admin reads it."""

from django.db.models import F, Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal

from core.lookups import AnyOf


def search_words(search_term: str) -> list[str]:
    """The words of a search, a quoted phrase as one, as `ModelAdmin.get_search_results` splits
    them: an admin that matches its own way still reads the box the same way."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        words.append(bit)
    return words


def among(field: str, rows: QuerySet) -> Q:
    """`field` is one of `rows`' primary keys, as a condition the desk's search ORs with others:
    `AnyOf`, which PostgreSQL answers from an index on `field`, so that the planner can combine
    each word's matches (a trigram index for the text, these for speakers and sources) in one
    bitmap; an `IN (subquery)` cannot join such a bitmap and made the whole OR a filter on
    every row."""
    return Q(AnyOf(F(field), rows.order_by().values("pk")))
