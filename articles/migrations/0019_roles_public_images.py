"""Editors hold `images.change_public_image`: a change to an image readers see is theirs alone
(images/admin.py), as a change to a public quote is."""

from django.db import migrations

from articles.roles import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_roles_writers_edit_films"),
        ("images", "0002_change_public_image"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]
