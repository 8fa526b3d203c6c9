"""A writer's change to a person, character, outlet or source readers see waits for an
editor's approval; readers keep the record as it was."""

import pytest

from core.drafts import draft_of
from core.models import Notification
from quotes.models import Character, Film, Outlet, Person, Source
from tests.factories import (
    CharacterFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

from .helpers import admin_url, client_of, form_data, messages_of

pytestmark = pytest.mark.django_db


def save(client, model, record, **changes):
    url = admin_url(model, "change", record.pk)
    return client.post(url, form_data(client.get(url), **changes), follow=True)


def test_a_writers_change_to_a_person_waits_for_an_editor(writer, editor, client):
    person = PersonFactory(name="Ana Vox", bio="Live bio.")
    QuoteFactory(speaker_person=person)
    response = save(client_of(writer), Person, person, bio="Held bio.")
    assert "awaits an editor's approval" in " ".join(messages_of(response))
    person.refresh_from_db()
    assert person.bio == "Live bio."
    assert draft_of(person).data == {"bio": "Held bio."}
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Live bio." in page and "Held bio." not in page
    assert Notification.objects.filter(recipient=editor).exists()

    desk = client_of(editor)
    html = desk.get(admin_url(Person, "change", person.pk)).content.decode()
    assert "Changes awaiting approval" in html and "Held bio." in html
    response = desk.post(admin_url(Person, "held", person.pk), {"action": "approve"}, follow=True)
    assert "Approved" in " ".join(messages_of(response))
    person.refresh_from_db()
    assert person.bio == "Held bio."
    assert draft_of(person) is None
    assert "Held bio." in client.get(person.get_absolute_url()).content.decode()


def test_a_held_change_can_be_discarded_and_a_writer_cannot_approve(writer, editor):
    outlet = OutletFactory(name="The Daily", url="https://daily.example/")
    writer_client = client_of(writer)
    save(writer_client, Outlet, outlet, url="https://elsewhere.example/")
    writer_client.post(admin_url(Outlet, "held", outlet.pk), {"action": "approve"})
    outlet.refresh_from_db()
    assert outlet.url == "https://daily.example/"
    client_of(editor).post(admin_url(Outlet, "held", outlet.pk), {"action": "discard"})
    assert draft_of(outlet) is None
    outlet.refresh_from_db()
    assert outlet.url == "https://daily.example/"


def test_an_editors_change_goes_straight_in(editor):
    person = PersonFactory(bio="Old.")
    save(client_of(editor), Person, person, bio="New.")
    person.refresh_from_db()
    assert person.bio == "New."
    assert draft_of(person) is None


def test_a_writers_change_to_a_source_readers_do_not_see_goes_straight_in(writer):
    hidden = SourceFactory(title="Only a draft cites this")
    assert not Source.objects.published().filter(pk=hidden.pk).exists()
    save(client_of(writer), Source, hidden, title="Renamed")
    hidden.refresh_from_db()
    assert hidden.title == "Renamed"


def test_a_writers_change_to_a_public_sources_text_waits(writer):
    quote = QuoteFactory()
    source = quote.source
    save(client_of(writer), Source, source, text="New stored text.")
    source.refresh_from_db()
    assert source.text != "New stored text."
    assert draft_of(source).data["text"] == "New stored text."


def test_the_dashboard_counts_changes_awaiting_approval(writer, editor):
    person = PersonFactory(bio="Live bio.")
    save(client_of(writer), Person, person, bio="Held bio.")
    desk = client_of(editor)
    html = desk.get("/admin/").content.decode()
    assert "films, outlets and sources awaiting approval</a></th><td>1</td>" in html
    listing = desk.get("/admin/core/draftchange/").content.decode()
    assert admin_url(Person, "change", person.pk) in listing


def test_a_writers_change_to_a_public_film_waits_and_an_editor_approves_it(writer, editor, client):
    film = FilmFactory(title="Old Title", synopsis="Live synopsis.")
    QuoteFactory().films.add(film)
    save(client_of(writer), Film, film, synopsis="Held synopsis.")
    film.refresh_from_db()
    assert film.synopsis == "Live synopsis."
    assert draft_of(film).data == {"synopsis": "Held synopsis."}
    assert "Held synopsis." not in client.get(film.get_absolute_url()).content.decode()
    client_of(editor).post(admin_url(Film, "held", film.pk), {"action": "approve"})
    assert "Held synopsis." in client.get(film.get_absolute_url()).content.decode()


def test_a_writers_change_to_a_public_character_waits(writer):
    character = CharacterFactory(name="Kestrel", description="Live part.")
    QuoteFactory(speaker_person=None, speaker_character=character)
    save(client_of(writer), Character, character, description="Held part.")
    character.refresh_from_db()
    assert character.description == "Live part."
    assert draft_of(character).data == {"description": "Held part."}
