"""Which words of one run are a name (`_register`): link labels, award categories,
things, dates and datelines are no names; leading words, an office, a possessive owner and
suffixes come off. It reads the run's own text and what touches it, before any classing.
"""

import re

from ..lexicon import (
    GIVEN_NAMES,
    NAME_SUFFIXES,
    ORG_WORDS,
    OUTLETS,
    PERSON_NOUNS,
    PUBLICATION_ENDINGS,
    STOPWORDS,
)
from .classify import _add, _at_sentence_start
from .names import POSSESSIVE_ENDINGS, POSSESSIVE_RE
from .registry import Mention, Registry
from .roles import ROLE_KEYS, _all_roles
from .runs import WORD_RE

DATELINE_AFTER_RE = re.compile(r"(?:,[^\n—–(]{1,30})?[ \t]*(?:\([^)\n]{1,20}\))?[ \t]*[—–-]")
OFFICE_OF_RE = re.compile(r"\b([A-Z][a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
LOWER_COMPOUND_RE = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)+")
NUMBER_COMPOUND_RE = re.compile(
    r"(?:\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|Forty"
    r"|Fifty|Hundred|First|Second|Third|Fourth|Fifth|Multi|Double|Triple|Half)-[a-z]"
)
YEAR_AFTER_RE = re.compile(r"[ \t]+(?:1[89]|20)\d\d\b")
# What can follow the first space of a YEAR_AFTER_RE match, tested before the regex.
YEAR_SECOND = frozenset("12 \t")
DATE_PREPOSITIONS = frozenset(
    ["in", "on", "since", "until", "till", "by", "from", "of", "last", "next", "early", "late"]
    + ["mid", "this", "that", "during", "before", "after", "through", "between"]
)


def _month_name(text: str, words: list[str], offsets: list[int]) -> bool:
    """ "Harold and June Whitcombe", "April Ryan": a month that is also a given name, before a
    surname, and not after "in", "since" or the like (which make it a date)."""
    if len(words) < 2 or words[0].lower() not in GIVEN_NAMES or not words[1][:1].isupper():
        return False
    if words[1].lower() in STOPWORDS:
        return False
    before = text[max(0, offsets[0] - 12) : offsets[0]].split()
    return not before or before[-1].lower() not in DATE_PREPOSITIONS


JUST_SUBJECT_RE = re.compile(r" (?:said|says|told|added|claimed|called|warned)\b")
# Lower-case nouns for things that never speak, which a name before them only names:
# "the James Webb telescope", "the Gordon Banks statue" (twentieth round).
THING_AFTER_RE = re.compile(
    r" (?:telescope|spacecraft|rover|satellite|stadium|trophy|medal|statue|memorial|"
    r"bridge|tunnel|locomotive|warship)s?\b"
)


# A web page's link or section label opening a line ("READ MORE: ...", "WATCH: ...", "Related:
# ..."): the label is no name, whatever its case (real-copy round 5).
LINK_LABEL_RE = re.compile(
    r"(?:read more|read also|read next|also read|more|see also|see|watch|watch now|listen|"
    r"related(?: stor(?:y|ies)| articles?| news| content)?|recommended|latest|trending|pictured|"
    r"photos?|videos?|gallery|sponsored|"
    r"advertisement)[ \t]*[:|]",
    re.IGNORECASE,
)
# An award's category is no name: "Best Actor in a Leading Role: ...", "Outstanding Drama
# Series", "Best Picture" (real-copy round 5).
AWARD_LEADS = frozenset(["Best", "Outstanding", "Favorite", "Favourite"])
AWARD_WORDS = frozenset(
    ["picture", "film", "feature", "movie", "series", "drama", "comedy", "song", "album"]
    + ["record", "single", "score", "supporting", "leading", "original", "adapted"]
    + ["animated", "documentary", "foreign", "international", "new", "debut", "performance"]
    + ["ensemble", "cast", "screenplay", "cinematography", "editing", "direction", "music"]
)
AWARD_LEADS_PREFIXES = tuple(lead + " " for lead in AWARD_LEADS)
AWARD_SECONDS = AWARD_WORDS | PERSON_NOUNS | ROLE_KEYS


def _at_line_start(text: str, start: int) -> bool:
    # back over spaces and bullets only, to a line break or the start of the text (no search
    # back through the line, no slice of it: a name is mostly one space after a word)
    k = start - 1
    while k >= 0 and text[k] in LINE_LEAD_CHARS:
        k -= 1
    return k < 0 or text[k] == "\n"


LINE_LEAD_CHARS = frozenset(" \t\u2022*-\u00a0")


def _register(
    reg: Registry,
    text: str,
    start: int,
    end: int,
    inside: bool,
    surname: str | None = None,
    nicknamed: bool = False,
) -> None:
    run = text[start:end]
    single = " " not in run and "\t" not in run
    if single:
        low = run.lower()
        # A function word alone ("The", "But", "He"), a fifth of all runs: the test that
        # returns for it below, made first (every test before it only returns too).
        if (
            low in STOPWORDS
            and not (low in GIVEN_NAMES and low in reg.tokens)
            and run.casefold() not in OUTLETS
        ):
            return
    if (
        run[:1] in "RrMmSsWwLlTtPpVvGgAa"
        and _at_line_start(text, start)  # tested first now that it is the cheaper
        and LINK_LABEL_RE.match(text, start)
    ):
        return  # "READ MORE: ...": a link line's label
    if run[:1] in "BOF" and run.startswith(AWARD_LEADS_PREFIXES):
        second = run.split(maxsplit=2)[1:2]
        if second and second[0].rstrip(":,").lower() in AWARD_SECONDS:
            return  # "Best Actor", "Outstanding Drama Series": an award's category
    if text.startswith(" ", end) and text[end + 1 : end + 2].islower():
        after = THING_AFTER_RE.match(text, end)
        if after is not None:
            return  # "the James Webb telescope", "the Curiosity rover": a thing, not a name
    month = False
    if single:
        if text[end + 1 : end + 2] in YEAR_SECOND and YEAR_AFTER_RE.match(text, end):
            return  # "Summer 2019", "March 2020": a date, not a name
        if run.isupper() and low in PERSON_NOUNS:
            return  # "the two-time MVP", "the CEO": a role in capitals, not a body's name
        capitals = len(run) > 5 and run.isupper() and run.isalpha()
        month = low in GIVEN_NAMES and low in reg.tokens  # "June said"
        if (low in STOPWORDS or capitals) and run.casefold() not in OUTLETS and not month:
            return  # a function word, or a dateline in capitals (WASHINGTON)
        words, offsets = [run], [start]
    else:
        if run.replace(" ", "").replace(".", "").isupper() and DATELINE_AFTER_RE.match(text, end):
            return  # "FORT MYERS, Fla. (AP) —": a dateline, not a name
        words = run.split()  # a run's words are parted by spaces and tabs only
        if "  " not in run and "\t" not in run:
            # One space between words: their offsets follow from their lengths.
            offsets = []
            at = start
            for word in words:
                offsets.append(at)
                at += len(word) + 1
        else:
            offsets = [word.start() for word in WORD_RE.finditer(text, start, end)]
    had_the = text.endswith(("the ", "The "), 0, start)
    while words and (
        (
            words[0].lower().rstrip(".") in STOPWORDS
            and not month
            and not _month_name(text, words, offsets)
            # "Sir Lindsay Hoyle": a style before a name is his title, not the vocative "Sir,"
            and not (words[0] in ("Sir", "Dame") and len(words) > 1)
            # "Just Stop Oil said", "Just Eat said": an adverb opening a body's name, when the
            # run is the subject of a report (twentieth round)
            and not (
                words[0] == "Just"
                and len(words) > 1
                and words[1].lower() not in GIVEN_NAMES
                and JUST_SUBJECT_RE.match(text, end)
            )
        )
        # "Former England midfielder"; "Local schoolgirl Isla Grant" (twelfth round)
        or words[0] in ("Said", "Says", "Former", "Late", "Fellow", "Local", "Retired", "Teenage")
        or ("-" in words[0] and NUMBER_COMPOUND_RE.match(words[0]))  # "Two-goal hero"
        # "Runner-up Tommy Castellanos", "Co-founder Ana Ruiz": a compound whose parts after
        # the hyphen are lowercase is a role word; a name's parts are capitalised (Hague-Fry).
        or (len(words) > 1 and "-" in words[0] and LOWER_COMPOUND_RE.fullmatch(words[0]))
    ):
        had_the = had_the or words[0].lower() == "the"
        words, offsets = words[1:], offsets[1:]
    if not words:
        return
    office = (
        OFFICE_OF_RE.search(text, max(0, start - 40), start)
        # the literal "of" the regex needs, looked for first: most runs have none before them
        if len(words) >= 3 and text.find("of", max(0, start - 40), start) >= 0
        else None
    )
    if office and office.group(1).lower() in ROLE_KEYS:
        # "Secretary of State Adrian Fontes", "Chancellor of the Exchequer Rachel Reeves": the
        # office's last word is not the first name.
        words, offsets = words[1:], offsets[1:]
    if (
        len(words) >= 3
        and words[1].lower() in GIVEN_NAMES
        and words[0].lower() not in GIVEN_NAMES
        and words[0].lower().rstrip(".") not in ROLE_KEYS
        and _at_sentence_start(text, offsets[0])
    ):
        # "Add Sam Smith to the list": a capitalised verb or adverb opens the sentence.
        words, offsets = words[1:], offsets[1:]
    # A possessive inside the run ("Labour's Helen Marsh") ends a name of its own. Every test
    # below that acts ends on an apostrophe: a run with none is not read word by word.
    office_end = words[-1] in ("Office", "Department")
    for i, word in enumerate(words[:-1] if "'" in run or "’" in run else ()):
        if word.endswith(("s'", "s’")) and words[-1] in ORG_WORDS:
            break  # "Manchester United Supporters' Trust": one body's name
        if (
            office_end
            and i == len(words) - 2
            and POSSESSIVE_RE.sub("", word).lower() in OFFICE_OWNERS
        ):
            break  # "the Ferris County Sheriff's Office": one body (real-copy round 4)
        if word.endswith(POSSESSIVE_ENDINGS):
            if _publication_after(words, i):
                # "for Harper's Bazaar UK", "Reader's Digest": a magazine's name, not the
                # possessive of a person called Harper (real-copy round 5).
                joined = " ".join(words)
                entity = reg.entity(joined, "outlet")
                reg.mentions.append(Mention(offsets[0], offsets[0] + len(joined), entity, inside))
                return
            _add(reg, text, words[: i + 1], offsets[0], inside, had_the, possessive=True)
            words, offsets = words[i + 1 :], offsets[i + 1 :]
            had_the = False
            break
    possessive = words[-1].endswith(POSSESSIVE_ENDINGS)
    if possessive:
        words[-1] = POSSESSIVE_RE.sub("", words[-1])
    while len(words) > 1 and words[-1] in NAME_SUFFIXES and not _all_roles(words):
        words = words[:-1]
    if words and words[0] not in ("", "'"):
        if surname is not None and (words[-1].lower() in GIVEN_NAMES or nicknamed):
            count = len(reg.mentions)
            _add(reg, text, [*words, surname], offsets[0], inside, had_the, possessive)
            for mention in reg.mentions[count:]:
                mention.end = min(mention.end, end)  # the surname is not in this run's text
            return
        _add(reg, text, words, offsets[0], inside, had_the, possessive=possessive)


def _publication_after(words: list[str], i: int) -> bool:
    """Whether the words after the possessive `words[i]` end a publication's name: "Bazaar",
    "Digest", "Weekly", with an edition after it or not ("UK", "Online")."""
    rest = words[i + 1 :]
    while len(rest) > 1 and (
        rest[-1] in ("Online", "Digital") or (rest[-1].isupper() and len(rest[-1]) <= 3)
    ):
        rest = rest[:-1]
    return (
        0 < len(rest) <= 2
        and rest[-1] in PUBLICATION_ENDINGS
        and not any(w.lower() in GIVEN_NAMES for w in rest)
    )


OFFICE_OWNERS = frozenset(
    ["sheriff", "coroner", "prosecutor", "attorney", "general", "governor", "mayor", "marshal"]
    + ["commissioner", "examiner", "auditor", "comptroller", "treasurer", "clerk", "solicitor"]
)
