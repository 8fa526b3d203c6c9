"""Pure-Python extraction of direct quotations, their speakers and their nesting from news text.

Offsets are Python string (code point) offsets into the text passed in. A quote that runs over
several paragraphs (left open at a paragraph's end and reopened at the next paragraph's start)
comes back as one quote per paragraph, all with the same speaker, because each part is then a
contiguous span of the text that can be shown, highlighted and checked on its own.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .attribution import attribute
from .entities import build_registry
from .layout import engine_text
from .lexicon import BODY_KINDS
from .marks import Span, find_spans
from .titles import is_title

__all__ = ["ExtractedQuote", "extract_quotes"]


@dataclass(frozen=True)
class ExtractedQuote:
    """One direct quotation; `text == source[start:end]`, without the surrounding marks."""

    text: str
    start: int
    end: int
    speaker: str | None
    parent: int | None  # index into the returned list of the quote this one is nested in


def extract_quotes(text: str, known: Iterable[Sequence[str]] | None = None) -> list[ExtractedQuote]:
    """Every direct quotation in `text`, in order of start offset, a parent before its children.

    `known` lists people already on file, each as its name then its aliases: a mention of an
    alias ("Becks") then comes back under the name ("David Beckham").
    """
    source = text
    text = engine_text(text)  # the same length: every offset found in it holds in `source`
    spans, titles = _without_titles(text, find_spans(text))
    parents = {s.parent_frame for s in spans}
    bounds = sorted(
        [
            (s.opener, s.closer + 1 if s.closer is not None else s.end, s.frame in parents)
            for s in spans
            if s.parent_frame is None
        ]
        + titles
    )
    work = _name_marks(text, bounds)
    people = attribute(work, spans, build_registry(work, bounds, known), titles)
    index_of = {span.frame: i for i, span in enumerate(spans)}
    return [
        ExtractedQuote(
            text=source[span.start : span.end],
            start=span.start,
            end=span.end,
            speaker=_restore_marks(person.name) if person is not None else None,
            parent=index_of.get(span.parent_frame) if span.parent_frame is not None else None,
        )
        for span, person in zip(spans, people, strict=True)
    ]


def _without_titles(text: str, spans: list[Span]) -> tuple[list[Span], list[tuple[int, int, bool]]]:
    """Drop titles of works, re-pointing anything nested in one at the nearest kept quote.

    Also returns where the top-level titles lie, so their words are never taken for names.
    """
    parent_of = {span.frame: span.parent_frame for span in spans}
    dropped = {
        span.frame
        for span in spans
        if is_title(text, span.opener, span.start, span.end, span.closer)
    }
    if dropped:
        _more_titles(text, spans, dropped)
    kept = []
    titles = []
    for span in spans:
        if span.frame in dropped:
            if span.parent_frame is None and span.closer is not None:
                titles.append((span.opener, span.closer + 1, False))
            continue
        parent = span.parent_frame
        while parent is not None and parent in dropped:
            parent = parent_of.get(parent)
        span.parent_frame = parent
        kept.append(span)
    return kept, titles


AND_BEFORE_RE = re.compile(r"[ \t]+(?:and|or|&)[ \t]+$")


def _more_titles(text: str, spans: list[Span], dropped: set[int]) -> None:
    """Titles found from the titles already found (real-copy round 2).

    The same words in marks again ("Since its release, "Lantern" has ..."), the next title in a
    pair ("singles "Lantern" and "Copper Sky.""), and words quoted inside a title (a headline's
    'ghost tower') are titles, or part of one, too.
    """
    names = set()
    closers = set()
    for span in spans:
        if span.frame in dropped:
            names.add(text[span.start : span.end].rstrip(".,").casefold())
            if span.closer is not None:
                closers.add(span.closer + 1)
    for span in spans:
        if span.frame in dropped or span.closer is None:
            continue
        words = text[span.start : span.end].rstrip(".,")
        if span.parent_frame in dropped:
            dropped.add(span.frame)
        elif not words[:1].isupper() or len(words.split()) > 6:
            continue
        elif words.casefold() in names:
            dropped.add(span.frame)
        else:
            pair = AND_BEFORE_RE.search(text, max(0, span.opener - 6), span.opener)
            if pair is not None and pair.start() in closers:
                dropped.add(span.frame)


# "Consumer group Which? called", "said Which? editor ...": a name that ends in a question or
# exclamation mark, the sentence going on in lowercase after it (nineteenth round). Outside
# quotations the mark is read as a letter of the name (one code point for one, so every offset
# holds) and given back in the speaker's name.
NAME_BEFORE_MARK_RE = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}$")
AFTER_NAME_MARK_RE = re.compile(r"[ \t]+(?!(?:he|she|they|we|you|it|i|asked|says|said)\b)[a-z]")
# "Consumer group Which? said": after the kind of body, a report verb goes on from the name
# too (twentieth round); elsewhere "? said" may end a question of the narrative.
KIND_BEFORE_MARK_RE = re.compile(rf"\b(?:{BODY_KINDS}|magazine|website)[ \t]+[A-Z][a-z]{{2,}}$")
SAID_AFTER_MARK_RE = re.compile(r"[ \t]+(?:said|says|asked)\b")
MARK_LETTERS = {"?": "\u0242", "!": "\u01c3"}
MARKS_BACK = str.maketrans({v: k for k, v in MARK_LETTERS.items()})


def _name_marks(text: str, bounds: list[tuple[int, int, bool]]) -> str:
    chars = None
    for mark in "?!":
        at = text.find(mark + " ")
        while at >= 0:
            if (
                NAME_BEFORE_MARK_RE.search(text, max(0, at - 20), at)
                and (
                    AFTER_NAME_MARK_RE.match(text, at + 1)
                    or (
                        SAID_AFTER_MARK_RE.match(text, at + 1)
                        and KIND_BEFORE_MARK_RE.search(text, max(0, at - 40), at)
                    )
                )
                and not any(lo <= at < hi for lo, hi, _ in bounds)  # not in a quotation
            ):
                chars = chars if chars is not None else list(text)
                chars[at] = MARK_LETTERS[mark]
            at = text.find(mark + " ", at + 1)
    return "".join(chars) if chars is not None else text


def _restore_marks(name: str) -> str:
    return name.translate(MARKS_BACK) if "\u0242" in name or "\u01c3" in name else name
