"""Who a title or a part of a name stands for: an office known only by its title ("The
Chancellor"), a nationality ("the German"), a role neither of a pair holds, a royal style,
a nickname, a surname given a first name in a quote. The office and nationality rules keep
what they decided, so the same title means the same person throughout the text.
"""

import bisect
import re

from ..cues import Cue
from ..entities import OFFICE_QUALIFIERS, ROLE_KEYS, STANDALONE_TITLES, Entity, gender_of_first_name
from ..lexicon import DEMONYMS, GIVEN_NAMES
from .common import AND_GAP_RE, NOBODY, OWN_PRONOUN_RE, PUBLIC_OFFICES

# Offices of one word that a politician the story names holds ("The Chancellor said"), unlike
# the Speaker, who chairs the debate (seventeenth round).
HELD_OFFICES = frozenset(["chancellor", "taoiseach", "tánaiste", "tanaiste", "premier"])
PLACE_PREPOSITIONS = (" at ", " in ", " on ", " from ", " near ", " to ")


class Offices:
    """Offices, nationalities and partial names read as people; mixed into `Attributor`."""

    def _styled(self, entity: Entity, pos: int) -> Entity:
        """ "The Prince of Wales has said ... William spoke to shop owners": a given name alone,
        after a royal style of the same sex and with nobody else bearing it, is the style."""
        if entity.kind not in ("person", "unknown") or entity.name.lower() not in GIVEN_NAMES:
            return entity
        sex = gender_of_first_name(entity.name)
        found = [e for at, e in self.styles if at < pos and sex and e.gender == sex]
        if len(found) != 1:
            return entity
        if any(
            m.entity.name.split()[0] == entity.name and " " in m.entity.name
            for m in self.registry.before(pos, 0)
        ):
            return entity  # "William Hague": a full name of someone else
        return found[0]

    def _named_in_quote(self, entity: Entity, pos: int) -> Entity:
        """`Joshua promised to "put Daniel Dubois to sleep" ... Dubois, 26, said`: a surname
        whose bearer the narrative never names in full, given a first name inside an earlier
        quote, is that full name (names inside quotes are not registered)."""
        name = entity.name
        if not name.isalpha() or gender_of_first_name(name) is not None:
            return entity
        found = self.full_in_quote.get(name)
        if found is None:
            found = entity
            for match in re.compile(rf"\b([A-Z][a-z]+) {name}\b").finditer(self.text, 0, pos):
                k = bisect.bisect_right(self.openers, match.start()) - 1
                quote = self.spans[self.tops[k]] if k >= 0 else None
                if (
                    quote is not None
                    and match.end() <= quote.end
                    and gender_of_first_name(match.group(1)) is not None
                ):
                    found = self.registry.entity(f"{match.group(1)} {name}", "person")
                    break
            self.full_in_quote[name] = found
        return found

    def _nickname_of(self, entity: Entity, pos: int) -> Entity:
        """ "Becks told the One Show" after "David Beckham": a one-word name nobody bears,
        cut from the start of one person's surname, is that person's nickname."""
        stem = entity.name[:4].lower()
        if len(stem) < 4 or not entity.name.isalpha():
            return entity
        found = {
            m.entity
            for m in self.registry.before(pos, 0)
            if m.entity.kind == "person"
            and " " in m.entity.name
            and m.entity.name.split()[-1].lower().startswith(stem)
            and len(m.entity.name.split()[-1]) > len(entity.name)
        }
        return found.pop() if len(found) == 1 else entity

    def _office_named(self, entity: Entity, pos: int) -> Entity:
        """ "The Taoiseach has said ..." in the lede, "Speaking in Cork, Simon Harris said" next:
        an office known only by its title, in the first paragraph, is the person named next."""
        if (
            not entity.name.startswith("The ")
            or entity.name.split()[-1].lower() not in PUBLIC_OFFICES
            or self.para_of(pos) != 0
        ):
            return entity  # "The Admiral tells her": a character, not an office
        found = self.offices.get(entity.name)
        if found is None:
            found = self._introduced_next(pos) or entity
            self.offices[entity.name] = found
        return found

    def _pair_role(self, cue: Cue, pos: int, speaker: Entity) -> Entity:
        """ "Oliver Hale and Sarah Dunmore clashed ... The Labour leader accused ...": a role
        noun neither of a pair named together holds is read as the first of them; the one a
        pronoun in the same paragraph fits, or else the one the next paragraph does not open
        on ("Mr Sunak hit back"), is the better guess."""
        words = self._of_tail(cue).np.split()
        if len(words) < 3 or words[0].lower() != "the" or not words[1][:1].isupper():
            return speaker
        head = words[-1].lower()
        # "The Leader of the Opposition" read as a character "The Leader" (nineteenth round):
        # an office known only by its title and an "of" phrase, held by neither of the pair.
        titled = (
            len(words) >= 4
            and words[2] == "of"
            and speaker.name == " ".join(words[:2])
            and speaker.name[:4] in ("The ", "the ")
        )
        if titled:
            head = words[1].lower()
        if head not in ROLE_KEYS:
            return speaker
        first = self.registry.in_range(0, self.next_sentence(self.sentences[0]))
        people = [m.entity for m in first if not m.inside and m.entity.personal]
        if len(people) != 2 or (speaker not in people and not titled) or people[0] is people[1]:
            return speaker
        if any(head in role.split("-") for p in people for role in p.roles):
            return speaker  # one of them holds the role
        if not AND_GAP_RE.fullmatch(self.masked, first[0].end, first[1].start):
            return speaker
        para = self.para_of(pos)
        end = self.para_starts[para + 1] if para + 1 < len(self.para_starts) else len(self.text)
        sexes = {p.gender for p in people}
        if sexes == {"m", "f"}:
            told = re.search(r"\b(?:s?he)\s+(?:said|told|added|asked|says)\b", self.masked[pos:end])
            if told is not None:
                sex = "f" if told.group().startswith("she") else "m"
                return next(p for p in people if p.gender == sex)
        if para + 1 < len(self.para_starts):
            start = self.para_starts[para + 1]
            opening = self.registry.in_range(start, start + 20)
            if opening and not opening[0].inside and opening[0].entity in people:
                return next(p for p in people if p is not opening[0].entity)
        return speaker

    def _exchange_office(self, cue: Cue, pos: int) -> Entity | None:
        """ "'...,' she shot back. '...,' the Prime Minister said.": an office in capitals
        that nobody in the story is given, said in an exchange of two people, each speaking
        in turn, is the one who did not speak last (twentieth round)."""
        words = cue.np.split()
        if (
            len(words) < 2
            or words[0].lower() != "the"
            or not all(w[:1].isupper() for w in words[1:])
        ):
            return None
        if words[-1].lower() not in STANDALONE_TITLES:
            return None
        lo = self.para_lo(pos, 2)
        said: list[Entity] = []
        for i in reversed(self.tops):
            span = self.spans[i]
            if span.opener >= pos or i not in self.records:
                continue
            if span.opener < lo or len(said) == 3:
                break
            speaker = self.records[i].speaker
            if (
                speaker is not None
                and speaker is not NOBODY
                and (not said or speaker is not said[-1])
            ):
                said.append(speaker)
        if len(said) < 2 or not all(p.personal and p.kind == "person" for p in said[:2]):
            return None
        if len(said) == 3 and said[2] is not said[0]:
            return None  # a third voice: no exchange of two
        return said[1]

    def _office_holder(
        self, office: str, pos: int, found: Entity, outer: Entity | None, any_sex: bool = False
    ) -> Entity:
        """ "Rishi Sunak and Keir Starmer clashed ... The Prime Minister said ... The Labour
        leader said ... the Prime Minister replied": an office in capitals the story never
        gives anyone is one person throughout, and a second such office is someone else, the
        first person named who holds none yet (sixteenth round)."""
        held = [e for e, o in self.titled_offices if o == office]
        if held:
            if held[-1] is not outer:
                return held[-1]
        elif any(e is found for e, _o in self.titled_offices):
            # the pronoun that follows in the paragraph, if any, says which sex is meant
            k = self.para_of(pos) + 1
            hi = self.para_starts[k] if k < len(self.para_starts) else len(self.masked)
            own = OWN_PRONOUN_RE.search(self.masked, pos, hi)
            sex = None if own is None else "f" if own.group().lower() in ("she", "her") else "m"
            for mention in self.registry.in_range(0, pos):
                other = mention.entity
                if (
                    not mention.inside
                    and other.personal
                    and " " in other.name
                    and not other.name.startswith("The ")
                    and other is not found
                    and other is not outer
                    and (other.gender in (sex, None) or (sex is None and any_sex))
                    and not any(other is e for e, _o in self.titled_offices)
                ):
                    found = other
                    break
        if not any(found is e and office == o for e, o in self.titled_offices):
            self.titled_offices.append((found, office))
        return found

    def _single_office(self, cue: Cue, pos: int, found: Entity, outer: Entity | None) -> Entity:
        """ "Rachel Reeves and Mel Stride clashed ... The Chancellor said ... The shadow
        chancellor said": an office of one word in capitals, known only by its title, is the
        first person named in the narrative who holds no office yet, and "the shadow ..." of
        the same office someone else (seventeenth round). The title stays a character of its
        own when nobody with a full name is named before it outside quotes."""
        words = cue.np.split()
        if (
            cue.form == "the"
            and len(words) >= 3
            and words[0] in ("The", "the")
            and (len(words) == 3 or words[1].lower() in OFFICE_QUALIFIERS)
        ):
            if words[1].lower() not in OFFICE_QUALIFIERS:
                return found
            # "The shadow education secretary" after "The Education Secretary" (eighteenth
            # round): an office of several words is paired the same way.
            rest = " ".join(w.strip(",.:").capitalize() for w in words[2:])
            offices = ("The " + rest, rest.lower())
            held = next((e for e, o in self.titled_offices if o in offices), None)
            if held is None or (found is not held and found.name not in offices):
                return found
            office = " ".join(words[1:]).lower()
            return self._office_holder(office, pos, held, outer, any_sex=True)
        if not (
            found.name.startswith("The ")
            and len(found.name.split()) == 2
            and found.name.split()[1].lower() in HELD_OFFICES
            and found.kind == "person"
        ):
            return found
        holder = self._first_person(pos, outer)
        if holder is None:
            return found
        held = next((e for e, o in self.titled_offices if o == found.name), None)
        if held is None:
            self.titled_offices.append((holder, found.name))
            held = holder
        return held

    def _first_person(self, pos: int, outer: Entity | None) -> Entity | None:
        """The first person with a full name named outside quotes before pos who holds no
        office read from a title yet."""
        for mention in self.registry.in_range(0, pos):
            other = mention.entity
            if (
                not mention.inside
                and other.personal
                and " " in other.name
                and not other.name.startswith("The ")
                and other is not outer
                and not any(other is e for e, _o in self.titled_offices)
            ):
                return other
        return None

    def _demonym_holder(self, head: str, pos: int, found: Entity) -> Entity:
        """ "the Italian" that nobody the story names is said to be: the last person seen,
        unless they were already called by another nationality ("the German"); then the
        first person named who has not spoken and has no nationality yet ("The Spaniard will
        face Jannik Sinner ... the German said ... the Italian said": Sinner)."""
        given = {r for r in found.roles if r in DEMONYMS}
        given.update(d for e, d in self.demonyms if e is found)
        if given and head not in given:
            spoken = [r.speaker for r in self.records.values() if r.speaker is not None]
            for mention in self.registry.in_range(0, pos):
                other = mention.entity
                if (
                    not mention.inside
                    and other.personal
                    and " " in other.name
                    and other is not found
                    # "at Roland Garros": a place, though it reads as a name
                    and not self.masked.endswith(PLACE_PREPOSITIONS, 0, mention.start)
                    and not any(other is e for e in spoken)
                    and not any(r in DEMONYMS for r in other.roles)
                    and not any(other is e for e, _d in self.demonyms)
                ):
                    found = other
                    break
            else:
                # "the Englishman said" (Trump) ... "the Welshman grinned": with everyone
                # named already heard, the last other speaker with no nationality yet
                # (thirteenth round).
                for i in reversed(self.tops):
                    record = self.records.get(i)
                    other = record.speaker if record is not None else None
                    if (
                        self.spans[i].opener < pos
                        and other is not None
                        and other is not found
                        and other.personal
                        and " " in other.name
                        and not any(r in DEMONYMS for r in other.roles)
                        and not any(other is e for e, _d in self.demonyms)
                    ):
                        found = other
                        break
        if not any(found is e and head == d for e, d in self.demonyms):
            self.demonyms.append((found, head))
        return found
