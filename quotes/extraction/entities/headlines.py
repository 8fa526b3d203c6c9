"""A headline's Title Case run cut at its verb ("Ben Affleck Talks Up Cast"), and whether a
line is such a headline. It reads the whole line, not the run, and its `HEADLINE_VERBS` serve
the cues too, so it stands apart from the trimming of one run.
"""

import re

from ..lexicon import HEADLINE_VERB_WORDS, SMALL_TITLE_WORDS, SPEECH_VERBS
from .names import gender_of_first_name
from .roles import ROLE_KEYS
from .runs import WORD_RE

LINE_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")
# The last word of a publication's or programme's name: "Mirror Online", "Sky News".
HEADLINE_VERBS = (SPEECH_VERBS | HEADLINE_VERB_WORDS) - {
    "post",
    "posts",
    "asks",
    "states",
    "read",
    "reads",
}

# A headline's run is cut at a document noun too: "Whitehouse Statement on Government Funding
# Votes" names Whitehouse (real-copy round 11).
HEADLINE_CUTS = HEADLINE_VERBS | {"statement", "statements"}


def _split_at_verbs(
    text: str, start: int, end: int, headlines: dict[int, bool] | None = None
) -> list[tuple[int, int]]:
    """A headline's Title Case glues a name to its verb ("Ben Affleck Talks Up Cast"): cut
    the run at any capitalised verb after its first word."""
    if text.find(" ", start, end) < 0:
        return [(start, end)]
    if text.find(" And ", start, end) >= 0:
        return [
            cut
            for part in _split_at_and(text, start, end, headlines)
            for cut in _split_at_verbs_of_part(text, *part, headlines)
        ]
    return _split_at_verbs_of_part(text, start, end, headlines)


def _split_at_and(
    text: str, start: int, end: int, headlines: dict[int, bool] | None
) -> list[tuple[int, int]]:
    """ "Watch Cameron And Corbyn Shout At Each Other": in a Title Case headline a capitalised
    "And" joins two people, never one name (real-copy round 11)."""
    at = text.find(" And ", start, end)
    if at < 0 or not _headline(text, start, headlines):
        return [(start, end)]
    first = (start, at)
    if text.find(" ", start, at) >= 0 and not gender_of_first_name(text[start:at].split()[0]):
        first = (text.rfind(" ", start, at) + 1, at)  # "Watch Cameron": the name before "And"
    return [first, *_split_at_and(text, at + 5, end, headlines)]


def _headline(text: str, start: int, headlines: dict[int, bool] | None) -> bool:
    line = text.rfind("\n", 0, start) + 1
    headline = headlines.get(line) if headlines is not None else None
    if headline is None:
        headline = title_case_line(text, start)
        if headlines is not None:
            headlines[line] = headline  # one answer for every name on the line
    return headline


def _split_at_verbs_of_part(
    text: str, start: int, end: int, headlines: dict[int, bool] | None = None
) -> list[tuple[int, int]]:
    if text.find(" ", start, end) < 0:
        return [(start, end)]
    # Only a verb after the first word cuts a run: without one the run is kept whole on any
    # line, so the line is read only for the few runs that have one.
    if HEADLINE_CUTS.isdisjoint(text[start:end].lower().split()[1:]):
        return [(start, end)]
    if not _headline(text, start, headlines):
        return [(start, end)]
    parts = []
    part_start = start
    words = list(WORD_RE.finditer(text, start, end))
    after_verb = False
    for word in words[1:]:
        if word.group().lower() in HEADLINE_CUTS:
            if word.start() > part_start and not after_verb:
                parts.append((part_start, text.rfind(" ", part_start, word.start())))
            part_start = word.end() + 1
            after_verb = True
    if part_start < end:
        rest = text[part_start:end].split()
        # After the verb comes its object: a name only when it opens with a given name.
        if not after_verb or (
            rest and (gender_of_first_name(rest[0]) or rest[0].lower().rstrip(".") in ROLE_KEYS)
        ):
            parts.append((part_start, end))
    return [(a, b) for a, b in parts if b > a]


def title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding `pos` is a headline set in Title Case."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    significant = 0
    # Stop at the first lowercase word: a paragraph of prose is read only up to there.
    for match in LINE_WORD_RE.finditer(text, start, len(text) if end < 0 else end):
        word = match.group()
        if word.lower() in SMALL_TITLE_WORDS:
            continue
        if not (word[:1].isupper() or word[:1].isdigit()):
            return False
        significant += 1
    return significant >= 4
