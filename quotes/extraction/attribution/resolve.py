"""What a cue's phrase means: a name, a pronoun, a body, a possessive, the first of two named
together, with descriptions handed on to `roles`. `resolve` is the one door every rule
goes through to turn a phrase into an entity.
"""

import re

from ..cues import PRONOUNS, Cue
from ..entities import ROLE_KEYS, Entity, Mention
from ..lexicon import ANONYMOUS_NOUNS, BODY_KINDS, DEMONYMS, KIN_NOUNS, ORG_NOUNS, PERSON_NOUNS
from .common import AND_GAP_RE, DOCUMENT_NOUNS, NOBODY, SPOKESPEOPLE, TOP_WORDS, _first_named

# "a fishmonger who gave his name only as Mick": the name follows the description.
GAVE_NAME_AFTER_RE = re.compile(
    r",?[ \t]+(?:who[ \t]+)?(?:gave[ \t]+(?:his|her|their)[ \t]+(?:first[ \t]+)?name"
    r"[ \t]+(?:only[ \t]+)?as|(?:named|identified)[ \t]+only[ \t]+as)[ \t]+"
)
OPINION_NOUNS = frozenset(
    [
        "view",
        "response",
        "reply",
        "answer",
        "verdict",
        "message",
        "advice",
        "explanation",
        "reaction",
        "take",
        "assessment",
        "verdict",
        "retort",
        "comment",
        "comments",
        "words",
        "thoughts",
        "take",
        "opinion",
        "position",
        "argument",
        "character",
    ]
)
PARTIES = frozenset(
    ["Conservatives", "Tories", "Democrats", "Republicans", "Greens", "Nationalists"]
    + ["Liberals", "Socialists", "Unionists", "Progressives"]
)
SIGNED_BY_RE = re.compile(r",\s+(?:signed|written|sent)\s+by\s+")
PARTY_STATE_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{1,8}")
PARTY_STATE_GAP_RE = re.compile(r",\s+[RDI]-[A-Z][A-Za-z.]{1,8},\s+")
PARTY_AND_GAP_RE = re.compile(r",\s+[RDI]-[A-Z][A-Za-z.]{1,8},\s+and\s+")
SELF_DETERMINERS = frozenset({"my", "our", "your"})
THE_WORDS = ("the ", "The ")
GROUP_AT_BEFORE_RE = re.compile(r"(?<![\w'’-])([a-z]+s)[ \t]+(?:at|from)[ \t]+$")
# `a message Ortega sent her that evening reading: "..."`, `Another, sent minutes later,
# read: "..."`: the text of a message, its sender's words, not the one who read it out.
OF_TAIL_RE = re.compile(r" (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
GROUP_KIND_RE = re.compile(rf"[ \t]+(?:{BODY_KINDS})[ \t]+")
# A trait the text names nobody by ("the left-hander"): the one the paragraph is about.
TRAIT_NOUNS = frozenset(["left-hander", "right-hander", "southpaw"])


class Resolver:
    """Turning a cue's phrase into an entity; mixed into `Attributor`."""

    def _of_tail(self, cue: Cue) -> Cue:
        """ "The Leader of the Opposition said": the office's "of" phrase, cut from the cue at
        the capitalised name after it, is a part of the office (nineteenth round)."""
        if cue.form == "the" and cue.np.endswith(" of") and cue.np[:4] in ("The ", "the "):
            tail = OF_TAIL_RE.match(self.masked, cue.start + len(cue.np))
            if tail is not None:
                return Cue(cue.np + tail.group(), cue.start, cue.form, cue.verb, cue.weak)
        return cue

    def resolve(
        self,
        cue: Cue,
        pos: int,
        *,
        outer: Entity | None = None,
        nested: bool = False,
        subject_only: bool = False,
    ) -> Entity | None:
        """The entity a cue's phrase means; NOBODY when it plainly names no one identifiable."""
        cue = self._of_tail(cue)
        found = self._resolve(cue, pos, outer=outer, nested=nested, subject_only=subject_only)
        if found is NOBODY and not nested:
            found = self._name_given(cue) or found
        if found is not None and found.name.startswith("The ") and self.titled_offices:
            # "she told MPs" after "The Chancellor said": the person read as the office
            found = next((e for e, o in self.titled_offices if o == found.name), found)
        if found is not None and not nested and not subject_only and found.personal:
            found = self._single_office(cue, pos, found, outer)
        if found is not None and not nested and cue.form == "the" and cue.np[:4] in THE_WORDS:
            words = cue.np.split()
            head = words[1].lower().strip(",.") if len(words) == 2 else ""
            if head in DEMONYMS and found.personal:
                found = self._demonym_holder(head, pos, found)
            elif head in TRAIT_NOUNS and found.personal and not self.registry.roles.get(head):
                found = self._paragraph_subject(pos) or found
        if (
            found is not None
            and self.masked.find(" and ", max(0, cue.start - 40), cue.start + len(cue.np)) >= 0
            and found.personal
            and " " in found.name
        ):
            return self._first_of_couple(found, cue)
        return found

    def _name_given(self, cue: Cue) -> Entity | None:
        """ "said a fishmonger who gave his name only as Mick": the unnamed subject gave a
        name, and is that person."""
        end = cue.start + len(cue.np)
        gave = GAVE_NAME_AFTER_RE.search(self.masked, cue.start, end) or GAVE_NAME_AFTER_RE.match(
            self.masked, end
        )
        if gave is None:
            return None
        for mention in self.registry.overlapping(gave.end(), gave.end() + 1):
            if mention.start == gave.end() and mention.entity.kind == "person":
                return mention.entity
        return None

    def _first_of_couple(self, found: Entity, cue: Cue) -> Entity:
        """ "Gary and Tina Hollins said", "Zoe and Jamie Hollister have revealed": a couple
        sharing a surname speaks as the first named, as two people named together do."""
        surname = found.name.split()[-1]
        for mention in self.registry.overlapping(cue.start, cue.start + len(cue.np)):
            if mention.entity is not found or mention.inside:
                continue
            gap = AND_GAP_RE.match(self.masked, mention.start - 5, mention.start)
            if gap is None:
                return found
            for other in self.registry.before(gap.start(), max(0, gap.start() - 40)):
                first = other.entity
                if (
                    other.end == gap.start()
                    and first is not found
                    and first.personal
                    and first.name.split()[-1] == surname
                ):
                    return first
            return found
        return found

    def _resolve(
        self,
        cue: Cue,
        pos: int,
        *,
        outer: Entity | None = None,
        nested: bool = False,
        subject_only: bool = False,
    ) -> Entity | None:
        np = cue.np.strip()
        if cue.form == "none":
            return NOBODY
        if not np:
            return None
        words = np.split()
        first = words[0].lower().split("'")[0].split("’")[0]
        if cue.form in ("plural", "anon"):
            return NOBODY
        if cue.form == "headline":
            found = self.resolve(Cue(cue.np, cue.start, "name"), pos)
            return found if found is not None and found.kind == "person" else NOBODY
        if first in PRONOUNS and (cue.form == "pronoun" or len(words) == 1):
            gender = PRONOUNS[first]
            if gender == "self":
                if first == "you" and not nested:
                    # "SARAH KEMP: You said in March there would be '...'": "you" in a turn
                    # is the other party of the transcript, not the label (twenty-first round).
                    return self._turn_addressee(pos)
                return outer if nested else self._turn_speaker(pos)
            if gender is None:
                if not nested and self.unnamed_subjects and self._unnamed_they(pos):
                    return NOBODY
                return self.org_before(pos) if not nested else None
            if (
                not nested
                and self.unnamed_subjects
                and self._unnamed_subject_last(pos, gender, loose=True)
            ):
                return NOBODY
            found = self.pronoun(pos, gender, exclude=outer, nested=nested)
            if found is not None and found.gender is None and found.kind != "org":
                found.gender = gender
            return found
        if (
            cue.form in ("the", "name")
            and not nested
            and self.masked.endswith((" at ", " from "), 0, cue.start)
        ):
            group = GROUP_AT_BEFORE_RE.search(self.masked, max(0, cue.start - 30), cue.start)
            if group is not None and group.group(1) in ANONYMOUS_NOUNS:
                # "with critics at the Venice Film Festival calling it ...": a group of people
                # at a body, not the body.
                return NOBODY
        mentions = [
            m
            for m in self.registry.overlapping(cue.start, cue.start + len(np))
            if not m.possessive and (nested or not m.inside)
        ]
        if (
            len(mentions) >= 2
            and mentions[0].start == cue.start
            and mentions[0].entity.kind == "unknown"
            and " " not in mentions[0].entity.name
            and GROUP_KIND_RE.fullmatch(self.masked, mentions[0].end, mentions[1].start)
        ):
            # "Consumer group Which? called", "Campaign group Foo said": the kind of body
            # opening the sentence is no name of its own (nineteenth round).
            mentions = mentions[1:]
        people = [m for m in mentions if m.entity.kind in ("person", "unknown")]
        orgs = [m for m in mentions if m.entity.kind == "org"]
        if first == "the" and words[-1].lower() in DOCUMENT_NOUNS:
            signed = SIGNED_BY_RE.match(self.masked, cue.start + len(np))
            if signed is not None:
                # "The letter, signed by chief executive Sarah Milbank, says": the signer.
                comma = self.masked.find(",", signed.end(), signed.end() + 80)
                signers = [
                    m
                    for m in self.registry.in_range(signed.end(), comma)
                    if not m.inside and m.entity.kind in ("person", "org")
                ]
                if comma > 0 and signers:
                    return signers[-1].entity
        if first == "and" and cue.form == "appos" and len(people) == 1 and not subject_only:
            # AP style "Sens. Jon Osborne, D-Ga., and Kirsten Gilbrand, D-N.Y., said": the
            # first of the two, as for "Senators Bill Hartigan and Maria Castell said".
            before = [
                m
                for m in self.registry.before(cue.start, max(0, cue.start - 40))
                if not PARTY_STATE_RE.fullmatch(m.entity.name)
            ]
            if (
                before
                and before[0].entity.kind == "person"
                and " " in before[0].entity.name
                and not before[0].inside
                and PARTY_STATE_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
            ):
                return before[0].entity
        if not orgs and words[-1].lower().strip(",.:") in SPOKESPEOPLE:
            # "An ITV spokesperson said": a broadcaster or paper speaking for itself is a body.
            outlets = [m for m in mentions if m.entity.kind == "outlet"]
            if outlets:
                outlets[0].entity.kind = "org"
                orgs = outlets[:1]
        if first in SELF_DETERMINERS and nested:
            return NOBODY
        comma_at = cue.start + np.find(",") if "," in np else None
        last_word = cue.start + len(np) - len(words[-1])
        covering = [m for m in orgs if m.start <= last_word < m.end]
        if (
            covering
            and first == "the"
            and comma_at is None
            # "The American Academy of Pediatrics", not "the head of the Post Office"
            and covering[0].start - cue.start <= 4
            and words[-1].lower() not in PERSON_NOUNS  # "the two-time MVP": a person
        ):
            return covering[0].entity  # "The American Academy of Pediatrics said"
        if first == "the" and len(words) == 2 and words[1].strip(",.:") in PARTIES:
            # "The Conservatives said": a party speaks as a body, like a company.
            return self.registry.entity(words[1].strip(",.:"), "org")
        if first == "the" and len(words) == 2 and len(people) == 1 and not subject_only:
            # "The Pentagon said", "the Kremlin said": a one-word name after "the" is a body.
            only = people[0].entity
            if only.kind == "unknown" and people[0].start == last_word:
                only.kind = "org"
                return only
        owned = (
            next(
                (k for k, w in enumerate(words[:-1]) if w.endswith(("'s", "’s", "s'", "s’"))), None
            )
            if "'" in np or "’" in np  # a possessive needs an apostrophe: tested first
            else None
        )
        if owned is not None and "of" in words[1:owned]:
            # "said Dr Sarah Moran of NASA's Goddard Space Flight Center": the possessive is
            # inside the "of" phrase about the name before it, which owns nothing
            # (seventeenth round)
            of_at = cue.start + len(" ".join(words[: words.index("of", 1)]))
            if any(m.end <= of_at and " " in m.entity.name for m in people):
                owned = None
        if owned is not None and "," not in " ".join(words[: owned + 1]):
            upto = cue.start + len(" ".join(words[: owned + 1]))
            owner = [m for m in self.registry.in_range(cue.start, upto) if m.possessive]
            if words[owned + 1].lower().strip(",.:") in OPINION_NOUNS and owner:
                return owner[-1].entity  # "Sam Pearce's view was simpler: ..."
            within = [m for m in people if m.start < upto]
            if (
                not owner
                and first == "the"
                and words[-1].lower().strip(",.:") in ORG_NOUNS
                and len(within) == 1
                and within[0].entity.kind == "unknown"
                and " " not in within[0].entity.name
            ):
                # "The Usdaw shop workers' union said": the name before the owner is the body.
                within[0].entity.kind = "org"
                return within[0].entity
            people = [m for m in people if m.start >= upto]
            orgs = [m for m in orgs if m.start >= upto]
            if (
                people
                and words[owned + 1][:1].isupper()
                and people[-1].entity.kind == "person"
                and people[-1].end >= cue.start + len(np.rstrip(",.:"))
            ):
                # "Later, Labour's Louise Haigh-Ward said": a body owns a name, not a role.
                return people[-1].entity
            head_end = cue.start + (np.find(",", upto - cue.start) if comma_at else len(np))
            closing = [
                m
                for m in people
                if m.entity.kind in ("person", "unknown")
                and " " in m.entity.name
                and not m.entity.name.startswith("The ")
                and m.end >= len(np[: head_end - cue.start].rstrip(",.:")) + cue.start
            ]
            if closing and not owner_is_person(owner):
                # "said Valkyr's mid-laner Kim Do-yun, 19": a role a body owns, closed by
                # the full name of the one who holds it.
                closing[-1].entity.kind = "person"
                return closing[-1].entity
            # "Alaska's lone congresswoman", "Labour's deputy leader": a place or a body owns
            # an office, held by someone the story names; a person owns relatives.
            role = words[-1].lower().strip(",.:")
            placed = (
                (
                    words[owned][:1].isupper()
                    # "the airline's chief executive": a role the body of the story owns
                    # (sixteenth round)
                    or (first == "the" and owned == 1 and words[1][:1].islower())
                )
                and words[owned].lower() != "the"
                and (
                    role in ROLE_KEYS
                    or role in PERSON_NOUNS
                    # "Georgia's top election official": one office holder, not a source
                    or (role in ANONYMOUS_NOUNS and any(w in TOP_WORDS for w in words))
                )
                and role not in KIN_NOUNS
                and not any(m.entity.kind == "person" and " " in m.entity.name for m in owner)
            )
            return self._role(
                ["the" if placed else "owned", *words[owned + 1 :]],
                pos,
                people,
                orgs,
                nested,
                outer,
                subject_only,
                comma_at,
            )
        # (the full names are listed only for a description, the one place they are read)
        named = (
            [
                m
                for m in people
                if m.entity.personal
                and " " in m.entity.name
                and not m.entity.name.startswith("The ")
            ]
            if first in ("the", "his", "her", "their") and comma_at is None
            else []
        )
        if (
            # "The 30-year-old Pegula-Stone", "wrote her former bandmate Tasha Pryor": a
            # description closed by a full name is that person, whoever owns the role.
            named
            and named[-1].end >= cue.start + len(np.rstrip(",.:"))
            and named[-1].start > cue.start
        ):
            return named[-1].entity  # "The 30-year-old Pegula-Stone was more succinct."
        if first in ("the", "his", "her", "its", "their", "a", "an", "one", "another", "our", "my"):
            return self._role(words, pos, people, orgs, nested, outer, subject_only, comma_at)
        if people and cue.form == "name" and " of " in np:
            head_end = cue.start + np.index(" of ")
            people = [m for m in people if m.start < head_end] or people
        if people:
            if cue.form in ("after-verb", "according", "agent"):
                # "said Warriors coach Steve Kerr, who ...": the name that heads the phrase
                # before its first comma; after it come appositives naming others.
                head = [m for m in people if comma_at is None or m.start < comma_at]
                if len(head) > 1 and any(m.entity.kind == "person" for m in head):
                    return _last_named([m for m in head if m.entity.kind == "person"])
                return _first_named(head or people)
            found = _last_named(people)
            if cue.form == "name" and len(people) == 1 and not subject_only:
                # "Senators Bill Hartigan and Maria Castell said": the first of two named; and
                # "Reps. Rosa DeLauro, D-Conn., and Tom Cole, R-Okla., said" (sixteenth round).
                before = [
                    m
                    for m in self.registry.before(cue.start, max(0, cue.start - 40))
                    if not PARTY_STATE_RE.fullmatch(m.entity.name)
                ]
                if (
                    before
                    and before[0].entity.kind == "person"
                    and " " in before[0].entity.name
                    and not before[0].inside
                    and (
                        AND_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
                        or PARTY_AND_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
                    )
                ):
                    return before[0].entity
            if (
                cue.form == "appos"
                and len(people) == 2
                and all(m.entity.kind == "person" and " " in m.entity.name for m in people)
                and AND_GAP_RE.fullmatch(self.masked, people[0].end, people[1].start)
            ):
                # "Her sons, Toby Stephens and Chris Larkin, said in a statement": the first
                # of two named together, as for a subject (sixteenth round).
                return people[0].entity
            return found
        if orgs:
            return orgs[0].entity
        if any(m.entity.kind == "outlet" for m in mentions):
            return NOBODY
        low = [w.lower().strip(",.") for w in words]
        if low and (low[-1] in ANONYMOUS_NOUNS or low[-1] in PERSON_NOUNS):
            return self._role(["the", *words], pos, people, orgs, nested, outer, subject_only)
        return None


def owner_is_person(owner: list[Mention]) -> bool:
    """Whether an owner named by a possessive is a person ("Tom Hale's wife, Jane ...")."""
    return any(m.entity.kind == "person" and " " in m.entity.name for m in owner)


def _last_named(people: list[Mention]) -> Entity:
    """In "Nuggets coach Brian Kessel" the name nearest the verb is the speaker."""
    for mention in reversed(people):
        if not mention.entity.name.startswith("The "):
            return mention.entity
    return people[-1].entity
