"""Quotes checked against the stored text of their source: the matcher, the service, the admin."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from quotes.models import Quote, Source
from quotes.services import quote_verify
from quotes.verification import Match, match_quote
from tests.factories import QuoteFactory, SourceFactory

from .helpers import admin_url, form_data, messages_of

SOURCE = (
    "Catching up with Entertainment Weekly, Wiseman said, \u201cShe\u2019s checked herself "
    "into the Continental\u2014and her next move is  really\nsorting it out.\u201d "
    "\u201cWinston [Ian McShane] laid out to her what this [movie] costs,\u201d he added."
)

NEWSROOM = (
    "\u201cWe had to rebuild the whole movie,\u201d DeBlois said. \u201cDid it work? Ask the "
    "audience!\u201d \u201cIt was hard.\u201d"
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
        # A full stop typed where the source has a comma (and the reverse) is the newsroom's.
        ("We had to rebuild the whole movie.", Match.NORMALISED, ("end punctuation",)),
        ("It was hard,", Match.NORMALISED, ("end punctuation",)),
        ("We had to rebuild the whole movie", Match.VERBATIM, ()),
        # The source's words must end where the quote's do.
        ("We had to rebuild the whole.", Match.NOT_FOUND, ()),
        # A question or exclamation mark is the speaker's.
        ("We had to rebuild the whole movie!", Match.NOT_FOUND, ()),
        ("Did it work.", Match.NOT_FOUND, ()),
        ("Did it work? Ask the audience,", Match.NOT_FOUND, ()),
    ],
)
def test_match_quote(quote, match, differences):
    result = match_quote(quote, f"{SOURCE} {NEWSROOM}")
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


@pytest.mark.django_db
def test_a_full_stop_for_a_comma_is_verified_with_the_normalisation_noted():
    quote = QuoteFactory(
        text="We had to rebuild the whole movie.", source=SourceFactory(text=NEWSROOM)
    )
    quote_verify(quote=quote)
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    assert quote.verification_note.startswith("Matches after normalising end punctuation in ")
    # The check set it, not a person.
    assert quote.verification_set_by is None
    assert quote.verified_at is not None


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def run_action(client, action: str, *quotes):
    return client.post(
        admin_url(Quote, "changelist"),
        {"action": action, "_selected_action": [q.pk for q in quotes]},
        follow=True,
    )


def recheck(client, *quotes):
    return run_action(client, "verify_selected", *quotes)


def public_verified_quote_not_in_its_source() -> Quote:
    return QuoteFactory(
        text="Never said.",
        state="approved",
        verification_status="verified",
        source=SourceFactory(text=SOURCE),
    )


@pytest.mark.django_db
def test_a_writer_cannot_set_a_status_by_hand_in_the_admin(writer_client, writer):
    quote = QuoteFactory(state="pending", updated_by=writer)
    url = admin_url(Quote, "change", quote.pk)
    page = writer_client.get(url)
    assert "verification_status" not in page.context["adminform"].form.fields
    response = writer_client.post(
        url,
        form_data(page, verification_status="verified", verification_note="Trust me."),
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.UNVERIFIED
    assert quote.verification_note == ""


@pytest.mark.django_db
def test_an_editor_setting_a_status_is_recorded_as_theirs(editor_client, editor):
    quote = QuoteFactory(state="pending")
    url = admin_url(Quote, "change", quote.pk)
    editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            verification_status="verified",
            verification_note="Heard on the tape.",
        ),
    )
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    assert quote.verification_set_by == editor
    page = editor_client.get(url).content.decode()
    assert "By eddie, " in page


@pytest.mark.django_db
def test_a_writers_check_on_an_approved_quote_is_a_finding_for_an_editor(writer, editor):
    writer_client, editor_client = logged_in(writer), logged_in(editor)
    quote = public_verified_quote_not_in_its_source()
    response = recheck(writer_client, quote)
    assert messages_of(response) == ["Checked 1 quote(s): 1 held for an editor."]
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    assert quote.finding_status == Quote.Verification.DISPUTED
    assert quote.finding_note.startswith("Not found in the text of ")
    assert quote.finding_requested_by.username == "wendy"

    response = run_action(editor_client, "confirm_findings", quote)
    assert messages_of(response) == ["Confirmed 1 finding(s)."]
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.DISPUTED
    assert quote.verification_set_by == editor
    assert quote.finding_status == ""


@pytest.mark.django_db
def test_an_editor_dismisses_a_finding(writer, editor):
    writer_client, editor_client = logged_in(writer), logged_in(editor)
    quote = public_verified_quote_not_in_its_source()
    recheck(writer_client, quote)
    # Writers are not offered the action: the admin answers with the list, nothing changed.
    assert run_action(writer_client, "confirm_findings", quote).status_code == 200
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    run_action(editor_client, "dismiss_findings", quote)
    quote.refresh_from_db()
    assert quote.finding_status == ""
    assert quote.verification_status == Quote.Verification.VERIFIED


@pytest.mark.django_db
def test_a_writers_check_on_a_quote_awaiting_approval_sets_it(writer_client, writer):
    quote = QuoteFactory(text="Never said.", state="pending", source=SourceFactory(text=SOURCE))
    recheck(writer_client, quote)
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.DISPUTED
    assert quote.finding_status == ""


@pytest.mark.django_db
def test_a_check_after_a_writer_changed_the_source_text_needs_an_editor(writer, editor):
    writer_client, editor_client = logged_in(writer), logged_in(editor)
    source = SourceFactory(text=SOURCE)
    quote = QuoteFactory(
        text="laid out to her what this",
        state="approved",
        source=source,
        verification_status="verified",
    )
    url = admin_url(Source, "change", source.pk)
    response = writer_client.post(url, form_data(writer_client.get(url), text="Rewritten."))
    assert response.status_code == 302
    # The source is public (an approved quote cites it): the writer's change waits for an
    # editor (quotes.held), so no check can read it before an editor has.
    source.refresh_from_db()
    assert source.text == SOURCE
    assert source.text_changed_by is None

    recheck(editor_client, quote)
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    assert quote.finding_status == ""

    # Once an editor has put the text right, their check decides.
    editor_client.post(url, form_data(editor_client.get(url), text=SOURCE))
    recheck(editor_client, quote)
    quote.refresh_from_db()
    assert quote.verification_status == Quote.Verification.VERIFIED
    assert quote.finding_status == ""


@pytest.mark.django_db
def test_the_quote_page_says_who_set_the_status(client, editor):
    from quotes.services import quote_update

    checked = QuoteFactory(text="laid out to her what this", source=SourceFactory(text=SOURCE))
    quote_verify(quote=checked)
    by_hand = QuoteFactory()
    quote_update(
        quote=by_hand, by=editor, verification_status="verified", verification_note="On tape."
    )
    never = QuoteFactory()
    assert (
        "Set by the check against the source text on "
        in client.get(checked.get_absolute_url()).content.decode()
    )
    assert "Set by an editor on " in client.get(by_hand.get_absolute_url()).content.decode()
    assert "Set by" not in client.get(never.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_approving_quotes_in_a_batch_says_which_go_out_marked_disputed(editor_client):
    """Approved from the list, a quote the check disputed goes out marked so; nobody had
    opened it, so the desk says which, and the others pass without a warning."""
    disputed = QuoteFactory(
        state="pending",
        text="Words the source does not hold.",
        verification_status=Quote.Verification.DISPUTED,
        verification_note="Not in the interview.",
    )
    plain = QuoteFactory(state="pending", verification_status=Quote.Verification.UNVERIFIED)
    response = editor_client.post(
        admin_url(Quote, "changelist"),
        {"action": "approve_selected", "_selected_action": [disputed.pk, plain.pk]},
        follow=True,
    )
    shown = messages_of(response)
    assert "Approved 2 quote(s); 0 were already approved." in shown
    warnings = [message for message in shown if "disputed or misattributed" in message]
    assert len(warnings) == 1 and warnings[0].startswith("1 approved quote(s)")
    assert str(disputed) in warnings[0] and str(plain) not in warnings[0]
    assert Quote.objects.filter(state="approved").count() == 2

    again = QuoteFactory(state="pending", verification_status=Quote.Verification.VERIFIED)
    response = editor_client.post(
        admin_url(Quote, "changelist"),
        {"action": "approve_selected", "_selected_action": [again.pk]},
        follow=True,
    )
    assert not [m for m in messages_of(response) if "disputed" in m]


@pytest.mark.django_db
def test_approving_a_disputed_quote_from_its_form_says_it_goes_out_marked_so(editor_client):
    """The same warning as from the list, when the form makes a doubted quote public or marks
    a public one doubted; saving it again unchanged says nothing more."""
    disputed = QuoteFactory(
        state="pending",
        verification_status=Quote.Verification.DISPUTED,
        verification_note="Not in the interview.",
    )
    url = admin_url(Quote, "change", disputed.pk)
    response = editor_client.post(
        url, form_data(editor_client.get(url), state="approved"), follow=True
    )
    warnings = [m for m in messages_of(response) if "disputed or misattributed" in m]
    assert len(warnings) == 1 and str(disputed) in warnings[0]
    disputed.refresh_from_db()
    assert disputed.state == "approved"

    response = editor_client.post(url, form_data(editor_client.get(url)), follow=True)
    assert not [m for m in messages_of(response) if "disputed or misattributed" in m]

    public = QuoteFactory(state="approved", verification_status=Quote.Verification.UNVERIFIED)
    url = admin_url(Quote, "change", public.pk)
    page = editor_client.get(url)
    response = editor_client.post(
        url,
        form_data(page, verification_status="misattributed", verification_note="Said by another."),
        follow=True,
    )
    assert [m for m in messages_of(response) if "disputed or misattributed" in m]


@pytest.mark.django_db
def test_a_quote_said_in_the_future_is_a_form_error(editor_client):
    """A day's grace for a reporter ahead of the site's time zone; beyond it, a typo."""
    quote = QuoteFactory(said_on=None)
    url = admin_url(Quote, "change", quote.pk)
    today = timezone.localdate()
    response = editor_client.post(
        url, form_data(editor_client.get(url), said_on=str(today + dt.timedelta(days=2)))
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["said_on"] == ["This date is in the future."]
    quote.refresh_from_db()
    assert quote.said_on is None
    response = editor_client.post(
        url, form_data(editor_client.get(url), said_on=str(today + dt.timedelta(days=1)))
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.said_on == today + dt.timedelta(days=1)
