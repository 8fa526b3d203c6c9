"""Pure-Python extraction of direct quotations, their speakers and their nesting from news text.

Offsets are Python string (code point) offsets into the text passed in. A quote that runs over
several paragraphs (left open at a paragraph's end and reopened at the next paragraph's start)
comes back as one quote per paragraph, all with the same speaker, because each part is then a
contiguous span of the text that can be shown, highlighted and checked on its own.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .attribution import attribute
from .entities import build_registry
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
    people = attribute(text, spans, build_registry(text, bounds, known), titles)
    index_of = {span.frame: i for i, span in enumerate(spans)}
    return [
        ExtractedQuote(
            text=text[span.start : span.end],
            start=span.start,
            end=span.end,
            speaker=person.name if person is not None else None,
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
