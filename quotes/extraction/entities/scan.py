"""The pass (`build_registry`): which runs are read (names in a quotation only where a
nested quotation needs them), runs joined into one name ("Department for Transport", "Avon and
Somerset Police", "Rosa and Dario Bellini"), and nicknames; each run then goes to `trim`.
"""

import bisect
import operator
import re
from collections.abc import Iterable, Sequence

from ..lexicon import COUPLE_NOUNS, GIVEN_NAMES, ORG_WORDS, PERSON_NOUNS, STOPWORDS
from .headlines import _split_at_verbs, title_case_line
from .names import POSSESSIVE_RE, is_org_name
from .registry import Registry
from .runs import HYPHEN_PARTICLE_RE, RUN_HYPHEN_RE, RUN_RE, find_runs
from .trim import _register

# "Department for Transport", "Office of Rail and Road": joined when the first part is a body.
JOINER_RE = re.compile(r"[ \t]+(?:of|for|and|on)(?:[ \t]+the)?[ \t]+$")
NICKNAME_RE = re.compile(
    # Zachary "zekken" Patrone: a gamer's handle may be one lower-case word or have digits
    r"[ \t]+[\"“‘'](?P<nick>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?|[a-z0-9][\w.-]*)[\"”’']"
    r"[ \t]+(?P<surname>[A-Z][\w'’-]+)"
)
# What can follow the first space of a NICKNAME_RE match: a quote mark or more space.
NICKNAME_SECOND = frozenset("\"“‘' \t")
# Bodies whose names go on with "to" and a verb: "Campaign to Protect Rural England".
ORG_TO_WORDS = frozenset(
    ["Campaign", "Coalition", "Alliance", "Committee", "Movement", "Society", "Fund", "Trust"]
)
SERVICE_PAIRS = frozenset(
    [("Fire", "Rescue"), ("Fire", "Emergency"), ("Search", "Rescue"), ("Health", "Safety")]
)
DEPARTMENT_RE = re.compile(
    r"(?:(?:The|A|An)\s+)?(?:Department|Ministry|Office)\s+(?:for|of)\s+[A-Z]"
)
HE_SHE_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er)\b")


def build_registry(
    text: str,
    quote_bounds: list[tuple[int, int, bool]],
    known: Iterable[Sequence[str]] | None = None,
) -> Registry:
    """One pass over the name-like runs of the text: link, class and note roles and genders.

    `quote_bounds` are the top-level quotations as (opening mark, end, has nested quotes).
    Names inside a quotation matter only for the quotations nested in it, so the others are
    skipped.
    """
    reg = Registry(known)
    starts = [b[0] for b in quote_bounds]
    run_re = RUN_HYPHEN_RE if HYPHEN_PARTICLE_RE.search(text) else RUN_RE
    # "I have to thank Dolly Parton," she said. "She wrote back, 'Keep singing,'": the names
    # in a quote matter too when the next quote of the paragraph reports someone's words.
    keep = [
        nested
        or (
            k + 1 < len(quote_bounds)
            and quote_bounds[k + 1][2]
            and "\n" not in text[end : quote_bounds[k + 1][0]]
            and HE_SHE_RE.search(text, quote_bounds[k + 1][0], quote_bounds[k + 1][1]) is not None
        )
        for k, (_opener, end, nested) in enumerate(quote_bounds)
    ]
    # Names inside a quotation that no nested quotation needs are never looked for.
    gaps = []
    pos = 0
    for (opener, end, _nested), kept in zip(quote_bounds, keep, strict=True):
        if not kept:
            gaps.append((pos, opener))
            pos = max(pos, end)
    gaps.append((pos, len(text)))
    runs = [[m.start(), m.end()] for lo, hi in gaps for m in find_runs(text, lo, hi, run_re)]
    headlines: dict[int, bool] = {}
    merged: list[list[int]] = []
    for run in runs:
        if merged and run[0] - merged[-1][1] < 10:
            prev = merged[-1]
            gap = text[prev[1] : run[0]]
            if (
                JOINER_RE.match(gap + " ")
                and text[prev[0] : prev[1]].split()[-1] in ORG_WORDS
                # "the White House on Thursday"
                and text[run[0] : run[1]].split()[0].lower() not in STOPWORDS
            ):
                prev[1] = run[1]
                continue
            if (
                gap == " and "
                and (text[prev[0] : prev[1]].split()[-1], text[run[0] : run[1]].split()[0])
                in SERVICE_PAIRS
            ):
                # "Suffolk Fire and Rescue", "Fire and Emergency New Zealand": an emergency
                # service's name has its "and" inside (real-copy round 3).
                prev[1] = run[1]
                continue
            if (
                gap == " to "
                and text[prev[0] : prev[1]].split()[-1] in ORG_TO_WORDS
                and text[run[0] : run[1]].split()[0].lower() not in STOPWORDS
            ):
                # "Campaign to Protect Rural England", "Coalition to End Homelessness".
                prev[1] = run[1]
                continue
            if (
                gap == " and "
                and text[run[0] : run[1]].split()[-1] in ORG_WORDS
                and text[run[0] : run[1]].split()[0].lower() not in STOPWORDS
                and _and_joins_a_body(text[prev[0] : prev[1]].split())
            ):
                # "Avon and Somerset Police", "National Oceanic and Atmospheric
                # Administration": one body whose name has an "and" in it.
                prev[1] = run[1]
                continue
            if (
                gap == " and "
                and DEPARTMENT_RE.match(text, prev[0], prev[1])
                and len(text[run[0] : run[1]].split()) <= 2
                and text[run[0] : run[1]].split()[0].lower() not in STOPWORDS
            ):
                # "Department for Business and Trade", "Ministry of Housing and Local
                # Government": a department's remit joined by "and" is one name.
                prev[1] = run[1]
                continue
        merged.append(run)
    lone: dict[str, bool] | None = None  # read once, only if a run of three words needs it
    for k, (start, end) in enumerate(merged):
        i = bisect.bisect_right(starts, start) - 1
        inside = i >= 0 and start < quote_bounds[i][1]
        if inside and not keep[i]:
            continue
        # Cheap tests of what the regexes open on first: most runs have neither after them.
        surname = _shared_surname(text, merged, k) if text.startswith(" and ", end) else None
        nickname = (
            NICKNAME_RE.match(text, end)
            if text.startswith((" ", "\t"), end) and text[end + 1 : end + 2] in NICKNAME_SECOND
            else None
        )
        if nickname and not inside:
            # Paul "Gazza" Gascoigne: one person, whose nickname may stand for them later, and
            # whose given name alone (Quavious "Q-Dot" Merriweather) is known or not.
            surname = nickname.group("surname")
        count = len(reg.mentions)
        # One word is never split (the test _split_at_verbs starts with, done here first).
        parts = (
            _split_at_verbs(text, start, end, headlines)
            if text.find(" ", start, end) >= 0
            else ((start, end),)
        )
        if (
            # a caption or headline opens its line, or follows a link's label ("Related Story:")
            (start == 0 or text[start - 1] == "\n" or text.endswith(": ", 0, start))
            and text.count(" ", start, end) >= 2
            and parts[0] == (start, end)
            and _headline(text, start, headlines)
        ):
            if lone is None:
                lone = _lone_words(text, merged, headlines)
            parts = _mononym_first(text, start, end, lone)
        for part_start, part_end in parts:
            _register(reg, text, part_start, part_end, inside, surname, bool(nickname))
        if nickname and not inside and len(reg.mentions) > count:
            nick = nickname.group("nick").removeprefix("The ")
            reg.alias(nick, reg.mentions[-1].entity)
            if " " in nick:
                reg.alias(nick.split()[-1], reg.mentions[-1].entity)  # "Lil Blaze", then "Blaze"
    reg.mentions.sort(key=operator.attrgetter("start"))  # a key read in C, not by a lambda
    reg.starts = [m.start for m in reg.mentions]
    return reg


def _and_joins_a_body(words: list[str]) -> bool:
    """Whether a run before "and" can open a body's name: short, no possessive, no person's
    given name, no body's name of its own. A leading "The" is no part of it ("The Competition
    and Markets Authority")."""
    if len(words) > 1 and words[0] == "The":
        words = words[1:]
    return (
        0 < len(words) <= 2
        and words[0].lower() not in GIVEN_NAMES
        and words[0].lower() not in STOPWORDS
        and words[-1] not in ORG_WORDS
        and not POSSESSIVE_RE.search(words[-1])
        and not any(w.isupper() and len(w) > 1 for w in words)
    )


# Words before a given name that leave it a given name ("Twins Maya and ...", "Actor Leo ..."),
# as opposed to a given name before it ("Mark Dalton and ...").
PAIR_LEAD_NOUNS = PERSON_NOUNS | COUPLE_NOUNS


def _shared_surname(text: str, runs: list[list[int]], k: int) -> str | None:
    """ "Rosa and Dario Bellini", "Twins Maya and Leo Hart": the first given name shares the
    surname that follows the second."""
    if k + 1 >= len(runs) or text[runs[k][1] : runs[k + 1][0]] != " and ":
        return None
    first = [w for w in text[runs[k][0] : runs[k][1]].split() if w.lower() not in STOPWORDS]
    second = text[runs[k + 1][0] : runs[k + 1][1]].split()
    stop = second[0].lower() in STOPWORDS and second[0].lower() not in GIVEN_NAMES  # June
    if len(second) != 2 or is_org_name(second) or stop:
        return None
    if not first or first[-1].lower() not in GIVEN_NAMES or second[1].lower() in GIVEN_NAMES:
        return None
    if len(first) > 1 and first[-2].lower() not in PAIR_LEAD_NOUNS:
        return None  # "Sen. Mark Dalton and ...": the first already has a surname
    return POSSESSIVE_RE.sub("", second[1])


def _lone_words(text: str, runs: list[list[int]], headlines: dict[int, bool]) -> dict[str, bool]:
    """Names of one word the text gives on their own ("for Rihanna to release"), each marked
    True when a longer run in prose (not on a Title Case line) opens on it too: then it may be
    a given name ("Harry" and "Harry Styles"), and a headline's run is left whole."""
    lone: dict[str, bool] = {}
    for start, end in runs:
        if text.find(" ", start, end) < 0:
            lone.setdefault(text[start:end], False)
    if lone:
        for start, end in runs:
            space = text.find(" ", start, end)
            first = text[start:space] if space >= 0 else ""
            if lone.get(first) is False:
                lone[first] = not _headline(text, start, headlines)
    return lone


def _headline(text: str, pos: int, headlines: dict[int, bool]) -> bool:
    line = text.rfind("\n", 0, pos) + 1
    headline = headlines.get(line)
    if headline is None:
        headline = headlines[line] = title_case_line(text, pos)
    return headline


def _mononym_first(text: str, start: int, end: int, lone: dict[str, bool]) -> list[tuple[int, int]]:
    """ "Rihanna Super Bowl News Conference (Credit: Apple Music)", "Rihanna Wows With Super
    Bowl Halftime Show": a caption's or headline's Title Case glues a name the text gives alone
    elsewhere, and never with more words in prose, to the words after it. Of such a run of three
    words or more on a Title Case line only that name is kept: the words after it name no one
    (real-copy round 8)."""
    words = text[start:end].split()
    if lone.get(words[0]) is not False:
        return [(start, end)]
    if any(word.lower() in GIVEN_NAMES for word in words[1:]):
        return [(start, end)]  # "Harriers Manager Ellen Price": a person after the team
    return [(start, start + len(words[0]))]
