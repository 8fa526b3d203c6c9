"""Attribution cues around a quotation and the noun phrase each one names as the speaker.

The functions here only read text: they say where the phrase that names the speaker lies and
what sort of phrase it is. `attribution.py` turns the phrase into an entity.
"""

import re
from dataclasses import dataclass

from .entities import ROLE_KEYS, RUN_RE, gender_of_first_name
from .lexicon import (
    AUXILIARIES,
    NAMES_LIKE_OPENERS,
    NOT_AGENTS,
    PARTICIPLES,
    PARTICLES,
    PERSON_NOUNS,
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
LEAD_RE = re.compile(r"^[\s,;]*(?:[—–-]+\s*)?")
MASK = "\x01"
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

PRONOUNS = {"he": "m", "she": "f", "they": None, "i": "self", "we": "self"}
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
APPOS = r"(?:\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,90},)"
OWNER_IN_NAME_RE = re.compile(r"[^\s]+['’]s\s+(?=\S)")
OF_GAP_RE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
APPOS_TAIL_RE = re.compile(r"\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,120},\s*")
NAME_NP = rf"(?:(?:[a-z][\w'’-]*\s+){{0,3}}?{RUN})"
SUBJECT_END_RES = (
    # ", actress Marisol Vega," / "The Chancellor, Sarah Lennox,"
    ("appos", re.compile(rf",\s*(?P<np>{NAME_NP})\s*,?\s*$")),
    # "Hollis, a former banker," / "Vega, 38,"
    (
        "pronoun",
        re.compile(r"(?<![\w'’-])(?P<np>(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?:['’](?:d|ll))?)\s*$"),
    ),
    (
        "the",
        re.compile(
            r"(?<![\w'’-])(?P<np>(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Aa]|[Aa]n|"
            rf"[Oo]ne|[Aa]nother|{RUN}['’]s)\s+(?:[\w'’.-]+\s+){{0,8}}?[\w'’.-]+)"
            rf"{APPOS}?\s*$"
        ),
    ),
    ("plural", re.compile(r"(?<![\w'’-])(?P<np>(?:[a-z][\w-]*\s+)?[A-Za-z][\w-]*s)\s*$")),
)
NP_WORD_RE = re.compile(r"[^\s,;:]+")
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
NP_ROLE_WORDS = ROLE_KEYS | PERSON_NOUNS | frozenset(PARTICLES) | frozenset({"of", "for"})
DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^()\n—–]{1,30})?\s*(?:\([^)\n]{1,20}\))?\s*[—–-]+\s*"
)
APPOS_NAME_RE = re.compile(rf"\s*,\s*(?P<np>{NAME_NP})\s*,")
ACCORDING_RE = re.compile(r"\baccording to\s+(?P<np>[^,.;:!?\x01]{1,80})", re.IGNORECASE)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
BY_AGENT_RE = re.compile(r"\s*by\s+(?P<np>[^,.;:!?\x01]{1,80}?)\s+as\b")
ABBREVIATION_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Capt|Gen|St|Jr|Sr|vs|No|Inc|Ltd|Co|Lt|Col|Sgt|Rev|"
    r"Mt|Ft|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)|\b[A-Z]|\.[A-Z])\.$"
)
BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9\x01])")
POSSESSIVE_WORD_RE = re.compile(r"\S+['’]s\s")
PHRASE_STOP_RE = re.compile('[.;:!?\n\x01"“]')
INTRODUCES_RE = re.compile("\\s*[,:]\\s*[\"“'‘\x01]")
THAT_RE = re.compile(r"\b(?:that|he|she|they|it|we|I)\b")
SAID_BEFORE_END_RE = re.compile(r"^\s*[.,;]?\s*(?:$|\n|[\"“”'‘\x01])")


@dataclass
class Cue:
    """A phrase naming the speaker: `np` is its text, `start` its offset in the source text."""

    np: str
    start: int
    form: str  # name, appos, pronoun, the, plural, after-verb, according, main, agent, none
    verb: str = ""
    weak: bool = False  # after a quote that ends its sentence: a cue before it comes first


def phrase_end(text: str, start: int) -> int:
    """Where a phrase from `start` ends: a full stop (not Mr. or U.S.), ; : ! ? or a quote."""
    match = PHRASE_STOP_RE.search(text, start)
    while match is not None:
        if match.group() != "." or not ABBREVIATION_RE.search(
            text[max(0, match.start() - 6) : match.start() + 1]
        ):
            return match.start()
        match = PHRASE_STOP_RE.search(text, match.end())
    return len(text)


def _sentence_end_in(text: str) -> bool:
    for match in re.finditer(r"\.(?=\s)", text):
        if not ABBREVIATION_RE.search(text[max(0, match.start() - 6) : match.start() + 1]):
            return True
    return False


def sentence_starts(masked: str, lo: int, hi: int) -> list[int]:
    """Offsets in [lo, hi) where a sentence begins, skipping abbreviations like Mr. and U.S."""
    starts = [lo]
    for match in BOUNDARY_RE.finditer(masked, lo, hi):
        head = masked[max(lo, match.start() - 6) : match.start() + 1]
        if ABBREVIATION_RE.search(head):
            continue
        if match.end() < hi:
            starts.append(match.end())
    return starts


def lead_clause(text: str, pos: int, hi: int) -> int | None:
    """The end of a leading phrase ("In a statement,", "Asked about it,"), if one starts at `pos`.

    A name that looks like an opener ("Kelly", "Manning") is a subject, not a leading phrase.
    """
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


def _name_at_end(head: str) -> tuple[int, int] | None:
    """The last name in `head` if only spaces or one appositive ("Hollis, a banker,") follow it.

    "Lord Sharland of Epsom" and "the Duke of Avonmore" are taken whole.
    """
    runs = list(RUN_RE.finditer(head, max(0, len(head) - 130)))
    for k in range(len(runs) - 1, -1, -1):
        run = runs[k]
        rest = head[run.end() :]
        if not rest.strip() or APPOS_TAIL_RE.fullmatch(rest):
            start = run.start()
            while k > 0 and OF_GAP_RE.fullmatch(head, runs[k - 1].end(), start):
                k -= 1
                start = runs[k].start()
            the = THE_BEFORE_RE.search(head, max(0, start - 5), start)
            return (the.start() if the else start), run.end()
        if rest.count(",") > 2:
            break
    return None


def subject_before(text: str, end: int, lo: int) -> Cue | None:
    """The noun phrase that ends just before a verb at `end`, skipping auxiliaries and adverbs."""
    head = text[max(lo, end - 160) : end]
    base = end - len(head)
    tail = AUX_TAIL_RE.search(head, max(0, len(head) - 60))
    if tail:
        head = head[: tail.start()]
    stripped = head.rstrip()
    if stripped.endswith((" and", " but")) or not stripped:
        return None
    match = SUBJECT_END_RES[0][1].search(head, max(0, len(head) - 130))
    if match:
        return Cue(match.group("np"), base + match.start("np"), "appos")
    found = _name_at_end(head)
    if found is not None:
        owner = OWNER_IN_NAME_RE.search(head, found[0], found[1])
        if owner is not None:
            found = (owner.end(), found[1])  # "The Guardian's Peter Bradshaw": the critic
        name = head[found[0] : found[1]]
        if name[:4].lower() == "the ":
            return Cue(name, base + found[0], "the")
        skip = 0
        for word in name.split()[:-1]:
            if word.lower() not in STOPWORDS:
                break
            skip += len(word) + 1
        if name[skip:].split()[0].lower() not in NP_START_BAD:
            return Cue(name[skip:], base + found[0] + skip, "name")
    for form, regex in SUBJECT_END_RES[1:]:
        match = regex.search(head)
        if match:
            np = match.group("np")
            first = np.split()[0].lower()
            if form == "plural" and (first in NP_START_BAD or np[:1].isupper()):
                continue
            return Cue(np, base + match.start("np"), form)
    return None


def after_cue(text: str, start: int, stop: int, quote_text: str) -> Cue | None:
    """The speaker named right after a closing mark: `"...," X said` or `"...," said X`."""
    window = text[start : min(stop, start + 220)]
    quote_text = quote_text.rstrip().rstrip("'’\"”")
    if quote_text and not quote_text.endswith(QUOTE_END) and window[:1] not in ",—–-":
        return None  # a partial quote running on into its sentence: "shocked" she said yes
    lead = LEAD_RE.match(window)
    offset = lead.end() if lead else 0
    ends_sentence = quote_text.rstrip().endswith((".", "…"))
    body = window[offset:]
    match = ACCORDING_RE.match(body)
    if match and not ends_sentence:
        return Cue(match.group("np"), start + offset + match.start("np"), "according")
    verb = SPEECH_RE.search(body, 0, 140)
    if verb is None:
        return None
    before = body[: verb.start()]
    if any(c in before for c in ';!?:\n\x01"“”') or _sentence_end_in(before):
        return None
    if verb.start() == 0:
        if ends_sentence:
            return None
        np = body[verb.end() : phrase_end(body, verb.end())]
        lead_np = len(np) - len(np.lstrip())
        if not np.strip():
            return None
        return Cue(np.strip(), start + offset + verb.end() + lead_np, "after-verb", verb.group())
    words = before.split()
    if not words or len(words) > 12 or words[0].lower().strip(",") in NP_START_BAD:
        return None
    weak = False
    if ends_sentence and INTRODUCES_RE.match(text, start + offset + verb.end()):
        return None  # `'Kid, where are your shoes?' He said, 'I sold them'`: it opens the next
    if ends_sentence and not SAID_BEFORE_END_RE.match(body[verb.end() :]):
        rest = body[verb.end() : phrase_end(body, verb.end())]
        if len(rest.split()) > 8 or THAT_RE.search(rest):
            return None
        weak = True
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
    verbs = list(REPORT_RE.finditer(clause))
    if verbs:
        verb = verbs[-1]
        word = verb.group()
        rest = clause[verb.end() :]
        if word in PARTICIPLES and clause[: verb.start()].rstrip().endswith(","):
            return Cue("", verb.start() + lo, "main", word)
        head = clause[: verb.start()]
        lead = lead_clause(head, 0, len(head))
        if not head.strip() or (lead and not head[lead:].strip()):
            np = rest.strip(" ,:—–-")
            if np:
                return Cue(np, lo + verb.end() + (len(rest) - len(rest.lstrip(" ,"))), "after-verb")
        if PASSIVE_RE.search(head):
            agent = BY_AGENT_RE.match(rest)
            if agent:
                return Cue(agent.group("np"), lo + verb.end() + agent.start("np"), "agent", word)
            return Cue("", lo, "none", word)
        cue = subject_before(text, lo + verb.start(), lo)
        if cue is not None and cue.form == "the" and not _names_a_person(cue.np):
            # "A man accused of setting fires in a Phoenix neighborhood told police ...":
            # the phrase just before the verb is not its subject; the sentence's subject is.
            subject = sentence_subject(text, lo, lo + verb.start())
            if subject is not None and subject.form == "the" and _names_a_person(subject.np):
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
        return Cue("", lo, "none")
    return None


def _names_a_person(np: str) -> bool:
    head = np.split()[-1].lower().strip(",.")
    agent = head.endswith(AGENT_ENDINGS) and head not in NOT_AGENTS
    return head in NP_ROLE_WORDS or agent or head.endswith("-old")


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
    pos = lead_clause(text, pos, hi) or pos
    while pos < hi and text[pos].isspace():
        pos += 1
    if pos >= hi or not text[pos].isalpha():
        return None
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
    end = pos
    named = False
    for count, word in enumerate(NP_WORD_RE.finditer(text, pos, min(hi, pos + 160))):
        if word.start() > end + 1 and text[end : word.start()].strip():
            break  # punctuation between words
        token = word.group()
        low = token.lower()
        if count and (low in STOP_WORDS_IN_NP or low.endswith(("ed", "n't", "n’t"))):
            break
        if named and token[:1].islower() and low not in NP_ROLE_WORDS:
            owned = text[end - 2 : end] in ("'s", "’s")
            if not (owned or _descriptor_before_name(text, word.start(), hi)):
                break
        named = named or (token[:1].isupper() and low not in DETERMINERS)
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
    if appos and first not in PRONOUNS:
        return Cue(appos.group("np"), appos.start("np"), "appos")
    if first in PRONOUNS:
        return Cue(first, pos, "pronoun")
    if first in DETERMINERS or POSSESSIVE_WORD_RE.match(np):
        return Cue(np, pos, "the")
    return Cue(np, pos, "name")


def speaks_after(text: str, start: int, stop: int, quote_text: str) -> bool:
    """Whether somebody is said to say the words just before `start` (for titles.py)."""
    return after_cue(text, start, stop, quote_text) is not None
