"""People and films match and rank on a stored search vector, as quotes do (migration 0006).

Computing a weighted `to_tsvector` over every matching bio and synopsis at each search cost the
site search ~100 ms at a million quotes; a trigger now writes the vector once, when a row is
written, and no search query computes it again.
"""

import pytest
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.search import site_search
from quotes.models import Film, Person
from quotes.search import search_films, search_people
from tests.factories import FilmFactory, PersonFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger and the stored vector are PostgreSQL's"
)


def test_the_vector_is_never_exported_edited_or_kept_in_history(db):
    for row in (PersonFactory(bio="Keeps owls."), FilmFactory(synopsis="Owls at night.")):
        assert "search_vector" not in serializers.serialize("json", [row])
        assert not row._meta.get_field("search_vector").editable


def test_people_and_films_are_still_found_and_ranked_on_every_engine(db):
    titled = FilmFactory(title="Owls")
    mentioned = FilmFactory(synopsis="Owls hoot at night.")
    FilmFactory(synopsis="Larks sing.")
    assert list(search_films(Film.objects.all(), "owls")) == [titled, mentioned]
    named = PersonFactory(name="Owl Jones")
    described = PersonFactory(bio="Keeps owls.")
    assert list(search_people(Person.objects.all(), "owl")) == [named, described]


@postgresql_only
def test_the_trigger_fills_a_person_on_save_and_on_raw_update_with_the_weights(db):
    person = PersonFactory(name="Tarantula Jones", aliases="Spider", bio="Scorpions")
    person.refresh_from_db()
    for weighted in ("'tarantula':1A", "'spider':3A", "'scorpion':4C"):
        assert weighted in person.search_vector, person.search_vector
    person.bio = "Keeps larks."
    person.save()
    assert list(search_people(Person.objects.all(), "larks")) == [person]
    assert not search_people(Person.objects.all(), "scorpions").exists()
    Person.objects.filter(pk=person.pk).update(aliases="Crow")  # raw SQL too
    person.refresh_from_db()
    assert "'crow':3A" in person.search_vector and "'lark':5C" in person.search_vector


@postgresql_only
def test_the_trigger_fills_a_film_on_save_and_on_raw_update_with_the_weights(db):
    film = FilmFactory(title="Tarantula", synopsis="Scorpions")
    film.refresh_from_db()
    assert "'tarantula':1A" in film.search_vector and "'scorpion':2C" in film.search_vector
    film.title = "Larks"
    film.save()
    assert list(search_films(Film.objects.all(), "larks")) == [film]
    Film.objects.filter(pk=film.pk).update(synopsis="Crows caw.")  # raw SQL too
    film.refresh_from_db()
    assert "'lark':1A" in film.search_vector and "'crow':2C" in film.search_vector
    # Writing the column itself cannot leave anything but the fields' vector in it.
    Film.objects.filter(pk=film.pk).update(search_vector=None)
    film.refresh_from_db()
    assert "'lark':1A" in film.search_vector


@postgresql_only
def test_no_people_or_films_search_computes_a_vector(db):
    """The site search and each kind's own search read the stored column only."""
    PersonFactory(bio="Keeps owls.")
    FilmFactory(synopsis="Owls at night.")
    with CaptureQueriesContext(connection) as queries:
        assert site_search("owls").totals["people"] == 1
        assert len(search_people(Person.objects.all(), "owls")) == 1
        assert len(search_films(Film.objects.all(), "owls")) == 1
    people_and_films = [
        query["sql"]
        for query in queries.captured_queries
        if "quotes_person" in query["sql"] or "quotes_film" in query["sql"]
    ]
    assert people_and_films
    assert not [sql for sql in people_and_films if "to_tsvector" in sql]
