"""The desk's search box, word by word as Django's admin reads it."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.utils.text import smart_split, unescape_string_literal


def search_words(search_term: str) -> list[str]:
    """The words of a search, a quoted phrase as one, as `ModelAdmin.get_search_results` splits
    them: an admin that matches its own way still reads the box the same way."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        words.append(bit)
    return words


class EqualsAny(Func):
    """`value = ANY(array)`, a condition (PostgreSQL)."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def among(field: str, rows: QuerySet, using: str) -> Q:
    """`field` is one of `rows`' primary keys, as a condition the desk's search ORs with others.
    On PostgreSQL it is `= ANY(ARRAY(subquery))`, which an index on `field` answers, so the
    planner can combine each word's matches (a trigram index for the text, these for speakers
    and sources) in one bitmap; an `IN (subquery)` cannot join such a bitmap and made the
    whole OR a filter on every row."""
    if connections[using].vendor == "postgresql":
        return Q(EqualsAny(F(field), ArraySubquery(rows.order_by().values("pk"))))
    return Q(**{f"{field}__in": rows.order_by().values("pk")})
