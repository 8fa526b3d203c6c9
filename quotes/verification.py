"""Checking a quote's words against the stored text of its source: a pure function, no database.

A quote is *verbatim* when its text appears in the source exactly; it *matches after
normalising* when it appears once typographic differences that do not change the words are
ironed out (curly and straight quotation marks, the several dashes, runs of spacing) and an
editor's [bracketed] insertion stands in for a few words of the source, or for none; otherwise
it is *not found*.

A quote's closing full stop or comma is the newsroom's, not the speaker's: a quote typed
"…the whole movie." matches a source that printed "…the whole movie," DeBlois said (and the
reverse), as long as the source's words end there too. A question or exclamation mark is the
speaker's and must be in the source as it is.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

# An editor's bracketed insertion ("Winston [Ian McShane]", "this [movie]") stands for nothing
# or for up to this many words of the source.
MAX_WORDS_PER_INSERTION = 4

QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "`": "'",
        "\u00b4": "'",  # ´
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
    }
)
# Hyphens join words; the other dashes (en, em, bar, minus) are punctuation, as is a doubled or
# spaced hyphen. Every punctuation dash becomes " - ", so "3—Parabellum" matches "3 - Parabellum".
HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\ufe63\uff0d", "-"))
DASH_PUNCTUATION = re.compile(
    r"\s*[\u2012\u2013\u2014\u2015\u2212\ufe58]\s*|\s*-{2,}\s*|\s+-\s*|\s*-\s+"
)
SPACING = re.compile(r"\s+")
BRACKETED = re.compile(r"\[[^\[\]]*\]")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
# The punctuation a newsroom swaps at the end of a quote, and what may follow the same words in
# the source for them to end there: a mark of the same family, a closing quotation mark or the
# end of the text.
END_PUNCTUATION = re.compile(r"\s*[.,;:]+$")
ENDS_THERE = r"(?=\s*[.,;:\"'\u201d\u2019]|\s*$)"


class Match(StrEnum):
    VERBATIM = "verbatim"
    NORMALISED = "normalised"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class MatchResult:
    match: Match
    # What had to be ironed out for a normalised match: "quotation marks", "dashes", ...
    differences: tuple[str, ...] = field(default=())

    @property
    def found(self) -> bool:
        return self.match is not Match.NOT_FOUND

    def describe(self) -> str:
        if self.match is Match.VERBATIM:
            return "verbatim"
        if self.match is Match.NORMALISED:
            return "matches after normalising " + ", ".join(self.differences)
        return "not found"


def normalise_marks(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(QUOTE_MARKS)


def normalise_dashes(text: str) -> str:
    """A punctuation dash, whichever character or spacing, is " - "; a hyphen is "-"."""
    return DASH_PUNCTUATION.sub(" - ", text.translate(HYPHENS))


def normalise_spacing(text: str) -> str:
    return SPACING.sub(" ", text).strip()


def normalise(text: str) -> str:
    return normalise_spacing(normalise_dashes(normalise_marks(text)))


def bracket_pattern(quote: str) -> re.Pattern | None:
    """A pattern in which each [insertion] of the quote matches the same insertion in the
    source, up to a few of the source's words, or nothing; None when there is no insertion."""
    parts = BRACKETED.split(quote)
    if len(parts) == 1:
        return None
    words = rf"[^\s\[\]]+(?:\s[^\s\[\]]+){{0,{MAX_WORDS_PER_INSERTION - 1}}}"
    gap = rf"(?:\s?(?:\[[^\[\]]*\]|{words})\s?|\s?)"
    if not any(part.strip() for part in parts):
        return None
    literal = [re.escape(parts[0].strip())]
    for part in parts[1:]:
        part = part.strip()
        # The letter just after an insertion may differ in case: "[W]inston", "[t]he".
        literal.append(f"(?i:{re.escape(part[:1])}){re.escape(part[1:])}" if part else "")
    return re.compile(gap.join(literal).strip())


def without_insertions(text: str) -> str:
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", normalise_spacing(BRACKETED.sub(" ", text)))


STEPS = (
    ("quotation marks", normalise_marks),
    ("dashes", normalise_dashes),
    ("spacing", normalise_spacing),
)


def apply(text: str, steps) -> str:
    for _, step in steps:
        text = step(text)
    return text


def contains(quote: str, source: str, *, ends_there: bool) -> bool:
    if not ends_there:
        return quote in source
    return re.search(re.escape(quote) + ENDS_THERE, source) is not None


def match_normalised(quote: str, source: str, *, ends_there: bool = False) -> MatchResult:
    """The match once the steps have been applied (and, if need be, [insertions] allowed for);
    `ends_there`: the source's words must end where the quote's do."""
    q, s = apply(quote, STEPS), apply(source, STEPS)
    if contains(q, s, ends_there=ends_there):
        # Name only the normalisations the match needed: those without which it fails.
        needed = tuple(
            label
            for label, _ in STEPS
            if not contains(
                apply(quote, [x for x in STEPS if x[0] != label]),
                apply(source, [x for x in STEPS if x[0] != label]),
                ends_there=ends_there,
            )
        )
        return MatchResult(Match.NORMALISED, needed)

    # An insertion in the source (the outlet's own "[Ian McShane]") is not the speaker's either.
    pattern = bracket_pattern(q)
    if contains(without_insertions(q), without_insertions(s), ends_there=ends_there) or (
        pattern is not None
        and re.search(pattern.pattern + (ENDS_THERE if ends_there else ""), s) is not None
    ):
        changed = tuple(label for label, step in STEPS if step(quote) != quote)
        return MatchResult(Match.NORMALISED, (*changed, "[bracketed] insertions"))
    return MatchResult(Match.NOT_FOUND)


def match_quote(quote: str, source: str) -> MatchResult:
    """Where, if anywhere, the quote's words are in the source text."""
    quote = quote.strip()
    if not quote or not source:
        return MatchResult(Match.NOT_FOUND)
    if quote in source:
        return MatchResult(Match.VERBATIM)
    result = match_normalised(quote, source)
    if result.found:
        return MatchResult(Match.NORMALISED, result.differences or ("spacing",))
    words = END_PUNCTUATION.sub("", quote)
    if words and words != quote:
        result = match_normalised(words, source, ends_there=True)
        if result.found:
            return MatchResult(Match.NORMALISED, (*result.differences, "end punctuation"))
    return MatchResult(Match.NOT_FOUND)
