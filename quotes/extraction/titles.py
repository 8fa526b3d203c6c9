"""Tell a quoted title of a work (the song "Bad Blood") from a quotation."""

import re

from .cues import speaks_after, word_pattern
from .lexicon import (
    INDIRECT_SPEECH_VERBS,
    SMALL_TITLE_WORDS,
    SPOKEN_CUES,
    STRONG_TITLE_CUES,
    TITLE_CUES,
    WORK_FOLLOWERS,
)

# The last word before a quote, read backwards: r"([A-Za-z][\w-]*)(?:['’]s)?[\s,:]*$" on the
# text itself finds the same word, but a search for a match anchored at the end is slow.
LAST_WORD_REVERSED_RE = re.compile(r"[\s,:]*(?:s['’])?([\w-]*[A-Za-z])")
SENTENCE_END_RE = re.compile(r"[.!?]\s")
WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")
NICKNAME_AROUND_RE = re.compile(r"(?:^|[\s(])[A-Z][a-z]+[ \t]$")
NAME_NEXT_RE = re.compile(r"[ \t][A-Z][\w'’-]+\b")


FOLLOWER_RE = re.compile(r"[ \t]+([a-z][a-z-]+)\b")
PREPOSITION_BEFORE_RE = re.compile(
    r"(?:\b(?:on|in|of|from|into|with|like|about|whose)|[a-z]['’]s)[ \t]+$"
)


# Real-copy round 2: "a comeback album, 2011's "Unbroken"", the cue word in the plural
# ("features singles"), "Actor ('Show')" in trade copy, ""Tidewater" is a quieter album", and
# a Title Case phrase at the end of someone's reported words ("told the paper that he is leading
# us on a path to "World War III."") that is theirs, not a work's name.
YEAR_BEFORE_RE = re.compile(r"\b(?:1[89]|20)\d\d['’]s[ \t]*$")
NAME_PAREN_BEFORE_RE = re.compile(r"[A-Z][\w'’-]+[ \t]+\($")
WORK_AFTER_RE = re.compile(
    r"[ \t]+(?:is|was|isn['’]t|wasn['’]t|remains)[ \t]+(?:[\w'’-]+[ \t]+){0,4}?"
    r"(?:album|song|single|film|movie|record|track|show|series|book|novel|play|musical"
    r"|documentary)\b"
)
REPORTED_VERB_RE = re.compile(rf"\b(?:{word_pattern(INDIRECT_SPEECH_VERBS)})\b")
SENTENCE_BREAK_RE = re.compile(r"[.!?][ \t]+[A-Z\"“‘']|\n")
HEADLINE_CUES = frozenset(("headline", "headlined"))


def _title_case(words: list[str]) -> bool:
    # The first word first: most quotations open in lower case, and then no word need be read.
    first = words[0].lstrip("(‘'\"“") if words else ""
    if not (first[:1].isupper() or first[:1].isdigit()):
        return False
    significant = [w for w in words if w.lower() not in SMALL_TITLE_WORDS]
    return bool(significant) and all(w[:1].isupper() or w[:1].isdigit() for w in significant)


def _headline_line(text: str, opener: int, closer: int) -> bool:
    """Whether the line holding the quote is itself set in Title Case, like a headline."""
    start = text.rfind("\n", 0, opener) + 1
    end = text.find("\n", closer)
    line = text[start : len(text) if end < 0 else end]
    outside = WORD_RE.findall(line[: opener - start] + " " + line[closer + 1 - start :])
    significant = [w for w in outside if w.lower() not in SMALL_TITLE_WORDS]
    return len(significant) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in significant)


def _reported(text: str, opener: int) -> bool:
    """Whether the sentence up to `opener` reports someone's words (said, told ... that)."""
    lo = max(0, opener - 300)
    for brk in SENTENCE_BREAK_RE.finditer(text, lo, opener):
        lo = brk.end() - 1  # "Sen." and "U.S. on" are no break: a capital must follow
    return REPORTED_VERB_RE.search(text, lo, opener) is not None


def is_title(text: str, opener: int, start: int, end: int, closer: int | None) -> bool:
    """Titles follow a cue word (film, song, album, titled, called ...) or are short Title Case."""
    if closer is None or end - start > 160:
        return False
    content = text[start:end].rstrip(",")
    words = content.split(None, 10)  # eleven parts at most: a title has ten words or fewer
    if not words or len(words) > 10 or SENTENCE_END_RE.search(content):
        return False
    before = text[max(0, opener - 60) : opener]
    cue = LAST_WORD_REVERSED_RE.match(before[-30:][::-1])
    cue_word = cue.group(1)[::-1].lower() if cue else ""
    if before.rstrip().endswith(":") and content.endswith((".", "?", "!")) and len(words) > 3:
        # `joked on her radio show: "If anyone knows a nice farmer, call in."`: after a colon,
        # a sentence that ends is what was said there, not the show's name (twentieth round).
        return False
    if cue_word not in TITLE_CUES and cue_word.endswith("s") and cue_word[:-1] in TITLE_CUES:
        cue_word = cue_word[:-1]  # features singles "Lantern" and ...
    # Whether the words are in Title Case, worked out once for the tests below.
    title_case = len(words) <= 6 and _title_case(words)
    if (
        len(words) <= 8
        and before.rstrip(" \t\n").endswith(("'s", "’s"))  # what YEAR_BEFORE_RE ends on
        and YEAR_BEFORE_RE.search(before)
        and (title_case if len(words) <= 6 else _title_case(words))
    ):
        return True  # a debut album, 2016's "Salt Roads,"
    if title_case and text.startswith(")", closer + 1) and NAME_PAREN_BEFORE_RE.search(before):
        return True  # Jonah Pike ('Fenwick Hall')
    if (
        title_case
        and text[closer + 1 : closer + 2] in (" ", "\t")
        and WORK_AFTER_RE.match(text, closer + 1)
    ):
        return True  # "Tidewater" is a quieter album
    if cue_word in HEADLINE_CUES:
        return words[0][:1].isupper() or words[0][:1].isdigit()  # headlined: "..." (ten words)
    if cue_word in STRONG_TITLE_CUES and len(words) <= 8:
        return words[0][:1].isupper() or words[0][:1].isdigit()
    if cue_word in TITLE_CUES:
        return title_case
    follower = FOLLOWER_RE.match(text, closer + 1) if len(words) <= 6 else None
    if (
        follower
        and follower.group(1) in WORK_FOLLOWERS
        and title_case
        and not before.rstrip().endswith((",", ":"))
    ):
        return True  # Former "Glee" star, the "Scream Queens" alum
    bare = content.rstrip(".,")
    if (
        len(words) == 1
        and bare[:1].isupper()
        and bare.isalpha()
        and PREPOSITION_BEFORE_RE.search(before)
        and not speaks_after(text, closer + 1, closer + 120, content)
    ):
        return True  # two years on "Ballerina," and ..., Greta Gerwig's "Barbie"
    if content.endswith(".") and not content.endswith(".."):
        # US style closes the sentence inside the marks: her mother in "Homecoming Queen."
        words = content[:-1].split()
        title_case = len(words) <= 6 and _title_case(words)
    elif content.endswith(("!", "?")):
        return False
    if len(words) < 2 or len(words) > 6:
        return False
    if not title_case or before.rstrip().endswith((",", ":")) or not before.strip():
        return False
    if cue_word in SPOKEN_CUES:
        return False  # `Albrecht whispers "Forgive me"`: words said aloud (twelfth round)
    if _headline_line(text, opener, closer):
        return False  # every word of a headline is capitalised, quotes included
    if (
        len(words) <= 3
        and NICKNAME_AROUND_RE.search(before)
        and NAME_NEXT_RE.match(text, closer + 1)
    ):
        return False  # Aaron "Lil Blaze" Ochieng: a nickname inside a name, not a work
    if speaks_after(text, closer + 1, closer + 120, content):
        return False
    if content.endswith(".") and _reported(text, opener):
        return False  # told the paper he is leading us on a path to "World War III."
    last = before.rstrip()[-1:]
    return last.isalnum()
