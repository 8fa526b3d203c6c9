"""Trigram indexes for the desk's article search, on PostgreSQL only.

As quotes' 0016: the admin matches each word with `icontains`, which PostgreSQL runs as
`UPPER(column) LIKE UPPER('%word%')`, and a GIN index of that expression's trigrams answers it
without reading every article's body. Not part of the models' state (SQLite has neither the
extension nor the operator class), so RunPython creates them after checking the vendor; the
extension is left in place when rolled back, as other objects may use it.
"""

from django.db import migrations

# The article columns the list's search reads (authors, a few hundred, are read whole).
INDEXES = {
    "Article": (
        ("articles_article_title_trgm_idx", "title"),
        ("articles_article_standfirst_trgm_idx", "standfirst"),
        ("articles_article_body_trgm_idx", "body"),
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    quote = schema_editor.quote_name
    for model_name, indexes in INDEXES.items():
        table = apps.get_model("articles", model_name)._meta.db_table
        for name, field in indexes:
            # Written out: an operator class inside an expression index needs
            # django.contrib.postgres installed as an app, which this project does not.
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
                f"USING gin (UPPER({quote(field)}) gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for indexes in INDEXES.values():
        for name, _field in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_unpublish_after_publish_message")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
