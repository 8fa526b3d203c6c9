"""Trigram indexes for the desk's search box, on PostgreSQL only.

The admin matches each word with `icontains`, which PostgreSQL runs as
`UPPER(column) LIKE UPPER('%word%')`: a GIN index of that expression's trigrams answers it
without reading every row. Like 0003's, the indexes are not part of the models' state (SQLite
has neither the extension nor the operator class), so RunPython creates them after checking
the database vendor. The extension is created the same way (Django's `TrigramExtension` asks
PostgreSQL's catalogue when rolled back, which fails on SQLite) and left in place when rolled
back: other objects of the database may use it.
"""

from django.db import migrations

# The columns the quote list's search reads, directly or through its subqueries.
INDEXES = {
    "Quote": ("quotes_quote_text_trgm_idx", "text"),
    "Person": ("quotes_person_name_trgm_idx", "name"),
    "Character": ("quotes_character_name_trgm_idx", "name"),
    "Source": ("quotes_source_title_trgm_idx", "title"),
    "Outlet": ("quotes_outlet_name_trgm_idx", "name"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    quote = schema_editor.quote_name
    for model_name, (name, field) in INDEXES.items():
        table = apps.get_model("quotes", model_name)._meta.db_table
        # Written out: an operator class inside an expression index needs
        # django.contrib.postgres installed as an app, which this project does not.
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} "
            f"USING gin (UPPER({quote(field)}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _field in INDEXES.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0015_quote_desk_sort_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
