"""Indexes for `newest_first()` over approved quotes (said_on DESC NULLS LAST, id DESC).

SQLite cannot declare NULLS LAST in an index, so the indexes are built on PostgreSQL only;
the migration state holds them on every engine (the model declares them).
"""

from django.db import migrations, models



def newest_first(*leading, name):
    return models.Index(
        *leading,
        models.OrderBy(models.F("said_on"), descending=True, nulls_last=True),
        models.OrderBy(models.F("id"), descending=True),
        condition=models.Q(("state", "approved")),
        name=name,
    )


INDEXES = [
    newest_first(name="quotes_quote_stream_idx"),
    newest_first(models.F("speaker_person"), name="quotes_quote_person_idx"),
    newest_first(models.F("speaker_character"), name="quotes_quote_character_idx"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = apps.get_model("quotes", "Quote")
    for index in INDEXES:
        schema_editor.add_index(quote, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = apps.get_model("quotes", "Quote")
    for index in INDEXES:
        schema_editor.remove_index(quote, index)


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0003_search_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="quote", index=index) for index in INDEXES
            ],
            database_operations=[migrations.RunPython(create, drop)],
        ),
    ]
