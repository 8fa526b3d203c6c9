"""`column IN (subquery)` written so that PostgreSQL reads it through the column's index."""

from django.db import models


class AnyOf(models.Lookup):
    """`column IN (subquery)`, written `= ANY(ARRAY(subquery))` on PostgreSQL: the array is read
    once, before the rows, and its values then go through the column's index, alone or in a
    bitmap with the other conditions of an `OR`. Given `IN (subquery)`, PostgreSQL guesses how
    many rows it matches and may read every row in another index's order instead, or filter
    every row of a search's `OR`: seconds at a million quotes (docs/performance.md)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
