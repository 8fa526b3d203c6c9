"""Counts of related rows for the desk's lists."""

from django.contrib.admin.views.main import ChangeList
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


class PageCountsChangeList(ChangeList):
    """A list whose counts of related rows (its admin's `related_counts`: column → (model,
    field)) are counted for the page's rows alone, in one query each after the page is cut.
    Annotated on the list's query, PostgreSQL counted every row the OFFSET passed over
    (200,000 for page 2,000 of sources). Sorted by a count, the list needs every row's: that
    count is annotated as before."""

    def sorted_counts(self) -> set[str]:
        columns = self.get_ordering_field_columns()
        names = {self.list_display[i] for i in columns if 0 <= i < len(self.list_display)}
        return names & set(self.model_admin.related_counts)

    def get_queryset(self, request, exclude_parameters=None):
        base = self.root_queryset
        counts = self.model_admin.related_counts
        self.root_queryset = base.annotate(
            **{name: related_count(*counts[name]) for name in self.sorted_counts()}
        )
        try:
            return super().get_queryset(request, exclude_parameters)
        finally:
            self.root_queryset = base

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)
        sorted_by = self.sorted_counts()
        for name, (model, field) in self.model_admin.related_counts.items():
            if name in sorted_by:
                continue
            counted = dict(
                model._default_manager.filter(**{f"{field}__in": [row.pk for row in rows]})
                .order_by()
                .values_list(field)
                .annotate(n=Count("*"))
            )
            for row in rows:
                setattr(row, name, counted.get(row.pk, 0))
        self.result_list = rows


class CountsForThePageAdmin:
    """A ModelAdmin mixin: the list's `related_counts` columns counted for the page's rows
    alone (`PageCountsChangeList`)."""

    related_counts: dict = {}

    def get_changelist(self, request, **kwargs):
        return PageCountsChangeList
