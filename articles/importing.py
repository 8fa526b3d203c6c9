"""Importing an article: extraction proposes quotes, the editor decides.

An import creates a draft article, the source chain (said to an outlet, optionally via another
that printed the text), and one proposal per extracted quotation. A proposal whose speaker
matches a person or a character by name or alias gets its quote at once, unapproved; one whose
speaker is unknown keeps the proposed name until the editor picks or creates the person. Nothing
becomes public here: quotes stay unapproved until an editor approves them or publishes the
article with them.
"""

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from quotes.extraction import ExtractedQuote, extract_quotes
from quotes.models import Character, Outlet, Person, Quote, Source
from quotes.querysets import NESTING_LEVELS
from quotes.services import quote_set_state, require_may_change, source_save

from .models import Article, ArticleImport, FeaturedQuote, QuoteProposal

MAX_TEXT_CHARS = 1_000_000
DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
OPENING_SINGLE, CLOSING_SINGLE = "'\u2018", "'\u2019"


@dataclass
class ImportResult:
    article_import: ArticleImport
    created: bool
    matched: int = 0
    unmatched_names: list[str] = field(default_factory=list)
    unattributed: int = 0

    @property
    def article(self) -> Article:
        return self.article_import.article

    def summary(self) -> str:
        proposals = self.article_import.proposals.count()
        if not self.created:
            return f"Already imported as draft article #{self.article.pk}; nothing changed."
        names = ", ".join(sorted(set(self.unmatched_names))) or "none"
        return (
            f"Draft article #{self.article.pk} “{self.article.title}”: {proposals} quotes "
            f"proposed, {self.matched} with a known speaker, {self.unattributed} with none; "
            f"new people proposed: {names}."
        )


def normalise_name(name: str) -> str:
    """Names compare without case, accents, a leading “the” or stray punctuation."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = " ".join(folded.replace(".", " ").replace("’", "'").split())
    return folded.removeprefix("the ")


class SpeakerIndex:
    """Every person's and character's names and aliases, to match the names extraction finds.

    A name shared by two records is ambiguous and matches nobody: the editor chooses.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, Person | Character | None] = {}
        self.known: list[list[str]] = []  # each record's names, for extraction to resolve
        for model in (Person, Character):
            for record in model.objects.only("id", "name", "aliases"):
                self.known.append(record.names())
                for name in record.names():
                    key = normalise_name(name)
                    if key in self.by_name and self.by_name[key] != record:
                        self.by_name[key] = None
                    else:
                        self.by_name[key] = record

    def match(self, name: str | None) -> Person | Character | None:
        if not name:
            return None
        return self.by_name.get(normalise_name(name))


def outlet_for(name: str) -> Outlet:
    """The outlet with this name or slug, created if the desk has never seen it."""
    name = name.strip()
    if not name:
        raise ValidationError({"outlet": "Name the outlet."})
    slug = slugify(name)[:200]
    if not slug:
        raise ValidationError({"outlet": f"“{name}” is not a usable outlet name."})
    outlet = (
        Outlet.objects.filter(name__iexact=name).first() or Outlet.objects.filter(slug=slug).first()
    )
    if outlet is None:
        # Public with the first published thing that uses it, as a writer's new record is.
        outlet = Outlet(name=name, slug=slug, held_until_used=True)
        outlet.full_clean()
        outlet.save()
    return outlet


def source_for(*, outlet: Outlet, title: str, url: str, kind: str, by=None, **values) -> Source:
    """The source at this URL (or with this title, if it has none), created if new; `by`
    pasted its text, if it has any."""
    existing = Source.objects.filter(outlet=outlet)
    existing = existing.filter(url=url) if url else existing.filter(title=title, url="")
    source = existing.first()
    if source is None:
        source = Source(outlet=outlet, title=title, url=url, kind=kind, **values)
        source_save(source=source, by=by, text_changed=bool(source.text))
    return source


def within_chain(printed_in: Source) -> Source | None:
    """`printed_in` as the via of the interview it printed, unless that would make a chain
    longer than readers are shown (`Source.via_problem`): a printed source an editor relayed
    through others, as far as the limit. Then the interview is recorded on its own, rather than
    failing the import; the article cites both."""
    return None if Source(via=printed_in).via_problem() else printed_in


def fingerprint(*, text: str, url: str, title: str) -> str:
    key = url.strip() or title.strip().lower()
    return hashlib.sha256(f"{key}\n{' '.join(text.split())}".encode()).hexdigest()


def unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "imported-article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def validate_text(text: str) -> str:
    if not text or not text.strip():
        raise ValidationError({"text": "The article is empty: paste its text."})
    if "\x00" in text:
        raise ValidationError({"text": "The text contains NUL bytes: is it a binary file?"})
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError({"text": f"The text is over {MAX_TEXT_CHARS:,} characters long."})
    return text


@transaction.atomic
def article_import(
    *,
    text: str,
    title: str,
    outlet: str,
    url: str = "",
    via_outlet: str = "",
    via_url: str = "",
    published_on: date | None = None,
    by=None,
) -> ImportResult:
    """Import an article's text as a draft with proposed quotes; a repeat finds the first."""
    text = validate_text(text)
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Give the article a title."})
    print_url = via_url if via_outlet else url
    key = fingerprint(text=text, url=print_url, title=title)
    existing = ArticleImport.objects.filter(fingerprint=key).select_related("article").first()
    if existing is not None:
        return ImportResult(article_import=existing, created=False)

    printed_in = None
    if via_outlet:
        printed_in = source_for(
            outlet=outlet_for(via_outlet),
            title=title,
            url=via_url,
            kind=Source.Kind.ARTICLE,
            published_on=published_on,
            text=text,
            by=by,
        )
        said_to = source_for(
            outlet=outlet_for(outlet),
            title=f"Interview quoted in “{title}”",
            url=url,
            kind=Source.Kind.INTERVIEW,
            via=within_chain(printed_in),
        )
    else:
        said_to = source_for(
            outlet=outlet_for(outlet),
            title=title,
            url=url,
            kind=Source.Kind.ARTICLE,
            published_on=published_on,
            text=text,
            by=by,
        )

    article = Article(title=title, slug=unique_slug(title), body=text, created_by=by)
    article.updated_by = by
    article.full_clean()
    article.save()
    article.sources.set([s for s in (said_to, printed_in) if s is not None])
    record = ArticleImport.objects.create(
        article=article, source=said_to, fingerprint=key, created_by=by
    )
    result = ImportResult(article_import=record, created=True)
    index = SpeakerIndex()
    propose(result, extract_quotes(text, known=index.known), said_to, by, index=index)
    return result


def quote_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The quote's own words within `body[start:end]`: without the spacing and quotation marks
    around them, nor a trailing comma that belongs to the sentence around the quote ("…a good
    day," Wiseman said). A closing full stop, question or exclamation mark is the speaker's and
    stays. A single closing mark goes only with an opening one: "the boys'" keeps its
    apostrophe."""
    single = False
    while start < end:
        if body[start].isspace() or body[start] in DOUBLE_MARKS:
            start += 1
        elif body[start] in OPENING_SINGLE:
            start, single = start + 1, True
        elif body[end - 1].isspace() or body[end - 1] in DOUBLE_MARKS + ",":
            end -= 1
        elif single and body[end - 1] in CLOSING_SINGLE:
            end, single = end - 1, False
        else:
            break
    return start, end


def within_nesting(parents: list[int | None], parent: int | None) -> int | None:
    """The proposal a line is nested in: the one it was found in, or, for a line deeper than
    readers are shown (`NESTING_LEVELS`), the deepest one above it that keeps it shown."""
    chain = []
    while parent is not None:
        chain.append(parent)
        parent = parents[parent]
    # chain[0] is the nearest; a line sits one deeper than the quote it is nested in.
    return chain[max(0, len(chain) - NESTING_LEVELS)] if chain else None


def propose(
    result: ImportResult,
    found: list[ExtractedQuote],
    source: Source,
    by,
    index: SpeakerIndex | None = None,
) -> None:
    """One proposal per quotation; a quote at once for those whose speaker is known."""
    index = index or SpeakerIndex()
    proposals: list[QuoteProposal] = []
    parents: list[int | None] = []
    people: set[int] = set()
    body = result.article.body
    for position, item in enumerate(found):
        parent = within_nesting(parents, item.parent)
        parents.append(parent)
        speaker = index.match(item.speaker)
        start, end = quote_span(body, item.start, item.end)
        if start >= end:
            start, end = item.start, item.end
        proposal = QuoteProposal.objects.create(
            article_import=result.article_import,
            position=position,
            start=start,
            end=end,
            text=body[start:end],
            speaker_name=item.speaker or "",
            person=speaker if isinstance(speaker, Person) else None,
            character=speaker if isinstance(speaker, Character) else None,
            parent=proposals[parent] if parent is not None else None,
        )
        proposals.append(proposal)
        if speaker is not None:
            result.matched += 1
            if isinstance(speaker, Person):
                people.add(speaker.pk)
            quote_for(proposal, source=source, by=by)
        elif item.speaker:
            result.unmatched_names.append(item.speaker)
        else:
            result.unattributed += 1
    result.article.people.add(*people)


def quote_for(proposal: QuoteProposal, *, source: Source | None = None, by=None) -> Quote:
    """Create (or refresh) the unapproved quote behind a proposal with a known speaker."""
    source = source or proposal.article_import.source
    parent_quote = proposal.parent.quote if proposal.parent_id else None
    quote = proposal.quote or Quote(source=source, state=Quote.State.PENDING)
    if by is not None:
        require_may_change(quote, by)
    quote.text = proposal.text
    quote.speaker_person = proposal.person
    quote.speaker_character = proposal.character
    quote.parent = parent_quote
    quote.updated_by = by
    if quote.pk is not None:
        quote.version += 1
    quote.full_clean()
    quote.save()
    if proposal.quote_id != quote.pk:
        proposal.quote = quote
        proposal.save(update_fields=["quote"])
    for child in proposal.children.exclude(quote=None).select_related("quote"):
        if child.quote.parent_id != quote.pk:
            child.quote.parent = quote
            child.quote.save(update_fields=["parent"])
    if parent_quote is None:
        article = proposal.article_import.article
        FeaturedQuote.objects.get_or_create(
            article=article, quote=quote, defaults={"position": proposal.position}
        )
    return quote


def require_editor(by) -> None:
    if by is not None and not by.has_perm("quotes.change_quote"):
        raise PermissionDenied("You may not review imported quotes.")


@transaction.atomic
def proposal_set_speaker(
    *, proposal: QuoteProposal, by, person=None, character=None, new_person_name: str = ""
) -> QuoteProposal:
    """Fix who said it: an existing person or character, or a new person by name."""
    require_editor(by)
    if sum(bool(x) for x in (person, character, new_person_name.strip())) != 1:
        raise ValidationError("Choose one speaker: a person, a character, or a new person's name.")
    if new_person_name.strip():
        person = create_person(new_person_name.strip())
    proposal.person, proposal.character = person, character
    proposal.save(update_fields=["person", "character"])
    quote_for(proposal, by=by)
    speaker_name_the_same(proposal, by=by)
    return proposal


def speaker_name_the_same(proposal: QuoteProposal, *, by) -> None:
    """Give the speaker just chosen to the import's other proposals still waiting for one under
    the same proposed name: the editor says who "Quintana" is once, not once a quote. Only when
    the choice bears the proposed name: a correction ("not Nolan: Murphy") says nothing about
    the other quotes given to Nolan."""
    chosen = proposal.person or proposal.character
    if not proposal.speaker_name or chosen is None:
        return
    key = normalise_name(proposal.speaker_name)
    if key not in {normalise_name(name) for name in chosen.names()}:
        return
    waiting = proposal.article_import.proposals.filter(
        person=None, character=None, decision=QuoteProposal.Decision.PENDING
    ).exclude(pk=proposal.pk)
    for other in waiting.exclude(speaker_name=""):
        if normalise_name(other.speaker_name) == key:
            other.person, other.character = proposal.person, proposal.character
            other.save(update_fields=["person", "character"])
            quote_for(other, by=by)


def create_person(name: str) -> Person:
    existing = SpeakerIndex().match(name)
    if isinstance(existing, Person):
        return existing
    base = slugify(name)[:190] or "person"
    slug, n = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    person = Person(name=name, slug=slug, held_until_used=True)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def proposal_set_span(*, proposal: QuoteProposal, start: int, end: int, by) -> QuoteProposal:
    """Fix where the quote starts and ends; the text is always the article's own characters,
    without the quotation marks or a sentence's comma around them (`quote_span`)."""
    require_editor(by)
    body = proposal.article_import.article.body
    if 0 <= start < end <= len(body):
        start, end = quote_span(body, start, end)
    if not (0 <= start < end <= len(body)):
        raise ValidationError(
            {"start": f"The span must lie within the text (0 to {len(body)}) and not be empty."}
        )
    proposal.start, proposal.end, proposal.text = start, end, body[start:end]
    proposal.save(update_fields=["start", "end", "text"])
    if proposal.quote_id:
        quote_for(proposal, by=by)
    return proposal


@transaction.atomic
def proposal_accept(*, proposal: QuoteProposal, by) -> QuoteProposal:
    """Accept a proposal: its quote joins the draft, to go public when an editor approves it
    or publishes the article with it."""
    require_editor(by)
    if proposal.person_id is None and proposal.character_id is None:
        raise ValidationError("Say who said it before accepting this quote.")
    quote_for(proposal, by=by)
    proposal.decision = QuoteProposal.Decision.ACCEPTED
    proposal.save(update_fields=["decision"])
    return proposal


@transaction.atomic
def proposal_reject(*, proposal: QuoteProposal, by) -> QuoteProposal:
    """Reject a proposal: its quote (and the quotes nested in it) are rejected and unfeatured."""
    require_editor(by)
    for item in [proposal, *proposal.children.all()]:
        item.decision = QuoteProposal.Decision.REJECTED
        item.save(update_fields=["decision"])
        if item.quote_id:
            quote_set_state(quotes=[item.quote], state=Quote.State.REJECTED, by=by)
            FeaturedQuote.objects.filter(quote_id=item.quote_id).delete()
    return proposal
