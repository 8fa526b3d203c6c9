"""Old URLs keep working: a renamed article, person, film, character or outlet answers its
former addresses with a 301 to where it lives now, through any number of changes; the
redirects are purged with the record; and a slug once used stays with its record."""

import pytest
from django.core.exceptions import ValidationError

from articles import services
from articles.models import Article
from articles.roles import EDITORS
from core.models import FormerSlug
from core.slugs import record_save
from quotes.models import Character, Film, Outlet, Person
from tests.admin.conftest import make_user
from tests.admin.helpers import admin_url, form_data
from tests.factories import (
    ArticleFactory,
    CharacterFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

SHARED = "public, max-age=0, s-maxage=300"


@pytest.fixture
def editor(db):
    return make_user("eddie", EDITORS)


def rename_article(article, slug, editor) -> Article:
    return services.article_update(article=Article.objects.get(pk=article.pk), by=editor, slug=slug)


def test_an_article_renamed_twice_redirects_both_old_urls_to_the_current_one(client, editor):
    article = ArticleFactory(slug="first-name")
    rename_article(article, "second-name", editor)
    rename_article(article, "third-name", editor)
    for old in ["/articles/first-name/", "/articles/second-name/"]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == "/articles/third-name/"
    assert client.get("/articles/third-name/").status_code == 200
    assert client.get("/articles/third-name/", follow=True).redirect_chain == []
    assert client.get("/articles/first-name/", follow=True).status_code == 200


def test_the_redirect_keeps_the_query_string(client, editor):
    person = PersonFactory(slug="old-person")
    person.slug = "new-person"
    record_save(record=person)
    response = client.get("/people/old-person/?page=2")
    assert response["Location"] == "/people/new-person/?page=2"


@pytest.mark.parametrize(
    ("model", "factory", "fields"),
    [
        (Person, PersonFactory, {"name": "Renamed"}),
        (Film, FilmFactory, {"title": "Renamed"}),
        (Character, CharacterFactory, {"name": "Renamed"}),
        (Outlet, OutletFactory, {"name": "Renamed", "url": "https://example.com/"}),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_records_renamed_in_the_admin_keep_their_old_urls(client, editor, model, factory, fields):
    record = factory(slug="before")
    url = admin_url(model, "change", record.pk)
    client.force_login(editor)
    for slug in ["middle", "after"]:
        response = client.post(url, form_data(client.get(url), slug=slug, **fields))
        assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    record.refresh_from_db()
    assert record.slug == "after"
    for old in ["before", "middle"]:
        old_url = record.get_absolute_url().replace("/after/", f"/{old}/")
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"] == record.get_absolute_url()


def test_a_slug_once_used_cannot_be_taken_by_another_record_of_the_same_kind(client, editor):
    film = FilmFactory(slug="ballerina")
    film.slug = "ballerina-2025"
    record_save(record=film)
    other = FilmFactory(slug="another-film")
    other.slug = "ballerina"
    with pytest.raises(ValidationError, match="was the address of another film"):
        other.full_clean()
    # Through the admin: a form error on the slug, nothing saved.
    client.force_login(editor)
    url = admin_url(Film, "change", other.pk)
    response = client.post(url, form_data(client.get(url), slug="ballerina"))
    assert response.status_code == 200
    assert "was the address of another film" in str(response.context["adminform"].form.errors)
    other.refresh_from_db()
    assert other.slug == "another-film"
    # Another kind of record may use it.
    PersonFactory(slug="ballerina").full_clean()


def test_an_article_slug_once_used_is_refused_by_the_service(editor):
    first = ArticleFactory(slug="scoop")
    rename_article(first, "scoop-updated", editor)
    second = ArticleFactory(slug="other")
    with pytest.raises(ValidationError, match="was the address of another article"):
        rename_article(second, "scoop", editor)
    assert Article.objects.get(pk=second.pk).slug == "other"


def test_a_record_may_take_back_a_slug_it_once_had(client, editor):
    article = ArticleFactory(slug="original")
    rename_article(article, "detour", editor)
    rename_article(article, "original", editor)
    assert client.get("/articles/original/").status_code == 200
    assert client.get("/articles/detour/")["Location"] == "/articles/original/"


def test_an_old_slug_never_leads_to_an_unpublished_article(client, editor):
    article = ArticleFactory(slug="embargoed-old")
    rename_article(article, "embargoed-new", editor)
    services.article_unpublish(article=Article.objects.get(pk=article.pk), by=editor)
    response = client.get("/articles/embargoed-old/")
    assert response.status_code == 404
    assert "embargoed-new" not in response.content.decode()


def test_a_bad_page_number_on_a_live_record_is_a_404_not_a_redirect(client, editor):
    article = ArticleFactory(slug="here")
    rename_article(article, "there", editor)
    rename_article(article, "here", editor)
    person = PersonFactory(slug="someone")
    assert client.get(f"{person.get_absolute_url()}?page=999").status_code == 404


def test_redirects_are_shared_and_purged_with_their_record(
    client, editor, purges, django_capture_on_commit_callbacks
):
    article = ArticleFactory(slug="v1")
    with django_capture_on_commit_callbacks(execute=True):
        rename_article(article, "v2", editor)
    response = client.get("/articles/v1/")
    assert response.status_code == 301
    assert response["Cache-Control"] == SHARED
    assert f"article-{article.pk}" in response["xkey"].split()
    # Renaming again purges the cached 301 (which names the record) and the old page.
    purges.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        rename_article(article, "v3", editor)
    assert f"article-{article.pk}" in purges.purged_keys()
    assert client.get("/articles/v1/")["Location"] == "/articles/v3/"


def test_a_404_is_never_shared(client, db):
    response = client.get("/articles/never-was/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
    assert "xkey" not in response


def test_deleting_a_record_frees_its_former_slugs(editor):
    film = FilmFactory(slug="gone")
    film.slug = "gone-2"
    record_save(record=film)
    assert FormerSlug.objects.count() == 1
    film.delete()
    assert not FormerSlug.objects.exists()
    FilmFactory(slug="gone").full_clean()


@pytest.mark.parametrize(
    ("factory", "feed", "api"),
    [
        (PersonFactory, "/people/{}/feed/", "/api/v1/people/{}/"),
        (FilmFactory, "/films/{}/feed/", "/api/v1/films/{}/"),
    ],
    ids=["person", "film"],
)
def test_a_renamed_records_feed_and_api_address_follow_it(client, factory, feed, api):
    record = factory(slug="was")
    record.slug = "is"
    record_save(record=record)
    for template in [feed, api]:
        response = client.get(template.format("was"))
        assert response.status_code == 301, template
        assert response["Location"].endswith(template.format("is"))
        assert client.get(response["Location"]).status_code == 200
        assert client.get(template.format("never-was")).status_code == 404
