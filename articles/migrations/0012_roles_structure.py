"""Writers may pick sections, tags and authors and read corrections; editors hold every
permission of the new models (articles/roles.py)."""

from django.db import migrations


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
        ("articles", "0011_remove_article_byline"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
