"""GIN indexes for full-text search of quotes, people and films, on PostgreSQL only.

Each index is on the very `to_tsvector` expression that `quotes.search.document()` builds, so
the search query is answered from the index rather than by a scan. The indexes are not part of
the models' state (SQLite has no such index), so they are created with RunPython, which checks
the database vendor, and makemigrations never sees them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
INDEXES = {
    "Quote": ("quotes_quote_search_idx", ["text"]),
    "Person": ("quotes_person_search_idx", ["name", "aliases", "bio"]),
    "Film": ("quotes_film_search_idx", ["title", "synopsis"]),
}


def index(name, fields):
    return GinIndex(SearchVector(*fields, config=CONFIG), name=name)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, (name, fields) in INDEXES.items():
        schema_editor.add_index(apps.get_model("quotes", model_name), index(name, fields))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, (name, fields) in INDEXES.items():
        schema_editor.remove_index(apps.get_model("quotes", model_name), index(name, fields))


class Migration(migrations.Migration):
    dependencies = [("quotes", "0002_permissions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
