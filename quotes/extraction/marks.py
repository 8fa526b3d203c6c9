"""Find quoted spans by pairing quotation marks, telling quote marks from apostrophes."""

import functools
import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
MARK_RE = re.compile("[\"'“”„«»‘’‚‹›]")
DOUBLE_MARK_RE = re.compile("[“”„«»]")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK_RE = re.compile(r"\s*\n\s*")
NON_SPACE_RE = re.compile(r"\S")
# Elisions that open with an apostrophe: '90s, 'em, 'cause, 'til, 'n', rock 'n' roll.
ELISION_RE = re.compile(
    r"['’‘](?:\d\d?s?\b|em\b|cause\b|cos\b|til\b|tis\b|twas\b|bout\b|round\b|n['’]|nuff\b|kay\b)",
    re.IGNORECASE,
)
OPEN_BEFORE = set("([{—–-/:") | set("\"'“„«‘‚‹")
CLOSE_AFTER = set(".,;:!?)]}—–-…/") | set("\"'”»’›")


@dataclass
class Span:
    """A quoted stretch: `start`/`end` delimit the text inside the marks."""

    start: int
    end: int
    kind: str  # "double" or "single"
    opener: int  # offset of the opening mark
    closer: int | None  # offset of the closing mark; None when left open at paragraph end
    frame: int
    parent_frame: int | None
    paragraph: int
    continues: bool = False  # left open and the next paragraph reopens it (news convention)
    continued: bool = False  # this span reopens the previous paragraph's open quote


# Both the marks and the attribution pass split the same text: the split is kept, as a tuple
# so that neither can change it for the other.
@functools.lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Split at blank lines, or at every line break when the text has no blank lines."""
    splitter = PARAGRAPH_BREAK_RE if PARAGRAPH_BREAK_RE.search(text) else LINE_BREAK_RE
    result: list[tuple[int, int]] = []
    pos = 0
    for match in splitter.finditer(text):
        if NON_SPACE_RE.search(text, pos, match.start()):  # not blank, tested without a copy
            result.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        result.append((pos, len(text)))
    return tuple(result)


def _openable(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in OPEN_BEFORE) and not nxt.isspace()


def _closeable(prev: str, nxt: str) -> bool:
    return not prev.isspace() and (nxt.isspace() or nxt in CLOSE_AFTER)


def _single_role(text: str, i: int, lo: int, hi: int) -> str:
    """Classify a single mark as "open", "close" or "apostrophe" from its neighbours alone."""
    mark = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # it's, O'Brien, rock'n'roll
    if ELISION_RE.match(text, i) and not prev.isalnum():
        return "apostrophe"  # '90s, 'em
    if mark in SINGLE_OPEN:
        return "open" if not nxt.isspace() else "apostrophe"
    if mark in SINGLE_CLOSE and mark != "’":
        return "close"
    if _openable(prev, nxt) and not _closeable(prev, nxt):
        return "open"
    if _closeable(prev, nxt):
        return "close"
    return "apostrophe"


def _weak_close(text: str, i: int, hi: int) -> bool:
    """A letter, then the mark, then a space and a word: could be Armas' Eve or rollin' with."""
    prev = text[i - 1]
    return prev.isalpha() and i + 2 < hi and text[i + 1] == " " and text[i + 2].isalnum()


def _next_single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """The role of the next single mark that is not plainly an apostrophe."""
    for match in MARK_RE.finditer(text, i + 1, hi):
        j = match.start()
        if text[j] in '"“”„«»':
            continue
        role = _single_role(text, j, lo, hi)
        if role != "apostrophe":
            return role
    return None


def find_spans(text: str) -> list[Span]:
    """Pair marks paragraph by paragraph with a stack; nesting is allowed at any depth."""
    spans: list[Span] = []
    frame_parent: dict[int, int | None] = {}
    next_frame = 0
    paras = paragraphs(text)
    for p_index, (lo, hi) in enumerate(paras):
        stack: list[tuple[str, int, int]] = []  # (kind, opener offset, frame id)

        skip_to = -1
        for match in MARK_RE.finditer(text, lo, hi):
            i = match.start()
            if i < skip_to:
                continue
            mark = text[i]
            if (
                mark == "'"
                and text[i + 1 : i + 2] == "'"
                and stack
                and stack[-1][0] == "double"
                and _closeable(text[i - 1] if i > lo else " ", text[i + 2] if i + 2 < hi else " ")
            ):
                # `"... a good job.''`: two apostrophes typed for a closing double mark.
                _close(text, stack, spans, p_index, len(stack) - 1, i, i + 1)
                skip_to = i + 2
                continue
            if mark in '"“”„«»':
                prev = text[i - 1] if i > lo else " "
                nxt = text[i + 1] if i + 1 < hi else " "
                depth = (
                    next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == "double"), -1)
                    if stack  # an empty stack, the common case, has no open double mark
                    else -1
                )
                if mark in DOUBLE_OPEN:
                    role = "open"
                elif mark in DOUBLE_CLOSE:
                    # A closing mark that opens a quote (”It’s amazing ...,” she said): some
                    # wire copy is typeset with closing marks on both sides.
                    opens = depth < 0 and _openable(prev, nxt) and not _closeable(prev, nxt)
                    role = "open" if opens else "close"
                elif _openable(prev, nxt) and not _closeable(prev, nxt):
                    role = "open"
                elif _closeable(prev, nxt) and not _openable(prev, nxt):
                    role = "close"
                else:
                    role = "close" if depth >= 0 else "open"
                if role == "close" and depth >= 0:
                    _close(text, stack, spans, p_index, depth, i, i)
                elif role == "open":
                    if (
                        depth >= 0
                        and depth == len(stack) - 1
                        and not (mark in DOUBLE_OPEN and _closes_twice(text, i + 1, hi))
                    ):
                        _close(
                            text, stack, spans, p_index, depth, i, None
                        )  # a missing closing mark; start afresh
                    frame_parent[next_frame] = stack[-1][2] if stack else None
                    stack.append(("double", i, next_frame))
                    next_frame += 1
                continue
            if lo < i < hi - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
                continue  # it's, O'Brien: an apostrophe, as _single_role says first, tested inline
            role = _single_role(text, i, lo, hi)
            if role == "open":
                frame_parent[next_frame] = stack[-1][2] if stack else None
                stack.append(("single", i, next_frame))
                next_frame += 1
            elif role == "close" and stack and stack[-1][0] == "single":
                if _weak_close(text, i, hi) and _next_single_role(text, i, lo, hi) == "close":
                    continue  # a later mark closes this quote; this one is an apostrophe
                _close(text, stack, spans, p_index, len(stack) - 1, i, i)
        if stack:
            kind, _opener, frame = stack[0]
            reopened = p_index + 1 < len(paras) and _reopens(text, paras[p_index + 1][0], kind)
            if kind == "double" or reopened:
                count = len(spans)
                _close(text, stack, spans, p_index, 0, hi, None)
                if len(spans) > count:
                    spans[-1].continues = reopened
            else:
                frame_parent[frame] = None
    return _ordered(spans, frame_parent)


def _closes_twice(text: str, start: int, hi: int) -> bool:
    """Whether two closing double marks follow before the next opening one.

    `“... now being married, “what if my husband was killed?” It put me ...”`: a writer who
    nests double marks in double marks closes both, so the inner one is a nested quote and
    not a quote whose closing mark was left out.
    """
    closers = 0
    for match in DOUBLE_MARK_RE.finditer(text, start, hi):
        mark = match.group()
        if mark in DOUBLE_OPEN:
            return False
        if mark in DOUBLE_CLOSE:
            closers += 1
            if closers == 2:
                return True
    return False


def _close(
    text: str,
    stack: list[tuple[str, int, int]],
    spans: list[Span],
    paragraph: int,
    depth: int,
    end: int,
    closer: int | None,
) -> None:
    """Pop the mark at `depth` (and any unclosed marks above it) and record its span."""
    kind, opener, frame = stack[depth]
    parent = stack[depth - 1][2] if depth > 0 else None
    del stack[depth:]
    start = opener + 1
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append(Span(start, stop, kind, opener, closer, frame, parent, paragraph))


def _reopens(text: str, start: int, kind: str) -> bool:
    first = text[start]
    if kind == "double":
        return first in '"“„«'
    return first in "'‘‚‹" and _single_role(text, start, start, start + 2) == "open"


def _ordered(spans: list[Span], frame_parent: dict[int, int | None]) -> list[Span]:
    """Sort by start and point orphans (children of dropped marks) at the nearest kept ancestor."""
    spans.sort(key=lambda s: s.start)
    kept = {s.frame for s in spans}
    for span in spans:
        parent = span.parent_frame
        while parent is not None and parent not in kept:
            parent = frame_parent.get(parent)
        span.parent_frame = parent
    tops = [s for s in spans if s.parent_frame is None]
    for prev, span in zip(tops, tops[1:], strict=False):
        if prev.continues and span.paragraph == prev.paragraph + 1:
            span.continued = True
    return spans
