"""Purges one step further away: when a write makes a record start or stop being public, the
records readers see only through it (a held person's photo, a held film's poster, studio and
box-office sources, a source's outlet and relays) start or stop with it, and every cached
answer showing them, or listing them now, is purged after the commit."""

import pytest
from django.contrib.auth.models import User

from articles import services as article_services
from quotes.models import Quote
from quotes.services import quote_set_state, source_save
from tests.factories import (
    ArticleFactory,
    BoxOfficeFigureFactory,
    CharacterFactory,
    CreditFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)
from tests.images.helpers import stored_image

pytestmark = pytest.mark.django_db


def keys(response) -> set[str]:
    return set(response["xkey"].split())


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("chief", password="pw-chief-123")


@pytest.fixture
def changed(client, purges, django_capture_on_commit_callbacks):
    """`changed(url, write)`: the answer at `url` before `write()` and after it; the cached
    one must carry a key that the write purged."""

    def check(url: str, write) -> tuple:
        before = client.get(url)
        assert before.status_code == 200, url
        with django_capture_on_commit_callbacks(execute=True):
            write()
        after = client.get(url)
        assert keys(before) & purges.purged_keys(), (url, sorted(keys(before)))
        return before, after

    return check


def photo_url(image) -> str:
    return image.fallback("1x1").url


def test_rejecting_a_quote_purges_the_photo_of_a_speaker_only_it_made_public(changed, editor):
    person = PersonFactory(held_until_used=True, photo=stored_image())
    quote = QuoteFactory(speaker_person=person)
    _, after = changed(
        photo_url(person.photo),
        lambda: quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor),
    )
    assert after.status_code == 404


def test_unpublishing_an_article_purges_the_photo_of_a_person_only_it_made_public(changed, editor):
    person = PersonFactory(held_until_used=True, photo=stored_image())
    article = ArticleFactory()
    article.people.add(person)
    _, after = changed(
        photo_url(person.photo),
        lambda: article_services.article_unpublish(article=article, by=editor),
    )
    assert after.status_code == 404


def test_removing_a_credit_purges_the_photo_of_a_person_only_it_made_public(changed):
    person = PersonFactory(held_until_used=True, photo=stored_image())
    credit = CreditFactory(person=person)
    _, after = changed(photo_url(person.photo), credit.delete)
    assert after.status_code == 404


def test_replacing_a_photo_purges_the_one_readers_no_longer_see(changed):
    old = stored_image()
    person = PersonFactory(photo=old)

    def replace():
        person.photo = stored_image()
        person.save()

    _, after = changed(photo_url(old), replace)
    assert after.status_code == 404


@pytest.fixture
def held_film(db):
    """A film a writer added, with a poster, a studio and a box-office figure from a source
    nothing else uses: all public through the one approved quote about it."""
    film = FilmFactory(
        held_until_used=True,
        poster=stored_image(),
        studio=OutletFactory(held_until_used=True),
    )
    BoxOfficeFigureFactory(film=film, source=SourceFactory(outlet=OutletFactory()))
    quote = QuoteFactory()
    quote.films.add(film)
    return film, quote


@pytest.mark.parametrize("shown", ["poster", "studio", "figure's source"])
def test_rejecting_a_quote_purges_what_a_film_only_it_made_public_shows(
    changed, editor, held_film, shown
):
    film, quote = held_film
    url = {
        "poster": lambda: film.poster.fallback("2x3").url,
        "studio": lambda: film.studio.get_absolute_url(),
        "figure's source": lambda: film.box_office_figures.get().source.get_absolute_url(),
    }[shown]()
    _, after = changed(
        url, lambda: quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor)
    )
    assert after.status_code == 404


def test_approving_a_quote_purges_the_outlet_page_that_now_lists_its_source(changed, editor):
    outlet = OutletFactory()
    QuoteFactory(source=SourceFactory(outlet=outlet))
    quote = QuoteFactory(source=SourceFactory(outlet=outlet), state=Quote.State.PENDING)
    before, after = changed(
        outlet.get_absolute_url(),
        lambda: quote_set_state(quotes=[quote], state=Quote.State.APPROVED, by=editor),
    )
    assert quote.source.title not in before.content.decode()
    assert quote.source.title in after.content.decode()


def test_approving_a_held_speaker_s_first_quote_purges_the_lists_they_join(changed, editor):
    PersonFactory()
    person = PersonFactory(held_until_used=True)
    quote = QuoteFactory(speaker_person=person, state=Quote.State.PENDING)
    url = "/api/v1/people/?page_size=100"
    before, after = changed(
        url, lambda: quote_set_state(quotes=[quote], state=Quote.State.APPROVED, by=editor)
    )
    assert person.slug not in before.content.decode()
    assert person.slug in after.content.decode()


def test_clearing_a_quote_s_films_purges_the_poster_of_a_film_only_it_made_public(
    changed, held_film
):
    film, quote = held_film
    _, after = changed(film.poster.fallback("2x3").url, quote.films.clear)
    assert after.status_code == 404


@pytest.mark.parametrize("cleared_from", ["quote", "film"])
def test_clearing_a_relation_purges_the_records_on_both_sides(
    purges, django_capture_on_commit_callbacks, held_film, cleared_from
):
    """`m2m_changed` names no records after a `clear()`: the ones it unlinked are purged all
    the same, from either end, with what a held film showed only through the quote."""
    film, quote = held_film
    with django_capture_on_commit_callbacks(execute=True):
        (quote.films if cleared_from == "quote" else film.quotes).clear()
    assert {
        f"quote-{quote.pk}",
        f"film-{film.pk}",
        "film-list",
        f"image-{film.poster_id}",
    } <= purges.purged_keys()


def test_rejecting_a_quote_purges_a_held_speaker_only_a_line_nested_in_it_made_public(
    changed, editor
):
    """A line is public only while the quote it is nested in is: rejecting the quote hides
    the character (or person) a writer added whom only that line made public, and every
    answer naming them alone (the API's details) must go with it."""
    character = CharacterFactory(held_until_used=True)
    quote = QuoteFactory()
    QuoteFactory(speaker_person=None, speaker_character=character, parent=quote)
    url = f"/api/v1/characters/{character.slug}/"
    _, after = changed(
        url, lambda: quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor)
    )
    assert after.status_code == 404


@pytest.mark.parametrize("feed", ["/quotes/feed/", "person", "film"])
def test_taking_a_relay_off_a_source_purges_the_quote_feeds_that_named_it(changed, editor, feed):
    """A relay (and a held outlet) is public only through the chains that pass through it:
    once the source it relayed no longer names it, the feeds that showed it in a quote's
    chain must go as its pages do."""
    relay = SourceFactory(outlet=OutletFactory(held_until_used=True, name="Relaying Outlet"))
    source = SourceFactory(via=relay)
    quote = QuoteFactory(source=source)
    film = FilmFactory()
    quote.films.add(film)
    url = {
        "person": f"/people/{quote.speaker_person.slug}/feed/",
        "film": f"/films/{film.slug}/feed/",
    }.get(feed, feed)

    def unlink():
        source.via = None
        source_save(source=source, by=editor, text_changed=False)

    before, after = changed(url, unlink)
    assert "Relaying Outlet" in before.content.decode()
    assert "Relaying Outlet" not in after.content.decode()
