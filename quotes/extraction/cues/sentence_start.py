"""What a sentence opens on: a leading phrase ("In a statement,", "Asked about it,") and its
grammatical subject (`sentence_subject`), a name phrase with role words in it ("Nuggets coach
Brian Kessel") included. Read forward from the start, apart from the cues: attribution asks
it of every narrative sentence to know who the sentence is about.
"""

import re

from ..entities import HEADLINE_VERBS, gender_of_first_name
from ..lexicon import (
    ANONYMOUS_NOUNS,
    AUXILIARIES,
    NAMES_LIKE_OPENERS,
    NOT_AGENTS,
    REPORT_VERBS,
    SPEECH_VERBS,
    STOPWORDS,
)
from .common import AGENT_ENDINGS, NAME_NP, NP_ROLE_WORDS, NP_START_BAD, Cue, _names_a_person

QUESTION_SUBJECT_RE = re.compile(
    r"(?:Is|Was|Does|Did|Has|Had|Can|Could|Will|Would|Should|Are|Were|Do|Have)\s+(he|she)\b"
)
FIRST_WORD_RE = re.compile(r"\s*([A-Za-z][\w'’-]*)")
NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'’-]*)")
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
# Sentence openers to skip before a subject: "In a statement, ...", "Speaking to Empire, ...".
CONJUNCTIONS = frozenset(["but", "and", "yet", "so"])
CONTRACTION_RE = re.compile(r"['’][a-z]{1,2}$")
CONJUNCTION_SUBJECT_RE = re.compile(r"[ \t]+(?:he|she|they|I|we)(?:['’][a-z]{1,2})?[ \t]")
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
    r"Yesterday|Again|Instead|Also|But|And|Yet|So)[ \t]+(?=(?:he|she|they|I|we)\b)"
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
DATELINE_RE = re.compile(
    r"\s*[A-Z][A-Z .'’-]{2,40}(?:,[^()\n—–]{1,30})?\s*(?:\([^)\n]{1,20}\))?\s*[—–-]+\s*"
)
# A list's bullet, or pictographs before the first word ("⚪🔵Brighton manager ...:"): symbols
# (arrows, shapes, dingbats, emoji, their joiners) are no part of the subject.
BULLET_RE = re.compile(
    r"[ \t]*(?:[-–—•*·][ \t]+|[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+[ \t]*)(?=[A-Z])"
)
APPOS_NAME_RE = re.compile(rf"\s*,\s*(?P<np>{NAME_NP})\s*,")
POSSESSIVE_WORD_RE = re.compile(r"\S+['’]s\s")
OF_YEARS_RE = re.compile(r" of (?:\d+|[a-z]+(?:-[a-z]+)?) years?$")
NAME_OPENING_ADJECTIVES = frozenset({"Former", "Late", "Fellow", "Local", "Retired", "Teenage"})


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
        if low in CONJUNCTIONS and CONJUNCTION_SUBJECT_RE.match(text, first.end()):
            # "But she's keeping them a secret, saying,": a conjunction before a subject opens
            # the main clause, no leading phrase (real-copy round 8)
            return None
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
        # "Later she dedicated a song to her father:": no comma after it; "But she's keeping
        # them a secret, saying," a conjunction too (real-copy round 8)
        pos = adverb.end()
    for _ in range(2):
        # "On his new novel, due in the spring, he was ...": the lead ran past one comma.
        word = FIRST_WORD_RE.match(text, pos)
        comma = text.find(",", pos, min(hi, pos + 80))
        if pos == lo or word is None or not word.group(1).islower() or comma < 0:
            break
        if word.group(1) in DETERMINERS or CONTRACTION_RE.sub("", word.group(1)) in PRONOUNS:
            break  # "she", and "she's" (real-copy round 8)
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
