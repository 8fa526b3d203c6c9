"""Attribution cues around a quotation and the noun phrase each one names as the speaker.

The functions here only read text: they say where the phrase that names the speaker lies and
what sort of phrase it is. `attribution/resolve.py` turns the phrase into an entity.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..entities import HEADLINE_VERBS, ROLE_KEYS, RUN_RE, find_runs, gender_of_first_name
from ..lexicon import (
    ANONYMOUS_NOUNS,
    ASK_VERBS,
    AUXILIARIES,
    KNOWN_ORGS,
    NAMES_LIKE_OPENERS,
    NOT_AGENTS,
    ORG_WORDS,
    PARTICIPLES,
    PARTICLES,
    PERSON_NOUNS,
    POSITION_WORDS,
    RELATIVE_NOUNS,
    REPORT_VERBS,
    SPEECH_PHRASES,
    SPEECH_VERBS,
    STOPWORDS,
)

RUN = RUN_RE.pattern


def word_pattern(words: frozenset[str]) -> str:
    """An alternation of `words` as a trie, so the regex engine never backtracks across them.

    A space in a word matches any run of spaces.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


VERB_ALT = word_pattern(SPEECH_VERBS | SPEECH_PHRASES)
REPORT_ALT = word_pattern(REPORT_VERBS | SPEECH_PHRASES)
AUX_ALT = word_pattern(AUXILIARIES)
SPEECH_RE = re.compile(rf"\b(?:{VERB_ALT})\b")
REPORT_RE = re.compile(rf"\b(?:{REPORT_ALT})\b")
AUX_TAIL_RE = re.compile(rf"(?:\s+(?:{AUX_ALT}|not|n't|[a-z]+ly))+\s*$")
HEARD_TAIL_RE = re.compile(
    r"\s+(?:is|was|were|are|can\s+be|could\s+be)\s+(?:heard|seen|caught|filmed|recorded)\s*$"
)
WHO_TAIL_RE = re.compile(r",?\s+who\s*$")
# "Ariana Grande, who plays Glinda, says": the name the relative clause hangs on speaks.
WHO_CLAUSE_TAIL_RE = re.compile(r",\s*who\s[^,;:\x01]{1,60},\s*$")
APPOS_OF_END_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+){1,4})?(?:of|from|at)\s[^,;:\x01]{2,60}$"
)
# "A pensioner who was conned out of £40,000 by fraudsters posing as police officers has
# warned": a relative clause with no commas, opening the sentence, hides the subject's head.
LEAD_WHO_RE = re.compile(
    r"^\s*((?:An?|The|One)\s+(?:[\w'’-]+\s+){0,3}?[a-z][\w'’-]*)"
    r"\s+who\s(?:[^,;:\x01]|(?<=\d),(?=\d)){1,140}$"
)
# "Neighbours of a man found dead at his flat in Salford have described him as": a plural
# head opening the sentence, before "of", is the subject, not the place closing the phrase.
# "Passengers in rural Shropshire say" too: a group somewhere (seventeenth round).
LEAD_OF_RE = re.compile(r"^\s*([A-Z][a-z]+s)\s+(?:of|in|across)\s[^,;:\x01]{1,120}$")
LEAD_KIN_OF_RE = re.compile(
    r"^\s*((?:The|A)\s+(?:family|friends|relatives|parents|mother|father|widow|widower|son"
    r"|daughter|wife|husband|brother|sister|partner))\s+of\s[^,;:\x01]{1,120}$"
)
PARTICIPLE_TAIL_RE = re.compile(r",\s*[a-z]+ing\b[^,;:\x01]*,?\s*$")
PAREN_RE = re.compile(r"\([^()\n\x01]{0,60}\)")
# "Sen. Bob Corker, R-Tenn., said": the party and state tag is part of the name.
PARTY_RE = re.compile(r",\s*[RDI]\.?-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=\s*,)")
PARTY_END_RE = re.compile(r",\s*[RDI]\.?-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*,\s*$")
# ", Ga.," after a town is part of the place: "the office in Perry, Ga., said".
STATE_RE = re.compile(
    r",\s+(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|"
    r"Minn|Miss|Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|"
    r"Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo|D\.C)\.(?=\s*,)"
)
PAREN_CUE_RE = re.compile(r"[ \t]?\((?=(?:said|says|added|adds|told)\b)")
LEAD_RE = re.compile(r"^[\s,;]*(?:[—–-]+\s*)?")
MASK = "\x01"
KNOWN_AS_RE = re.compile(r"\b(?:known|referred to)\b[^,.;:\x01]{0,40}\bas\s*$|\bnicknamed\s*$")
DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|these|those)\s+$")
QUESTION_SUBJECT_RE = re.compile(
    r"(?:Is|Was|Does|Did|Has|Had|Can|Could|Will|Would|Should|Are|Were|Do|Have)\s+(he|she)\b"
)
FIRST_WORD_RE = re.compile(r"\s*([A-Za-z][\w'’-]*)")
NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'’-]*)")
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
QUOTE_END = (",", ".", "!", "?", "…", "—", "–", "-", ";", ":")

# Inside a quote, "I", "we" and the generic "you" ("You go, 'I don't know'") are the speaker.
PRONOUNS = {"he": "m", "she": "f", "they": None, "i": "self", "we": "self", "you": "self"}
DETERMINERS = frozenset(
    [
        "the",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "a",
        "an",
        "one",
        "another",
        "this",
        "that",
        "some",
        "two",
        "three",
    ]
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
# Sentence openers to skip before a subject: "In a statement, ...", "Speaking to Empire, ...".
LEAD_CLAUSE_RE = re.compile(
    r"\s*(?:[A-Z][a-z]+ing(?=\s+[a-z])|In|On|At|After|Before|When|While|As|During|Following|"
    r"Despite|Although|Though|Because|Since|With|From|For|Asked|Pressed|Speaking|Sentencing|"
    r"Responding|Writing|Earlier|Later|Last|Now|Then|Still|But|And|However|Meanwhile|Backstage|"
    r"Afterwards|Afterward|Instead|Yet|So|Also|Separately|Elsewhere|Overall|Today|Yesterday|"
    r"Privately|Publicly|Online|Outside|Inside|Less|More|Within|Hours|Days|Weeks|Minutes|"
    r"Moments|Shortly|Soon|Once|Under|Over|Around|Before|By|Until|Like|Unlike|Along|Across|"
    r"Among|Amid|Behind|Beyond|Throughout|Without|Upon|Near|Against|Toward|Towards|Ahead|"
    r"Back|Together|Alongside|Beside|Besides|Nevertheless|Nonetheless|Furthermore|Moreover|"
    r"Otherwise|Therefore|Thus|Perhaps|Maybe|Indeed|Again|Questioned|Challenged|Confronted|"
    r"Interviewed|Told|Reached|Contacted|Approached|Born|Known|Based|Seated|Dressed|"
    r"[A-Z][a-z]+ly|Tonight|This|That|Last|Next|Every|Each|Since|Of|To|Through)\b"
    r"[^,\x01]{0,200},"
)
# A sentence adverb with no comma before a pronoun subject: "Later she said", "Then he added".
LEAD_ADVERB_RE = re.compile(
    r"(?:Later|Earlier|Then|Afterwards|Afterward|Now|Meanwhile|Finally|Still|Soon|Once|Today|"
    r"Yesterday|Again|Instead|Also)[ \t]+(?=(?:he|she|they|I|we)\b)"
)
APPOS = r"(?:\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,90},)"
OWNER_IN_NAME_RE = re.compile(r"[^\s]+['’]s\s+(?=\S)")
OF_GAP_RE = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?")
THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
WHO_APPOS_RE = re.compile(r"\s*,\s*who\b[^;:!?\x01]{1,160},\s*")
APPOS_TAIL_RE = re.compile(r"\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,120},\s*")
NAME_NP = rf"(?:(?:[a-z][\w'’-]*\s+){{0,3}}?{RUN})"
# A descriptor then a name, after a comma: ", actress Marisol Vega," but not ", a spokesman
# for Salazar," (that describes the name before the comma).
APPOS_NP = (
    r"(?:(?!(?:a|an|the|of|for|at|from|with|to|in|on|by|which|who|whose|that|where)\s)"
    r"[a-z][\w'’-]*\s+){0,3}?"
    rf"{RUN}"
)
SUBJECT_END_RES = (
    # ", actress Marisol Vega," / "The Chancellor, Sarah Lennox,"
    ("appos", re.compile(rf",\s*(?P<np>{APPOS_NP})\s*,?\s*$")),
    # "Hollis, a former banker," / "Vega, 38,"
    (
        "pronoun",
        re.compile(r"(?<![\w'’-])(?P<np>(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?:['’](?:d|ll))?)\s*$"),
    ),
    ("anon", re.compile(r"(?<![\w'’-])(?P<np>(?:[Ss]ome|[Aa]ny|[Nn]o|[Ee]very)(?:one|body))\s*$")),
    (
        "the",
        re.compile(
            r"(?<![\w'’-])(?P<np>(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Aa]|[Aa]n|"
            rf"[Oo]ne|[Aa]nother|{RUN}['’]s)\s+(?:[\w'’.+&-]+\s+){{0,8}}?[\w'’.-]+)"
            rf"{APPOS}?\s*$"
        ),
    ),
    ("plural", re.compile(r"(?<![\w'’-])(?P<np>(?:[a-z][\w-]*\s+)?[A-Za-z][\w-]*s)\s*$")),
)
# Written as one character then the same class repeated, here and in BOUNDARY_RE: a regex that
# opens on a class lets the engine scan for that class, not try a match at every character.
NP_WORD_RE = re.compile(r"[^\s,;:][^\s,;:]*")
STOP_WORDS_IN_NP = (
    frozenset(
        [
            "who",
            "whose",
            "which",
            "that",
            "where",
            "when",
            "while",
            "as",
            "and",
            "but",
            "or",
            "if",
            "because",
        ]
    )
    | AUXILIARIES
    | REPORT_VERBS
)
# "Rock band Foals", "Pop duo Ashby": a group's descriptor runs on into its name like a role.
NP_ROLE_WORDS = (
    ROLE_KEYS
    | PERSON_NOUNS
    | frozenset(PARTICLES)
    | frozenset({"of", "for", "band", "duo", "trio", "group", "quartet"})
    # positions in a team's line-up: "Tight end Mark Andrews", "Kings guard DeMarcus Pryor"
    | POSITION_WORDS
)
DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^()\n—–]{1,30})?\s*(?:\([^)\n]{1,20}\))?\s*[—–-]+\s*"
)
# Nouns for whoever runs a body: "the head of the Post Office" is a person, not the body.
HEAD_NOUNS = frozenset(["head", "boss", "chief", "chair", "leader", "director", "founder"])
CLAUSE_BREAK_RE = re.compile(r"\s(?:after|before|when|while|since|because|until|although|as)\s")
LEAD_NOUN_PP_RE = re.compile(
    r"\s*(?P<np>(?:A|An|One|Another|The)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<noun>[a-z][\w-]*))"
    r"\s+(?:at|in|from|with|near|on)\s"
)
AFTER_PLURAL_PP_RE = re.compile(r"\s*(?P<np>[a-z]+s)\s+(?:at|from)\s+[A-Z]")
# "MPs on the committee", "Patients at a GP surgery", "Passengers in Clitheroe" (fourteenth
# round): a plural of people before the place that follows it ("Analysts at Jefferies" stays
# the firm).
LEAD_PLURAL_PP_RE = re.compile(
    r"\s*(?P<np>[A-Z][A-Za-z]+s)\s+(?:on\s|in\s+(?=[A-Z])|(?:at|in|from|with)\s+(?:a|an|the)\s)"
)
BULLET_RE = re.compile(r"[ \t]*[-–—•*·][ \t]+(?=[A-Z])")
# ", Spanish model Elsa Pataky," after "The Aussie actor's wife": any words, then a name
APPOS_ANY_NAME_RE = re.compile(rf"\s*,\s*(?P<np>(?:\w[\w'’-]*\s+){{0,3}}?{RUN})\s*,")
APPOS_NAME_RE = re.compile(rf"\s*,\s*(?P<np>{NAME_NP})\s*,")
PLACE_BEFORE_NAME_RE = re.compile(r"[ \t](?:in|at|near|from)[ \t]+$")
ACCORDING_RE = re.compile(
    r"(?:\b[Aa]ccording to|(?<![\w'’-])[Pp]er(?=\s+[A-Z]))\s+(?P<np>[^,.;:!?\x01]{1,80})"
)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
WHOSE_TAIL_RE = re.compile(r",\s+whose\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+$")
# `"...," the club's official website quoted Santo as saying`: the one quoted, not the website
# (real-copy round 1).
QUOTED_SAYING_RE = re.compile(
    rf"[^.;:!?\n\x01]{{0,60}}?\bquoted[ \t]+(?P<np>him|her|{RUN})[ \t]+as[ \t]+(?:saying|telling)\b"
)
# "asked about Trump's comment that Tillerson needs to be 'tougher.'": a possessive speech noun
# gives its owner (real-copy round 1).
POSSESSIVE_SPEECH_RE = re.compile(
    rf"(?P<np>{RUN})['’]s?[ \t]+(?:comments?|remarks?|claims?|warnings?|suggestions?|assertion|"
    r"insistence|pledge|promise|vow|boast|jibe)[ \t]+that[ \t][^\x01;:!?\n]{0,100}$"
)
QUOTED_AS_RE = re.compile(r"\s+(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?quoted\s+as\s*$")
BY_AGENT_RE = re.compile(r"\s*by\s+(?P<np>[^,.;:!?\x01]{1,80}?)\s+as\b")
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
POSSESSIVE_WORD_RE = re.compile(r"\S+['’]s\s")
PHRASE_STOP_RE = re.compile('[.;:!?\n\x01"“]')
INTRODUCES_RE = re.compile("\\s*[,:]\\s*[\"“'‘\x01]")
THAT_RE = re.compile(r"\b(?:that|he|she|they|it|we|I)\b")
SAID_BEFORE_END_RE = re.compile(r"^\s*[.,;]?\s*(?:$|\n|[\"“”'‘\x01])")


FINAL_VERB_FIRST_RE = re.compile(
    rf",\s*(?P<verb>said|says|added|adds|told\s+\w+|explained|noted)\s+(?P<np>{NAME_NP}"
    r"(?:,[^,.;:!?\x01]{1,60})?)\s*$"
)
FINAL_VERB_LAST_RE = re.compile(
    rf"(?P<comma>,)\s*(?:[^,;:!?\x01]{{1,80}}?)\s+(?:(?:have|has|had)\s+)?(?P<verb>{VERB_ALT})\s*$"
)


DASH_SIGN_RE = re.compile(r"[ \t]*[—–-]+[ \t]*(?=[A-Z]|[a-z][\w-]*[ \t]+[A-Z])")
SIGN_STOP_RE = re.compile(
    r"[.;:!?(\n\x01,]|\s(?:after|before|on|in|at|following|during|when|as|who|speaking)\s"
)


# `"He's right," Harden, who had 20 points on seven of 16 shooting, nine assists ..., said`
REDUCED_PASSIVE_RE = re.compile(r",\s*(?:[a-z]+ly\s+)?$")
REDUCED_AS_RE = re.compile(r"\s+as\b")
INSERTED_NAME_RE = re.compile(rf"\s+(?P<np>{RUN}),")
LONG_APPOSITIVE_RE = re.compile(rf"\s*{RUN},\s+(?:who|whose|a|an|the|\d+)\b")
DESCRIPTOR_OPEN_RE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z][^,;:\x01]*$")
OF_HEAD_RE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:former\s+|new\s+)?)?"
    r"(?P<head>[A-Za-z][\w-]*)"
    r"\s+(?:of|for|close\s+to)\s+(?:(?:the|a|an|his|her|their|[\d\w]+-[\w-]+)\s+)?"
)


@dataclass
class Cue:
    """A phrase naming the speaker: `np` is its text, `start` its offset in the source text."""

    np: str
    start: int
    form: str  # name, appos, pronoun, the, plural, after-verb, according, main, agent, none
    verb: str = ""
    weak: bool = False  # after a quote that ends its sentence: a cue before it comes first


AUX_TAIL_WORDS = AUXILIARIES | {"not", "n't"}


def _may_end_in_aux(head: str) -> bool:
    """Whether a head (its trailing spaces stripped) ends in a word AUX_TAIL_RE can end on."""
    words = head.rsplit(None, 1)
    return bool(words) and (words[-1] in AUX_TAIL_WORDS or words[-1].endswith("ly"))


# The tails cut off a subject's head, in order, each with a test that the head (its trailing
# spaces stripped) ends as the regex needs.
TAIL_RES: tuple[tuple[re.Pattern, Callable[[str], bool]], ...] = (
    (AUX_TAIL_RE, _may_end_in_aux),
    (HEARD_TAIL_RE, lambda head: head.endswith(("heard", "seen", "caught", "filmed", "recorded"))),
    (WHO_TAIL_RE, lambda head: head.endswith("who")),
    (WHO_CLAUSE_TAIL_RE, lambda head: head.endswith(",")),
    (AUX_TAIL_RE, _may_end_in_aux),
)
# What a head (its trailing spaces stripped) must end with for a form's regex to match.
SUBJECT_END_ENDINGS = {
    "pronoun": ("e", "y", "I", "d", "ll"),  # he, she, we, they, I, he'd, they'll ...
    "anon": ("one", "body"),
    "plural": ("s",),
}
# The longest phrase a form's regex can match ("they'll", "everybody"), which ends the head: the
# search starts that far from the end, not at every character of the head.
SUBJECT_END_LONGEST = {"pronoun": len("they'll"), "anon": len("everybody")}


# A mark that ends the clause between a closing quote mark and its speech verb.
CLAUSE_STOP_RE = re.compile('[;!?:\n\x01"“”]')
FULL_STOP_RE = re.compile(r"\.(?=\s)")
ASIDE_ING_RE = re.compile(r",\s+[a-z]+ing\b")
# Verbs that may open a clause before the speaker's name ("Said Netflix's Karen Holt:"): a
# question's verb there asks rather than reports.
VERB_FIRST_VERBS = SPEECH_VERBS - ASK_VERBS
OF_YEARS_RE = re.compile(r" of (?:\d+|[a-z]+(?:-[a-z]+)?) years?$")
NAME_OPENING_ADJECTIVES = frozenset({"Former", "Late", "Fellow", "Local", "Retired", "Teenage"})
AFTER_VERB_PLACE_RE = re.compile(
    r"(?<=[a-z])\s+(?:at|in|on|outside|inside|during|from)\s+(?:the|a|an|his|her|its|their)\s+"
    r"[^,\s]+['’]s\s"
)


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


def lead_clause(text: str, pos: int, hi: int) -> int | None:
    """The end of a leading phrase ("In a statement,", "Asked about it,"), if one starts at `pos`.

    A name that looks like an opener ("Kelly", "Manning") is a subject, not a leading phrase.
    """
    if text.find(",", pos, hi) < 0:
        return None  # what the phrase ends on, tested first: many sentences have no comma
    match = LEAD_CLAUSE_RE.match(text, pos, hi)
    if match is None:
        return None
    first = FIRST_WORD_RE.match(text, pos)
    if first is not None:
        word = first.group()
        low = word.lower()
        if low.endswith(("ly", "ing")) and (
            gender_of_first_name(word) or low in NAMES_LIKE_OPENERS or _verb_follows(text, first)
        ):
            return None
    return match.end()


def _verb_follows(text: str, word: re.Match) -> bool:
    after = NEXT_WORD_RE.match(text, word.end())
    if after is None:
        return False
    low = after.group(1).lower()
    return low in SPEECH_VERBS or low in AUXILIARIES or low.endswith("ed")


# A subject's head is read again for the cue of a quote in the same sentence: the last few
# answers are kept.
@functools.lru_cache(maxsize=64)
def _name_at_end(head: str) -> tuple[int, int] | None:
    """The last name in `head` if only spaces or one appositive ("Hollis, a banker,") follow it.

    "Lord Sharland of Epsom" and "the Duke of Avonmore" are taken whole.
    """
    runs = find_runs(head, max(0, len(head) - 130))
    for k in range(len(runs) - 1, -1, -1):
        run = runs[k]
        rest = head[run.end() :]
        commas = rest.count(",")
        if (
            not rest.strip()
            # an appositive tail has exactly two commas, its first and its last: tested first,
            # since the regex is slow to fail on a long tail
            or (commas == 2 and APPOS_TAIL_RE.fullmatch(rest))
            or WHO_APPOS_RE.fullmatch(rest)
        ):
            start = run.start()
            while k > 0 and OF_GAP_RE.fullmatch(head, runs[k - 1].end(), start):
                k -= 1
                start = runs[k].start()
            the = THE_BEFORE_RE.search(head, max(0, start - 5), start)
            return (the.start() if the else start), run.end()
        if commas > 2:
            break
    return None


def subject_before(text: str, end: int, lo: int) -> Cue | None:
    """The noun phrase that ends just before a verb at `end`, skipping auxiliaries and adverbs.

    Brackets are blanked first ("Sen. Sherrod Brown (D-Ohio) said"), and so are a relative
    "who" ("John Chambers, who called ..."), "is heard" ("Philipps is heard asking") and an
    open participle phrase ("Mark Jones, speaking on behalf of Barratt Homes said").
    """
    found = _subject_before(text, end, lo)
    # A copy, since callers set the verb on the cue they get; the kept one stays as found.
    return None if found is None else Cue(found.np, found.start, found.form, found.verb, found.weak)


# A sentence's subject is asked for again by the cue of a quote in that sentence, soon after:
# the last few answers are kept (the text is hashed once, so the key is cheap).
@functools.lru_cache(maxsize=64)
def _subject_before(text: str, end: int, lo: int) -> Cue | None:
    head = text[max(lo, end - 160) : end]
    if "(" in head:
        head = PAREN_RE.sub(_blank, head)
    if "," in head:
        party = PARTY_END_RE.search(head, max(0, len(head) - 24))
        if party is not None:
            # `"...," Johnson, R-La., told reporters`: the party's closing comma goes with it,
            # so the name ends the subject as with no affix (fourteenth round).
            head = head[: party.start()] + _blank(party)
        head = PARTY_RE.sub(_blank, STATE_RE.sub(_blank, head))
    base = end - len(head)
    tail_end = head.rstrip()
    for regex, may_end in TAIL_RES:
        # Each regex matches only a head that, spaces aside, ends as `may_end` tells: a cheap
        # test first, since searching back for a match anchored at the end is slow.
        if not may_end(tail_end):
            continue
        tail = regex.search(head, max(0, len(head) - 60))
        if tail:
            head = head[: tail.start()]
            if regex is WHO_CLAUSE_TAIL_RE and APPOS_OF_END_RE.search(head):
                # "Dr Mark Ellis, of the British Nutrition Foundation, who was not involved,
                # said": the "of" appositive keeps its closing comma, as with no "who"; so
                # does "a plant scientist at Kew, who was not involved, said" (twelfth round).
                head += ","
            tail_end = head.rstrip()
    if base == lo and (" in " in head or " across " in head) and head.lstrip()[:1].isupper():
        group = LEAD_OF_RE.match(head)
        if group and group.group(1).lower() in ANONYMOUS_NOUNS:
            # "Passengers in rural Shropshire say": a group somewhere (seventeenth round)
            head = head[: group.end(1)]
    if base == lo and (" who " in head or " of " in head):
        lead = LEAD_WHO_RE.match(head)
        group = LEAD_OF_RE.match(head)
        if group and group.group(1).lower() in ANONYMOUS_NOUNS:
            lead = group  # "Neighbours of ...", not "Shares of Pelican Motors ..."
        kin = LEAD_KIN_OF_RE.match(head)
        if kin:
            lead = kin  # "The family of a man killed ... in Swindon have described"
        if lead:
            head = head[: lead.end(1)]
    comma = "," in head  # the participle and the appositive regexes start at a comma
    participle = (
        PARTICIPLE_TAIL_RE.search(head, max(0, len(head) - 90)) if comma and "ing" in head else None
    )
    if participle and _name_at_end(head[: participle.start()]):
        head = head[: participle.start()]
    stripped = head.rstrip()
    if stripped.endswith((" and", " but")) or not stripped:
        return None
    match = (
        # The appositive's words hold no comma, so it opens at the last comma, or at the one
        # before when only spaces follow the last: the search starts there, not further back.
        SUBJECT_END_RES[0][1].search(head, max(0, len(head) - 130, _appos_from(head)))
        if comma
        else None
    )
    if match:
        return Cue(match.group("np"), base + match.start("np"), "appos")
    found = _name_at_end(head)
    if found is not None and base == lo:
        lead = LEAD_NOUN_PP_RE.match(head)
        if lead and lead.end() <= found[0] and _names_a_person(lead.group("noun")):
            # "One senior nurse at a hospital in the north of England, who ..., said": the
            # person the phrase opens on, not the place closing it.
            return Cue(head[lead.start("np") : found[1]], base + lead.start("np"), "the")
        group = LEAD_PLURAL_PP_RE.match(head)
        if group and group.end() <= found[0] and _plural_people(group.group("np")):
            # "MPs on the Public Accounts Committee have accused": a group, not the committee.
            return Cue(head[group.start("np") : found[1]], base + group.start("np"), "plural")
    if found is not None:
        owner = (
            OWNER_IN_NAME_RE.search(head, found[0], found[1])
            # the possessive's apostrophe, tested first: most names have none
            if head.find("'", found[0], found[1]) >= 0 or head.find("’", found[0], found[1]) >= 0
            else None
        )
        if owner is not None:
            found = (owner.end(), found[1])  # "The Guardian's Peter Bradshaw": the critic
        name = head[found[0] : found[1]]
        if name[:4].lower() == "the ":
            owned = _of_head(head, base, found[0] + 4, found[1])
            return owned or Cue(name, base + found[0], "the")
        skip = 0
        for word in name.split()[:-1]:
            if word.lower() not in STOPWORDS:
                break
            skip += len(word) + 1
        if name[skip:].split()[0].lower() not in NP_START_BAD:
            person = _person_before_descriptor(head, found[0])
            if person is not None:
                return Cue(head[person[0] : person[1]], base + person[0], "name")
            return _of_head(head, base, found[0] + skip, found[1]) or Cue(
                name[skip:], base + found[0] + skip, "name"
            )
    for form, regex in SUBJECT_END_RES[1:]:
        if form in SUBJECT_END_ENDINGS and not stripped.endswith(SUBJECT_END_ENDINGS[form]):
            continue
        longest = SUBJECT_END_LONGEST.get(form)
        match = regex.search(head, max(0, len(stripped) - longest) if longest else 0)
        if match and form == "the":
            # "X and Y's spokesman clashed on Thursday after the billionaire posted": a
            # conjunction opening a clause ends any noun phrase before it.
            breaks = list(CLAUSE_BREAK_RE.finditer(match.group("np")))
            if breaks:
                at = match.start("np") + breaks[-1].end()
                match = regex.search(head, at) or match
        if match:
            np = match.group("np")
            first = np.split()[0].lower()
            if form == "plural" and first in ("which", "whom") and len(np.split()) == 2:
                # "..., which critics say is ...": the plural after the relative pronoun.
                last = np.split()[1]
                if last[:1].islower():
                    return Cue(last, base + match.end("np") - len(last), form)
            if form == "plural" and (first in NP_START_BAD or np[:1].isupper()):
                continue
            if form == "the":
                owned = _of_head(head, base, match.start("np"), match.end("np"))
                if owned is not None:
                    return owned
                appos = APPOS_ANY_NAME_RE.match(head, match.end("np"))
                if appos is not None and not head[appos.end() :].strip():
                    # "His daughter, the singer Ruby Marsh, said": the name in the appositive.
                    return Cue(appos.group("np"), base + appos.start("np"), "appos")
            return Cue(np, base + match.start("np"), form)
    return None


def _appos_from(head: str) -> int:
    """The first comma an appositive closing `head` may open on (-1 if none)."""
    last = head.rfind(",")
    return head.rfind(",", 0, last) if last >= 0 and not head[last + 1 :].strip() else last


def _person_before_descriptor(head: str, start: int) -> tuple[int, int] | None:
    """ "Ryan Westergaard, chief officer for the state Bureau of Communicable Disease said":
    a body named at the end of a descriptor whose closing comma was left out; the speaker is
    the person before the descriptor's opening comma."""
    name = head[start:]
    if not any(w in ORG_WORDS or w in KNOWN_ORGS for w in name.split()):
        return None
    opening = DESCRIPTOR_OPEN_RE.search(head, max(0, start - 100), start)
    if opening is None:
        return None
    found = _name_at_end(head[: opening.start()])
    if found is None or found[1] != opening.start():
        return None
    words = head[found[0] : found[1]].split()
    if len(words) < 2 or gender_of_first_name(words[0]) is None:
        return None
    return found


def _of_head(head: str, base: int, start: int, end: int) -> Cue | None:
    """ "the family of Mr Boorman", "Members of the committee": the head noun is the subject.

    Only for heads that name a relative, an unnamed person or a group; "the director of
    the film" is left to the role lookup.
    """
    near = head[max(0, start - 30) : start]
    if " of " not in near and " for " not in near and " to " not in near:
        return None  # no "of", "for" or "close to" just before: the regex would fail
    match = OF_HEAD_RE.search(head, max(0, start - 60), start)
    if match is None or match.end() != start:
        return None
    noun = match.group("head")
    low = noun.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    if plural and low not in PERSON_NOUNS:
        return Cue(head[match.start() : end], base + match.start(), "plural")
    if noun[:1].islower() and (low in ANONYMOUS_NOUNS or low in RELATIVE_NOUNS):
        return Cue(head[match.start() : end], base + match.start(), "the")
    if noun[:1].islower() and low in HEAD_NOUNS and head[start:end][:1].isupper():
        # "The former head of the Post Office told": the head, not the body.
        return Cue(head[match.start() : end], base + match.start(), "the")
    return None


def after_cue(text: str, start: int, stop: int, quote_text: str) -> Cue | None:
    """The speaker named right after a closing mark: `"...," X said` or `"...," said X`."""
    window = text[start : min(stop, start + 220)]
    quote_text = quote_text.rstrip().rstrip("'’\"”")
    paren = PAREN_CUE_RE.match(window) if "(" in window[:3] else None
    if paren is not None:
        # `"It took me 40 minutes" (said Dev Patel, a nurse)`: the attribution in brackets.
        offset = paren.end()
        window = window[: window.find(")", offset)] if ")" in window[offset:] else window
    elif quote_text and not quote_text.endswith(QUOTE_END) and window[:1] not in ",—–-":
        return None  # a partial quote running on into its sentence: "shocked" she said yes
    else:
        lead = LEAD_RE.match(window)
        offset = lead.end() if lead else 0
    ends_sentence = quote_text.rstrip().endswith((".", "…"))
    body = window[offset:]
    match = ACCORDING_RE.match(body)
    if match and not ends_sentence:
        return Cue(match.group("np"), start + offset + match.start("np"), "according")
    quoted = QUOTED_SAYING_RE.match(body) if "quoted" in body[:80] else None
    if quoted is not None:
        np = quoted.group("np")
        if np in ("him", "her"):
            return Cue("he" if np == "him" else "she", start + offset, "pronoun", "saying")
        return Cue(np, start + offset + quoted.start("np"), "name", "saying")
    verb = SPEECH_RE.search(body, 0, 140)
    if verb is None:
        return None
    before = body[: verb.start()]
    if CLAUSE_STOP_RE.search(before) or _sentence_end_in(before):
        return None
    if verb.start() == 0:
        if ends_sentence or verb.group() in PARTICIPLES:
            return None  # `"...," telling a rally that`: the sentence's subject speaks
        np = body[verb.end() : phrase_end(body, verb.end())]
        lead_np = len(np) - len(np.lstrip())
        if not np.strip():
            return None
        if "'s" in np or "’s" in np:
            place = AFTER_VERB_PLACE_RE.search(np)
            before_place = np[: place.start()] if place is not None else ","
            if "," not in before_place and any(w[:1].isupper() for w in before_place.split()):
                # "said chief operating officer Marta Sandoval at the company's headquarters":
                # the place after the name is no owner of the speaker's role.
                np = before_place
        return Cue(np.strip(), start + offset + verb.end() + lead_np, "after-verb", verb.group())
    words = before.split()
    # Up to 12 words before the verb, or 30 when a long appositive follows a name (the regex is
    # tried only in between, where it decides).
    too_long = len(words) > 12 and (len(words) > 30 or not LONG_APPOSITIVE_RE.match(before))
    if not words or too_long or words[0].lower().strip(",") in NP_START_BAD:
        return None
    weak = False
    if ends_sentence and INTRODUCES_RE.match(text, start + offset + verb.end()):
        return None  # `'Kid, where are your shoes?' He said, 'I sold them'`: it opens the next
    if ends_sentence and not SAID_BEFORE_END_RE.match(body[verb.end() :]):
        rest = body[verb.end() : phrase_end(body, verb.end())]
        if len(rest.split()) > 8 or THAT_RE.search(rest):
            return None
        weak = True
    group = AFTER_PLURAL_PP_RE.match(before)
    if group is not None and _plural_people(group.group("np")):
        # `"...," analysts at Barclays wrote in a note`: unnamed people at a firm, not the
        # firm (a capitalised "Analysts at Jefferies said" before a quote stays the firm's).
        np = before[group.start("np") :].strip()
        return Cue(np, start + offset + group.start("np"), "plural", verb.group(), weak)
    cue = subject_before(text, start + offset + verb.start(), start + offset)
    if cue is None:
        return None
    cue.verb = verb.group()
    cue.weak = weak
    return cue


def before_cue(text: str, lo: int, opener: int, previous_speaker_in_sentence: bool) -> Cue | None:
    """The speaker named in the narrative just before an opening mark, in the same sentence.

    `lo` is where that narrative starts (the sentence start, or the close of a quote earlier in
    the same sentence). A partial quote with no reporting verb before it is a scare quote or a
    title: the cue is then "none", meaning nobody said it.
    """
    clause = text[lo:opener]
    stripped = clause.rstrip()
    if not stripped.strip(" ,;—–-"):
        return None
    intro = stripped.endswith((":", ",", "—", "–"))
    first = FIRST_WORD_RE.match(clause)
    # "Said the governor, turning back to his notes:": a participle phrase after the speaker
    # is no second verb ("notes" there is a noun).
    aside = ASIDE_ING_RE.search(clause, first.end()) if first and "ing" in clause else None
    named_end = aside.start() if aside else len(clause)
    if (
        first
        and stripped.endswith(":")
        and first.group(1).lower() in VERB_FIRST_VERBS
        and REPORT_RE.search(clause, first.end(), named_end) is None
    ):
        # Trade press puts the verb first: "Said Netflix vice president of drama Karen Holt:".
        rest = clause[first.end() :]
        np = rest.strip().strip(" ,:")
        if np:
            start = lo + first.end() + len(rest) - len(rest.lstrip())
            return Cue(np, start, "after-verb", first.group(1).lower())
    if ("known" in clause or "referred to" in clause or "nicknamed" in clause) and (
        KNOWN_AS_RE.search(clause)
    ):
        return Cue("", lo, "none", "known as")  # 'known in the dressing room as "Leachy"'
    owner = (
        POSSESSIVE_SPEECH_RE.search(clause)
        if "that" in clause and ("’s " in clause or "'s " in clause)
        else None
    )
    if owner is not None and REPORT_RE.search(clause, owner.end("np")) is None:
        # "about Mayor Victor Hale's comment that officers should be 'more visible'"
        return Cue(owner.group("np"), lo + owner.start("np"), "name", "comment")
    # "The Kremlin said the claims were ...": after a determiner the word is a noun.
    verbs = [v for v in REPORT_RE.finditer(clause) if not _after_determiner(clause, v.start())]
    if verbs:
        verb = verbs[-1]
        word = verb.group()
        rest = clause[verb.end() :]
        before = clause[: verb.start()].rstrip()
        if word in PARTICIPLES and (before.endswith(",") or not before):
            # `..., "sit this one out," telling a rally that`: the participle has no subject
            # of its own, so the sentence's speaker.
            return Cue("", verb.start() + lo, "main", word)
        head = clause[: verb.start()]
        if REDUCED_PASSIVE_RE.search(head) and REDUCED_AS_RE.match(rest) and word.endswith("ed"):
            # "songs previously described as 'some of the best'": nobody is named.
            return Cue("", lo, "none", word)
        inserted = INSERTED_NAME_RE.match(rest)
        if inserted and head.rstrip().endswith(",") and word not in PARTICIPLES:
            # "Its heart rate sensor is, said Jeff Williams, Apple's COO, '...'".
            return Cue(inserted.group("np"), lo + verb.end() + inserted.start("np"), "after-verb")
        lead = lead_clause(head, 0, len(head))
        if not head.strip() or (lead and not head[lead:].strip()):
            np = rest.strip(" ,:—–-")
            if np and np.split()[0].lower() in NP_START_BAD:
                # `"out of control," saying at a press conference that "..."`: no subject
                # of its own, so the sentence's (or the quote before's) speaker.
                return Cue("", verb.start() + lo, "main", word)
            if np:
                return Cue(np, lo + verb.end() + (len(rest) - len(rest.lstrip(" ,"))), "after-verb")
        if PASSIVE_RE.search(head):
            agent = BY_AGENT_RE.match(rest)
            if agent:
                return Cue(agent.group("np"), lo + verb.end() + agent.start("np"), "agent", word)
            return Cue("", lo, "none", word)
        quoted_as = QUOTED_AS_RE.search(head) if "quoted" in head else None
        # "Councillor Baines is quoted as saying the routes were ...": the subject of the
        # passive is the one who said it.
        whose = WHOSE_TAIL_RE.search(head) if "whose" in head else None
        if whose is not None:
            # "... Florian Wirtz-Meyer, whose agent says ...": the relative's role noun, not
            # the one it belongs to.
            return Cue("the " + whose.group("np"), lo + whose.start("np"), "the", word)
        cue = subject_before(text, lo + (quoted_as.start() if quoted_as else verb.start()), lo)
        if cue is not None and cue.form == "the" and not _names_a_person(cue.np):
            # "A man accused of setting fires in a Phoenix neighborhood told police ...":
            # the phrase just before the verb is not its subject; the sentence's subject is.
            subject = sentence_subject(text, lo, lo + verb.start())
            if subject is not None and subject.form == "the" and _names_a_person(subject.np):
                cue = subject
        if (
            cue is not None
            and cue.form == "name"
            and cue.start > lo
            and PLACE_BEFORE_NAME_RE.search(text, max(lo, cue.start - 8), cue.start)
            and "," in text[lo : cue.start]
        ):
            # "Peter Walsh, chairman of the association in Drumcree said:": the name after
            # "in" ends the appositive's place; the subject is the name the sentence opens on
            # (real-copy round 4).
            subject = sentence_subject(text, lo, lo + verb.start())
            if subject is not None and subject.form == "name" and subject.start < cue.start:
                cue = subject
        if cue is not None:
            cue.verb = word
            return cue
        return Cue("", lo + verb.start(), "main", word)
    match = ACCORDING_RE.search(clause)
    if match:
        return Cue(match.group("np"), lo + match.start("np"), "according")
    if stripped.endswith(":"):
        return Cue("", lo, "main", ":")
    if not intro and not previous_speaker_in_sentence:
        subject = sentence_subject(text, lo, opener)
        if (
            subject is not None
            and subject.form == "name"
            and not text[subject.start + len(subject.np) : opener].strip()
        ):
            # "Jenna Dewan-Tatum 'Melts' at the Sight of ...": the quote is what the
            # person just named does, in the clipped style of a headline.
            return Cue(subject.np, subject.start, "headline")
        return Cue("", lo, "none")
    return None


def _after_determiner(text: str, pos: int) -> bool:
    return DETERMINER_BEFORE_RE.search(text, max(0, pos - 8), pos) is not None


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


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


def _compound_role(text: str, word: re.Match, low: str, hi: int) -> bool:
    """ "T1 Ascend's veteran support player, Park Ji-ho,": a noun before a role word makes one
    role with it ("support player", "kit man"), closed by a comma."""
    if not low.isalpha() or low in STOPWORDS or low in STOP_WORDS_IN_NP:
        return False
    after = NEXT_WORD_RE.match(text, word.end(), hi)
    if after is None or after.group(1).lower() not in NP_ROLE_WORDS:
        return False
    return text.startswith(",", after.end())


def _descriptor_before_name(text: str, pos: int, hi: int) -> bool:
    """Lowercase role words between two names: "England head coach Steve Borthwick"."""
    roleish = False
    for word in NP_WORD_RE.finditer(text, pos, min(hi, pos + 60)):
        token = word.group()
        if token[:1].isupper():
            return roleish
        low = token.lower()
        if low in STOP_WORDS_IN_NP or low in STOPWORDS or low.endswith(("ed", "n't", "n’t")):
            return False
        if low in NP_ROLE_WORDS or (low.endswith(AGENT_ENDINGS) and low not in NOT_AGENTS):
            roleish = True
        if word.end() < hi and text[word.end()] == ",":
            return False
    return False


def sentence_subject(text: str, lo: int, hi: int) -> Cue | None:
    """The grammatical subject of the sentence in [lo, hi), after any leading phrase.

    A name phrase may carry role words between its capitalised parts ("Nuggets coach Brian
    Kessel"); any other lowercase word after a name ends it. An appositive name after the
    phrase wins ("His star, Cillian Murphy, was ...").
    """
    dateline = DATELINE_RE.match(text, lo, hi)
    pos = dateline.end() if dateline else lo
    bullet = BULLET_RE.match(text, pos, hi)
    if bullet:
        pos = bullet.end()  # "- Jayson Tatum on his 41-point night:": a list's item
    pos = lead_clause(text, pos, hi) or pos
    while pos < hi and text[pos].isspace():
        pos += 1
    if pos >= hi or not text[pos].isalpha():
        return None
    adverb = LEAD_ADVERB_RE.match(text, pos, hi)
    if adverb is not None:
        pos = adverb.end()  # "Later she dedicated a song to her father:": no comma after it
    for _ in range(2):
        # "On his new novel, due in the spring, he was ...": the lead ran past one comma.
        word = FIRST_WORD_RE.match(text, pos)
        comma = text.find(",", pos, min(hi, pos + 80))
        if pos == lo or word is None or not word.group(1).islower() or comma < 0:
            break
        if word.group(1) in PRONOUNS or word.group(1) in DETERMINERS:
            break
        pos = comma + 1
        while pos < hi and text[pos].isspace():
            pos += 1
    question = QUESTION_SUBJECT_RE.match(text, pos, hi)
    if question:
        # "Is he nervous about the reception?": the question is about him, so is the answer.
        return Cue(question.group(1).lower(), question.start(1), "pronoun")
    end = pos
    named = False
    possessed = headed = False
    for count, word in enumerate(NP_WORD_RE.finditer(text, pos, min(hi, pos + 160))):
        if word.start() > end + 1 and text[end : word.start()].strip():
            break  # punctuation between words
        token = word.group()
        low = token.lower()
        if count and not token[:1].isalnum():
            break  # "Gary Megson (regarding ...)": a bracket ends the name
        if count and token[:1].isupper() and low.strip(".,:;!?") in HEADLINE_VERBS:
            break  # "Bethenny Frankel Opens Up About ...": a headline's verb ends the name
        if (
            count
            and (
                low in STOP_WORDS_IN_NP
                # a verb's ending, but not a name's (Ted, Lou Reed, Ahmed)
                or (low.endswith(("ed", "n't", "n’t")) and not token[:1].isupper())
            )
        ):
            break
        if named and token[:1].islower() and low not in NP_ROLE_WORDS:
            owned = text[end - 2 : end] in ("'s", "’s")
            # "Georgia's top election official": the words after a possessive name
            owned = owned or (possessed and not headed and low not in STOPWORDS and low.isalpha())
            if not (
                owned
                or _descriptor_before_name(text, word.start(), hi)
                or _compound_role(text, word, low, hi)
            ):
                break
        possessed = possessed or token.endswith(("'s", "’s"))
        headed = headed or (possessed and (low in NP_ROLE_WORDS or low in ANONYMOUS_NOUNS))
        # "Local schoolgirl Isla Grant, nine, said": an adjective opening the phrase is no name.
        opener = count == 0 and token in NAME_OPENING_ADJECTIVES
        named = named or (token[:1].isupper() and low not in DETERMINERS and not opener)
        end = word.end()
        if count >= 6:
            break
    np = text[pos:end]
    if not np:
        return None
    first = np.split()[0].lower().split("'")[0].split("’")[0]
    if first in NP_START_BAD:
        return None
    appos = APPOS_NAME_RE.match(text, end, hi)
    if appos and " of " in np:
        # "His wife of 55 years, Glenys, said": the head before "of N years" (twelfth round)
        years = OF_YEARS_RE.search(np)
        np_head = np[: years.start()] if years is not None else np
    else:
        np_head = np
    if (
        appos
        and first not in PRONOUNS
        and (np_head.split()[-1][:1].isupper() or _names_a_person(np_head))
        # "campaigner Deborah Arnott, of ASH, welcomed", "Bella Ramsey, who plays Ellie, is":
        # where someone is from or a clause about them, not another name (sixteenth round)
        and not appos.group("np").startswith(("of ", "who "))
    ):
        # "His star, Cillian Murphy, was ...", but not "Ocasio's boat, the Mary Rose, was".
        return Cue(appos.group("np"), appos.start("np"), "appos")
    if first in PRONOUNS:
        return Cue(first, pos, "pronoun")
    if first in DETERMINERS or POSSESSIVE_WORD_RE.match(np):
        return Cue(np, pos, "the")
    return Cue(np, pos, "name")


def final_cue(text: str, start: int, stop: int) -> Cue | None:
    """The attribution that closes a sentence: `..., said Sgt. Michael Glassberg.` or
    `..., Glassberg said.` Only text after the quote, up to the sentence's end, is read."""
    tail = text[start:stop]
    end = len(tail.rstrip())
    if end and tail[end - 1] in ".!?":
        end -= 1
    match = FINAL_VERB_FIRST_RE.search(tail, 0, end)
    if match:
        np = match.group("np").strip()
        return Cue(np, start + match.start("np"), "after-verb", match.group("verb"))
    match = FINAL_VERB_LAST_RE.search(tail, 0, end)
    if match:
        cue = subject_before(text, start + match.start("verb"), start)
        if cue is not None and cue.start >= start + match.start("comma"):
            cue.verb = match.group("verb")
            return cue
    return None


def dash_cue(text: str, start: int, stop: int) -> Cue | None:
    """A quote set out on its own line and signed with a dash: `"..." – Wigan's Roberto
    Martinez after a 4-0 defeat.` The name phrase stops at a full stop, bracket or comma,
    or at "after", "on", "in" and the like."""
    match = DASH_SIGN_RE.match(text, start, stop)
    if match is None:
        return None
    phrase_start = match.end()
    phrase_stop = min(stop, phrase_start + 120)
    cut = SIGN_STOP_RE.search(text, phrase_start, phrase_stop)
    end = cut.start() if cut else phrase_stop
    # "- Burnley boss Sean Dyche bemoans diving": the name that opens the phrase.
    subject = sentence_subject(text, phrase_start, end)
    if subject is not None and subject.form == "name":
        found: tuple[int, int] | None = (
            subject.start - phrase_start,
            subject.start - phrase_start + len(subject.np),
        )
    elif SPEECH_RE.search(text, phrase_start, end):
        return None
    else:
        found = _name_at_end(text[phrase_start:end].rstrip())
    if found is None:
        return None
    np = text[phrase_start + found[0] : phrase_start + found[1]]
    owner = OWNER_IN_NAME_RE.search(np)
    skip = owner.end() if owner else 0
    return Cue(np[skip:], phrase_start + found[0] + skip, "name")


def speaks_after(text: str, start: int, stop: int, quote_text: str) -> bool:
    """Whether somebody is said to say the words just before `start` (for titles.py)."""
    return after_cue(text, start, stop, quote_text) is not None
