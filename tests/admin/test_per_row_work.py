"""The desk's per-row work (docs/performance.md, "The desk's per-row work"): a change form with
an inline, an article's publish and the quote list's approve and reject actions run a fixed
number of queries whatever the number of rows, and still refuse bad input with a form error."""

import datetime as dt
import re

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.services import article_publish
from quotes.models import BoxOfficeFigure, Credit, Film, Quote, Source
from tests.factories import (
    ArticleFactory,
    BoxOfficeFigureFactory,
    CharacterFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
)

from .helpers import admin_url, form_data, messages_of

pytestmark = pytest.mark.django_db


def queries_of(call) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        call()
    return [query["sql"] for query in queries.captured_queries]


# --- the film's and the source's change forms -----------------------------------------------


def add_film_rows(film: Film, count: int) -> None:
    start = Credit.objects.filter(film=film).count()
    for i in range(start, start + count):
        CreditFactory(film=film, role="cast", person=PersonFactory(), character=CharacterFactory())
        BoxOfficeFigureFactory(
            film=film, as_of=dt.date(2020, 1, 1) + dt.timedelta(days=i), source=SourceFactory()
        )


def add_source_rows(source: Source, count: int) -> None:
    for _ in range(count):
        parent = QuoteFactory(source=SourceFactory(outlet=OutletFactory()))
        QuoteFactory(source=source, parent=parent, speaker_person=PersonFactory())
        QuoteFactory(source=source, speaker_person=None, speaker_character=CharacterFactory())


def form_queries(client, url) -> tuple[int, int]:
    """The queries of the change form shown, then posted back unchanged."""
    client.get(url)  # once-per-process reads (content types) are not growth
    shown = queries_of(lambda: client.get(url))
    data = form_data(client.get(url))
    response = None

    def post():
        nonlocal response
        response = client.post(url, data)

    posted = queries_of(post)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return len(shown), len(posted)


@pytest.mark.parametrize("kind", ["film", "source"])
def test_a_change_form_with_an_inline_runs_the_same_queries_for_2_or_8_rows(editor_client, kind):
    if kind == "film":
        record, add_rows = FilmFactory(), add_film_rows
    else:
        record, add_rows = SourceFactory(), add_source_rows
    url = admin_url(type(record), "change", record.pk)
    add_rows(record, 2)
    few = form_queries(editor_client, url)
    add_rows(record, 6)
    assert form_queries(editor_client, url) == few


def row_errors(response) -> list:
    return [
        errors
        for inline in response.context["inline_admin_formsets"]
        for errors in inline.formset.errors
        if errors
    ]


def test_a_changed_credit_is_still_checked_against_the_constraints(editor_client):
    """Bad input in a row is a form error: a character on a crew credit (a check
    constraint, read for all changed rows together), a second credit for one part (a unique
    constraint), a person who does not exist."""
    film = FilmFactory()
    add_film_rows(film, 3)
    crew = CreditFactory(film=film, role="director", person=PersonFactory())
    url = admin_url(Film, "change", film.pk)
    data = form_data(editor_client.get(url))
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and value == str(crew.pk)
    )
    refused = editor_client.post(url, data | {f"{row}-character": CharacterFactory().pk})
    assert refused.status_code == 200
    assert Credit.objects.get(pk=crew.pk).character_id is None
    assert "quotes_credit_character_only_for_cast" in str(row_errors(refused))

    other = Credit.objects.filter(film=film, role="cast").exclude(pk=crew.pk).first()
    duplicate = data | {
        f"{row}-role": "cast",
        f"{row}-person": other.person_id,
        f"{row}-character": other.character_id,
    }
    refused = editor_client.post(url, duplicate)  # was a 500 (IntegrityError)
    assert refused.status_code == 200
    assert row_errors(refused)
    assert Credit.objects.get(pk=crew.pk).role == "director"

    refused = editor_client.post(url, data | {f"{row}-person": 999_999})
    assert refused.status_code == 200
    assert row_errors(refused)
    assert Credit.objects.get(pk=crew.pk).person_id == crew.person_id

    accepted = editor_client.post(url, data | {f"{row}-position": 7})
    assert accepted.status_code == 302
    assert Credit.objects.get(pk=crew.pk).position == 7


def test_a_changed_box_office_figure_below_zero_is_a_form_error(editor_client):
    film = FilmFactory()
    add_film_rows(film, 2)
    figure = BoxOfficeFigure.objects.filter(film=film).first()
    url = admin_url(Film, "change", film.pk)
    data = form_data(editor_client.get(url))
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and value == str(figure.pk) and key.startswith("box")
    )
    refused = editor_client.post(url, data | {f"{row}-amount": "-5"})
    assert refused.status_code == 200
    assert row_errors(refused)
    assert BoxOfficeFigure.objects.get(pk=figure.pk).amount == figure.amount


# --- an article's publish --------------------------------------------------------------------


def article_with_sources(count: int):
    article = ArticleFactory(status="draft")
    for _ in range(count):
        source = SourceFactory(outlet=OutletFactory(), via=SourceFactory(outlet=OutletFactory()))
        article.sources.add(source)
        FeaturedQuoteFactory(article=article, quote=QuoteFactory(source=source))
    return article


def test_an_articles_keys_read_its_sources_and_outlets_in_a_fixed_number_of_queries():
    few, many = article_with_sources(2), article_with_sources(6)
    counts = [len(queries_of(article.surrogate_keys)) for article in (few, many)]
    assert counts[0] == counts[1]
    keys = many.surrogate_keys()
    for source in many.sources.all():
        # A source is public through its uses: it, its list and what it lists on (its
        # outlet's and its via's pages) are purged with the article.
        assert {f"source-{source.pk}", f"outlet-{source.outlet_id}"} <= keys
        assert {f"source-{source.via_id}", f"outlet-{source.via.outlet_id}"} <= keys


def test_publishing_reads_the_featured_quotes_sources_in_a_fixed_number_of_queries(editor):
    """Their sources and outlets, for the purge: the same reads for 2 featured quotes as for
    6."""

    def source_reads(article) -> int:
        sql = queries_of(lambda: article_publish(article=article, by=editor, approve_quotes=True))
        return len([q for q in sql if re.search(r'FROM "quotes_(source|outlet)"', q)])

    assert source_reads(article_with_sources(2)) == source_reads(article_with_sources(6))


# --- the approve and reject actions ----------------------------------------------------------


def pending_quotes(count: int) -> list[Quote]:
    quotes = []
    for _ in range(count):
        quote = QuoteFactory(
            state=Quote.State.PENDING,
            source=SourceFactory(outlet=OutletFactory(), via=SourceFactory()),
            speaker_person=PersonFactory(),
        )
        quote.films.add(FilmFactory())
        QuoteFactory(parent=quote, state=Quote.State.PENDING)
        quotes.append(quote)
    return quotes


def act(client, action: str, quotes) -> list[str]:
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [q.pk for q in quotes], "index": 0}
    response = None

    def post():
        nonlocal response
        response = client.post(admin_url(Quote, "changelist"), data)

    sql = queries_of(post)
    assert response.status_code == 302
    return sql


@pytest.mark.parametrize("action", ["approve_selected", "reject_selected"])
def test_an_action_reads_and_validates_its_quotes_together(
    editor_client, action, purges, django_capture_on_commit_callbacks
):
    """Besides each quote's UPDATE, the same queries for 2 quotes as for 6: validated
    together, their keys read together, purged in one call after the commit; the list's
    count of every quote is not read for an action."""
    start = Quote.State.APPROVED if action == "reject_selected" else Quote.State.PENDING
    counts = []
    for count in (2, 6):
        quotes = pending_quotes(count)
        Quote.objects.filter(pk__in=[q.pk for q in quotes]).update(state=start)
        purges.purged = []
        with django_capture_on_commit_callbacks(execute=True):
            sql = act(editor_client, action, quotes)
        updates = [q for q in sql if q.startswith('UPDATE "quotes_quote"')]
        assert len(updates) == count
        assert not [q for q in sql if "COUNT(" in q.upper()]
        counts.append(len(sql) - len(updates))
        assert len(purges.purged) == 1
        keys = set(purges.purged[0])
        for quote in quotes:
            quote.refresh_from_db()
            assert quote.state != start
            assert quote.updated_by.username == "eddie"
            line = quote.nested_quotes.get()
            assert {
                f"quote-{quote.pk}",
                f"source-{quote.source_id}",
                f"source-{quote.source.via_id}",
                f"quote-{line.pk}",
                f"person-{quote.speaker_person_id}",
            } <= keys
            assert {f"film-{film.pk}" for film in quote.films.all()} <= keys
    assert counts[0] == counts[1]


def test_an_action_keeps_each_quotes_history_and_version(editor_client):
    from reversion.models import Version

    quotes = pending_quotes(3)
    versions = {q.pk: q.version for q in quotes}
    act(editor_client, "approve_selected", quotes)
    for quote in quotes:
        quote.refresh_from_db()
        assert quote.version == versions[quote.pk] + 1
        history = Version.objects.get_for_object(quote)
        assert history.count() == 1
        assert history.first().revision.comment == "State set to approved."
        assert history.first().revision.user.username == "eddie"
        assert history.first().field_dict["films"] == [f.pk for f in quote.films.all()]


def test_an_action_on_nothing_or_an_unknown_action_still_answers_with_the_list(editor_client):
    quote = QuoteFactory(state=Quote.State.PENDING)
    response = editor_client.post(
        admin_url(Quote, "changelist"), {"action": "approve_selected", "index": 0}, follow=True
    )
    assert response.status_code == 200
    assert "Items must be selected" in " ".join(messages_of(response))
    assert response.context["cl"].result_count >= 1
    response = editor_client.post(
        admin_url(Quote, "changelist"),
        {"action": "nothing", helpers.ACTION_CHECKBOX_NAME: [quote.pk], "index": 0},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.state == Quote.State.PENDING


def test_quotes_validated_together_are_refused_as_one_by_one(editor):
    """`save_edits` refuses what `save_edit` refused, with Django's messages: a state outside
    the choices, a quote whose own rules (`clean()`) fail; nothing is written."""
    from django.core.exceptions import ValidationError

    from core.validation import check_constraints_hold
    from quotes.services import quote_set_state

    fine, doubted = QuoteFactory(state=Quote.State.PENDING), QuoteFactory(state=Quote.State.PENDING)
    Quote.objects.filter(pk=doubted.pk).update(verification_status=Quote.Verification.DISPUTED)
    doubted.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        quote_set_state(quotes=[fine, doubted], state=Quote.State.APPROVED, by=editor)
    assert "verification_note" in refused.value.message_dict
    assert set(Quote.objects.values_list("state", flat=True)) == {Quote.State.PENDING}

    rows = [QuoteFactory(), QuoteFactory()]
    assert check_constraints_hold(rows, set())
    rows[1].state = "bogus"
    assert not check_constraints_hold(rows, set())
    assert check_constraints_hold(rows, {"state"})  # left out, as Django leaves it out
    rows[1].state, rows[0].text = Quote.State.PENDING, ""
    assert not check_constraints_hold(rows, set())


def test_a_gathered_save_purges_what_the_stored_row_points_at(
    purges, django_capture_on_commit_callbacks
):
    """A save in a `one_purge()` block writing none of a quote's relations, of a quote whose
    speaker was changed in memory only: the stored speaker's page is purged, as a save on its
    own purges it (`record_saving`), read at the end of the block for all such quotes."""
    from django.db import transaction

    from core.surrogate import one_purge

    stored, other = PersonFactory(), PersonFactory()
    quote = QuoteFactory(speaker_person=stored)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic(), one_purge():
        quote.speaker_person = other
        quote.state = Quote.State.REJECTED
        quote.save(update_fields=["state"])
    assert len(purges.purged) == 1
    assert {f"quote-{quote.pk}", f"person-{stored.pk}", f"person-{other.pk}"} <= set(
        purges.purged[0]
    )


def test_an_action_on_a_quote_its_rules_refuse_says_so_without_a_500(editor_client):
    fine, doubted = QuoteFactory(state=Quote.State.PENDING), QuoteFactory(state=Quote.State.PENDING)
    Quote.objects.filter(pk=doubted.pk).update(verification_status=Quote.Verification.DISPUTED)
    response = editor_client.post(
        admin_url(Quote, "changelist"),
        {
            "action": "approve_selected",
            helpers.ACTION_CHECKBOX_NAME: [fine.pk, doubted.pk],
            "index": 0,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing changed" in " ".join(messages_of(response))
    assert set(Quote.objects.values_list("state", flat=True)) == {Quote.State.PENDING}
