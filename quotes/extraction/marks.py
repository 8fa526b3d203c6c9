"""Find quoted spans by pairing quotation marks, telling quote marks from apostrophes."""

import functools
import operator
import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
MARKS = "\"'“”„«»‘’‚‹›"
MARK_RE = re.compile(f"[{MARKS}]")
# The marks a text of ASCII alone can hold, tested faster on every character scanned.
ASCII_MARK_RE = re.compile(f"[{''.join(mark for mark in MARKS if mark.isascii())}]")
DOUBLE_MARK_RE = re.compile("[“”„«»]")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK_RE = re.compile(r"\s*\n\s*")
NON_SPACE_RE = re.compile(r"\S")
# Lines a web page puts into the copy: an advert's label, a link to another story. A quotation
# left open is not taken on over one (real-copy round 2).
BOILERPLATE = (
    r"(?:advertisement|hide ad|also read|read more|read also|read next|see also|related"
    r"|recommended|story continues|continue reading|scroll to continue)\b"
)
BOILERPLATE_LINE_RE = re.compile(r"\n[ \t]*" + BOILERPLATE, re.IGNORECASE)
BOILERPLATE_RE = re.compile(r"[ \t]*" + BOILERPLATE, re.IGNORECASE)
ANY_DOUBLE_RE = re.compile('["“”„«»]')
# How many paragraphs with no double mark a quote left open may run over before the paragraph
# that closes it.
MAX_BARE_PARAGRAPHS = 2
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
    marks_re = ASCII_MARK_RE if text.isascii() else MARK_RE
    left_open: Span | None = None  # a double quote left open at the end of its paragraph
    bare: list[int] = []  # paragraphs with no double mark since then
    for p_index, (lo, hi) in enumerate(paras):
        stack: list[tuple[str, int, int]] = []  # (kind, opener offset, frame id)
        if left_open is not None:
            first = ANY_DOUBLE_RE.search(text, lo, hi)
            if BOILERPLATE_RE.match(text, lo):
                pass  # "Also read: ..." between the parts of the quote
            elif first is None and len(bare) < MAX_BARE_PARAGRAPHS:
                bare.append(p_index)
            else:
                if first is not None and _closes_left_open(text, first.start(), lo, hi):
                    next_frame = _continue_to(
                        text, spans, frame_parent, next_frame, paras, left_open, bare, p_index
                    )
                left_open = None
                bare = []

        skip_to = -1
        for match in marks_re.finditer(text, lo, hi):
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
                # the innermost open double mark (-1 if none): a loop, not next() over a generator
                depth = len(stack) - 1
                while depth >= 0 and stack[depth][0] != "double":
                    depth -= 1
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
                    top = next((s for s in spans[count:] if s.frame == frame), None)
                    if kind == "double" and not reopened and top is not None:
                        left_open, bare = top, []
            else:
                frame_parent[frame] = None
    return _ordered(spans, frame_parent)


def _closes_left_open(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether the paragraph's first double mark plainly closes a quote (`... deserved it,”`)."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (
        text[i] in '"”»' and prev in ".,!?…" and _closeable(prev, nxt) and not _openable(prev, nxt)
    )


def _continue_to(
    text: str,
    spans: list[Span],
    frame_parent: dict[int, int | None],
    next_frame: int,
    paras: tuple[tuple[int, int], ...],
    left_open: Span,
    bare: list[int],
    p_index: int,
) -> int:
    """A quote left open, then paragraphs with no opening mark, the last of which closes it.

    A statement set out over several paragraphs with only its first opening mark and its last
    closing mark (and, in web copy, an "Also read:" line in between): each paragraph is a part
    of the same quote (real-copy round 2). Returns the next free frame id.
    """
    previous = left_open
    for index in [*bare, p_index]:
        lo, hi = paras[index]
        closer = None
        if index == p_index:
            first = ANY_DOUBLE_RE.search(text, lo, hi)
            assert first is not None
            closer = hi = first.start()
        stop = hi
        while stop > lo and text[stop - 1].isspace():
            stop -= 1
        if stop > lo:
            # no opening mark: the part opens where its paragraph does
            span = Span(lo, stop, "double", lo, closer, next_frame, None, index, continued=True)
            frame_parent[next_frame] = None
            next_frame += 1
            spans.append(span)
            previous.continues = True
            previous = span
    return next_frame


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
    if closer is not None and depth == len(stack) - 2 and stack[-1][0] == "single":
        # `"... and say 'Mum, where are my keys." she said`: a single mark never closed before
        # the double mark around it closes; its words end where the outer quote ends (real-copy
        # round 2). Only words that open like speech, a capital and then a space within them.
        inner = stack[-1][1]
        words = text[inner + 1 : end]
        if words[:1].isupper() and " " in words.strip() and kind == "double":
            _close(text, stack, spans, paragraph, len(stack) - 1, end, None)
    del stack[depth:]
    start = opener + 1
    while start < end and text[start].isspace():
        start += 1
    stop = end
    if closer is None and text.find("\n", start, end) >= 0:  # the pattern opens on a break
        boilerplate = BOILERPLATE_LINE_RE.search(text, start, end)
        if boilerplate is not None:
            stop = boilerplate.start()
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append(Span(start, stop, kind, opener, closer, frame, parent, paragraph))


def _reopens(text: str, start: int, kind: str) -> bool:
    first = text[start]
    if kind == "double":
        # Copy typeset with closing marks on both sides reopens with one too (”Some people
        # ...): at a paragraph's start, before a word, it can only open.
        return first in '"“„«' or (first == "”" and text[start + 1 : start + 2].strip() != "")
    return first in "'‘‚‹" and _single_role(text, start, start, start + 2) == "open"


def _ordered(spans: list[Span], frame_parent: dict[int, int | None]) -> list[Span]:
    """Sort by start and point orphans (children of dropped marks) at the nearest kept ancestor."""
    spans.sort(key=operator.attrgetter("start"))  # a key read in C, not by a lambda
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
