"""A GIN index for full-text search of articles, on PostgreSQL only.

The index is on the very `to_tsvector` expression that `quotes.search.document()` builds for
`articles.search.ARTICLE_FIELDS`, so the search query is answered from the index. It is not part
of the model's state (SQLite has no such index), so RunPython creates it after checking the
database vendor, and makemigrations never sees it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = ("articles_article_search_idx", ["title", "standfirst", "body"])


def index():
    name, fields = INDEX
    return GinIndex(SearchVector(*fields, config="english"), name=name)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_article_import")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
