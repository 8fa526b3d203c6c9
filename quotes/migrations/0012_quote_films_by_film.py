"""An index on a film's quote links in quote order: a film page counts and lists the film's
own quotes from it, rather than walking every quote (docs/performance.md). Built without
blocking writes on PostgreSQL."""

from django.db import migrations

NAME = "quotes_quote_films_film_quote_idx"


def create(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {NAME} ON quotes_quote_films (film_id, quote_id)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("quotes", "0011_held_until_used")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
