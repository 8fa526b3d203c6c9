"""The byline is now the article's authors (0010 moved the text into them); the API still
prints it, made from their names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_bylines_to_authors")]

    operations = [
        migrations.RemoveField(model_name="article", name="byline"),
    ]
