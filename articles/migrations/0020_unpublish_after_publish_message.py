"""The unpublish constraint's refusal in words: the API and the admin said "Constraint
“articles_article_unpublish_after_publish” is violated." Nothing changes in the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_roles_public_images")]

    operations = [
        migrations.AlterConstraint(
            model_name="article",
            name="articles_article_unpublish_after_publish",
            constraint=models.CheckConstraint(
                condition=models.Q(unpublish_at__isnull=True)
                | models.Q(published_at__isnull=True)
                | models.Q(unpublish_at__gt=models.F("published_at")),
                name="articles_article_unpublish_after_publish",
                violation_error_message="An article comes off after it goes live: "
                "unpublish_at must be later than published_at.",
            ),
        ),
    ]
