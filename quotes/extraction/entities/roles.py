"""Titles and roles: the role words (`ROLE_KEYS`, offices that stand alone), the
titles split off before a name, and the roles its context gives it: a role noun before it,
a nationality, an appositive after it. The pass, the cues and attribution all read them.
"""

import functools
import re

from ..lexicon import (
    APPOSITIVE_STOPS,
    DEMONYMS,
    GIVEN_NAMES,
    PERSON_NOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLES,
)

OFFICE_QUALIFIERS = frozenset(
    ["shadow", "former", "ex", "deputy", "vice", "assistant", "acting", "interim", "outgoing"]
)
LOWER_WORD_RE = re.compile(r"[a-z][a-z-]*")
PEERAGE = frozenset(
    {
        "lord",
        "lady",
        "baroness",
        "baron",
        "duke",
        "duchess",
        "earl",
        "countess",
        "prince",
        "princess",
        "king",
        "queen",
    }
)
ABBREVIATED = {
    "sen": "senator",
    "sens": "senator",
    "senators": "senator",
    "rep": "representative",
    "reps": "representative",
    "representatives": "representative",
    "gov": "governor",
    "capt": "captain",
    "gen": "general",
    "prof": "professor",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
}
NOT_ROLES = frozenset(
    {"mr", "mrs", "ms", "dr", "miss", "sir", "dame", "the", "and", "or", "of", "by", "with"}
)
# Lowercase words before a name that are not a role: "said Jane Doe", "with John".
NOT_ROLE_BEFORE = (
    STOPWORDS
    | SPEECH_VERBS
    | frozenset(
        [
            "and",
            "or",
            "but",
            "nor",
            "to",
            "of",
            "by",
            "with",
            "from",
            "for",
            "at",
            "in",
            "on",
            "as",
            "than",
            "into",
            "onto",
            "upon",
            "about",
            "against",
            "between",
            "including",
            "like",
            "named",
            "called",
            "dubbed",
            "via",
            "whom",
            "whose",
            "star-studded",
            "alongside",
            "opposite",
            "beside",
            "behind",
            "past",
            "versus",
            "vs",
            "joined",
            "join",
            "joins",
            "met",
            "meet",
            "meets",
            "married",
            "marries",
            "dating",
            "dated",
            "replaced",
            "replaces",
            "beat",
            "beats",
            "defeated",
            "defeats",
            "thanked",
            "thanks",
            "hugged",
            "praised",
            "blamed",
            "introduced",
            "presented",
            "present",
            "presents",
            "interviewed",
            "interviews",
            "sued",
            "sues",
            "hired",
            "hires",
            "fired",
            "fires",
            "signed",
            "signs",
            "cast",
            "casts",
            "directed",
            "directs",
            "produced",
            "produces",
            "starring",
            "featuring",
        ]
    )
)
ROLE_KEYS = frozenset(t.rstrip(".") for t in TITLES) | ROLE_WORDS
# Offices that stand for a person on their own: "the Chancellor", "the President".
STANDALONE_TITLES = ROLE_KEYS - frozenset(
    [
        "labour",
        "tory",
        "conservative",
        "republican",
        "democrat",
        "democratic",
        "foreign",
        "finance",
        "health",
        "home",
        "shadow",
        "deputy",
        "vice",
        "prime",
        "interior",
        "defence",
        "defense",
        "education",
        "majority",
        "minority",
        "battalion",
    ]
)
APPOSITIVE_RE = re.compile(r",[ \t]+(?P<body>[^,;:.!?\n\"“”]{2,100})(?=,)")
ROLE_OF_YEARS_RE = re.compile(r"\b([a-z]+) of (?:\d+|[a-z]+(?:-[a-z]+)?) years?,[ \t]+$")
APPOSITIVE_END_RE = re.compile(
    r",[ \t]+(?P<body>(?:the|a|an)[ \t][^,;:.!?\n\"“”]{2,100})(?=\.(?:\s|$))"
)


def role_key(words: list[str]) -> str:
    return "-".join(w.lower().rstrip(".,") for w in words)


def split_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Separate leading titles and roles ("Republican Senator", "Dr") from the name itself."""
    if len(words) == 1:
        return [], words[:]  # one word is a name with no title before it
    last = -1
    for i, word in enumerate(words[:-1]):
        if _is_role(word.lower().rstrip(".")):
            last = i
    titles, name = words[: last + 1], words[last + 1 :]
    if len(words) == 2 and last == 0 and words[0].lower() in GIVEN_NAMES:
        return [], words  # "Dean Hollis": a given name that is also a title
    if (
        len(name) == 1
        and len(titles) >= 2
        and titles[-1].lower() in GIVEN_NAMES
        and titles[-2].lower().rstrip(".") in HONORIFICS
    ):
        return titles[:-1], [titles[-1], *name]  # "Dr Dean Harrow": Dean is his given name
    if len(name) == 1 and titles and titles[-1].lower() in PEERAGE:
        titles, name = titles[:-1], [titles[-1], *name]
    return titles, name


HONORIFICS = frozenset(["dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"])


def _plural_role(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low not in ROLE_KEYS and _is_role(low)


@functools.lru_cache(maxsize=8192)
def _is_role(low: str) -> bool:
    """A role word, or the plural of one: "Board Members Peter Hollis and Gwen Arkwright" has
    the same title before each name as "Board Member Peter Hollis"."""
    if low in ROLE_KEYS:
        return True
    if len(low) > 2 and low.endswith("s") and not low.endswith("ss") and low not in ("mrs", "ms"):
        return low[:-1] in ROLE_KEYS or (low.endswith("es") and low[:-2] in ROLE_KEYS)
    return False


def _demonym_before(text: str, start: int) -> str | None:
    """A capitalised nationality just before a name, or before one lowercase word and the
    name: "Australian opener Travis Head"."""
    if not start or text[start - 1] not in " \t":
        return None
    words = text[max(0, start - 30) : start].rsplit(None, 2)[-2:]  # the last two words only
    if len(words) == 2 and words[1].isalpha() and words[1].islower():
        words = words[:1]
    word = words[-1] if words else ""
    if len(word) > 2 and word[0].isupper() and word[1:].islower() and word.isalpha():
        low = word.lower()
        if low in DEMONYMS:
            return low
    return None


def _words_before(text: str, start: int) -> list[str]:
    """The one or two lowercase words just before a name ("pop star", "dispatcher")."""
    if not start or text[start - 1] not in " \t":
        return []
    prefix = text[max(0, start - 40) : start]
    words = prefix.rsplit(None, 2)[-2:]  # the last two words, without splitting the rest
    if words and words[-1] in ("years,", "year,"):
        # "His wife of 55 years, Glenys,": the role before "of N years" (twelfth round)
        years = ROLE_OF_YEARS_RE.search(prefix)
        if years is not None and years.group(1) in ROLE_KEYS:
            return [years.group(1)]
    if (
        words
        and words[-1].endswith(",")
        and words[-1][:-1] in ROLE_KEYS
        and words[-1][:-1] not in OFFICE_QUALIFIERS
    ):
        # "the city's transportation director, Hal Bjornsen", "her brother, Sameer Rao": a
        # role set before the name as an appositive.
        words = [w.rstrip(",") for w in prefix.rsplit(None, 2)[-2:]]
        words = words if LOWER_WORD_RE.fullmatch(words[0]) else words[1:]
    if not words or words[-1] in NOT_ROLE_BEFORE:
        return []  # tested first, as the common case: "said Jane Doe", "with John"
    if len(words) == 2 and words[0].lower() in OFFICE_QUALIFIERS:
        words[0] = words[0].lower()  # "Shadow chancellor Mel Stride" opening a sentence
    while words and not LOWER_WORD_RE.fullmatch(words[0]):
        words = words[1:]
    # At most two words, the first now known to be lowercase.
    if not words or (len(words) == 2 and not LOWER_WORD_RE.fullmatch(words[1])):
        return []
    if len(words) == 2 and words[0] in NOT_ROLE_BEFORE:
        words = words[1:]
    return words


def _roles(titles: list[str], before: list[str]) -> list[str]:
    """Roles from titles (Senator X), a role noun before the name (director X)."""
    if not titles and not before:
        return []  # most names have neither
    roles = [ABBREVIATED.get(k, k) for k in (t.lower().rstrip(".") for t in titles)]
    if len(titles) > 1:
        roles.append(role_key(titles[-2:]))
    if before:
        if len(before) == 2 and before[0] in OFFICE_QUALIFIERS:
            # "shadow chancellor Mel Stride" is not "the Chancellor", "former coach" not "the coach"
            return [r for r in roles if r] + ["-".join(before)]
        roles.append(before[-1])
        if len(before) == 2:
            roles.append("-".join(before))
        if titles:
            roles.append(role_key([before[-1], titles[0]]))
    return [r for r in roles if r and r not in NOT_ROLES]


def _title_sex(titles: list[str]) -> str | None:
    """The sex the first gendered title says ("Mrs", "Sir"), if any."""
    for title in titles:
        sex = TITLES.get(title.lower())
        if sex:
            return sex
    return None


def _appositive_roles(text: str, end: int) -> list[str]:
    """Roles given after a name: "Emily Thornberry, newly re-elected MP for Islington," makes
    "the MP" her; "Jeff Flake, a senator from Arizona," makes "the senator" him. Asked only
    where a comma follows the name, as APPOSITIVE_RE needs."""
    match = APPOSITIVE_RE.match(text, end)
    if match is None and text.startswith(", ", end):
        # '"...," said Charlotte Reyes, the fashion critic for The Standard.': an appositive
        # closing the sentence gives a role as well (twelfth round).
        match = APPOSITIVE_END_RE.match(text, end)
    if match is None:
        return []
    roles = []
    words = match.group("body").split()
    if "as" in words:
        # "Sherrone Moore, in his first season as head coach,": the role after "as"
        words = words[words.index("as") + 1 :]
    for word in words:
        low = word.lower().strip(".")
        if low in APPOSITIVE_STOPS:
            break
        if low in ROLE_KEYS or low in PERSON_NOUNS:
            roles.append(ABBREVIATED.get(low, low))
    return roles


def _all_roles(words: list[str]) -> bool:
    """ "Labour MP", "Senior Minister": titles with no name after them."""
    if (
        len(words) == 2
        and words[1] in TITLE_SURNAMES
        and words[0].lower().rstrip(".") in SURNAME_TITLES
    ):
        return False  # "Mr Major", "Judge Prince": a surname that is also a title
    # a loop, not all() over a generator, which costs more: asked of most runs
    for w in words:  # noqa: SIM110
        if w.lower().rstrip(".") not in ROLE_KEYS:
            return False
    return True


# Surnames that are also titles or ranks, and the titles that only ever come before a surname
# (real-copy round 9): "Mr King said" names someone, where "Mr President" does not.
TITLE_SURNAMES = frozenset(
    ["King", "Prince", "Bishop", "Major", "Marshal", "Judge", "Knight", "Pope", "Duke"]
    + ["Earl", "Baron", "Cardinal", "Constable", "Sheriff", "Abbot", "Dean"]
)
SURNAME_TITLES = HONORIFICS | frozenset(["judge", "justice", "coun", "cllr", "councillor"])
