"""Finer planner statistics on the stored search vectors of quotes, people and films
(PostgreSQL only).

With the default statistics target PostgreSQL tracks about a thousand of a vector column's most
common words and estimates any other word at half the rarest tracked word's frequency: about
0.5% of a million quotes (4,800 rows) for a word in ten of them. For that many rows it planned
the search's newest-ids query in parallel, and starting two workers took longer than finding
the ten rows. Tracking up to 100,000 words (target 10,000) puts a rare word's estimate at a
handful of rows, planned serially on the GIN index; a common word is still read by walking the
primary key. ANALYZE of a million quotes takes some seconds more.
"""

from django.db import migrations

TABLES = ("quotes_quote", "quotes_person", "quotes_film")


def set_target(target: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS {target}"
            )
            if target > 0:
                schema_editor.execute(f"ANALYZE {table} (search_vector)")

    return run


class Migration(migrations.Migration):
    dependencies = [("quotes", "0006_people_films_search_vector")]

    operations = [migrations.RunPython(set_target(10000), set_target(-1))]
