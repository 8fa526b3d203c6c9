"""Re-renders every article's stored HTML so that bodies saved before smart typography read
typeset too (curly quotes, dashes): `body_html` is derived from `body` at save."""

from django.db import migrations

BATCH = 500


def typeset_bodies(apps, schema_editor):
    from articles.markup import render_markdown

    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("id", "body", "body_html").iterator(chunk_size=BATCH):
        html = render_markdown(article.body)
        if html != article.body_html:
            article.body_html = html
            batch.append(article)
        if len(batch) >= BATCH:
            Article.objects.bulk_update(batch, ["body_html"])
            batch = []
    Article.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_roles_structure")]

    operations = [migrations.RunPython(typeset_bodies, migrations.RunPython.noop, elidable=True)]
