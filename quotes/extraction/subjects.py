"""Find who a clause is about: sentence bounds, "X said" patterns, and resolving the subject."""

import re
from dataclasses import dataclass, field

from .entities import ADVERB_ALT, RUN_RE, VERB_ALT, Person, Registry
from .lexicon import GENDERED_NOUNS, PERSON_NOUNS, ROLE_WORDS, STOPWORDS, SUBJECT_PRONOUNS

RUN = RUN_RE.pattern
PRON = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\b"
THE_NP = r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
SUBJ = rf"(?P<subj>{PRON}|{THE_NP}|(?:[a-z][\w-]*\s+){{0,2}}?{RUN})"
LEAD = r"\s*[,.!?]?\s*(?:[—–-]+\s*)?"
APPOS = r"(?:,[^,.;\"“”]{1,80},)?"
ADV = rf"(?:(?:{ADVERB_ALT}|\w+ly)\s+)?"
AFTER_SV_RE = re.compile(rf"{LEAD}{SUBJ}{APPOS}\s+{ADV}(?P<verb>{VERB_ALT})\b(?P<rest>\s*[.,;]?)")
AFTER_VS_RE = re.compile(rf"{LEAD}(?P<verb>{VERB_ALT})\s+(?:{ADV}){SUBJ}")
ACCORDING_RE = re.compile(rf"(?:{LEAD}|.*\b)according to\s+{SUBJ}", re.IGNORECASE)
VERB_RE = re.compile(rf"\b(?:{VERB_ALT})\b")
BEFORE_SUBJ_RE = re.compile(rf"{SUBJ}{APPOS}\s+{ADV}$")
POST_SUBJ_RE = re.compile(rf"\s+{SUBJ}")
START_SUBJ_RE = re.compile(rf"\s*(?:[a-z][\w-]*\s+){{0,2}}?(?P<subj>{PRON}|{THE_NP}|{RUN})")
BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9])")
ABBREVIATION_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Capt|Gen|St|Jr|Sr|vs|No|Inc|Ltd|Co)|\b[A-Z]|\.[A-Z])\.$"
)
LEAD_CLAUSE_RE = re.compile(
    r"\s*(?:[A-Z][a-z]+ing(?=\s+[a-z])|In|On|At|After|Before|When|While|As|During|Following|Despite|Although|"
    r"Though|Because|Since|With|From|For|Asked|Speaking|Earlier|Later|Last|Now|Then|Still|But|"
    r"And|However|Meanwhile)\b[^,]{0,200},"
)
YEAR_OLD_RE = re.compile(r"\d+-year-old$")


def sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in [lo, hi) where a sentence begins, skipping abbreviations like Mr. and U.S."""
    starts = [lo]
    for match in BOUNDARY_RE.finditer(text, lo, hi):
        head = text[max(lo, match.start() - 6) : match.start() + 1]
        if ABBREVIATION_RE.search(head):
            continue
        if match.end() < hi:
            starts.append(match.end())
    return starts


@dataclass
class Speakers:
    """Who has spoken so far, so a pronoun or a role noun finds the most recent fitting one."""

    registry: Registry
    history: list[Person] = field(default_factory=list)

    def add(self, person: Person | None) -> None:
        if person is not None:
            self.history.append(person)

    def recent(self, gender: str | None, exclude: Person | None = None) -> Person | None:
        for person in reversed(self.history[-30:]):
            if person is exclude:
                continue
            if gender in ("m", "f") and person.gender not in (None, gender):
                continue
            return person
        return None

    def resolve(
        self, phrase: str, pos: int, *, nested_in: Person | None = None, nested: bool = False
    ) -> Person | None:
        """Turn a subject phrase into a person; None when it names nobody we can identify.

        Inside a quote, "I" is the quote's speaker and "he"/"she" is someone else, named
        earlier; outside, a pronoun means the most recent compatible speaker.
        """
        phrase = phrase.strip()
        low = phrase.lower()
        if low in SUBJECT_PRONOUNS:
            gender = SUBJECT_PRONOUNS[low]
            if gender == "self":
                return nested_in if nested else None
            if nested:
                if gender is None:
                    return None
                return self.registry.recent_person(pos, gender, exclude=nested_in)
            return self.recent(gender) or self.registry.recent_person(pos, gender)
        words = phrase.split()
        if words[0].lower() in ("the", "his", "her", "their"):
            rest = words[1:]
            if rest and rest[0][:1].isupper() and words[0].lower() == "the":
                return self.registry.resolve(phrase, pos)
            if words[0].lower() != "the":
                return None
            return self._role(rest, pos, nested_in if nested else None)
        match = RUN_RE.search(phrase)
        if match is None or all(w.lower() in STOPWORDS for w in match.group().split()):
            return None
        return self.registry.resolve(match.group(), pos)

    def _role(self, words: list[str], pos: int, exclude: Person | None) -> Person | None:
        head = words[-1].lower().rstrip(",")
        pair = "-".join(w.lower() for w in words[-2:])
        for key in (pair, head):
            if key in ROLE_WORDS:
                found = self.registry.lookup_role(key, pos)
                if found is not None:
                    return found
        if head in PERSON_NOUNS or YEAR_OLD_RE.search(head):
            gender = GENDERED_NOUNS.get(head)
            return self.recent(gender, exclude=exclude) or self.registry.recent_person(
                pos, gender, exclude=exclude
            )
        return None


def after_attribution(text: str, quote_text: str) -> str | None:
    """The subject of `"...," X said` / `"...," said X` right after a closing mark."""
    ends_sentence = quote_text.rstrip().endswith(".")
    match = AFTER_SV_RE.match(text)
    if match and not (ends_sentence and not match.group("rest").strip()):
        return match.group("subj")
    match = AFTER_VS_RE.match(text)
    if match and not ends_sentence:
        return match.group("subj")
    match = ACCORDING_RE.match(text)
    if match and len(match.group(0)) < 80:
        return match.group("subj")
    return None


def before_attribution(clause: str) -> str | None:
    """The subject of the last speech verb in the clause before a quote (X said: "...")."""
    verbs = list(VERB_RE.finditer(clause))
    if not verbs:
        match = ACCORDING_RE.match(clause)
        return match.group("subj") if match else None
    verb = verbs[-1]
    head = clause[: verb.start()]
    match = BEFORE_SUBJ_RE.search(head[-160:])
    if match:
        return match.group("subj")
    match = POST_SUBJ_RE.match(clause, verb.end())
    if match and not match.group("subj").lower().startswith(("he ", "she ")):
        return match.group("subj")
    return None


def sentence_subject(sentence: str) -> str | None:
    """The grammatical subject of a sentence, skipping a leading phrase ("In the movie, ...")."""
    lead = LEAD_CLAUSE_RE.match(sentence)
    body = sentence[lead.end() :] if lead else sentence
    match = START_SUBJ_RE.match(body)
    return match.group("subj") if match else None
