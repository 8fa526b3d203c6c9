"""Counts of related rows for the desk's lists."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def related_count(model, field: str):
    """How many rows of `model` point at the outer row through `field`, as an expression to
    annotate with. A correlated subquery, not `Count()` over a join: the join grouped the whole
    related table (every quote, for a page of 100 people) before the page was cut, and the
    list's count and date menus grouped it again. `COUNT(*)`, not of the primary key: the
    key is not in `field`'s index, so counting it read every related row from the table
    (3.6 s to sort 25,000 people by their count) where the index alone answers."""
    rows = (
        model._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))
