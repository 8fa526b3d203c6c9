"""A film's, a person's, a character's and an outlet's forms link to the quote list narrowed
to them: the list has no menu of every film or person to choose them from."""

import pytest

from quotes.models import Character, Film, Person, Quote
from tests.factories import (
    CharacterFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def quote_about(record):
    if isinstance(record, Film):
        quote = QuoteFactory()
        quote.films.add(record)
        return quote
    if isinstance(record, Person):
        return QuoteFactory(speaker_person=record)
    if isinstance(record, Character):
        return QuoteFactory(speaker_person=None, speaker_character=record)
    return QuoteFactory(source=SourceFactory(outlet=record))


@pytest.mark.parametrize(
    "factory, field, label",
    [
        (FilmFactory, "title", "Quotes about this film"),
        (PersonFactory, "name", "Quotes by this person"),
        (CharacterFactory, "name", "Lines spoken by this character"),
        (OutletFactory, "name", "Quotes from this outlet"),
    ],
)
def test_a_records_form_links_to_its_quotes(editor_client, factory, field, label):
    record, other = factory(**{field: "Chosen Record"}), factory(**{field: "Other Record"})
    mine = quote_about(record)
    quote_about(other)
    form = editor_client.get(admin_url(type(record), "change", record.pk))
    urls = [url for text, url in form.context["quote_list_links"] if text == label]
    assert len(urls) == 1
    assert f'href="{urls[0].replace("&", "&amp;")}"' in form.content.decode()
    assert urls[0].startswith(admin_url(Quote, "changelist") + "?")

    listed = editor_client.get(urls[0])
    assert [q.pk for q in listed.context["cl"].result_list] == [mine.pk]
    assert "Chosen Record" in listed.content.decode()


def test_the_quote_list_has_no_menu_of_films_or_speakers(editor_client):
    film, person = FilmFactory(title="Ballerina"), PersonFactory(name="Len Wiseman")
    QuoteFactory(speaker_person=person).films.add(film)
    page = editor_client.get(admin_url(Quote, "changelist")).content.decode()
    assert "?film=" not in page
    assert "?person=" not in page
    assert "Ballerina" not in page


@pytest.mark.parametrize("value", ["9" * 5000, "５", "-1", "1e3"])
def test_a_chosen_record_that_is_no_whole_number_is_no_choice(editor_client, value):
    """Not a 500 (int() refuses more than 4,300 digits) and not another script's digits read
    as an id: the list is shown unnarrowed."""
    film = FilmFactory(pk=5)
    about, other = quote_about(film), QuoteFactory()
    for parameter in ("film", "person", "character"):
        listed = editor_client.get(admin_url(Quote, "changelist"), {parameter: value})
        assert listed.status_code == 200, parameter
        assert {q.pk for q in listed.context["cl"].result_list} == {about.pk, other.pk}
