"""Writes to the quote database. The admin, the API and the commands all come through here."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.versioning import changed_names, lock_for_edit, revision, save_edit, save_edits

from .models import Quote, Source
from .verification import MatchResult, match_quote

APPROVE_QUOTE = "quotes.approve_quote"


def require(user, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(message)


def require_may_decide(by) -> None:
    require(by, APPROVE_QUOTE, "Only an editor can approve or reject a quote.")


def require_may_change(quote: Quote, by) -> None:
    """An approved quote may already be public, and a rejected one was an editor's decision:
    only an editor changes either. Writers work on quotes still awaiting approval."""
    if quote.pk is not None and quote.state != Quote.State.PENDING:
        require(by, APPROVE_QUOTE, "Only an editor can change an approved or rejected quote.")


VERIFICATION_FIELDS = ("verification_status", "verification_note")


def record_hand_verification(quote: Quote, by) -> None:
    """A status set by hand is an editor's: record who and when."""
    require(by, APPROVE_QUOTE, "Only the check or an editor sets a verification status.")
    quote.verification_set_by = by
    quote.verified_at = timezone.now()


@transaction.atomic
def quote_create(*, by, films=(), **fields) -> Quote:
    """A new quote. Only an editor may create one already approved, or with a verification
    status other than unverified."""
    quote = Quote(**fields)
    if quote.state != Quote.State.PENDING:
        require_may_decide(by)
    if quote.verification_status != Quote.Verification.UNVERIFIED or quote.verification_note:
        record_hand_verification(quote, by)
    quote.updated_by = by
    quote.full_clean()
    with revision(by=by, comment="Created."):
        quote.save()
        if films:
            quote.films.set(films)
    return quote


@transaction.atomic
def quote_update(*, quote: Quote, by, expected_version: int | None = None, films=None, **fields):
    """Change a quote's fields; a stale version is refused with who changed it and when."""

    def may(current: Quote) -> None:
        require_may_change(current, by)
        if "state" in fields and fields["state"] != current.state:
            require_may_decide(by)

    lock_for_edit(quote, expected_version, check=may)
    hand_verified = any(
        name in fields and fields[name] != getattr(quote, name) for name in VERIFICATION_FIELDS
    )
    if "state" in fields and fields["state"] != quote.state:
        # An editor's decision, at once: an embargo was part of another approval.
        quote.public_from = None
    changed = changed_names(quote, fields)
    for name, value in fields.items():
        setattr(quote, name, value)
    if hand_verified:
        record_hand_verification(quote, by)
    with revision(by=by, comment="Changed " + (", ".join(changed) or "films") + "."):
        save_edit(quote, by=by)
        if films is not None:
            quote.films.set(films)
    return quote


@transaction.atomic
def quote_set_state(*, quotes, state: str, by, public_from: datetime | None = None) -> int:
    """Approve or reject quotes in one go; returns how many changed. Approved with
    `public_from` (with a story scheduled then), they are public only from that time;
    otherwise any embargo is cleared: an editor's own approval makes a quote public at once."""
    require_may_decide(by)
    if state != Quote.State.APPROVED:
        public_from = None
    changed = [
        quote for quote in quotes if quote.state != state or quote.public_from != public_from
    ]
    with revision(by=by, comment=f"State set to {Quote.State(state).label.lower()}."):
        for quote in changed:
            quote.state, quote.public_from = state, public_from
        # Validated together and purged once (`save_edits`), as each was by `save_edit`.
        save_edits(changed, by=by, update_fields=["state", "public_from"])
    return len(changed)


@transaction.atomic
def quote_move_embargo(*, quotes, to: datetime | None, by) -> int:
    """Move the embargo of approved quotes to `to` (None: public at once) as the story they
    were approved with moves; returns how many changed. The story's service checks who may
    move it: this follows from that move."""
    changed = [
        quote for quote in quotes if quote.state == Quote.State.APPROVED and quote.public_from != to
    ]
    with revision(by=by, comment="Public from " + (f"{to:%Y-%m-%d %H:%M %Z}." if to else "now.")):
        for quote in changed:
            quote.public_from = to
        save_edits(changed, by=by, update_fields=["public_from"])
    return len(changed)


@transaction.atomic
def quote_withdraw_embargoed(*, quotes, by, at: datetime | None = None) -> int:
    """Send quotes approved with a story that is no longer scheduled back to approval,
    unembargoed: their approval was part of scheduling it. Only quotes still embargoed as
    saved (`embargoed(at)`) change (one already public stays so); returns how many changed."""
    embargoed = list(Quote.objects.filter(pk__in=[quote.pk for quote in quotes]).embargoed(at))
    with revision(by=by, comment="Approval withdrawn with the story's schedule."):
        for quote in embargoed:
            quote.state, quote.public_from = Quote.State.PENDING, None
        save_edits(embargoed, by=by, update_fields=["state", "public_from"])
    return len(embargoed)


def quote_approve(*, quote: Quote, by) -> Quote:
    quote_set_state(quotes=[quote], state=Quote.State.APPROVED, by=by)
    return quote


def quote_reject(*, quote: Quote, by) -> Quote:
    quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=by)
    return quote


@transaction.atomic
def quote_set_verification(
    *, quote: Quote, status: str, note: str = "", by=None, by_check: bool = True
) -> Quote:
    """Record a verification verdict: the check's (`by_check`, `by` having started it) or an
    editor's; disputing a quote needs a note saying why. Any finding waiting is settled."""
    if not by_check:
        require(by, APPROVE_QUOTE, "Only the check or an editor sets a verification status.")
    quote.verification_status = status
    quote.verification_note = note
    quote.verified_at = timezone.now()
    quote.verification_set_by = None if by_check else by
    clear_finding(quote)
    with revision(by=by, comment=f"Verification: {quote.get_verification_status_display()}."):
        save_edit(
            quote,
            by=by,
            update_fields=[*VERIFICATION_FIELDS, "verified_at", "verification_set_by", *FINDING],
        )
    return quote


FINDING = ("finding_status", "finding_note", "finding_at", "finding_requested_by")


def clear_finding(quote: Quote) -> None:
    quote.finding_status, quote.finding_note = "", ""
    quote.finding_at = quote.finding_requested_by = None


def is_writer(user) -> bool:
    return user is not None and not user.has_perm(APPROVE_QUOTE)


def why_an_editor_decides(quote: Quote, checked: Source | None, by) -> str:
    """Why the check may not change this quote's status by itself ("" when it may): an
    approved quote's status is public, and a writer may neither set it nor, by changing the
    text it is checked against, have the check set it."""
    if quote.state != Quote.State.APPROVED:
        return ""
    if is_writer(by):
        return f"the check was run by {by}, a writer"
    if checked is not None and is_writer(checked.text_changed_by):
        return f"{checked.text_changed_by}, a writer, last changed the text of {checked}"
    return ""


@transaction.atomic
def quote_record_finding(*, quote: Quote, status: str, note: str, by) -> Quote:
    """Keep a check's verdict for an editor to confirm or dismiss; the public status stays."""
    quote.finding_status, quote.finding_note = status, note
    quote.finding_at, quote.finding_requested_by = timezone.now(), by
    with revision(by=by, comment=f"Check found: {Quote.Verification(status).label}."):
        save_edit(quote, by=by, update_fields=list(FINDING))
    return quote


def quote_confirm_finding(*, quote: Quote, by) -> Quote:
    """An editor makes the check's finding the quote's status."""
    require(by, APPROVE_QUOTE, "Only an editor can confirm a check's finding.")
    if not quote.finding_status:
        raise ValidationError("There is no finding to confirm.")
    note = f"{quote.finding_note} Confirmed by {by}.".strip()
    return quote_set_verification(
        quote=quote, status=quote.finding_status, note=note, by=by, by_check=False
    )


@transaction.atomic
def quote_dismiss_finding(*, quote: Quote, by) -> Quote:
    """An editor sets a check's finding aside; the status stays as it was."""
    require(by, APPROVE_QUOTE, "Only an editor can dismiss a check's finding.")
    clear_finding(quote)
    with revision(by=by, comment="Check's finding dismissed."):
        save_edit(quote, by=by, update_fields=list(FINDING))
    return quote


@dataclass(frozen=True)
class VerificationOutcome:
    """What a check against the source text found, and what it recorded on the quote."""

    result: MatchResult | None  # None: no source in the chain has stored text
    checked: Source | None  # the source whose text was read
    status: str
    note: str
    # Why the verdict waits for an editor as a finding ("" when it was recorded, or agreed).
    held_because: str = ""

    @property
    def label(self) -> str:
        if self.held_because:
            return "held for an editor"
        if self.result is None:
            return "no source text"
        return self.result.describe()


def verification_for(quote: Quote) -> tuple[MatchResult | None, Source | None, list[Source]]:
    """Check the quote against the first source in its via chain that has stored text."""
    chain = quote.source.chain()
    for source in chain:
        if source.text.strip():
            return match_quote(quote.text, source.text), source, chain
    return None, None, chain


def quote_verify(*, quote: Quote, by=None) -> VerificationOutcome:
    """Check the quote's words against its source's stored text, then each source it reached us
    through, and record the verdict with a note saying where it was checked.

    Found (verbatim or after normalising) is verified; not found is disputed. With no stored
    text anywhere in the chain nothing can be checked: an unverified quote stays unverified with
    a note saying so, and a verdict a person recorded (from a recording, say) is left alone. A
    quote marked misattributed keeps that verdict: the words may be in the source while the
    speaker is wrong, which a text check cannot see. On an approved quote, a check run by a
    writer, or reading text a writer changed, only records a differing verdict as a finding
    for an editor (`why_an_editor_decides`).
    """
    result, checked, chain = verification_for(quote)
    Status = Quote.Verification
    if result is None:
        names = ", ".join(str(source) for source in chain)
        note = f"Not checked: no stored text on {names}. Paste the source's text to check it."
        status = quote.verification_status
    elif result.found:
        status = Status.VERIFIED
        note = f"{result.describe().capitalize()} in the text of {checked}."
    else:
        status = Status.DISPUTED
        note = f"Not found in the text of {checked}."
    if quote.verification_status == Status.MISATTRIBUTED or (
        result is None and quote.verification_status != Status.UNVERIFIED
    ):
        return VerificationOutcome(result, checked, quote.verification_status, note)

    held_because = why_an_editor_decides(quote, checked, by)
    if not held_because:
        quote_set_verification(quote=quote, status=status, note=note, by=by)
        return VerificationOutcome(result, checked, status, note)
    if status == quote.verification_status:
        # Nothing for an editor to decide; an earlier finding, if any, waits for them still.
        return VerificationOutcome(result, checked, status, note)
    quote_record_finding(quote=quote, status=status, note=f"{note} Held: {held_because}.", by=by)
    return VerificationOutcome(result, checked, quote.verification_status, note, held_because)


@transaction.atomic
def source_save(*, source: Source, by, text_changed: bool) -> Source:
    """Save a source, recording who changed its stored text and when."""
    if text_changed:
        source.text_changed_by, source.text_changed_at = by, timezone.now()
    source.full_clean()
    source.save()
    return source
