"""Stored, GIN-indexed search vectors on people and films, kept by triggers (PostgreSQL only).

Ranking people and films used to compute their weighted `to_tsvector` for every matching row at
each search (bios and synopses: ~100 ms of the site search at a million quotes). As for quotes
(0005), the vector is now computed once, when a row is written, by a `BEFORE INSERT OR UPDATE`
trigger: ORM saves, raw SQL and the bulk loader's COPY alike. Its weights are those of
`quotes.search.PERSON_FIELDS` (name A, aliases A, bio C) and `FILM_FIELDS` (title A, synopsis C).

The columns exist on every engine (SQLite keeps its `icontains` fallback and never reads them);
the triggers, the backfill and the GIN indexes are PostgreSQL work, done by RunPython after
checking the vendor. The GIN indexes replace the expression indexes of 0003_search_indexes on
people and films, which nothing queries any more (backwards restores them).
"""

from dataclasses import dataclass

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


@dataclass(frozen=True)
class StoredVector:
    """One table's trigger-kept vector: which fields, with which weights (in `quotes.search`)."""

    model: str
    table: str
    weights: tuple[tuple[str, str], ...]  # (column, weight), in the order of the search fields
    expression_index: str  # the index of 0003 this replaces

    @property
    def trigger(self) -> str:
        return f"{self.table}_search_vector"

    @property
    def index(self) -> str:
        return f"{self.table}_search_vector_idx"

    @property
    def vector(self) -> str:
        """The trigger's expression. Text-search configuration: keep in step with `quotes.search`."""
        return " || ".join(
            f"setweight(to_tsvector('english', coalesce(NEW.{column}, '')), '{weight}')"
            for column, weight in self.weights
        )

    @property
    def watched(self) -> str:
        # Writing the vector itself recomputes it too, so the column can never hold anything else.
        return ", ".join([*(column for column, _ in self.weights), "search_vector"])

    def old_index(self) -> GinIndex:
        columns = [column for column, _ in self.weights]
        return GinIndex(SearchVector(*columns, config="english"), name=self.expression_index)


VECTORS = (
    StoredVector(
        "Person",
        "quotes_person",
        (("name", "A"), ("aliases", "A"), ("bio", "C")),
        "quotes_person_search_idx",
    ),
    StoredVector(
        "Film", "quotes_film", (("title", "A"), ("synopsis", "C")), "quotes_film_search_idx"
    ),
)


def add_vector(schema_editor, model, stored: StoredVector) -> None:
    schema_editor.execute(
        f"""CREATE FUNCTION {stored.trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {stored.vector};
            RETURN NEW;
        END
        $$"""
    )
    schema_editor.execute(
        f"CREATE TRIGGER {stored.trigger} BEFORE INSERT OR UPDATE OF {stored.watched} "
        f"ON {stored.table} FOR EACH ROW EXECUTE FUNCTION {stored.trigger}()"
    )
    # Existing rows: writing the column fires the trigger, so the expression lives in one place.
    schema_editor.execute(f"UPDATE {stored.table} SET search_vector = NULL")
    schema_editor.remove_index(model, stored.old_index())
    schema_editor.execute(
        f"CREATE INDEX {stored.index} ON {stored.table} USING gin (search_vector)"
    )
    # The planner's estimate of how many rows match a word comes from the column's statistics.
    schema_editor.execute(f"ANALYZE {stored.table}")


def remove_vector(schema_editor, model, stored: StoredVector) -> None:
    schema_editor.execute(f"DROP INDEX IF EXISTS {stored.index}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {stored.trigger} ON {stored.table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {stored.trigger}()")
    schema_editor.add_index(model, stored.old_index())


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for stored in VECTORS:
        add_vector(schema_editor, apps.get_model("quotes", stored.model), stored)


def remove_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for stored in VECTORS:
        remove_vector(schema_editor, apps.get_model("quotes", stored.model), stored)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0005_quote_search_vector")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="film",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(add_vectors, remove_vectors, elidable=False),
    ]
