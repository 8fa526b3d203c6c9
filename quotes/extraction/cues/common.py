"""What the cue readers share: the `Cue` a phrase makes, the quotation mask, the run pattern,
"according to", and the tests of a noun phrase (words that cannot open one, role words,
whether it names a person). It imports nothing from the package, so every reader can.
"""

import re
from dataclasses import dataclass

from ..entities import ROLE_KEYS, RUN_RE
from ..lexicon import ANONYMOUS_NOUNS, NOT_AGENTS, PARTICLES, PERSON_NOUNS, POSITION_WORDS

RUN = RUN_RE.pattern
MASK = "\x01"
AGENT_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "man",
    "woman",
    "ee",
    "ers",
    "ors",
    "ists",
    "ians",
)
NP_START_BAD = frozenset(
    [
        "with",
        "and",
        "but",
        "as",
        "in",
        "on",
        "at",
        "for",
        "to",
        "of",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "after",
        "before",
        "because",
        "if",
        "while",
        "so",
        "than",
        "then",
        "from",
        "by",
        "into",
        "about",
        "over",
        "under",
        "where",
        "what",
        "how",
        "why",
        "though",
        "although",
        "unless",
        "until",
        "since",
        "during",
        "without",
        "within",
        "despite",
        "not",
        "no",
        "nor",
        "or",
        "yet",
    ]
)
NAME_NP = rf"(?:(?:[a-z][\w'’-]*\s+){{0,3}}?{RUN})"
# "Rock band Foals", "Pop duo Ashby": a group's descriptor runs on into its name like a role.
NP_ROLE_WORDS = (
    ROLE_KEYS
    | PERSON_NOUNS
    | frozenset(PARTICLES)
    | frozenset({"of", "for", "band", "duo", "trio", "group", "quartet"})
    # positions in a team's line-up: "Tight end Mark Andrews", "Kings guard DeMarcus Pryor"
    | POSITION_WORDS
)
ACCORDING_RE = re.compile(
    r"(?:\b[Aa]ccording to|(?<![\w'’-])[Pp]er(?=\s+[A-Z]))\s+(?P<np>[^,.;:!?\x01]{1,80})"
)


@dataclass
class Cue:
    """A phrase naming the speaker: `np` is its text, `start` its offset in the source text."""

    np: str
    start: int
    form: str  # name, appos, pronoun, the, plural, after-verb, according, main, agent, none
    verb: str = ""
    weak: bool = False  # after a quote that ends its sentence: a cue before it comes first


def _plural_people(word: str) -> bool:
    """ "MPs", "Residents", "Doctors": a plural noun for people."""
    low = word.lower()
    return low in ANONYMOUS_NOUNS or low[:-1] in PERSON_NOUNS or low[:-1] in ANONYMOUS_NOUNS


def _names_a_person(np: str) -> bool:
    head = np.split()[-1].lower().strip(",.")
    named = head in NP_ROLE_WORDS or head in ANONYMOUS_NOUNS
    if np.split()[-1][:1].isupper() and not named:
        return False  # "A Justice Department": a capitalised head names a body, not a person
    agent = head.endswith(AGENT_ENDINGS) and head not in NOT_AGENTS
    return named or agent or head.endswith("-old")
