"""A registry of the people an article names, so later mentions resolve to the fullest name."""

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (
    ADVERBS,
    FEMALE_NAMES,
    GENDERED_NOUNS,
    MALE_NAMES,
    PARTICLES,
    ROLE_GROUPS,
    ROLE_WORDS,
    SPEECH_VERBS,
    STOPWORDS,
    TITLES,
)

_UPPER = "A-Z\u00c0-\u00de"
_WORD = "A-Za-z\u00c0-\u024f"
TOKEN = (
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Capt|Gen|St)\.|[{_UPPER}][{_WORD}]*(?:['’-][{_WORD}]+)*)"
)
PARTICLE = "|".join(sorted(PARTICLES))
RUN_RE = re.compile(rf"(?<![\w'’-]){TOKEN}(?:[ \t]+(?:(?:{PARTICLE})[ \t]+)*{TOKEN})*")
VERB_ALT = "|".join(sorted(SPEECH_VERBS))
ADVERB_ALT = "|".join(sorted(ADVERBS))
SPEECH_AFTER_RE = re.compile(
    rf"(?:,[^,.;\"“”]{{1,60}},)?\s+(?:(?:{ADVERB_ALT}|\w+ly)\s+)?(?:{VERB_ALT})\b"
)
LOWER_WORD_RE = re.compile(r"[a-z][a-z-]*")
PEERAGE = frozenset({"lord", "lady", "baroness", "baron"})
ABBREVIATED = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "capt": "captain",
    "gen": "general",
    "prof": "professor",
}
APPOSITIVE_RE = re.compile(r",\s+(?:the|a|an|who is|who was)\s+([^,.;\"“”()]{1,60})")
POSSESSIVE_RE = re.compile(r"['’]s$")
TITLE_KEYS = frozenset(t.rstrip(".") for t in TITLES) | ROLE_WORDS
APPOSITIVE_ROLES = ROLE_WORDS | frozenset(GENDERED_NOUNS)


@dataclass(eq=False)
class Person:
    """Someone (or a named body or character) the text may quote."""

    name: str
    gender: str | None = None
    is_person: bool = False
    roles: set[str] = field(default_factory=set)


def role_key(words: list[str]) -> str:
    return "-".join(w.lower().rstrip(".") for w in words)


def gender_of_first_name(token: str) -> str | None:
    low = token.lower()
    if low in FEMALE_NAMES:
        return "f"
    if low in MALE_NAMES:
        return "m"
    return None


class Registry:
    """People met in the text, indexed by name token and role, with the offsets they appear at."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.mentions: list[tuple[int, Person]] = []
        self.tokens: dict[str, list[tuple[int, Person]]] = {}
        self.roles: dict[str, list[tuple[int, Person]]] = {}

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person(name)
        return self.people[name]

    def mention(self, pos: int, person: Person) -> None:
        self.mentions.append((pos, person))
        words = person.name.split()
        if len(words) > 1 and not person.name.startswith("The "):
            keys = {words[0], words[-1]}
            for i, word in enumerate(words[1:-1], start=1):
                if word in PARTICLES:
                    keys.add(" ".join(words[i:]))
            for key in keys:
                self.tokens.setdefault(key.lower(), []).append((pos, person))

    def add_role(self, pos: int, person: Person, role: str) -> None:
        person.roles.add(role)
        self.roles.setdefault(role, []).append((pos, person))

    def lookup_token(self, token: str, pos: int) -> Person | None:
        """The most recent person whose first name or surname is `token`, else the next one."""
        entries = self.tokens.get(token.lower())
        if not entries:
            return None
        i = bisect.bisect_right(entries, pos, key=lambda e: e[0])
        return entries[i - 1][1] if i else entries[0][1]

    def lookup_role(self, role: str, pos: int) -> Person | None:
        """The most recent person introduced with this role, or failing that a synonym of it."""
        found = _latest_before(self.roles.get(role, []), pos)
        if found:
            return found
        best: tuple[int, Person] | None = None
        for group in ROLE_GROUPS:
            if role not in group:
                continue
            for other in group:
                for entry in self.roles.get(other, []):
                    if entry[0] < pos and (best is None or entry[0] > best[0]):
                        best = entry
        return best[1] if best else None

    def recent_person(
        self, pos: int, gender: str | None, exclude: Person | None = None
    ) -> Person | None:
        """The last real person named before `pos` whose gender does not contradict `gender`."""
        i = bisect.bisect_left(self.mentions, pos, key=lambda e: e[0])
        for _, person in reversed(self.mentions[max(0, i - 60) : i]):
            if person is exclude or not person.is_person:
                continue
            if gender in ("m", "f") and person.gender not in (None, gender):
                continue
            return person
        return None

    def resolve(self, name: str, pos: int) -> Person:
        """Map a name as written ("Wiseman", "Mr Johnson") to the person it most likely means."""
        words = POSSESSIVE_RE.sub("", name.strip()).split()
        had_the = bool(words) and words[0].lower() == "the"
        while len(words) > 1 and words[0].lower() in STOPWORDS:
            words = words[1:]
        titles, words = split_titles(words)
        if had_the and len(words) == 1 and f"The {words[0]}" in self.people:
            return self.people[f"The {words[0]}"]
        if had_the and all(w.lower() in TITLE_KEYS for w in words):
            role = role_key(titles + words)
            found = self.lookup_role(role, pos) or self.lookup_role(words[-1].lower(), pos)
            return found or self.person("The " + " ".join(titles + words))
        full = " ".join(words)
        found = self.lookup_token(words[-1], pos)
        if found is not None and len(words) > 1 and words[0] not in found.name.split():
            found = None
        if found is not None and len(found.name) > len(full):
            return found
        return self.people.get(full) or found or self.person(full)


def _latest_before(entries: list[tuple[int, Person]], pos: int) -> Person | None:
    i = bisect.bisect_left(entries, pos, key=lambda e: e[0])
    return entries[i - 1][1] if i else None


def split_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Separate leading titles and roles ("Republican Senator", "Dr") from the name itself."""
    last = -1
    for i, word in enumerate(words[:-1]):
        if word.lower().rstrip(".") in TITLE_KEYS:
            last = i
    titles, name = words[: last + 1], words[last + 1 :]
    if len(name) == 1 and titles and titles[-1].lower() in PEERAGE:
        titles, name = titles[:-1], [titles[-1], *name]
    return titles, name


def build_registry(text: str) -> Registry:
    """One pass over the name-like runs of the text: decide who is a person, note roles."""
    reg = Registry()
    for match in RUN_RE.finditer(text):
        words = match.group().split()
        start, end = match.start(), match.end()
        words[-1] = POSSESSIVE_RE.sub("", words[-1])
        prefix = text[max(0, start - 40) : start]
        had_the = prefix.endswith(("the ", "The ")) or words[0].lower() == "the"
        while words and words[0].lower() in STOPWORDS:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        titles, words = split_titles(words)
        if had_the and all(w.lower() in TITLE_KEYS for w in words):
            person = reg.person("The " + " ".join(titles + words))
            person.is_person = True
            reg.mention(start, person)
            reg.add_role(start, person, role_key(titles + words))
            continue
        if (
            had_the
            and len(words) == 1
            and not gender_of_first_name(words[0])
            and reg.lookup_token(words[0], start) is None
        ):
            words = ["The", words[0]]
        _register_run(reg, text, words, titles, start, end, prefix)
    return reg


def _last_words(prefix: str) -> list[str]:
    """The one or two lowercase words just before a name ("pop star", "director")."""
    if not prefix or not prefix[-1].isspace():
        return []
    words = prefix.split()[-2:]
    if words:
        words[-1] = words[-1].removesuffix(",")
    while words and not LOWER_WORD_RE.fullmatch(words[0]):
        words = words[1:]
    return words if all(LOWER_WORD_RE.fullmatch(w) for w in words) else words[-1:]


def _roles(titles: list[str], prefix: str, after: str) -> list[str]:
    """Roles from titles (Senator X), a role noun before (director X) or an appositive."""
    roles = [ABBREVIATED.get(k, k) for k in (t.lower().rstrip(".") for t in titles)]
    if len(titles) > 1:
        roles.append(role_key(titles[-2:]))
    before = _last_words(prefix)
    if len(before) == 2 and "-".join(before) in ROLE_WORDS:
        roles.append("-".join(before))
    if before and before[-1] in APPOSITIVE_ROLES:
        roles.append(before[-1])
    appositive = APPOSITIVE_RE.match(after)
    if appositive:
        roles += [w for w in appositive.group(1).lower().split() if w in APPOSITIVE_ROLES]
    return [r for r in roles if r not in ("mr", "mrs", "ms", "dr", "miss")]


def _register_run(
    reg: Registry, text: str, words: list[str], titles: list[str], start: int, end: int, prefix: str
) -> None:
    name = " ".join(words)
    after = text[end : end + 90]
    before = _last_words(prefix)
    speaks = bool(before and before[-1] in SPEECH_VERBS) or bool(SPEECH_AFTER_RE.match(after))
    roles = _roles(titles, prefix, after)
    person = reg.lookup_token(words[0], start) if len(words) == 1 else None
    if person is None:
        person = reg.person(name)
    gender = next((TITLES[t.lower()] for t in titles if TITLES.get(t.lower())), None)
    gender = gender or next((GENDERED_NOUNS[r] for r in roles if r in GENDERED_NOUNS), None)
    gender = gender or gender_of_first_name(words[0])
    if gender and person.gender is None:
        person.gender = gender
    if titles or roles or speaks or gender or person.is_person:
        person.is_person = True
    reg.mention(start, person)
    for role in roles:
        reg.add_role(start, person, role)
