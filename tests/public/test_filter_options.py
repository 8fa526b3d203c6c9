"""The quote list's filter form offers a bounded list of speakers, characters, films and
outlets (the most quoted lately) plus whichever one the link chose, and every filter still
filters."""

import re

import pytest

from quotes.models import Quote
from quotes.views.quotes import FILTER_OPTIONS
from tests.factories import (
    CharacterFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def options(response, name: str) -> list[tuple[str, bool]]:
    """The (value, selected) of each option of the select named `name`, "Any" left out."""
    html = response.content.decode()
    select = re.search(rf'<select id="f-{name}" name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    found = re.findall(r'<option value="([^"]*)"( selected)?>', select.group(1))
    return [(value, bool(selected)) for value, selected in found if value]


def test_speakers_are_bounded_to_the_most_quoted(client):
    popular = PersonFactory(slug="popular", name="Popular Person")
    QuoteFactory.create_batch(3, speaker_person=popular)
    QuoteFactory.create_batch(FILTER_OPTIONS + 10)  # one quote each for as many more people
    response = client.get("/quotes/")
    speakers = options(response, "speaker")
    assert len(speakers) == FILTER_OPTIONS
    assert ("popular", False) in speakers


def test_characters_films_and_outlets_are_bounded(client):
    for _ in range(FILTER_OPTIONS + 5):
        quote = QuoteFactory(
            speaker_person=None,
            speaker_character=CharacterFactory(),
            source=SourceFactory(outlet=OutletFactory()),
        )
        quote.films.add(FilmFactory())
    response = client.get("/quotes/")
    for name in ("character", "film", "outlet"):
        assert len(options(response, name)) == FILTER_OPTIONS, name


def test_a_rare_selected_speaker_is_shown_selected(client):
    rare = PersonFactory(slug="someone-rare")
    QuoteFactory(speaker_person=rare, said_on="2001-01-01")
    for _ in range(FILTER_OPTIONS):
        QuoteFactory.create_batch(2, speaker_person=PersonFactory(), said_on="2025-01-01")
    assert ("someone-rare", False) not in options(client.get("/quotes/"), "speaker")
    response = client.get("/quotes/?speaker=someone-rare")
    speakers = options(response, "speaker")
    assert ("someone-rare", True) in speakers
    assert len(speakers) == FILTER_OPTIONS + 1
    assert [quote.speaker_person for quote in response.context["quotes"]] == [rare]


def test_a_selected_film_and_outlet_are_shown_selected(client):
    film = FilmFactory(slug="the-film")
    outlet = OutletFactory(slug="the-outlet")
    response = client.get("/quotes/?film=the-film&outlet=the-outlet")
    assert options(response, "film") == [(film.slug, True)]
    assert options(response, "outlet") == [(outlet.slug, True)]


def test_speakers_of_unpublished_quotes_never_appear(client):
    QuoteFactory(speaker_person=PersonFactory(slug="pending"), state=Quote.State.PENDING)
    QuoteFactory(speaker_person=PersonFactory(slug="rejected"), state=Quote.State.REJECTED)
    parent = QuoteFactory(state=Quote.State.PENDING)
    QuoteFactory(speaker_person=PersonFactory(slug="nested-in-pending"), parent=parent)
    QuoteFactory(speaker_person=PersonFactory(slug="public"))
    slugs = [value for value, _ in options(client.get("/quotes/"), "speaker")]
    assert slugs == ["public"]


def test_the_speaker_filter_still_filters(client):
    person = PersonFactory(slug="the-speaker")
    mine = QuoteFactory(speaker_person=person)
    QuoteFactory()
    response = client.get("/quotes/?speaker=the-speaker")
    assert response.status_code == 200
    assert list(response.context["quotes"]) == [mine]


def test_the_hint_describes_the_bounded_lists(client):
    response = client.get("/quotes/")
    html = response.content.decode()
    assert 'id="f-lists-hint"' in html
    for name in ("speaker", "character", "film", "outlet"):
        assert f'name="{name}" aria-describedby="f-lists-hint"' in html
