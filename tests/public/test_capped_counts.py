"""Lists count at most COUNT_CAP rows past the page shown, and say "more than" beyond it."""

import pytest

from core import pages
from core.pages import CappedPaginator
from quotes.models import Quote
from tests.factories import FilmFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = PersonFactory(slug="prolific", name="Prolific Person")
    QuoteFactory.create_batch(7, speaker_person=person)
    return person


def test_a_count_below_the_cap_is_exact(person):
    paginator = CappedPaginator(Quote.objects.published(), 2, number=1, cap=10)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (7, False, 4)


def test_a_count_stops_at_the_cap_past_the_page(person):
    paginator = CappedPaginator(Quote.objects.published(), 2, number=1, cap=3)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (5, True, 3)
    assert paginator.page(1).has_next()


def test_each_page_counts_past_itself(person):
    paginator = CappedPaginator(Quote.objects.published(), 2, number=3, cap=3)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (7, False, 4)


def test_the_page_says_more_than_and_links_onwards(client, monkeypatch):
    monkeypatch.setattr(pages, "COUNT_CAP", 3)
    person = PersonFactory(slug="very-prolific")
    QuoteFactory.create_batch(25, speaker_person=person)
    html = client.get("/people/very-prolific/").content.decode()
    assert "More than 23 published quotes" in html
    assert "Page 1 of more than 2" in html
    assert 'rel="next"' in html
    second = client.get("/people/very-prolific/?page=2")
    assert len(second.context["page_obj"].object_list) == 5
    assert not second.context["page_obj"].paginator.is_capped


def test_the_last_pages_remain_reachable(client, monkeypatch):
    monkeypatch.setattr(pages, "COUNT_CAP", 1)
    film = FilmFactory(slug="busy-film")
    for quote in QuoteFactory.create_batch(45):
        quote.films.add(film)
    page = client.get("/films/busy-film/?page=3")
    assert page.status_code == 200
    assert len(page.context["page_obj"].object_list) == 5
    assert not page.context["page_obj"].paginator.is_capped
    assert client.get("/films/busy-film/?page=4").status_code == 404


@pytest.mark.parametrize("number", ["0", "-1", "abc", "100001", "99999999999999999999999"])
def test_a_bad_page_number_is_a_404(client, person, number):
    assert client.get(f"/people/prolific/?page={number}").status_code == 404


def test_the_quote_list_says_more_than(client, monkeypatch):
    monkeypatch.setattr(pages, "COUNT_CAP", 2)
    QuoteFactory.create_batch(23)
    html = client.get("/quotes/").content.decode()
    assert "More than 22 quotes" in html


@pytest.mark.parametrize("compiled_pages", [1, 5])
def test_kept_compiled_pages_show_what_the_queryset_does(client, monkeypatch, compiled_pages):
    """A film's first pages come from statements kept compiled (`paginate_keyed`), later ones
    from the queryset compiled at each request: both list the same quotes in the same order,
    read only the columns a card shows, and a quote taken down after the statements were
    compiled leaves them at once."""
    monkeypatch.setattr(pages, "COMPILED_PAGES", compiled_pages)
    film = FilmFactory(slug="busy-film")
    for quote in QuoteFactory.create_batch(45):
        quote.films.add(film)
    expected = list(
        Quote.objects.published().about_film(film).newest_first().values_list("pk", flat=True)
    )

    def shown(number):
        response = client.get(f"/films/busy-film/?page={number}")
        quotes = response.context["page_obj"].object_list
        # A card shows no timestamps: they are left unread on every page.
        assert all("created_at" in quote.get_deferred_fields() for quote in quotes)
        return [quote.pk for quote in quotes]

    assert [shown(number) for number in (1, 2, 3)] == [
        expected[:20],
        expected[20:40],
        expected[40:],
    ]
    Quote.objects.filter(pk=expected[0]).update(state="rejected")
    assert shown(1) == expected[1:21]
