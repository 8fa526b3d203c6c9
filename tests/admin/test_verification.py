"""Quotes checked against the stored text of their source: the matcher, the service, the admin."""

import pytest

from quotes.models import Quote
from quotes.services import quote_verify
from quotes.verification import Match, match_quote
from tests.factories import QuoteFactory, SourceFactory

from .helpers import admin_url, form_data

SOURCE = (
    "Catching up with Entertainment Weekly, Wiseman said, \u201cShe\u2019s checked herself "
    "into the Continental\u2014and her next move is  really\nsorting it out.\u201d "
    "\u201cWinston [Ian McShane] laid out to her what this [movie] costs,\u201d he added."
)


@pytest.mark.parametrize(
    ("quote", "match", "differences"),
    [
        ("laid out to her what this", Match.VERBATIM, ()),
        ("She's checked herself into the Continental", Match.NORMALISED, ("quotation marks",)),
        ("the Continental -- and her next move", Match.NORMALISED, ("dashes",)),
        ("the Continental \u2013 and her next move", Match.NORMALISED, ("dashes",)),
        ("her next move is really sorting it out.", Match.NORMALISED, ("spacing",)),
        ("Winston laid out to her", Match.NORMALISED, ("[bracketed] insertions",)),
        ("what this [film] costs", Match.NORMALISED, ("[bracketed] insertions",)),
        ("[W]inston [Ian McShane] laid out", Match.NORMALISED, ("[bracketed] insertions",)),
        ("She never said anything of the sort", Match.NOT_FOUND, ()),
        ("Winston laid out to him", Match.NOT_FOUND, ()),
    ],
)
def test_match_quote(quote, match, differences):
    result = match_quote(quote, SOURCE)
    assert result.match is match
    assert result.differences == differences


def test_an_empty_source_finds_nothing():
    assert match_quote("anything", "").match is Match.NOT_FOUND


@pytest.mark.django_db
class TestQuoteVerify:
    def test_verbatim_is_verified_with_a_note_naming_the_source(self):
        quote = QuoteFactory(text="laid out to her what this", source=SourceFactory(text=SOURCE))
        outcome = quote_verify(quote=quote)
        quote.refresh_from_db()
        assert outcome.result.match is Match.VERBATIM
        assert quote.verification_status == Quote.Verification.VERIFIED
        assert quote.verification_note.startswith("Verbatim in the text of ")
        assert quote.verified_at is not None

    def test_normalised_is_verified_saying_what_was_normalised(self):
        quote = QuoteFactory(
            text="She's checked herself into the Continental -- and",
            source=SourceFactory(text=SOURCE),
        )
        quote_verify(quote=quote)
        quote.refresh_from_db()
        assert quote.verification_status == Quote.Verification.VERIFIED
        assert "quotation marks, dashes" in quote.verification_note

    def test_not_found_is_disputed_with_a_note(self):
        quote = QuoteFactory(text="Words nobody said.", source=SourceFactory(text=SOURCE))
        quote_verify(quote=quote)
        quote.refresh_from_db()
        assert quote.verification_status == Quote.Verification.DISPUTED
        assert quote.verification_note.startswith("Not found in the text of ")

    def test_the_text_of_the_source_it_came_through_is_used(self):
        relay = SourceFactory(title="The relay", text=SOURCE)
        interview = SourceFactory(title="The interview", via=relay)
        quote = QuoteFactory(text="Winston laid out to her", source=interview)
        outcome = quote_verify(quote=quote)
        assert outcome.checked == relay
        quote.refresh_from_db()
        assert quote.verification_status == Quote.Verification.VERIFIED
        assert "The relay" in quote.verification_note

    def test_no_source_text_stays_unverified_with_a_note(self):
        quote = QuoteFactory(source=SourceFactory(via=SourceFactory()))
        outcome = quote_verify(quote=quote)
        quote.refresh_from_db()
        assert outcome.result is None
        assert quote.verification_status == Quote.Verification.UNVERIFIED
        assert quote.verification_note.startswith("Not checked: no stored text on ")

    def test_the_demo_quotes_all_verify_against_the_actionewz_text(self, demo):
        for quote in Quote.objects.all():
            outcome = quote_verify(quote=quote)
            assert outcome.status == Quote.Verification.VERIFIED, quote.text
            assert "ActioNewz" in outcome.note


@pytest.mark.django_db
def test_the_admin_action_rechecks_and_reports_counts(editor_client):
    source = SourceFactory(text=SOURCE)
    found = QuoteFactory(text="laid out to her what this", source=source)
    missing = QuoteFactory(text="Never said.", source=source)
    unchecked = QuoteFactory()
    response = editor_client.post(
        admin_url(Quote, "changelist"),
        {"action": "verify_selected", "_selected_action": [found.pk, missing.pk, unchecked.pk]},
        follow=True,
    )
    message = [str(m) for m in response.context["messages"]][0]
    assert message == "Checked 3 quote(s): 1 no source text, 1 not found, 1 verbatim."
    assert "Verified against source" in response.content.decode()
    found.refresh_from_db()
    assert found.verification_status == Quote.Verification.VERIFIED


@pytest.mark.django_db
def test_the_quote_form_shows_the_check(editor_client):
    quote = QuoteFactory(text="Winston laid out to her", source=SourceFactory(text=SOURCE))
    response = editor_client.get(admin_url(Quote, "change", quote.pk))
    assert "Matches after normalising [bracketed] insertions" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["disputed", "misattributed"])
def test_disputing_without_a_note_is_a_form_error(editor_client, status):
    quote = QuoteFactory(state="pending")
    url = admin_url(Quote, "change", quote.pk)
    response = editor_client.post(
        url, form_data(editor_client.get(url), verification_status=status, verification_note="")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["verification_note"] == ["Say why the quote is disputed or misattributed."]
    quote.refresh_from_db()
    assert quote.verification_status == "unverified"


@pytest.mark.django_db
def test_disputing_with_a_note_is_saved(editor_client):
    quote = QuoteFactory(state="pending")
    url = admin_url(Quote, "change", quote.pk)
    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            verification_status="disputed",
            verification_note="The publicist denies it.",
        ),
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.verification_status == "disputed"
    assert quote.verified_at is not None
