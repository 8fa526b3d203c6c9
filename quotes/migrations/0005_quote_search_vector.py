"""A stored, GIN-indexed search vector on quotes, kept current by a trigger (PostgreSQL only).

Ranking used to recompute `to_tsvector` for every matching row (450,000 rows for a common word
at a million quotes). The vector is now computed once, when a row is written, by a `BEFORE
INSERT OR UPDATE` trigger: it fires for ORM saves, raw SQL and the bulk loader's COPY alike, so
no write path can forget it. Its weights are those of `quotes.search.QUOTE_FIELDS` (text: A).

The column exists on every engine (SQLite keeps its `icontains` fallback and never reads it);
the trigger, the backfill of existing rows and the GIN index are PostgreSQL work, done by
RunPython after checking the vendor, as `0003_search_indexes` does. The GIN index replaces that
migration's expression index on quote text, which nothing queries any more.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

TABLE = "quotes_quote"
TRIGGER = "quotes_quote_search_vector"
INDEX = "quotes_quote_search_vector_idx"
# Text-search configuration and weights: keep in step with `quotes.search`.
VECTOR = "setweight(to_tsvector('english', coalesce(NEW.text, '')), 'A')"
# Writing the vector itself recomputes it too, so the column can never hold anything else.
WATCHED = "text, search_vector"


def expression_index():
    """The index of 0003_search_indexes, which this migration drops (and restores backwards)."""
    return GinIndex(SearchVector("text", config="english"), name="quotes_quote_search_idx")


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""CREATE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {VECTOR};
            RETURN NEW;
        END
        $$"""
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF {WATCHED} ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
    )
    # Existing rows: writing the column fires the trigger, so the expression lives in one place.
    schema_editor.execute(f"UPDATE {TABLE} SET search_vector = NULL")
    schema_editor.remove_index(apps.get_model("quotes", "Quote"), expression_index())
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_vector)")
    # The planner's estimate of how many rows match a word comes from the column's statistics.
    schema_editor.execute(f"ANALYZE {TABLE}")


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
    schema_editor.add_index(apps.get_model("quotes", "Quote"), expression_index())


class Migration(migrations.Migration):
    dependencies = [("quotes", "0004_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(add_vector, remove_vector, elidable=False),
    ]
