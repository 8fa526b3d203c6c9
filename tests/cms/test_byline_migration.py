"""The data migration that turns printed bylines into authors, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0009_structure")]
AFTER = [("articles", "0010_bylines_to_authors")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_afterwards():
    """Whatever happens in the test, the database ends at the latest migrations again."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_bylines_become_ordered_authors_and_the_desk_its_own_profile(latest_schema_afterwards):
    apps = migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("articles", "Author")
    Author.objects.all().delete()
    rows = {
        "desk": "Quote desk staff",
        "two": "By Ann Lee and Bo Roy",
        "three": "Bo Roy, Cy Dee & ann lee",
        "none": "",
    }
    for slug, byline in rows.items():
        Article.objects.create(title=slug, slug=slug, body="x", byline=byline)

    apps = migrate(AFTER)
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")

    def names(slug):
        bylines = Byline.objects.filter(article__slug=slug).order_by("position")
        return [byline.author.name for byline in bylines]

    assert names("desk") == ["Quote desk staff"]
    assert names("two") == ["Ann Lee", "Bo Roy"]
    assert names("three") == ["Bo Roy", "Cy Dee", "Ann Lee"]  # one Ann Lee, whatever the case
    assert names("none") == []
    desk = Author.objects.get(slug="quote-desk-staff")
    assert desk.is_organization
    assert not Author.objects.filter(is_organization=True).exclude(pk=desk.pk).exists()
    assert set(Author.objects.values_list("slug", flat=True)) == {
        "quote-desk-staff",
        "ann-lee",
        "bo-roy",
        "cy-dee",
    }

    # Backwards, each article prints its authors again.
    apps = migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("slug", "byline")) == {
        "desk": "Quote desk staff",
        "two": "Ann Lee and Bo Roy",
        "three": "Bo Roy, Cy Dee and Ann Lee",
        "none": "",
    }
