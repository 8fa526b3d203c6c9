"""Writes to the quote database. The admin, the API and the commands all come through here."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from core.versioning import lock_for_edit, revision, save_edit

from .models import Quote, Source
from .verification import MatchResult, match_quote

APPROVE_QUOTE = "quotes.approve_quote"


def require(user, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(message)


def require_may_change(quote: Quote, by) -> None:
    """An approved quote may already be public, and a rejected one was an editor's decision:
    only an editor changes either. Writers work on quotes still awaiting approval."""
    if quote.pk is not None and quote.state != Quote.State.PENDING:
        require(by, APPROVE_QUOTE, "Only an editor can change an approved or rejected quote.")


@transaction.atomic
def quote_create(*, by, films=(), **fields) -> Quote:
    """A new quote. Only an editor may create one already approved."""
    quote = Quote(**fields)
    if quote.state != Quote.State.PENDING:
        require(by, APPROVE_QUOTE, "Only an editor can approve or reject a quote.")
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
    lock_for_edit(quote, expected_version)
    require_may_change(quote, by)
    if "state" in fields and fields["state"] != quote.state:
        require(by, APPROVE_QUOTE, "Only an editor can approve or reject a quote.")
    for name, value in fields.items():
        setattr(quote, name, value)
    with revision(by=by, comment="Changed " + (", ".join(fields) or "films") + "."):
        save_edit(quote, by=by)
        if films is not None:
            quote.films.set(films)
    return quote


@transaction.atomic
def quote_set_state(*, quotes, state: str, by) -> int:
    """Approve or reject quotes in one go; returns how many changed."""
    require(by, APPROVE_QUOTE, "Only an editor can approve or reject a quote.")
    changed = 0
    with revision(by=by, comment=f"State set to {Quote.State(state).label.lower()}."):
        for quote in quotes:
            if quote.state != state:
                quote.state = state
                save_edit(quote, by=by, update_fields=["state"])
                changed += 1
    return changed


def quote_approve(*, quote: Quote, by) -> Quote:
    quote_set_state(quotes=[quote], state=Quote.State.APPROVED, by=by)
    return quote


def quote_reject(*, quote: Quote, by) -> Quote:
    quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=by)
    return quote


@transaction.atomic
def quote_set_verification(*, quote: Quote, status: str, note: str = "", by=None) -> Quote:
    """Record a verification verdict; disputing a quote needs a note saying why."""
    quote.verification_status = status
    quote.verification_note = note
    quote.verified_at = timezone.now()
    with revision(by=by, comment=f"Verification: {quote.get_verification_status_display()}."):
        save_edit(
            quote,
            by=by,
            update_fields=["verification_status", "verification_note", "verified_at"],
        )
    return quote


@dataclass(frozen=True)
class VerificationOutcome:
    """What a check against the source text found, and what it recorded on the quote."""

    result: MatchResult | None  # None: no source in the chain has stored text
    checked: Source | None  # the source whose text was read
    status: str
    note: str

    @property
    def label(self) -> str:
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
    speaker is wrong, which a text check cannot see.
    """
    result, checked, chain = verification_for(quote)
    Status = Quote.Verification
    if result is None:
        names = ", ".join(str(source) for source in chain)
        note = f"Not checked: no stored text on {names}. Paste the source's text to check it."
        if quote.verification_status == Status.UNVERIFIED:
            quote_set_verification(quote=quote, status=Status.UNVERIFIED, note=note, by=by)
        return VerificationOutcome(None, None, quote.verification_status, note)

    if result.found:
        status = Status.VERIFIED
        note = f"{result.describe().capitalize()} in the text of {checked}."
    else:
        status = Status.DISPUTED
        note = f"Not found in the text of {checked}."
    if quote.verification_status == Status.MISATTRIBUTED:
        return VerificationOutcome(result, checked, quote.verification_status, note)
    quote_set_verification(quote=quote, status=status, note=note, by=by)
    return VerificationOutcome(result, checked, status, note)
