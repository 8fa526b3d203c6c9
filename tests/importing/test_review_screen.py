"""The import review screen: accepting needs no retyping, a span is fixed from a selection (its
offsets), the chosen name replaces the proposed one, and no quote keeps the sentence's comma."""

import re

import pytest
from django.urls import reverse

from articles.importing import article_import, quote_span
from articles.models import ArticleImport, QuoteProposal
from quotes.models import Person
from tests.admin.helpers import form_data

pytestmark = pytest.mark.django_db

NOLAN = (
    "Director Christopher Nolan told Empire that shooting on IMAX film was non-negotiable. "
    '"We wanted the audience to feel the scale," Nolan said. His star, Cillian Murphy, was more '
    'cautious: "I never read reviews," he told the magazine. "It\'s better for my sanity." '
    'Producer Emma Thomas added that the budget was "tight but fair."'
)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", password="x")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def import_nolan(editor) -> ArticleImport:
    return article_import(
        text=NOLAN, title="Nolan on IMAX", outlet="Empire", by=editor
    ).article_import


def review_url(record: ArticleImport) -> str:
    return reverse("admin:articles_articleimport_change", args=[record.pk])


def row(record: ArticleImport, words: str) -> tuple[int, QuoteProposal]:
    """The index of the proposal whose text starts with `words` on the screen, and the proposal."""
    proposals = list(record.proposals.order_by("position"))
    for index, proposal in enumerate(proposals):
        if proposal.text.startswith(words):
            return index, proposal
    raise AssertionError(f"no proposal starts with {words!r}")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("\u201cWe will win,\u201d he said", "We will win"),
        ('"We will win,"', "We will win"),
        ("\u2018We will win,\u2019", "We will win"),
        ('"Is it over?"', "Is it over?"),
        ('"It is over."', "It is over."),
        ("It is over!", "It is over!"),
        ("the boys'", "the boys'"),
        ("  spaced out ,  ", "spaced out"),
    ],
)
def test_quote_span_keeps_the_speakers_words_only(text, quote):
    end = text.index(" he said") if " he said" in text else len(text)
    start, end = quote_span(text, 0, end)
    assert text[start:end] == quote


def test_an_imported_quote_is_stored_without_the_sentences_comma(editor):
    Person.objects.create(name="Christopher Nolan", slug="christopher-nolan")
    record = import_nolan(editor)
    texts = [proposal.text for proposal in record.proposals.order_by("position")]
    assert texts == [
        "We wanted the audience to feel the scale",
        "I never read reviews",
        "It's better for my sanity.",
        "tight but fair.",
    ]
    nolan = row(record, "We wanted")[1]
    assert nolan.quote.text == "We wanted the audience to feel the scale"


def test_a_proposed_speaker_on_file_is_preselected_and_accepting_is_enough(editor, editor_client):
    record = import_nolan(editor)
    murphy = Person.objects.create(name="Cillian Murphy", slug="cillian-murphy")  # after import
    index, proposal = row(record, "I never read")
    assert proposal.person is None
    page = editor_client.get(review_url(record))
    html = page.content.decode()
    assert re.search(
        rf'name="proposals-{index}-person".*?<option value="{murphy.pk}" selected>', html, re.S
    )
    response = editor_client.post(
        review_url(record), form_data(page, **{f"proposals-{index}-decision": "accepted"})
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.person, proposal.decision) == (murphy, "accepted")
    assert proposal.quote.speaker_person == murphy
    # Nothing else was touched: the other rows were only shown.
    assert record.proposals.exclude(pk=proposal.pk).filter(decision="accepted").count() == 0


def test_an_unknown_speaker_is_created_from_the_proposed_name_when_accepted(editor, editor_client):
    record = import_nolan(editor)
    index, proposal = row(record, "I never read")
    page = editor_client.get(review_url(record))
    assert not Person.objects.filter(name="Cillian Murphy").exists()  # nothing leaks by showing
    editor_client.post(
        review_url(record), form_data(page, **{f"proposals-{index}-decision": "accepted"})
    )
    murphy = Person.objects.get(name="Cillian Murphy")
    proposal.refresh_from_db()
    assert proposal.person == murphy
    # His other quote, proposed under the same name, needs no second choice.
    assert row(record, "It's better")[1].person == murphy
    assert not Person.objects.filter(name="Emma Thomas").exists()


def test_the_chosen_speaker_replaces_the_proposed_name_on_screen(editor, editor_client):
    thomas = Person.objects.create(name="Emma Thomas", slug="emma-thomas")
    Person.objects.create(name="Christopher Nolan", slug="christopher-nolan")
    record = import_nolan(editor)
    index, proposal = row(record, "We wanted")
    page = editor_client.get(review_url(record))
    editor_client.post(
        review_url(record), form_data(page, **{f"proposals-{index}-person": thomas.pk})
    )
    html = editor_client.get(review_url(record)).content.decode()
    speakers = re.findall(r'<td class="field-speaker">(.*?)</td>', html, re.S)
    assert 'class="speaker-name">Emma Thomas<' in speakers[index]
    assert "Christopher Nolan" not in speakers[index]


def test_a_span_set_from_a_selection_drops_the_marks_and_the_comma(editor, editor_client):
    record = import_nolan(editor)
    index, proposal = row(record, "We wanted")
    selected = '"We wanted the audience to feel the scale,"'
    start = NOLAN.index(selected)
    page = editor_client.get(review_url(record))
    editor_client.post(
        review_url(record),
        form_data(
            page,
            **{
                f"proposals-{index}-start": start,
                f"proposals-{index}-end": start + len(selected),
            },
        ),
    )
    proposal.refresh_from_db()
    assert proposal.text == "We wanted the audience to feel the scale"
    assert NOLAN[proposal.start : proposal.end] == proposal.text


def test_the_passage_gives_each_line_its_offset_in_the_text(editor, editor_client):
    text = 'First line.\r\n\r\n"A quote here," she said.\nLast.'
    record = article_import(text=text, title="Lines", outlet="Empire", by=editor).article_import
    html = editor_client.get(review_url(record)).content.decode()
    lines = re.findall(r'data-start="(\d+)">(.*?)</span>', html)
    for start, shown in lines:
        assert text[int(start) :].startswith(shown.replace("&quot;", '"'))
    assert [int(start) for start, _ in lines] == [0, 13, 15, 41]
    assert "start" not in re.findall(r'<input type="number"[^>]*name="proposals-0-(\w+)"', html)


def test_correcting_a_proposed_speaker_leaves_their_other_quotes_alone(editor, editor_client):
    text = '"First," Jo Bloggs said. "Second," Jo Bloggs added.'
    record = article_import(text=text, title="Jo", outlet="Empire", by=editor).article_import
    other = Person.objects.create(name="Someone Else", slug="someone-else")
    index, first = row(record, "First")
    page = editor_client.get(review_url(record))
    editor_client.post(
        review_url(record), form_data(page, **{f"proposals-{index}-person": other.pk})
    )
    first.refresh_from_db()
    assert first.person == other
    assert row(record, "Second")[1].person is None
