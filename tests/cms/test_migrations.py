import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OUR_APPS = ["articles", "quotes"]  # articles depends on quotes, so it is unapplied first


@pytest.mark.django_db(transaction=True)
def test_every_migration_applies_backwards_to_zero_and_forwards_again():
    for app in OUR_APPS:
        call_command("migrate", app, "zero", verbosity=0)
    tables = connection.introspection.table_names()
    assert not [t for t in tables if t.startswith(("quotes_", "articles_"))]

    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert "quotes_quote" in connection.introspection.table_names()
