"""The people and bodies an article names, so every mention resolves to one entity and full name.

One pass over the capitalised runs of the text. Each run is cleaned (titles, roles, suffixes and
possessives come off), classed as a person, an organisation or an outlet, and linked to an
entity met earlier ("Nolan" after "Christopher Nolan", "Sir Alan" after "Sir Alan Reeve").
"""

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..lexicon import (
    ANONYMOUS_NOUNS,
    APPOSITIVE_STOPS,
    BODY_WORDS,
    COMMON_VERBS,
    COUPLE_NOUNS,
    DEMONYMS,
    FEMALE_NAMES,
    GENDERED_NOUNS,
    GIVEN_NAMES,
    HEADLINE_VERB_WORDS,
    KNOWN_ORGS,
    MALE_NAMES,
    NAME_SUFFIXES,
    NAMES_LIKE_OPENERS,
    ORG_INTRO_NOUNS,
    ORG_NOUNS,
    ORG_WORDS,
    OUTLET_ENDINGS,
    OUTLETS,
    PARTICLES,
    PERSON_NOUNS,
    PUBLICATION_ENDINGS,
    ROLE_GROUPS,
    ROLE_WORDS,
    SMALL_TITLE_WORDS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLES,
)

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_WORD = "A-Za-z\u00c0-\u024f"
_SENTENCE_OPENERS = (
    "(?:He|She|It|They|We|I|You|The|A|An|This|That|These|Those|But|And|Or|So|In|On|At|His|Her|"
    "Its|Their|Our|My|Then|There|When|After|Before|If|As|For|With|By|From|To|Another|One|"
    "Some|Many|Most|All|No|Not|What|Who|Why|How|Where|Now|Later|Earlier|Meanwhile|However|"
    "Also|Still|Yet|Even|Both|Each|Every|Other|Others|Here|Today|Yesterday)"
)
TOKEN = (
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Sens|Rep|Reps|Gov|Capt|Gen|St|Lt|Col|Sgt|Rev|Jr|Sr|Cllr)\.|"
    # A name made of initials alone: "J.P.", "T.I."
    rf"[{_UPPER}]\.(?:[{_UPPER}]\.)+(?![{_WORD}])(?![ \t]+{_SENTENCE_OPENERS}\b)|"
    # Initials before a name: "J.T. Ricketson", "C. J. Smith".
    rf"[{_UPPER}]\.(?:[ \t]?[{_UPPER}]\.)*(?=[ \t]+(?!{_SENTENCE_OPENERS}\b)[{_UPPER}][{_WORD}])|"
    rf"[{_UPPER}][{_WORD}0-9]*(?:['’.$-][{_WORD}]+)*!?"
    # A plural possessive inside a name: "Manchester United Supporters' Trust".
    rf"(?:(?<=s)['’](?=[ \t]+[{_UPPER}]))?)"
)
_TOKEN_FOR_PLACE = rf"[{_UPPER}][{_WORD}]+"
# A middle initial ("Michael B. Jordan") only inside a name, never starting one.
INITIAL = rf"[{_UPPER}]\.(?=[ \t]+[{_UPPER}][{_WORD}])"
PARTICLE = "|".join(sorted(PARTICLES))
# A verb of speech right after a name ('"...," Raye told the crowd'): the name speaks.
SPOKEN_AFTER_RE = re.compile(
    r"\s+(?:said|says|told|tells|added|adds|wrote|writes|laughed|laughs)\b"
)
# A story that opens on a one-word name with news of its own, and an artist spoken of after.
LEDE_NEWS_RE = re.compile(
    r"[ \t]+has[ \t]+(?:announced|revealed|opened[ \t]+up|spoken|admitted|cancelled|postponed)\b"
)
ARTIST_RE = re.compile(
    r"\b[Tt]he[ \t]+(?:singer|rapper|musician|songwriter|singer-songwriter|comedian|DJ)\b"
)
RUN_RE = re.compile(
    rf"(?<![\w'’-]){TOKEN}(?:[ \t]+(?:(?:{PARTICLE}|&)[ \t]+)*(?:{INITIAL}|{TOKEN}))*"
)
# "Majed al-Ansari", "Ahmed el-Sayed": an Arabic article joined to the surname by a hyphen.
# Used only on texts that have one, since every extra branch slows the hottest regex.
HYPHEN_PARTICLE = r"(?:al|el|ad|as|ash|bin|ibn|abu)-(?=[A-Z])"
# Whether a text has one: the same matches as rf"[ \t]{HYPHEN_PARTICLE}", found from the hyphen
# (rarer than a space, and a literal the regex engine can scan for).
HYPHEN_PARTICLE_RE = re.compile(
    r"-(?=[A-Z])(?:(?<=[ \t](?:al|el|ad|as)-)|(?<=[ \t](?:ash|bin|ibn|abu)-))"
)
RUN_HYPHEN_RE = re.compile(
    rf"(?<![\w'’-]){TOKEN}"
    rf"(?:[ \t]+(?:(?:{PARTICLE}|&)[ \t]+|{HYPHEN_PARTICLE})*(?:{INITIAL}|{TOKEN}))*"
)
# Where a run may start: a capital not after a letter, an apostrophe or a hyphen. The capital
# comes first so the regex engine can scan for it, which the run's own lookbehind prevents.
_NOT_AFTER_WORD = r"(?<![\w'’-].)"
RUN_START_RE = re.compile(rf"[{_UPPER}]{_NOT_AFTER_WORD}")
# The same starts in a text of ASCII alone, where only A-Z can open a run: a class of one range
# is tested faster than the four above on every character scanned.
ASCII_RUN_START_RE = re.compile(rf"[A-Z]{_NOT_AFTER_WORD}")


def find_runs(
    text: str, pos: int = 0, endpos: int | None = None, run_re: re.Pattern = RUN_RE
) -> list[re.Match]:
    """The matches of `run_re.finditer(text, pos, endpos)`, found by trying the run only where
    one may start (every alternative of TOKEN opens on a capital)."""
    if endpos is None:
        endpos = len(text)
    found = []
    search = (ASCII_RUN_START_RE if text.isascii() else RUN_START_RE).search
    match = run_re.match
    candidate = search(text, pos, endpos)
    while candidate is not None:
        run = match(text, candidate.start(), endpos)
        if run is not None:
            found.append(run)
            candidate = search(text, run.end(), endpos)
        else:
            candidate = search(text, candidate.start() + 1, endpos)
    return found


# "Department for Transport", "Office of Rail and Road": joined when the first part is a body.
JOINER_RE = re.compile(r"[ \t]+(?:of|for|and|on)(?:[ \t]+the)?[ \t]+$")
POSSESSIVE_RE = re.compile(r"(?:['’]s|s['’])$")
# What POSSESSIVE_RE finds at the end of a word with no line break in it, tested faster.
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
OFFICE_QUALIFIERS = frozenset(
    ["shadow", "former", "ex", "deputy", "vice", "assistant", "acting", "interim", "outgoing"]
)
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
# "Shares in Burberry", "shares of Nvidia": a listed company.
SHARES_IN_RE = re.compile(r"\b[Ss]hares[ \t]+(?:in|of)[ \t]+$")
DATELINE_AFTER_RE = re.compile(r"(?:,[^\n—–(]{1,30})?[ \t]*(?:\([^)\n]{1,20}\))?[ \t]*[—–-]")
OFFICE_OF_RE = re.compile(r"\b([A-Z][a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
LOWER_COMPOUND_RE = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)+")
NUMBER_COMPOUND_RE = re.compile(
    r"(?:\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|Forty"
    r"|Fifty|Hundred|First|Second|Third|Fourth|Fifth|Multi|Double|Triple|Half)-[a-z]"
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
WORD_RE = re.compile(r"\S+")
OF_PLACE_RE = re.compile(
    rf"[ \t]+of[ \t]+((?:{_TOKEN_FOR_PLACE})(?:[ \t]+(?:{_TOKEN_FOR_PLACE}))*)"
)
SERVICE_PAIRS = frozenset(
    [("Fire", "Rescue"), ("Fire", "Emergency"), ("Search", "Rescue"), ("Health", "Safety")]
)
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
SPOKESPERSON_FOR_RE = re.compile(
    r"\b(spokes(?:person|man|woman)|representative)\s+(?:for|of|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LINE_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")
YEAR_AFTER_RE = re.compile(r"[ \t]+(?:1[89]|20)\d\d\b")
# What can follow the first space of a YEAR_AFTER_RE match, tested before the regex.
YEAR_SECOND = frozenset("12 \t")
APPOSITIVE_RE = re.compile(r",[ \t]+(?P<body>[^,;:.!?\n\"“”]{2,100})(?=,)")
ROLE_OF_YEARS_RE = re.compile(r"\b([a-z]+) of (?:\d+|[a-z]+(?:-[a-z]+)?) years?,[ \t]+$")
APPOSITIVE_END_RE = re.compile(
    r",[ \t]+(?P<body>(?:the|a|an)[ \t][^,;:.!?\n\"“”]{2,100})(?=\.(?:\s|$))"
)
# The last word of a publication's or programme's name: "Mirror Online", "Sky News".
HEADLINE_VERBS = (SPEECH_VERBS | HEADLINE_VERB_WORDS) - {
    "post",
    "posts",
    "asks",
    "states",
    "read",
    "reads",
}
ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,6})\)")
DEPARTMENT_RE = re.compile(
    r"(?:(?:The|A|An)\s+)?(?:Department|Ministry|Office)\s+(?:for|of)\s+[A-Z]"
)
# "Zara, 16, got nine grade 9s": an age after a name, between commas.
AGE_AFTER_RE = re.compile(r",[ \t]+\d{1,3},")
# "a fishmonger who gave his name only as Mick", "named only as Jade": a name someone gave.
GAVE_NAME_RE = re.compile(
    r"\b(?:gave[ \t]+(his|her)[ \t]+(?:first[ \t]+)?name[ \t]+(?:only[ \t]+)?as"
    r"|(?:named|identified)[ \t]+only[ \t]+as)[ \t]+$"
)


@dataclass(eq=False)
class Entity:
    """Someone (or a named body, or a character) the text may quote."""

    name: str
    kind: str = "unknown"  # person, org, outlet, or unknown
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    in_narrative: bool = False  # named at least once outside quotations

    @property
    def personal(self) -> bool:
        """May be a person: pronouns and role nouns can point at it."""
        return self.kind == "person" or (self.kind == "unknown" and " " in self.name)


@dataclass
class Mention:
    start: int
    end: int
    entity: Entity
    inside: bool  # inside a quotation
    possessive: bool = False
    titled: bool = False  # came with a title or role: "Sen. Tom Becker", "director Len Wiseman"


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


def role_key(words: list[str]) -> str:
    return "-".join(w.lower().rstrip(".,") for w in words)


DATE_PREPOSITIONS = frozenset(
    ["in", "on", "since", "until", "till", "by", "from", "of", "last", "next", "early", "late"]
    + ["mid", "this", "that", "during", "before", "after", "through", "between"]
)


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


PARTY_MEMBERS = frozenset(["Democrat", "Republican", "Democrats", "Republicans"])
HONORIFICS = frozenset(["dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame"])
HE_SHE_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er)\b")
OFFICE_HOLDER_RE = re.compile(
    r"(?:[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*)*)?"
    r",[ \t]+(?=[A-Z][\w'’-]+[ \t]+[A-Z])"
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


class Registry:
    """Entities met in the text and every mention of them, in text order."""

    def __init__(self, known: Iterable[Sequence[str]] | None = None) -> None:
        self.by_name: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.starts: list[int] = []  # the mentions' start offsets, for bisecting
        self.tokens: dict[str, list[tuple[int, Entity]]] = {}
        self.pending_role: tuple[int, str] | None = None  # an office whose holder comes next
        self.roles: dict[str, list[tuple[int, Entity]]] = {}
        self.known: dict[str, str] = {}
        self.known_tokens: dict[str, set[str]] = {}
        # what a name's words say, by the name and whether "the" came before it (see _shape)
        self.shapes: dict[tuple[str, bool], Shape] = {}
        for names in known or ():
            names = [n for n in names if n and n.strip()]
            if not names:
                continue
            canonical = " ".join(names[0].split())
            for name in names:
                self.known.setdefault(" ".join(name.split()).casefold(), canonical)
            last = canonical.split()[-1].casefold()
            self.known_tokens.setdefault(last, set()).add(canonical)

    # Lookups -----------------------------------------------------------------------------

    def in_range(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            found.append(self.mentions[i])
            i += 1
        return found

    def before(self, pos: int, lo: int) -> list[Mention]:
        """Mentions in [lo, pos), most recent first."""
        i = bisect.bisect_left(self.starts, pos)
        j = bisect.bisect_left(self.starts, lo)
        return self.mentions[j:i][::-1]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        found = [m for m in self.mentions[max(0, i - 3) : i] if m.end > start]
        while i < len(self.mentions) and self.mentions[i].start < end:
            found.append(self.mentions[i])
            i += 1
        return found

    def lookup_role(self, role: str, pos: int, exact: bool = False) -> Entity | None:
        """The most recent entity introduced with this role, or failing that a synonym of it."""
        found = _latest_before(self.roles.get(role, []), pos)
        if found or exact:
            return found
        best: tuple[int, Entity] | None = None
        for group in ROLE_GROUPS:
            if role not in group:
                continue
            for other in group:
                for entry in self.roles.get(other, []):
                    if entry[0] < pos and (best is None or entry[0] > best[0]):
                        best = entry
        return best[1] if best else None

    def lookup_role_after(self, role: str, pos: int, limit: int) -> Entity | None:
        """The first entity introduced with this role in [pos, limit)."""
        entries = self.roles.get(role, [])
        i = bisect.bisect_left(entries, pos, key=lambda e: e[0])
        if i < len(entries) and entries[i][0] < limit:
            return entries[i][1]
        return None

    def org_before(self, pos: int) -> Entity | None:
        """The organisation named most recently before `pos` outside quotations."""
        i = bisect.bisect_left(self.starts, pos)
        for mention in reversed(self.mentions[max(0, i - 80) : i]):
            if mention.entity.kind == "org" and not mention.inside:
                return mention.entity
        return None

    # Building ----------------------------------------------------------------------------

    def entity(self, name: str, kind: str) -> Entity:
        if name not in self.by_name:
            self.by_name[name] = Entity(name, kind)
        return self.by_name[name]

    def _index(self, pos: int, entity: Entity) -> None:
        words = entity.name.split()
        keys = {words[0], words[-1]} if len(words) > 1 else {words[0]}
        for i, word in enumerate(words[1:-1], start=1):
            if word.lower() in PARTICLES:
                keys.add(" ".join(words[i:]))
        for key in keys:
            self.tokens.setdefault(key.lower(), []).append((pos, entity))

    def link(self, words: list[str], pos: int, kind: str, sex: str | None = None) -> Entity:
        """The entity these name words mean at `pos`, upgrading a bare surname to a full name.

        `sex` is what a title says ("Mrs Bowker"): of two people sharing the surname, it picks
        the one of that sex ("Steve and Karen Bowker").
        """
        name = " ".join(words)
        canonical = self.known.get(name.casefold())
        if canonical:
            entity = self.entity(canonical, "person")
            self._index(pos, entity)
            return entity
        # an acronym of 3 to 6 capitals (tested here first: most names are not)
        body = self._spelled_out(name) if 3 <= len(name) <= 6 and name.isupper() else None
        if body is not None:
            return body
        if name in self.by_name:
            return self.by_name[name]
        if len(words) > 1 and words[0].lower() in PARTICLES:
            # "al Zoabi", "De los Santos" after "Omaran Zoabi", "Jose De los Santos".
            entries = self.tokens.get(name.lower()) or self.tokens.get(words[-1].lower())
            if entries:
                return self._pick(entries, pos, words[-1])
        if len(words) == 1:
            entries = self.tokens.get(name.lower())
            if entries:
                return self._pick(entries, pos, name, sex)
            known = self.known_tokens.get(name.casefold())
            if known and len(known) == 1:
                entity = self.entity(next(iter(known)), "person")
                self._index(pos, entity)
                return entity
            entity = self.entity(name, kind)
            self._index(pos, entity)
            return entity
        for _at, earlier in self.tokens.get(words[0].lower(), ()):
            # "Rio Verde said" after "Rio Verde Mining Ltd.": a company's short name.
            full = earlier.name.split()
            if (
                len(full) > len(words)
                and full[: len(words)] == words
                and full[-1].rstrip(".") in COMPANY_SUFFIXES
            ):
                earlier.kind = "org"
                return earlier
        if kind in ("unknown", "person"):
            for token in (words[-1], words[0]):
                single = self.by_name.get(token)
                if single is not None and single.kind in ("unknown", "person"):
                    del self.by_name[token]
                    single.name = name
                    self.by_name[name] = single
                    single.kind = kind if kind == "person" else single.kind
                    self._index(pos, single)
                    if len(words) == 2 and token == words[-1]:
                        self._absorb(single, words[0])
                    return single
        entity = self.entity(name, kind)
        self._index(pos, entity)
        return entity

    def _absorb(self, entity: Entity, given: str) -> None:
        """ "Moon posted ...", "Kestrel wrote ...", then "Kestrel Moon": the surname and the
        given name met alone before the full name are one person (real-copy round 5)."""
        other = self.by_name.get(given)
        if other is None or other is entity or other.kind not in ("unknown", "person"):
            return
        if " " in other.name or (other.gender and entity.gender and other.gender != entity.gender):
            return
        del self.by_name[given]
        entity.gender = entity.gender or other.gender
        entity.roles |= other.roles
        entity.in_narrative = entity.in_narrative or other.in_narrative
        for mention in self.mentions:
            if mention.entity is other:
                mention.entity = entity
        for entries in (*self.tokens.values(), *self.roles.values()):
            for i, (at, held) in enumerate(entries):
                if held is other:
                    entries[i] = (at, entity)

    def _spelled_out(self, name: str) -> Entity | None:
        """The body an acronym stands for, named in full before: "SLCPD" after "the Salt Lake
        City Police Department" (real-copy round 3). Only a run of 3 to 6 capitals whose letters
        are the initials of one body's name, of three words or more, "of", "and" and "the"
        left out."""
        # the cheap tests first: SPELLED_RE asks for 3 to 6 capitals and nothing else
        if (
            not 3 <= len(name) <= 6
            or not name.isupper()
            or not SPELLED_RE.fullmatch(name)
            or name.casefold() in self.known
        ):
            return None
        found = [
            entity
            for entity in self.by_name.values()
            if entity.kind != "person" and _initials(entity.name) == name
        ]
        if len(set(map(id, found))) != 1:
            return None
        self.by_name[name] = found[0]
        return found[0]

    def _pick(
        self, entries: list[tuple[int, Entity]], pos: int, token: str, sex: str | None = None
    ) -> Entity:
        """The entity a one-word mention means: a surname is the first person who bore it.

        News copy names the main figure first ("Will Smith") and relatives later ("his son,
        Jaden Smith"), whom it then calls by their given name; a given name is the latest
        person of that name.
        """
        i = bisect.bisect_right(entries, pos, key=lambda e: e[0])
        if not i:
            return entries[0][1]
        first = None
        for _at, entity in entries[:i]:
            if " " in entity.name and entity.name.split()[-1] == token:
                if sex is None or entity.gender in (None, sex):
                    return entity
                first = first or entity
        return first or entries[i - 1][1]

    def alias(self, name: str, entity: Entity) -> None:
        """Another name for an entity met just now: "Ministry of Defence (MoD)"."""
        if name not in self.by_name:
            self.by_name[name] = entity

    def add_role(self, pos: int, entity: Entity, role: str) -> None:
        entity.roles.add(role)
        entries = self.roles.setdefault(role, [])
        if not entries or entries[-1][0] <= pos:
            entries.append((pos, entity))
        else:
            entries.insert(bisect.bisect_right(entries, pos, key=lambda e: e[0]), (pos, entity))


SPELLED_RE = re.compile(r"[A-Z]{3,6}")
INITIALS_SKIP = frozenset(["of", "and", "the", "for", "&"])


def _initials(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in INITIALS_SKIP]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _latest_before(entries: list[tuple[int, Entity]], pos: int) -> Entity | None:
    i = bisect.bisect_left(entries, pos, key=lambda e: e[0])
    return entries[i - 1][1] if i else None


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


def _work_noun_before(text: str, start: int) -> bool:
    """Whether a noun for a work ("series", "film", "album") comes right before the name,
    with a comma or "the" between or not."""
    if not start or not text[start - 1].isspace():
        return False  # a name glued to a mark or a bracket: no word of its own before it
    prefix = text[max(0, start - 24) : start].rsplit(None, 2)[-2:]  # the last two words only
    the = bool(prefix) and prefix[-1] in ("the", "The")
    if the:
        prefix.pop()
    if not prefix:
        return False
    # "her new album, Olivia Dean sings": after a comma only "the" opens the title
    return prefix[-1] in WORK_NOUNS or (the and prefix[-1].rstrip(",") in WORK_NOUNS)


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
        for part_start, part_end in parts:
            _register(reg, text, part_start, part_end, inside, surname, bool(nickname))
        if nickname and not inside and len(reg.mentions) > count:
            nick = nickname.group("nick").removeprefix("The ")
            reg.alias(nick, reg.mentions[-1].entity)
            if " " in nick:
                reg.alias(nick.split()[-1], reg.mentions[-1].entity)  # "Lil Blaze", then "Blaze"
    reg.mentions.sort(key=lambda m: m.start)
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
    r"related|recommended|latest|trending|pictured|photos?|videos?|gallery|sponsored|"
    r"advertisement)[ \t]*[:|]",
    re.IGNORECASE,
)
# An award's category is no name: "Best Actor in a Leading Role: ...", "Outstanding Drama
# Series", "Best Picture" (real-copy round 5).
# Nouns for works that name the work right after them (real-copy round 5).
WORK_NOUNS = frozenset(
    ["series", "sitcom", "show", "drama", "film", "movie", "documentary", "docuseries"]
    + ["miniseries", "album", "novel", "musical", "podcast", "programme", "franchise"]
    + ["mixtape", "memoir", "biopic", "telenovela", "soap", "blockbuster", "sequel"]
)
AWARD_LEADS = frozenset(["Best", "Outstanding", "Favorite", "Favourite"])
AWARD_WORDS = frozenset(
    ["picture", "film", "feature", "movie", "series", "drama", "comedy", "song", "album"]
    + ["record", "single", "score", "supporting", "leading", "original", "adapted"]
    + ["animated", "documentary", "foreign", "international", "new", "debut", "performance"]
    + ["ensemble", "cast", "screenplay", "cinematography", "editing", "direction", "music"]
)
AWARD_LEADS_PREFIXES = tuple(lead + " " for lead in AWARD_LEADS)
AWARD_SECONDS = AWARD_WORDS | PERSON_NOUNS | ROLE_KEYS


AWARD_BEFORE_RE = re.compile(
    r"(?:^|\n)[ \t\u2022*-]*(?:Best|Outstanding)[ \t]+(?:Supporting[ \t]+|Lead[ \t]+)?"
    r"([A-Z][a-z]+)[^:\n]*:[ \t]+$"
)


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
    if " " not in run and "\t" not in run:
        if text[end + 1 : end + 2] in YEAR_SECOND and YEAR_AFTER_RE.match(text, end):
            return  # "Summer 2019", "March 2020": a date, not a name
        low = run.lower()
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
    office = OFFICE_OF_RE.search(text, max(0, start - 40), start) if len(words) >= 3 else None
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
PHONE_LINES = frozenset(["Line", "Hotline", "Helpline", "Freephone", "Textline", "Tipline"])


def _add(
    reg: Registry,
    text: str,
    words: list[str],
    start: int,
    inside: bool,
    had_the: bool,
    possessive: bool = False,
) -> None:
    if possessive:
        words = [*words[:-1], POSSESSIVE_RE.sub("", words[-1])]
    joined = " ".join(words)
    end = start + len(joined)
    # A name recurs through a story: what its words alone say is worked out once per text.
    shape = reg.shapes.get((joined, had_the))
    if shape is None:
        shape = reg.shapes[(joined, had_the)] = _shape(words, joined, had_the)
    verdict, titles, name, org_run, org_name, whole_org = shape
    if verdict == "skip":
        return
    if (
        verdict == "name"
        and not titles
        and len(words) > 1
        and text.endswith("the ", 0, start)
        and _plural_name(words[-1])
        and not gender_of_first_name(words[0])
    ):
        # "the Los Angeles Lakers", "the Harbour City Falcons": a name after a lowercase "the"
        # that ends in a plural is a team, never "he" or "she" (real-copy round 5). A capital
        # "The" is part of a band's own name and left as it was.
        org_run = org_name = whole_org = True
    if len(words) > 1 and words[-1] in PHONE_LINES:
        # "the Garda Confidential Line on 1800 ...": a phone line, which says nothing
        # (real-copy round 4).
        return
    if verdict in ("outlet", "work"):
        entity = reg.entity(joined.removeprefix("The ") if verdict == "outlet" else joined, verdict)
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    aged = (
        len(words) == 1
        and not possessive
        and text.startswith(",", end)  # what AGE_AFTER_RE opens on, tested first
        and AGE_AFTER_RE.match(text, end) is not None
        and not text.endswith(("of ", "of the "), 0, start)  # "the Duke of Avonmore, 40,"
    )
    if aged:
        whole_org = org_name = False  # "Zara, 16,": a person's age, not a shop's
    if whole_org or (org_name and not (titles and gender_of_first_name(name[0]))):
        org_words = words if org_run else name
        if org_words[0] == "The":
            org_words = org_words[1:] or org_words
        if (
            len(org_words) > 2
            and org_words[0].lower() in ORG_INTRO_NOUNS
            and org_words[1][:1].isupper()
        ):
            org_words = org_words[1:]  # "Retailer Marks & Spencer" opening a sentence
        entity = reg.link(org_words, start, "org")
        if entity.kind == "unknown":
            entity.kind = "org"
        short = ACRONYM_AFTER_RE.match(text, end)
        if short:
            reg.alias(short.group(1), entity)
        spoken_for = SPOKESPERSON_FOR_RE.search(text, max(0, start - 40), start)
        if spoken_for and not inside:
            # "A spokesperson for the council said": "the spokesperson" is the council's.
            reg.add_role(start, entity, spoken_for.group(1).lower())
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if had_the and words == ["Princess", "Royal"]:
        # "The Princess Royal opened ...": a royal style with no "of", named as a person, so
        # "the princess" later and "Anne" alone after it mean her (twelfth round).
        entity = reg.entity("Princess Royal", "person")
        entity.gender = "f"
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive, True))
        reg.add_role(start, entity, "princess")
        return
    of_place = OF_PLACE_RE.match(text, end) if had_the else None
    if of_place and all(w.lower().rstrip(".") in STANDALONE_TITLES for w in words):
        if words[-1].lower() in PEERAGE and any(
            m.entity.kind in ("person", "unknown") and not m.inside for m in reg.mentions
        ):
            return  # "the Duke of Sussex": another name for someone, read as a role noun
        # "The Princess of Wales spoke ..." before anyone is named: the style is the only
        # name the story gives, so it names the speaker (and "the princess" later means her).
        # "the Archbishop of Canterbury": an office holder named by the office.
        entity = reg.entity(f"{' '.join(words)} of {of_place.group(1)}", "person")
        entity.gender = entity.gender or TITLES.get(words[-1].lower())
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, of_place.end(), entity, inside, possessive, True))
        reg.add_role(start, entity, role_key(words))
        return
    if had_the and all(w.lower().rstrip(".") in STANDALONE_TITLES for w in words):
        holder = OFFICE_HOLDER_RE.match(text, end)
        if holder and not inside:
            # "The Minister for Children, Roderic O'Gorman,": the name after it holds the
            # office, so "the minister" later means him.
            reg.pending_role = (holder.end(), role_key(words))
            return
        # "the Chancellor": a character or office known only by its title.
        entity = reg.entity("The " + " ".join(words), "person")
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive, titled=True))
        reg.add_role(start, entity, role_key(words))
        return
    if had_the and not gender_of_first_name(words[0]):
        low = words[-1].lower().rstrip(".")
        if low in ROLE_KEYS or low in PERSON_NOUNS or low in ANONYMOUS_NOUNS or low in ORG_NOUNS:
            return  # "the Spaniard", "the Tennessee Republican": a role noun, read as such
    before = [] if titles else _words_before(text, start)
    shares = (
        SHARES_IN_RE.search(text, max(0, start - 20), start)
        if text.find("hares", max(0, start - 20), start) >= 0
        else None
    )
    first_sex = gender_of_first_name(name[0])  # what the first name says, asked below
    if not titles and not first_sex and _work_noun_before(text, start):
        # "the cult TV series Dark Angel", "his HBO series, The Night Desk,": a work named
        # after its kind, not a person (real-copy round 5).
        entity = reg.entity(" ".join(name), "work")
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if (before and before[-1] in ORG_INTRO_NOUNS or shares) and not first_sex:
        # "wearable camera maker GoPro", "the streaming service Hulu": a body, not a person.
        entity = reg.link(name, start, "org")
        if entity.kind == "unknown":
            entity.kind = "org"
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    roles = _roles(titles, before)
    if text.endswith((": ", ":\t"), 0, start):
        award = AWARD_BEFORE_RE.search(text, max(0, start - 80), start)
        if award and award.group(1).lower() in PERSON_NOUNS:
            # "Best Actor in a Leading Role: Name": the winner is "the actor" after it
            # (real-copy round 5).
            roles.append(award.group(1).lower())
    demonym = _demonym_before(text, start)
    if demonym is not None:
        # "Australian opener Travis Head": "the Australian" later means him.
        roles.append(demonym)
    titled_sex = _title_sex(titles) if titles else None
    gender = titled_sex
    if not gender and roles:
        gender = next((GENDERED_NOUNS[r] for r in roles if r in GENDERED_NOUNS), None)
    gender = gender or first_sex
    gave = (
        GAVE_NAME_RE.search(text, max(0, start - 40), start)
        if len(name) == 1 and text.endswith("as ", 0, start)
        else None
    )
    if gave is not None:
        gender = gender or {"his": "m", "her": "f"}.get(gave.group(1) or "")
    # '"...," Raye told the crowd': one name right after a quote, with a verb of speech, is
    # someone who speaks, wherever else the text names them (sixteenth round).
    cued = (
        len(name) == 1
        and not inside
        and (
            (
                text.endswith((",” ", '," ', ",' ", ",’ "), 0, start)
                and SPOKEN_AFTER_RE.match(text, end) is not None
            )
            # "Raye has announced ... The singer said": a story that opens on one name that
            # announced something, and then speaks of an artist (seventeenth round)
            or (
                (start == 0 or (start < 40 and not text[:start].strip()))  # indented
                and LEDE_NEWS_RE.match(text, end) is not None
                and ARTIST_RE.search(text, end) is not None
            )
        )
    )
    kind = (
        "person"
        if (titles or gender or gave or aged or (before and before[-1] in PERSON_NOUNS))
        else "unknown"
    )
    known = name[0].lower() in reg.tokens
    if len(name) == 1 and not titles and not known and _looks_common(text, name[0], start):
        return
    entity = reg.link(name, start, kind, titled_sex if len(name) == 1 else None)
    if entity.kind == "unknown" and (
        kind == "person"
        or (
            cued
            and " " not in entity.name
            # not a part of a longer name ("Allen" of Josh Allen-Price), a short form of a
            # named person's surname ("Becks" after David Beckham) or a nickname in marks
            and _not_a_part(text, name[0])
        )
    ):
        entity.kind = "person"
    if len(name) == 1 and len(entity.name.split()) > 1 and entity.name.split()[0] != name[0]:
        # "Warren said" after "Lovely Warren": a surname that is also a given name says
        # nothing of her sex.
        gender = titled_sex
    if gender and entity.gender is None and entity.kind == "person":
        entity.gender = gender
    entity.in_narrative = entity.in_narrative or not inside
    offset = end - len(" ".join(name))
    reg.mentions.append(
        Mention(offset, end, entity, inside, possessive, titled=bool(titles or roles))
    )
    if not inside:
        if reg.pending_role is not None and reg.pending_role[0] == start:
            roles = [*roles, reg.pending_role[1]]
            reg.pending_role = None
        for role in roles:
            reg.add_role(start, entity, role)
        # what an appositive opens on, tested before the call: most names have no comma after
        for role in _appositive_roles(text, end) if text.startswith(",", end) else ():
            reg.add_role(start, entity, role)
            if entity.gender is None and GENDERED_NOUNS.get(role):
                entity.gender = GENDERED_NOUNS[role]


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
    ):
        # "Strictly Come Dancing", "Keeping Up With the Kardashians": a show, not a person.
        return "work", [], [], False, False, False
    titles, name = split_titles(words)
    if (
        not titles
        and len(name) >= 3
        and gender_of_first_name(name[1])
        and not gender_of_first_name(name[0])
        and name[0].lower() not in PARTICLES
    ):
        titles, name = name[:1], name[1:]  # "Landscaper Luis Ortega"
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


def _plural_name(word: str) -> bool:
    """ "Lakers", "Falcons", "Stones": a capitalised plural, not "Williams" or "Jones" alone
    (the caller asks for "the" and two words or more)."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ys", "'s", "’s"))
        and word[:1].isupper()
        and word[1:].islower()
    )


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


def _split_at_verbs(
    text: str, start: int, end: int, headlines: dict[int, bool] | None = None
) -> list[tuple[int, int]]:
    """A headline's Title Case glues a name to its verb ("Ben Affleck Talks Up Cast"): cut
    the run at any capitalised verb after its first word."""
    if text.find(" ", start, end) < 0:
        return [(start, end)]
    # Only a verb after the first word cuts a run: without one the run is kept whole on any
    # line, so the line is read only for the few runs that have one.
    if HEADLINE_VERBS.isdisjoint(text[start:end].lower().split()[1:]):
        return [(start, end)]
    line = text.rfind("\n", 0, start) + 1
    headline = headlines.get(line) if headlines is not None else None
    if headline is None:
        headline = _title_case_line(text, start)
        if headlines is not None:
            headlines[line] = headline  # one answer for every name on the line
    if not headline:
        return [(start, end)]
    parts = []
    part_start = start
    words = list(WORD_RE.finditer(text, start, end))
    after_verb = False
    for word in words[1:]:
        if word.group().lower() in HEADLINE_VERBS:
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


def _title_case_line(text: str, pos: int) -> bool:
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


def _not_a_name(words: list[str]) -> bool:
    """A run with an adverb, a participle or a common verb in it names no one."""
    if any(gender_of_first_name(w) or w.lower() in GIVEN_NAMES for w in words):
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


def _all_roles(words: list[str]) -> bool:
    """ "Labour MP", "Senior Minister": titles with no name after them."""
    return all(w.lower().rstrip(".") in ROLE_KEYS for w in words)


def _at_sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 3) : start]
    # a dateline's dash ("CAIRO (Reuters) - Mediators said") opens the story's first sentence
    return start == 0 or not head.strip() or head.rstrip()[-1:] in ".!?\"”’'(—–-:\n"


def _looks_common(text: str, word: str, start: int) -> bool:
    """A capitalised word at a sentence's start that is an ordinary noun ("Analysts", "Police")."""
    low = word.lower()
    if low in ANONYMOUS_NOUNS or low in ORG_NOUNS or low in PERSON_NOUNS:
        return True
    if not _at_sentence_start(text, start):
        return False
    if low.endswith(("ers", "ists", "ants", "ents", "ians", "ors", "ics", "ees", "ives")):
        return True
    # An abstract noun opening a sentence ("Motherhood plays a part", "Friendship matters"):
    # a topic, not someone (real-copy round 5).
    return len(low) >= 7 and low.endswith(ABSTRACT_ENDINGS) and low not in GIVEN_NAMES


ABSTRACT_ENDINGS = ("hood", "ship", "ness", "ism", "tion", "sion", "ity")


def _not_a_part(text: str, word: str) -> bool:
    """Whether a one-word name stands alone in the text: not a part or a short form of a
    longer name, nor a nickname in marks."""
    w, stem = re.escape(word), re.escape(word[:3])
    return re.search(rf"[A-Z][\w'’.-]*[\s-]{stem}|\b{w}-[A-Z]|[\"“‘']{w}[\"”’']", text) is None
