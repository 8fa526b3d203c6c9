"""A stored, GIN-indexed search vector on articles, kept current by a trigger (PostgreSQL only).

Article bodies are long: ranking used to run `to_tsvector` over every matching body at each
search. The vector is now computed once, when a row is written, by a `BEFORE INSERT OR UPDATE`
trigger (ORM saves, raw SQL and the bulk loader's COPY alike), with the weights of
`articles.search.ARTICLE_FIELDS`: title A, standfirst B, body C.

The column exists on every engine (SQLite keeps its `icontains` fallback and never reads it);
the trigger, the backfill and the GIN index are PostgreSQL work, done by RunPython after
checking the vendor, as `0004_search_index` does. The GIN index replaces that migration's
expression index, which nothing queries any more.
"""

import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

TABLE = "articles_article"
TRIGGER = "articles_article_search_vector"
INDEX = "articles_article_search_vector_idx"
# Text-search configuration and weights: keep in step with `articles.search.ARTICLE_FIELDS`.
VECTOR = (
    "setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B')"
    " || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C')"
)
# Writing the vector itself recomputes it too, so the column can never hold anything else.
WATCHED = "title, standfirst, body, search_vector"


def expression_index():
    """The index of 0004_search_index, which this migration drops (and restores backwards)."""
    return GinIndex(
        SearchVector("title", "standfirst", "body", config="english"),
        name="articles_article_search_idx",
    )


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
    schema_editor.remove_index(apps.get_model("articles", "Article"), expression_index())
    schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_vector)")
    # The planner's estimate of how many rows match a word comes from the column's statistics.
    schema_editor.execute(f"ANALYZE {TABLE}")


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
    schema_editor.add_index(apps.get_model("articles", "Article"), expression_index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_article_live_index")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(add_vector, remove_vector, elidable=False),
    ]
