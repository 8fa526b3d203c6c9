"""A person, character, film or outlet a writer adds is public only with the first published
thing that uses it: pages, API, sitemap, search and feeds all ask `published()`."""

import pytest
from django.utils import timezone

from articles.models import Article
from quotes.models import Character, Film, Outlet, Person
from tests.factories import (
    ArticleFactory,
    CharacterFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)
from tests.sitemaps import whole_sitemap

from .helpers import admin_url, client_of

pytestmark = pytest.mark.django_db

API = {Person: "people", Character: "characters", Film: "films", Outlet: "outlets"}


def seen_by_readers(client, record) -> dict[str, bool]:
    """Where an anonymous reader meets `record`: its page, the API's list and detail, the
    sitemap, and (people and films) the site search and the record's feed."""
    api = API[type(record)]
    listed = client.get(f"/api/v1/{api}/?page_size=100").json()["results"]
    seen = {
        "page": client.get(record.get_absolute_url()).status_code == 200,
        "api detail": client.get(f"/api/v1/{api}/{record.slug}/").status_code == 200,
        "api list": any(row["slug"] == record.slug for row in listed),
        "sitemap": record.get_absolute_url() in whole_sitemap(client),
    }
    if isinstance(record, Person | Film):
        name = record.name if isinstance(record, Person) else record.title
        kind = "people" if isinstance(record, Person) else "films"
        found = client.get("/search/", {"q": name, "type": kind}).content.decode()
        seen["search"] = record.get_absolute_url() in found
        seen["feed"] = client.get(record.get_absolute_url() + "feed/").status_code == 200
    return seen


def test_a_writers_new_person_shows_with_the_first_published_article_about_them(
    client, writer, editor
):
    client_of(writer).post(
        admin_url(Person, "add"), {"name": "Quenby Marsh", "slug": "quenby-marsh"}
    )
    person = Person.objects.get(slug="quenby-marsh")
    assert person.held_until_used
    assert not any(seen_by_readers(client, person).values())
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    draft.people.add(person)
    QuoteFactory(speaker_person=person, state="pending")
    assert not any(seen_by_readers(client, person).values())
    Article.objects.filter(pk=draft.pk).update(status="published", published_at=timezone.now())
    assert all(seen_by_readers(client, person).values()), seen_by_readers(client, person)
    # The desk sees it all along, over the API too.
    assert client_of(writer).get("/api/v1/people/quenby-marsh/").status_code == 200


def test_an_editors_new_person_is_public_at_once(client, editor):
    client_of(editor).post(admin_url(Person, "add"), {"name": "Edda Ray", "slug": "edda-ray"})
    person = Person.objects.get(slug="edda-ray")
    assert not person.held_until_used
    assert seen_by_readers(client, person)["page"]


@pytest.mark.parametrize(
    "make, use",
    [
        (
            lambda: CharacterFactory(held_until_used=True),
            lambda character: QuoteFactory(speaker_person=None, speaker_character=character),
        ),
        (lambda: FilmFactory(held_until_used=True), lambda film: QuoteFactory().films.add(film)),
        (
            lambda: OutletFactory(held_until_used=True),
            lambda outlet: QuoteFactory(source=SourceFactory(outlet=outlet)),
        ),
    ],
    ids=["character", "film", "outlet"],
)
def test_a_writers_character_film_or_outlet_shows_with_a_public_quote(client, make, use):
    record = make()
    assert not any(seen_by_readers(client, record).values())
    use(record)
    assert all(seen_by_readers(client, record).values()), seen_by_readers(client, record)


def test_a_record_goes_back_into_hiding_when_its_only_use_is_unpublished(client):
    person = PersonFactory(held_until_used=True)
    quote = QuoteFactory(speaker_person=person)
    assert Person.objects.published().filter(pk=person.pk).exists()
    quote.state = "pending"
    quote.save()
    assert not Person.objects.published().filter(pk=person.pk).exists()
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/quotes/?speaker={slug}", lambda: PersonFactory(held_until_used=True)),
        ("/api/v1/quotes/?film={slug}", lambda: FilmFactory(held_until_used=True)),
        ("/api/v1/articles/?person={slug}", lambda: PersonFactory(held_until_used=True)),
        ("/api/v1/films/?person={slug}", lambda: PersonFactory(held_until_used=True)),
        ("/quotes/?speaker={slug}", lambda: PersonFactory(held_until_used=True)),
    ],
    ids=["quotes by speaker", "quotes by film", "articles by person", "films by person", "page"],
)
def test_filtering_by_a_held_record_is_as_unknown_as_a_misspelt_one(client, editor, url, make):
    """An empty list would tell a reader that the record exists, before the story using it."""
    record = make()
    hidden = client.get(url.format(slug=record.slug))
    misspelt = client.get(url.format(slug=record.slug + "-nobody"))
    assert hidden.status_code == misspelt.status_code == 400
    if url.startswith("/api/"):
        assert str(record.slug) in str(hidden.json()) and "No " in str(hidden.json())
    # The desk filters by it.
    assert client_of(editor).get(url.format(slug=record.slug)).status_code == 200


def test_view_on_site_is_offered_only_for_what_readers_can_see(editor):
    """The "View on site" button of a quote awaiting approval, or of a writer's person that
    nothing public uses yet, led the editor to a 404."""
    desk = client_of(editor)
    waiting, approved = QuoteFactory(state="pending"), QuoteFactory(state="approved")
    held = PersonFactory(held_until_used=True)
    for record, offered in ((waiting, False), (held, False), (approved, True)):
        html = desk.get(admin_url(type(record), "change", record.pk)).content.decode()
        assert ('class="viewsitelink"' in html) is offered, record
