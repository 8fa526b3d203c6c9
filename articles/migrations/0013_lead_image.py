"""Articles' lead images; writers may upload and edit images, editors hold every permission of
the media library (articles/roles.py)."""

import django.db.models.deletion
from django.db import migrations, models


def sync_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from articles.roles import sync_roles

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_roles_structure"),
        ("images", "0001_initial"),
        ("quotes", "0008_poster_photo"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown at the top, on cards and in shared links.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="images.image",
            ),
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
