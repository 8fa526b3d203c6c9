"""Constants written into a statement's text rather than bound as parameters.

With server-side binding (`server_side_binding`, cms/settings.py) psycopg prepares a statement
that runs often, and PostgreSQL may then run it with one generic plan for every parameter. A
partial index (a predicate on a fixed value, as the quote indexes' on their state) serves such a
plan only if the statement's own text implies that predicate: a bound parameter does not, so
the generic plan read a person's every quote and sorted them (docs/performance.md). The rules
in the querysets write their fixed values with `Literal`."""

from django.db.models import Value

# Each literal as PostgreSQL reads it, by its value: Django's `compose_sql` opens a cursor to
# quote it, which cost more than compiling the rest of a public rule, and the rules name a
# handful of fixed values.
composed: dict[tuple, str] = {}


class Literal(Value):
    """A fixed value of a rule (a state), written into the SQL as a quoted literal on
    PostgreSQL, bound as usual elsewhere (SQLite keeps no generic plans)."""

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        # A constant refers to nothing in the query: the one instance serves every statement
        # (resolving copied it for each, at every compilation of a kept rule).
        if for_save:
            return super().resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return self

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return super().as_sql(compiler, connection)
        key = (type(self.value), self.value)
        found = composed.get(key)
        if found is None:
            sql, params = super().as_sql(compiler, connection)
            found = composed[key] = connection.ops.compose_sql(sql, params) if params else sql
        return found, []
