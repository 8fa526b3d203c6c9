"""Bylines become authors: the desk's own profile, “Quote desk staff”, and one author for each
other name an existing byline prints, linked in the byline's order. Backwards, each article's
byline text is written again from its authors (who stay on file, and are found by name when
the migration runs forwards again)."""

import re

from django.db import migrations
from django.utils.text import slugify

DESK = {
    "slug": "quote-desk-staff",
    "name": "Quote desk staff",
    "role": "The desk",
    "bio": "Reporting by the quote desk's editors, in which every quote is a sourced, "
    "verifiable record.",
    "is_organization": True,
}
# “By A, B and C”, “A & B”: the separators a printed byline uses between names.
SEPARATORS = re.compile(r"\s*(?:,|&|\band\b)\s*")


def names_in(byline: str) -> list[str]:
    text = re.sub(r"^\s*by\s+", "", byline, flags=re.IGNORECASE)
    names = [name.strip() for name in SEPARATORS.split(text)]
    return list(dict.fromkeys(name for name in names if name))


def free_slug(Author, name: str) -> str:
    base = slugify(name)[:180] or "author"
    slug, n = base, 1
    while Author.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def bylines_to_authors(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")
    if not Author.objects.filter(slug=DESK["slug"]).exists():
        Author.objects.create(**DESK)
    # Names already on file (the desk's, or authors kept from an earlier run) are reused.
    authors = {}
    for author in Author.objects.order_by("-pk"):
        authors[author.name.casefold()] = author
    bylines = []
    articles = Article.objects.exclude(byline="").filter(bylines__isnull=True)
    for article in articles.order_by("pk").only("id", "byline").iterator():
        for position, name in enumerate(names_in(article.byline)):
            key = name.casefold()
            if key not in authors:
                authors[key] = Author.objects.create(name=name, slug=free_slug(Author, name))
            bylines.append(Byline(article_id=article.pk, author=authors[key], position=position))
        if len(bylines) >= 5000:
            Byline.objects.bulk_create(bylines)
            bylines = []
    Byline.objects.bulk_create(bylines)


def authors_to_bylines(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    names: dict[int, list[str]] = {}
    for article_id, name in Byline.objects.order_by("article_id", "position", "id").values_list(
        "article_id", "author__name"
    ):
        names.setdefault(article_id, []).append(name)
    for article_id, article_names in names.items():
        if len(article_names) > 1:
            byline = f"{', '.join(article_names[:-1])} and {article_names[-1]}"
        else:
            byline = article_names[0]
        Article.objects.filter(pk=article_id).update(byline=byline[:200])
    # The text holds them again; the authors stay on file for the next run forwards.
    Byline.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_structure")]

    operations = [migrations.RunPython(bylines_to_authors, authors_to_bylines)]
