from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property

from core import compiled
from core.dates import not_in_the_future
from core.routes import route_url
from core.surrogate import PublicRecord, load_made_public, record_key, turning_keys
from core.validation import RowsValidatedTogether

from ..querysets import NESTING_LEVELS, QuoteQuerySet, lines_below
from .base import TimestampedModel, desk_user
from .sources import Source


class QuoteState(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified against source"
    DISPUTED = "disputed", "Disputed"
    MISATTRIBUTED = "misattributed", "Misattributed"


# The states that doubt the words or the speaker: each needs a note, and readers see it.
DOUBTS = frozenset({Verification.DISPUTED, Verification.MISATTRIBUTED})


# What an editor may set on a quote, whichever door they use (admin form, API).
EDITABLE_FIELDS = [
    "text",
    "speaker_person",
    "speaker_character",
    "parent",
    "source",
    "said_on",
    "films",
    "state",
    "verification_status",
    "verification_note",
]


class Quote(RowsValidatedTogether, PublicRecord, TimestampedModel):
    listed_on = ("speaker_person", "speaker_character", "parent", "source")
    makes_public = ("speaker_person", "speaker_character", "source", "films")
    # Moved by the approval services only: a restore keeps them
    # (`core.versioning.kept_through_restore`).
    restore_keeps = ("state", "public_from")
    State = QuoteState

    Verification = Verification
    EDITABLE_FIELDS = EDITABLE_FIELDS

    text = models.TextField(help_text="Verbatim, as the source prints it, without quote marks.")
    speaker_person = models.ForeignKey(
        "quotes.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="quotes"
    )
    speaker_character = models.ForeignKey(
        "quotes.Character",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="For a line spoken by a film character.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="nested_quotes",
        help_text="The quote this one is quoted inside (a director quoting a character's line).",
    )
    source = models.ForeignKey(
        "quotes.Source",
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="Where the words were first said or printed.",
    )
    said_on = models.DateField(null=True, blank=True, validators=[not_in_the_future])
    films = models.ManyToManyField("quotes.Film", blank=True, related_name="quotes")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    # Approved for a story scheduled for later: public only from then (`published()`), so that
    # approving it with the story does not publish it before the story.
    public_from = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Approved with a story scheduled for later: public only from this time.",
    )
    verification_status = models.CharField(
        max_length=15, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verification_note = models.TextField(blank=True)
    verified_at = models.DateTimeField(
        "verification set at", null=True, blank=True, help_text="When the status was last set."
    )
    # Who set the status: an editor by hand (or by confirming a check's finding); empty when
    # the check against the source text set it, or when it was never set (`verified_at` empty).
    verification_set_by = desk_user()
    # A check's verdict that may not change an approved quote by itself (a writer started the
    # check, or a writer changed the text it read): kept here until an editor confirms or
    # dismisses it. An empty status means there is no finding.
    finding_status = models.CharField(
        "check's finding", max_length=15, choices=Verification.choices, blank=True, editable=False
    )
    finding_note = models.TextField(blank=True, editable=False)
    finding_at = models.DateTimeField(null=True, blank=True, editable=False)
    finding_requested_by = desk_user(help_text="Who ran the check that found it.")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = desk_user()
    # Full-text search (PostgreSQL): written by a database trigger from `text` (migration 0005,
    # GIN-indexed); never edited, exported or kept in history. Always NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = compiled.PublishedManager.from_queryset(QuoteQuerySet)()

    class Meta:
        ordering = ["-id"]
        permissions = [("approve_quote", "Can approve or reject quotes")]
        indexes = [
            models.Index(fields=["said_on"], name="quotes_quote_said_on_idx"),
            # The desk's list sorted by a column, newest first within it (the admin adds "-id"
            # to any sort): read in order for a page, not a sort of every quote. The state's
            # also counts the quotes waiting for approval.
            models.Index(fields=["state", "-id"], name="quotes_quote_desk_state_idx"),
            models.Index(fields=["verification_status", "-id"], name="quotes_quote_desk_verif_idx"),
            models.Index(fields=["public_from", "-id"], name="quotes_quote_desk_embargo_idx"),
            # The public lists' order (`newest_first()`) over approved quotes, for the whole
            # stream and for one speaker's page: read in order, never sorted.
            models.Index(
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(state="approved"),
                name="quotes_quote_stream_idx",
            ),
            models.Index(
                F("speaker_person"),
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(state="approved"),
                name="quotes_quote_person_idx",
            ),
            models.Index(
                F("speaker_character"),
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(state="approved"),
                name="quotes_quote_character_idx",
            ),
            # The feeds' order, newest created first (`quotes.feeds`): read in order, where a
            # feed at a million quotes sorted them all on disk.
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                condition=Q(state="approved"),
                name="quotes_quote_feed_idx",
            ),
            # The embargoes to come, for the next scheduled change (`scheduled_changes()`).
            models.Index(
                fields=["public_from"],
                condition=Q(public_from__isnull=False),
                name="quotes_quote_public_from_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker_person__isnull=False, speaker_character__isnull=True)
                | Q(speaker_person__isnull=True, speaker_character__isnull=False),
                name="quotes_quote_exactly_one_speaker",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[choice.value for choice in QuoteState]),
                name="quotes_quote_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(verification_status__in=[choice.value for choice in Verification]),
                name="quotes_quote_verification_valid",
            ),
            models.CheckConstraint(
                condition=Q(finding_status="")
                | Q(finding_status__in=[choice.value for choice in Verification]),
                name="quotes_quote_finding_valid",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="quotes_quote_not_own_parent"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="quotes_quote_text_not_empty"),
        ]

    def __str__(self) -> str:
        words = self.text if len(self.text) <= 60 else self.text[:57].rstrip() + "…"
        return f"{self.speaker}: “{words}”"

    def get_absolute_url(self) -> str:
        return route_url("quotes:quote-detail", "pk", self.pk)

    def restore_needs_review(self, user) -> bool:
        """Whether restoring an old version would change an approved quote's words without an
        editor (only editors change approved quotes)."""
        return self.state == QuoteState.APPROVED and not user.has_perm("quotes.approve_quote")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.verification_status in DOUBTS and not self.verification_note.strip():
            errors["verification_note"] = "Say why the quote is disputed or misattributed."
        if self.speaker_person_id and self.speaker_character_id:
            errors["speaker_character"] = "A quote has one speaker: a person or a character."
        elif not (self.speaker_person_id or self.speaker_character_id):
            errors["speaker_person"] = "Choose who said it: a person or a film character."
        if self.parent_id:
            problem = self.nesting_problem()
            if problem:
                errors["parent"] = problem
        if errors:
            raise ValidationError(errors)

    def nesting_problem(self) -> str | None:
        """Why `parent` cannot hold this quote, if it cannot: a loop, or a line nested deeper
        than `published()` reads (`NESTING_LEVELS`), which readers would never see."""
        model = type(self)
        above, ancestor, seen = 1, self.parent_id, set()
        while ancestor is not None and ancestor not in seen:
            if ancestor == self.pk:
                return "A quote cannot be nested in itself or in a line nested in it."
            seen.add(ancestor)
            ancestor = model.objects.filter(pk=ancestor).values_list("parent_id", flat=True).first()
            above += ancestor is not None
        below = 0
        if self.pk:
            for level, path in enumerate(lines_below(), start=1):
                if model.objects.filter(**{path: self.pk}).exists():
                    below = level
        if above + below > NESTING_LEVELS:
            return (
                f"A line can be nested at most {NESTING_LEVELS} deep (a line quoted in a line "
                "quoted in a quote); this would put one deeper, where readers would not see it."
            )
        return None

    @property
    def speaker(self):
        """The person or the character who said it: exactly one is set."""
        return self.speaker_person or self.speaker_character

    def dated_by(self):
        """The date to show and cite for it, with the source that gives it: when it was said
        if recorded (source None), else the date of the first dated source of its chain (when
        it was first printed or relayed), else (None, None)."""
        if self.said_on:
            return self.said_on, None
        for source in self.source.chain():
            if source.published_on:
                return source.published_on, source
        return None, None

    @property
    def quoted_by(self):
        """For a line quoted inside another quote, who quoted it: the parent's speaker. A
        character's line told in an interview is the director's telling, not the character's
        interview. None for a line its teller quotes from themselves."""
        if not self.parent_id:
            return None
        teller = self.parent.speaker
        return None if teller == self.speaker else teller

    @cached_property
    def cast_credit(self):
        """For a character's line, the credit of the actor who plays the character: in one of
        the quote's films if there is one, else the first. Lists load the credits with the page
        (`for_list()`); a quote loaded alone reads them now."""
        character = self.speaker_character
        if character is None:
            return None
        credits = getattr(character, "cast_credits", None)
        if credits is None:
            credits = list(character.credits.filter(role="cast").select_related("person", "film"))
        films = getattr(self, "credit_film_ids", None)
        films = {film.pk for film in self.films_shown()} if films is None else set(films)
        in_film = [credit for credit in credits if credit.film_id in films]
        return (in_film or credits or [None])[0]

    def attribution(self) -> str:
        """Who said it, in words: "Eve (played by Ana de Armas in Ballerina), as quoted by Len
        Wiseman"."""
        who = self.speaker.name
        credit = self.cast_credit
        if credit is not None:
            who += f" (played by {credit.person.name} in {credit.film.title})"
        if self.quoted_by is not None:
            who += f", as quoted by {self.quoted_by.name}"
        return who

    def public_since(self, moment):
        """`moment` (its creation or last change), or when it became public if later: a quote
        approved with a story scheduled for later becomes public at `public_from`, with no
        write then."""
        return max(moment, self.public_from or moment)

    def headline(self, length: int = 80) -> str:
        """Who said it and the words, cut to about `length` characters of words: the title a
        page, a feed item or an embed gives the quote, so all three tell it the same way (a
        page's is shorter, to leave room for the site's name)."""
        words = self.text if len(self.text) <= length else self.text[: length - 3].rstrip() + "…"
        return f"{self.attribution()}: “{words}”"

    def published_nested_quotes(self) -> list["Quote"]:
        """The published lines quoted in this one. Lists prefetch them for a whole page as
        `published_nested` (one query); a quote loaded alone reads them now."""
        prefetched = getattr(self, "published_nested", None)
        if prefetched is not None:
            return prefetched
        return list(
            Quote.objects.published()
            .filter(parent=self)
            .select_related("speaker_person", "speaker_character")
        )

    def films_shown(self) -> list:
        """Its films: as its page loaded them (`load_films`), else read now."""
        films = getattr(self, "shown_films", None)
        return list(self.films.all()) if films is None else films

    def shown_with(self):
        """What a quote shows besides its row and foreign keys (see `core.pages`): its films
        where its page loaded them to show (`load_films`; a card does not show them), and the
        actor's credit of a character's line when the page loaded it."""
        shown = list(getattr(self, "shown_films", None) or ())
        character = self.speaker_character if self.speaker_character_id else None
        if character is not None and hasattr(character, "cast_credits"):
            credit = self.cast_credit
            if credit is not None:
                shown.append(credit)
        return shown

    def surrogate_keys(self) -> set[str]:
        """Its own pages and lists, the pages of every source it reached us through (a
        source's page lists the quotes relayed by it), and those of the lines nested in it as
        far down as `published()` reads: whether they are public follows its state, and a line
        two deep shows only its own parent. What only such a line makes public (a speaker a
        writer added) starts or stops being public with it, as with its own (`turning_keys`).
        A film a writer added is public while a public quote is about it: its films' too."""
        return Quote.surrogate_keys_of([self])

    @classmethod
    def surrogate_keys_of(cls, quotes: list["Quote"]) -> set[str]:
        """`surrogate_keys` of each of `quotes`, read for all of them together: their
        relations a query each, their sources' relays, their lines and the lines' relations
        (`load_made_public`), whatever the number of quotes."""
        saved = [quote for quote in quotes if quote.pk is not None]
        lines = []
        if saved:
            pks = Quote.objects.filter(pk__in=[quote.pk for quote in saved]).order_by()
            lines = list(
                Quote.objects.lines_in(pks.values("pk"))
                .order_by()
                .select_related("speaker_person", "speaker_character", "source")
            )
        seen = {record_key(quote) for quote in [*quotes, *lines]}
        keys = {record_key(line) for line in lines}
        shown = [*quotes, *lines]
        load_made_public(shown)
        made_public = []
        for quote in quotes:
            keys |= quote.own_keys()
        for quote in shown:
            made_public += quote.made_public()
        keys |= turning_keys(made_public, seen)
        sources = {quote.source_id for quote in quotes} - {None}
        if sources:
            keys.update(f"source-{pk}" for pk in Source.relay_ids_of(*sources))
        for quote in saved:
            # A film a writer added is public while a public quote is about it.
            keys.update(f"film-{film.pk}" for film in quote.films.all())
        return keys
