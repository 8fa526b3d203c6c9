"""Where sentences and phrases end: a full stop that is no abbreviation's (Mr., U.S., Calif.)
or initial's, and a "!" that is no name's (Yahoo!). One answer for the narrative's sentences
and a cue's phrase alike, so it stands alone.
"""

import re

ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Capt|Gen|St|Jr|Sr|vs|No|Inc|Ltd|Co|Lt|Col|Sgt|Rev|"
    "Mt|Ft|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|"
    # AP's state abbreviations in datelines and after towns: "JACKSON, Miss. (AP) —"
    "Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Kan|Ky|La|Md|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    "Okla|Ore|Tenn|Vt|Va|Wis|Wyo"
)
# Whether a text ends in an abbreviation's full stop, as a search of the text for
# rf"(?:\b(?:{ABBREVIATIONS})|\b[A-Z]|\.[A-Z])\.$" would tell: such a search for a match
# anchored at the end tries every position, so this is matched once, at the start of the text
# reversed (see _abbreviation_end).
ABBREVIATION_REVERSED_RE = re.compile(
    r"\.(?:(?:"
    + "|".join(word[::-1] for word in ABBREVIATIONS.split("|"))
    + r")\b|[A-Z]\b|[A-Z]\.)"
)
# A name that ends in "!" (E! Online, Yahoo! News) does not end the sentence.
NAME_BANG_RE = re.compile(r"(?:^|[\s(])[A-Z][A-Za-z]{0,6}!$")
BOUNDARY_RE = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9\x01])")
PHRASE_STOP_RE = re.compile('[.;:!?\n\x01"“]')
FULL_STOP_RE = re.compile(r"\.(?=\s)")


def _abbreviation_end(head: str) -> bool:
    """Whether `head` ends in the full stop of an abbreviation (Mr., U.S., Calif.) or initial."""
    return ABBREVIATION_REVERSED_RE.match(head[::-1]) is not None


def phrase_end(text: str, start: int) -> int:
    """Where a phrase from `start` ends: a full stop (not Mr. or U.S.), ; : ! ? or a quote."""
    match = PHRASE_STOP_RE.search(text, start)
    while match is not None:
        head = text[max(0, match.start() - 8) : match.start() + 1]
        mark = match.group()
        if not (
            (mark == "." and _abbreviation_end(head)) or (mark == "!" and NAME_BANG_RE.search(head))
        ):
            return match.start()
        match = PHRASE_STOP_RE.search(text, match.end())
    return len(text)


def _sentence_end_in(text: str) -> bool:
    for match in FULL_STOP_RE.finditer(text):
        if not _abbreviation_end(text[max(0, match.start() - 6) : match.start() + 1]):
            return True
    return False


def sentence_starts(masked: str, lo: int, hi: int) -> list[int]:
    """Offsets in [lo, hi) where a sentence begins, skipping abbreviations like Mr. and U.S."""
    while lo < hi and masked[lo].isspace():  # an indented first paragraph
        lo += 1
    starts = [lo]
    for match in BOUNDARY_RE.finditer(masked, lo, hi):
        head = masked[max(lo, match.start() - 8) : match.start() + 1]
        # The head ends on the boundary's first mark: only a full stop can close an
        # abbreviation, only "!" a name like Yahoo!
        mark = head[-1]
        if (mark == "." and _abbreviation_end(head)) or (mark == "!" and NAME_BANG_RE.search(head)):
            continue
        if match.end() < hi:
            starts.append(match.end())
    return starts
