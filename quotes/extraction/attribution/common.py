"""What the parts of the attribution pass share: `NOBODY`, the `Record` of a decided
quotation, the word lists and patterns more than one part reads, and two small helpers.

It imports nothing from the package, so every part can import it without a cycle.
"""

import re
from dataclasses import dataclass

from ..entities import Entity, Mention

NOBODY = Entity("", "nobody")  # a cue that names no identifiable speaker
SPOKES_NOUNS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "representatives",
        "rep",
        "reps",
        "statement",
    ]
)
DOCUMENT_NOUNS = frozenset(
    [
        "statement",
        "report",
        "letter",
        "study",
        "paper",
        "document",
        "ruling",
        "judgment",
        "judgement",
        "filing",
        "complaint",
        "lawsuit",
        "memo",
        "email",
        "post",
        "tweet",
        "message",
        "note",
        "sign",
        "poster",
        "banner",
        "caption",
        "release",
        "survey",
        "poll",
        "analysis",
        "review",
        "book",
        "song",
        "lyrics",
        "headline",
        "article",
        "website",
        "page",
        "text",
        "notice",
        "order",
        "verdict",
        "indictment",
        "affidavit",
        "warrant",
    ]
)
# Words that end the head of a description: "the Indian captain after his team's loss".
SPOKESPEOPLE = SPOKES_NOUNS - {"statement"}
PUBLIC_OFFICES = frozenset(
    ["taoiseach", "tánaiste", "tanaiste", "chancellor", "minister", "secretary", "president"]
    + ["premier", "governor", "mayor", "speaker", "commissioner", "constable", "general"]
)
TOP_WORDS = frozenset(["top", "chief", "lead"])
AND_GAP_RE = re.compile(r"\s+and\s+")
STATEMENT_NOUNS = frozenset(
    ["statement", "release", "letter", "post", "message", "note", "memo", "email"]
)
PARAGRAPH_WINDOW = 3
NICKNAME_BEFORE_RE = re.compile(r"\b[A-Z][\w'’-]+[ \t]$")
NICKNAME_AFTER_RE = re.compile(r"[ \t][A-Z][\w'’-]+\b(?![ \t]+[a-z]+[ \t]+[\"“])")
# "was asked", "was also asked", "was then repeatedly asked": asked, not asking.
PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|get|got)\s+(?:[a-z]+ly\s+|also\s+|then\s+){0,2}$"
)
SPOUSES = {
    "wife": "husband",
    "husband": "wife",
    "partner": "partner",
    "girlfriend": "boyfriend",
    "boyfriend": "girlfriend",
    "fiancee": "fiance",
    "fiance": "fiancee",
}
# "X and her daughter, Amy": Amy is the daughter, X the mother (by the owner's sex).
PARENT_OF = {"son": ("father", "mother"), "daughter": ("father", "mother")}
CHILD_OF = {"mother": ("son", "daughter"), "father": ("son", "daughter")}
SIBLING_OF = {"brother": ("brother", "sister"), "sister": ("brother", "sister")}
KIN_PAIRS = {**PARENT_OF, **CHILD_OF, **SIBLING_OF}
OWN_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")


@dataclass
class Record:
    """What was decided for one top-level quotation, for the quotations after it."""

    speaker: Entity | None
    how: str  # cue, continued, exchange, subject, none
    verb: str
    cue_end: int  # where the narrative after the quote stops being its attribution


def _first_named(people: list[Mention]) -> Entity:
    """A real name beats an office known only by its title ("The Chancellor, Sarah Lennox")."""
    for mention in people:
        if not mention.entity.name.startswith("The "):
            return mention.entity
    return people[0].entity


def _latest(entries: list[tuple[int, Entity]], pos: int) -> Entity | None:
    return next((entity for at, entity in reversed(entries) if at < pos), None)
