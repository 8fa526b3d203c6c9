"""Who is who: `Entity`, `Mention`, and the `Registry` that links each mention to an
entity met earlier ("Nolan" after "Christopher Nolan", an acronym after the body spelt out)
and answers the look-ups attribution makes (mentions in a range, roles before a point).
"""

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..lexicon import PARTICLES, ROLE_GROUPS
from .names import COMPANY_SUFFIXES, Shape


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
        # the starts are bisected for the end too: one slice, no Python loop over the mentions
        return self.mentions[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]

    def before(self, pos: int, lo: int) -> list[Mention]:
        """Mentions in [lo, pos), most recent first."""
        i = bisect.bisect_left(self.starts, pos)
        j = bisect.bisect_left(self.starts, lo)
        return self.mentions[j:i][::-1]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap [start, end)."""
        starts = self.starts
        i = bisect.bisect_left(starts, start)
        found = []
        for m in self.mentions[max(0, i - 3) : i]:  # a loop: a comprehension costs a call
            if m.end > start:
                found.append(m)
        # the ones starting in [start, end) are one slice, found by bisecting for the end too
        found += self.mentions[i : bisect.bisect_left(starts, end, i)]
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
        entity = self.by_name.get(name)  # one look-up for a name met before
        if entity is None:
            entity = self.by_name[name] = Entity(name, kind)
        return entity

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
        # most texts come with no known people: then no name is folded to look it up
        canonical = self.known.get(name.casefold()) if self.known else None
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
            short = self._short_form(name) if name[1:2] in (".", "-") else None
            if short is not None:
                self._index(pos, short)
                return short
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
        if len(words) == 2 and len(words[0].rstrip(".")) == 1:
            short = self._short_form(name)
            if short is not None:
                self._index(pos, short)
                return short
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

    def _short_form(self, name: str) -> Entity | None:
        """The person a tabloid's short form means: "J Lo", "J.Lo" after "Jennifer Lopez",
        "A-Rod" after "Alex Rodriguez" (the given name's initial and the surname's first
        letters), when one person named before fits (real-copy round 10)."""
        short = SHORT_FORM_RE.fullmatch(name)
        if short is None:
            return None
        initial, stem = short.group(1), short.group(2)
        found = {
            id(entity): entity
            for entity in self.by_name.values()
            if entity.kind in ("person", "unknown")
            and len(parts := entity.name.split()) > 1
            and parts[0].startswith(initial)
            and parts[-1].startswith(stem)
            and parts[-1] != stem
        }
        return next(iter(found.values())) if len(found) == 1 else None

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
# "J Lo", "J.Lo", "A-Rod": a given name's initial and the first letters of a surname.
SHORT_FORM_RE = re.compile(r"([A-Z])(?:\. ?|-| )([A-Z][a-z]{1,3})")
INITIALS_SKIP = frozenset(["of", "and", "the", "for", "&"])


# Asked of every body's name for each acronym in the text: the answers are kept.
@functools.lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in INITIALS_SKIP]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _latest_before(entries: list[tuple[int, Entity]], pos: int) -> Entity | None:
    i = bisect.bisect_left(entries, pos, key=lambda e: e[0])
    return entries[i - 1][1] if i else None
