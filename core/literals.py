"""Constants written into a statement's text rather than bound as parameters.

With server-side binding (`server_side_binding`, cms/settings.py) psycopg prepares a statement
that runs often, and PostgreSQL may then run it with one generic plan for every parameter. A
partial index (a predicate on a fixed value, as the quote indexes' on their state) serves such a
plan only if the statement's own text implies that predicate: a bound parameter does not, so
the generic plan read a person's every quote and sorted them (docs/performance.md). The rules
in the querysets write their fixed values with `Literal`."""

from django.db.models import Value


class Literal(Value):
    """A fixed value of a rule (a state), written into the SQL as a quoted literal on
    PostgreSQL, bound as usual elsewhere (SQLite keeps no generic plans)."""

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        if connection.vendor != "postgresql" or not params:
            return sql, params
        return connection.ops.compose_sql(sql, params), []
