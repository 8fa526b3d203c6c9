"""What a name's own words say, whatever surrounds it: a possessive, the sex of a given
name, whether it names a body, and the whole verdict (`_shape`: outlet, work, no name, or a
name with its titles). None of it reads the text around the name, so `_shape`'s answer is
kept once per name and text (`Registry.shapes`).
"""

import functools
import re

from ..lexicon import (
    BODY_WORDS,
    COMMON_VERBS,
    DEMONYMS,
    FEMALE_NAMES,
    GIVEN_NAMES,
    KNOWN_ORGS,
    MALE_NAMES,
    NAMES_LIKE_OPENERS,
    ORG_WORDS,
    OUTLET_ENDINGS,
    OUTLETS,
    PARTICLES,
    PUBLICATION_ENDINGS,
    STOPWORDS,
)
from .roles import _all_roles, _plural_role, split_titles

POSSESSIVE_RE = re.compile(r"(?:['’]s|s['’])$")
# What POSSESSIVE_RE finds at the end of a word with no line break in it, tested faster.
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


@functools.lru_cache(maxsize=8192)
def gender_of_first_name(token: str) -> str | None:
    low = token.lower()
    if "-" in low and low not in FEMALE_NAMES and low not in MALE_NAMES:
        low = low.split("-")[0]  # Molly-Mae, Jean-Luc: the first part says it
    if low in FEMALE_NAMES:
        return "f"
    if low in MALE_NAMES:
        return "m"
    return None


PARTY_MEMBERS = frozenset(["Democrat", "Republican", "Democrats", "Republicans"])


def is_org_name(words: list[str]) -> bool:
    name = " ".join(words)
    if "&" in words:
        return True  # "Marks & Spencer", "Food & Water Watch": people are not joined by "&"
    if name in KNOWN_ORGS or (len(words) == 1 and len(name) <= 6 and ACRONYM_RE.fullmatch(name)):
        return name.casefold() not in OUTLETS
    if gender_of_first_name(words[0]):
        # "Georgia Bureau of Investigation": a given name that is also a place.
        return len(words) >= 3 and any(w in BODY_WORDS for w in words[1:])
    for word in words[1:]:
        if word.rstrip(".") in ORG_WORDS:
            return True
    return words[0] in ORG_WORDS and (len(words) == 1 or "of" in words or "for" in words)


# Words that close a company's name, which may then be shortened ("Lumora Inc", "Lumora").
COMPANY_SUFFIXES = frozenset(
    ["Inc", "Ltd", "Limited", "Corp", "Corporation", "plc", "PLC", "LLC", "Co", "Holdings"]
    + ["Group", "SA", "AG", "NV", "GmbH", "LLP", "Plc"]
)
Shape = tuple[str, list[str], list[str], bool, bool, bool]


def _shape(words: list[str], joined: str, had_the: bool) -> Shape:
    """What a name's words alone (and a "the" before them) say: whether it is an outlet, a
    work, or no name at all ("skip"), else ("name") its titles, the name itself, and whether
    the whole run, or the name, names a body."""
    folded = joined.casefold()
    if (
        folded in OUTLETS
        or (had_the and folded.removeprefix("the ") in OUTLETS)
        or (len(words) > 1 and words[-1] in OUTLET_ENDINGS and not gender_of_first_name(words[0]))
    ):
        return "outlet", [], [], False, False, False
    if had_the and len(words) > 1 and words[-1] in PUBLICATION_ENDINGS:
        # "The Jackson Tribune", "the Evening Standard": a paper named by "the" and its kind
        # (real-copy round 5).
        return "outlet", [], [], False, False, False
    if len(words) > 1 and not had_the and _all_roles(words):
        return "skip", [], [], False, False, False  # "says Labour MP": a role noun
    if len(words) == 2 and words[-1] in PARTY_MEMBERS and had_the:
        # "the Virginia Democrat": a state and a party, though Virginia is a name
        return "skip", [], [], False, False, False
    if len(words) <= 3 and _plural_role(words[-1]) and words[-1] not in ORG_WORDS:
        # "Opposition MPs", "Democratic Senators": a group, not someone's name
        return "skip", [], [], False, False, False
    if (
        len(words) > 1
        and not gender_of_first_name(words[0])
        and _not_a_name(words)
        and words[-1].rstrip(".") not in COMPANY_SUFFIXES  # "Rio Verde Mining Ltd"
        # "Ardmore Rowing Club", "Peabody Housing Association": a body (real-copy round 10)
        and words[-1] not in BODY_ENDINGS
    ):
        # "Strictly Come Dancing", "Keeping Up With the Kardashians": a show, not a person.
        return "work", [], [], False, False, False
    titles, name = split_titles(words)
    if (
        len(name) >= 3
        and gender_of_first_name(name[1])
        and not gender_of_first_name(name[0])
        and name[0].lower() not in PARTICLES
    ):
        # "Landscaper Luis Ortega"; after a title too, "Health Science Jennifer Kuk" (round 9)
        titles, name = [*titles, name[0]], name[1:]
    elif not titles and len(name) >= 3:
        # "beating Argentine Tomas Ruiz", "South African Aldrich Potgieter": a nationality
        # before a name of two words or more is what the person is, not a part of the name
        # (nineteenth round).
        cut = _demonym_prefix(name)
        if cut and not is_org_name(words):
            titles, name = name[:cut], name[cut:]
    personal_name = (
        len(name) in (2, 3) and name[0][:1].isupper() and name[0].lower() not in STOPWORDS
    )
    org_run = is_org_name(words)
    org_name = org_run if name is words or len(name) == len(words) else is_org_name(name)
    whole_org = org_run and not (titles and personal_name)
    return "name", titles, name, org_run, org_name, whole_org


# The first word of a nationality of two words: "South African", "New Zealander".
DEMONYM_LEADS = frozenset(["South", "North", "New", "West", "East", "Sri"])


def _demonym_prefix(name: list[str]) -> int:
    """How many leading words of a run of three or more name a nationality ("Argentine",
    "South African") with at least two words of a name after it, else 0."""
    first = name[0]
    if first[1:].islower() and first.lower() in DEMONYMS:
        return 1
    if (
        len(name) >= 4
        and first in DEMONYM_LEADS
        and name[1][1:].islower()
        and name[1].lower() in DEMONYMS
    ):
        return 2
    return 0


# The last word of a body's name, which a participle before it ("Rowing", "Housing") leaves a
# body, not the title of a show.
BODY_ENDINGS = frozenset(
    [
        "Club",
        "Association",
        "Society",
        "Council",
        "Company",
        "Federation",
        "Union",
        "Trust",
        "Group",
        "Foundation",
        "Institute",
        "Committee",
        "Authority",
        "Agency",
        "Partnership",
    ]
)


def _not_a_name(words: list[str]) -> bool:
    """A run with an adverb, a participle or a common verb in it names no one."""
    for w in words:  # a loop, not any() over a generator: asked of most runs of two words
        if gender_of_first_name(w) or w.lower() in GIVEN_NAMES:
            return False
    for word in words[:-1]:  # a surname may end in -ing: Manning, Benning
        low = word.lower()
        if low in NAMES_LIKE_OPENERS or low in PARTICLES:
            continue
        if low.endswith(("ly", "ing")) and len(low) > 4:
            return True
        if low in COMMON_VERBS:
            return True
    return False
