"""Who set a quote's verification status, a check's finding waiting for an editor, and who last
changed a source's stored text.

SQLite rebuilds the quotes table to add a NOT NULL column or a check constraint, and a rebuild
creates every index in the migration state, including the NULLS LAST ones that SQLite cannot
build (0004 builds them on PostgreSQL only). So the state forgets them around the change and
learns them again after it; the database, which on PostgreSQL keeps them, is not touched.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


POSTGRESQL_ONLY = importlib.import_module("quotes.migrations.0004_list_indexes").INDEXES


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0007_search_vector_statistics'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="quote", name=index.name)
                for index in POSTGRESQL_ONLY
            ]
        ),
        migrations.AddField(
            model_name='quote',
            name='finding_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='quote',
            name='finding_note',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='quote',
            name='finding_requested_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who ran the check that found it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='quote',
            name='finding_status',
            field=models.CharField(blank=True, choices=[('unverified', 'Unverified'), ('verified', 'Verified against source'), ('disputed', 'Disputed'), ('misattributed', 'Misattributed')], editable=False, max_length=15, verbose_name="check's finding"),
        ),
        migrations.AddField(
            model_name='quote',
            name='verification_set_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='source',
            name='text_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='source',
            name='text_changed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='quote',
            name='verified_at',
            field=models.DateTimeField(blank=True, help_text='When the status was last set.', null=True, verbose_name='verification set at'),
        ),
        migrations.AddConstraint(
            model_name='quote',
            constraint=models.CheckConstraint(condition=models.Q(('finding_status', ''), ('finding_status__in', ['unverified', 'verified', 'disputed', 'misattributed']), _connector='OR'), name='quotes_quote_finding_valid'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(model_name="quote", index=index) for index in POSTGRESQL_ONLY
            ]
        ),
    ]
