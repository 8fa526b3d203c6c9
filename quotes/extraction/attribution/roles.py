"""Who a description means: a role noun ("the director", "the 24-year-old"), a spokesperson
for a body, a relative ("her husband"), a document that speaks ("the statement read").
The longest rule set, `_role`, with the look-ups only it uses.
"""

import bisect
import re

from ..entities import OFFICE_QUALIFIERS, ROLE_GROUPS, ROLE_KEYS, Entity, Mention
from ..lexicon import (
    ANONYMOUS_NOUNS,
    CLAUSE_WORDS,
    GENDERED_NOUNS,
    GENERIC_PEOPLE,
    KIN_NOUNS,
    NP_CUT_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    STOPWORDS,
)
from .common import (
    DOCUMENT_NOUNS,
    KIN_PAIRS,
    NOBODY,
    PUBLIC_OFFICES,
    SPOKES_NOUNS,
    SPOKESPEOPLE,
    SPOUSES,
    STATEMENT_NOUNS,
    TOP_WORDS,
    _first_named,
    _latest,
)

# "NHS Sussex said it was ...": a speaker referred to as "it" is a body.
SAID_IT_RE = re.compile(r"\b(?:said|says)[ \t]+it[ \t]")
REPS = frozenset(["rep", "reps", "representative", "representatives"])
# Real-copy round 4: a notice a body puts out ("The notice reads:", "The yellow alert also
# added:") is the body's, like its statement: whoever issued it in the paragraphs before.
NOTICE_NOUNS = frozenset(["notice", "alert", "warning", "advisory", "bulletin", "appeal"])
NUMBER_WORDS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
GROUP_NOUNS = frozenset(["band", "group", "duo", "trio", "quartet", "outfit", "collective"])
# Two words for one office: "the skipper" means the captain, not a kindred role.
ROLE_SYNONYMS = {
    "skipper": ("captain",),
    "captain": ("skipper",),
    "boss": ("manager",),
    "manager": ("boss",),
    "gaffer": ("manager", "boss"),
}


class Roles:
    """Resolving descriptions and role nouns; mixed into `Attributor`."""

    def _role(
        self,
        words: list[str],
        pos: int,
        people: list[Mention],
        orgs: list[Mention],
        nested: bool,
        outer: Entity | None,
        subject_only: bool,
        comma_at: int | None = None,
    ) -> Entity | None:
        """A description ("the director", "a spokesperson for Ofwat", "the 24-year-old")."""
        low = [w.lower().strip(",.") for w in words]
        det, body = low[0], low[1:]
        if not body:
            return None
        comma = next((k for k, w in enumerate(words) if w.endswith(",")), None)
        if comma is not None:
            # "the study's lead author, Dr. Hana Kovacs": the appositive names the speaker.
            appositive = [m for m in people if comma_at is not None and m.start > comma_at]
            if appositive:
                return _first_named(appositive)
            low = low[: comma + 1]
            body = low[1:]
            if not body:
                return None
        cut = next((k for k, w in enumerate(body) if w in NP_CUT_WORDS), None)
        last = body[-1].strip(",")
        if cut is not None and (last in SPOKES_NOUNS or last in PERSON_NOUNS):
            cut = None  # "a Department of Health spokesperson": the head is the last word
        head_words = body[:cut] if cut else body
        head = (head_words or body)[-1].strip(",")
        if people and head in SPOKES_NOUNS:
            found = _first_named(people)  # "a spokesman for Whitford"
            if det in ("a", "an") and head in REPS and found.kind == "person":
                # "a rep for Vale told PEOPLE": a star's representative is not the star.
                return NOBODY
            if head in SPOKESPEOPLE:
                self.registry.add_role(pos, found, head)
            return found
        if orgs and (head in SPOKES_NOUNS or head in ORG_NOUNS):
            if head in SPOKESPEOPLE:
                self.registry.add_role(pos, orgs[0].entity, head)
            return orgs[0].entity
        if (
            len(body) == 4
            and body[1:3] == ["for", "the"]
            and body[0] in SPOKESPEOPLE
            and not people
            and not orgs
            and last not in ORG_NOUNS
        ):
            # "Governor Gavin Newsom ... A spokesperson for the governor said": the office's
            # holder named before speaks through the spokesperson (real-copy round 9).
            holder = self._latest_role((last,), pos)
            if holder is not None and holder.personal:
                self.registry.add_role(pos, holder, body[0])
                return holder
        if (
            head in SPOKESPEOPLE
            and not people
            and not orgs
            and cut is not None
            and body[cut] in ("for", "at", "from")
            and body[cut + 1 : cut + 2] == ["the"]
            and body[-1].strip(",") in ORG_NOUNS
        ):
            # "A spokesperson for the agency said" after "The Federal Aviation Administration
            # said": the body the story was last about speaks through its spokesperson.
            found = self.org_before(pos) or self.unclassed_body_before(pos)
            if found is not None:
                self.registry.add_role(pos, found, head)
                return found
        if (
            head in SPOKESPEOPLE
            and det in ("a", "an")
            and len(body) == 1
            and not people
            and not orgs
            and not subject_only
        ):
            # "NHS Sussex said it was 'working closely ...'. A spokesperson said:": a bare
            # spokesperson right after a body's own quote in this paragraph speaks for it
            # (thirteenth round).
            found = self.last_speaker(pos)
            lo = self.para_starts[self.para_of(pos)]
            if (
                found is not None
                and (
                    found.kind == "org"
                    # a name nobody has sexed that "said it was": a body
                    or (found.gender is None and SAID_IT_RE.search(self.masked, lo, pos))
                )
                and any(
                    lo <= self.spans[i].opener < pos
                    and i in self.records
                    and self.records[i].speaker is found
                    for i in self.tops
                )
            ):
                return found
        if head in SPOKESPEOPLE and len(body) >= 2 and body[-2].isalpha() and not orgs:
            # "A council spokesperson said" after "Bristol City Council": the body whose name
            # ends in that noun.
            for mention in self.registry.before(pos, self.para_lo(pos)):
                name = mention.entity.name.split()
                kind = mention.entity.kind
                if kind in ("org", "unknown") and len(name) > 1 and name[-1].lower() == body[-2]:
                    mention.entity.kind = "org"
                    # so "the spokesman added" later speaks for the body too (real-copy
                    # round 10)
                    self.registry.add_role(pos, mention.entity, head)
                    return mention.entity
        if det == "the" and head in SPOKESPEOPLE and not subject_only:
            # "The spokesperson added:" after "A spokesperson for the council said:".
            found = self.registry.lookup_role(head, pos)
            if found is not None:
                return found
            if len(body) == 1 and head != "statement":
                # "The spokesman touted ..." after "White House press secretary Sean Spicer
                # told reporters": a press secretary is a spokesperson (real-copy round 11).
                keys = tuple(k for k in self.registry.roles if k.endswith("press-secretary"))
                found = self._latest_role(keys, pos) if keys else None
                if found is not None and found.kind == "person":
                    return found
        if det == "the" and len(body) == 1 and head not in PERSON_NOUNS:
            # "the gallery said" after "the National Gallery": the body it shortens.
            for mention in self.registry.before(pos, self.para_lo(pos)):
                name = mention.entity.name.split()
                if "of" in name:
                    name = name[: name.index("of")]  # "the college": Royal College of ...
                kind = mention.entity.kind
                if kind in ("org", "unknown") and len(name) > 1 and name[-1].lower() == head:
                    mention.entity.kind = "org"
                    return mention.entity
        if head in GROUP_NOUNS:
            return self.group_before(pos) or NOBODY
        if (
            det == "the"
            and head == "members"
            and all(w.isdigit() or w in NUMBER_WORDS or w in GROUP_NOUNS for w in body[:-1])
        ):
            # "In a joint statement, the four members said": the band speaks.
            band = self.group_before(pos)
            if band is not None and band.kind != "person":
                return band
        plural = head.endswith("s") and not head.endswith("ss")
        if plural and head not in PERSON_NOUNS:
            return NOBODY  # "the judges", "union leaders": a group
        if head in STATEMENT_NOUNS and not subject_only:
            # `"...," the statement read.`: whoever issued it, or spoke last.
            found = self.statement_maker(pos) or self.last_speaker(pos)
            if found is None and head == "statement" and det in ("a", "an"):
                # "..., the Millbrook Fire Department said on Sunday." then `"...," a statement
                # said`: the one the narrative just reported speaking (real-copy round 10).
                found = self.reported_speaker(self.para_lo(pos, 2), pos)
            if found is None and head == "release":
                # "according to the release": a press release is a body's, the one the
                # narrative was last about (real-copy round 4).
                found = self._recent_org(pos)
            return found or NOBODY
        if head in NOTICE_NOUNS and det in ("the", "its", "their") and not subject_only:
            # "The notice reads: '...'", "The yellow alert also added:": the body that put it
            # out, named before as the subject of a sentence about it (real-copy round 4).
            return self.notice_maker(pos) or NOBODY
        if head in DOCUMENT_NOUNS:
            return NOBODY
        if (
            det in ("a", "an")
            # any singular noun for a person, not only known ones ("A pensioner who was
            # conned ... has warned"), when the next paragraph opens on a name and an age
            and (head in PERSON_NOUNS or (head.isalpha() and head not in ANONYMOUS_NOUNS))
            and not subject_only
        ):
            named = self._named_next(pos)
            if named is not None:
                return named
        if (
            det == "the"
            and head in ANONYMOUS_NOUNS
            and any(w in TOP_WORDS for w in body)
            and self.para_of(pos) == 0
        ):
            # "Georgia's top election official ... rejected": one person, named next.
            found = self._introduced_next(pos)
            if found is not None:
                return found
        if (
            det == "the"
            and len(body) == 1
            and head in ANONYMOUS_NOUNS
            and (head in PERSON_NOUNS or head in ROLE_KEYS)
            and head not in SPOKES_NOUNS
        ):
            # "said Charlotte Reyes, the fashion critic for The Standard. The critic added":
            # a person the story gave that very role, not an anonymous one (twelfth round).
            held = self.registry.lookup_role(head, pos, exact=True)
            if held is not None and held is not outer and held.personal:
                return held
        if det in ("a", "an", "one", "another") or (
            # "the former tennis player said": one known person; "the source said": nobody
            head in ANONYMOUS_NOUNS
            and not (
                det == "the"
                and len(head_words) > 1
                and head in PERSON_NOUNS
                and head not in SPOKES_NOUNS
                and not any(w in ("unnamed", "anonymous", "unidentified") for w in body)
            )
        ):
            return NOBODY
        if det == "the" and len(body) == 1 and self._unnamed_holder_before(head, pos):
            return NOBODY  # "One engineer who lost her job said ... the engineer said"
        if head in ORG_NOUNS and det in ("his", "her", "their") and len(body) == 1:
            return NOBODY  # "His publisher said": a body of his, not named (twelfth round)
        if head in ORG_NOUNS:
            if subject_only:
                return NOBODY
            return self.org_before(pos) or self.unclassed_body_before(pos) or NOBODY
        personish = (
            head in PERSON_NOUNS
            or head in ROLE_KEYS
            or head.endswith(("-old", "er", "or", "ist", "ian", "ant", "ent", "-elect", "ess"))
            or any(w[:1].isupper() for w in words[1:])
            or any(w.endswith("-old") for w in low)
            # "the TV hunk claims": whatever the noun, a "the ..." that speaks is someone
            or (det == "the" and not subject_only and head.isalpha() and head not in STOPWORDS)
        )
        if not personish and subject_only:
            return None
        pair = "-".join(head_words[-2:]) if len(head_words) >= 2 else ""
        qualified = self._qualified(words, head, pos)
        if qualified is not None and qualified is not outer:
            return qualified
        office = next((w for w in body if w in OFFICE_QUALIFIERS), None)
        for key in (pair, head):
            if key and (key in ROLE_KEYS or key in PERSON_NOUNS):
                found = self.registry.lookup_role(key, pos)
                if key in ROLE_SYNONYMS:
                    # "Southampton manager X ... Fulham boss Y ... 'the manager told me'":
                    # two words for one office, so the latest holder of either.
                    found = self._latest_role((key, *ROLE_SYNONYMS[key]), pos) or found
                if office and found is not None and not any(office in r for r in found.roles):
                    continue  # "the shadow home secretary" is not the home secretary
                if (
                    found is not None
                    and self.registry.lookup_role(key, pos, exact=True) is None
                    and found is not outer
                    # "the skipper" for the captain is the same office, not a kindred one
                    and not any(
                        self.registry.lookup_role(other, pos, exact=True) is found
                        for other in ROLE_SYNONYMS.get(key, ())
                    )
                ):
                    # Only a kindred role ("midfielder" for "the striker"): the last subject,
                    # if nobody gave them a role, is as likely the one meant.
                    recent = self.pronoun(pos, GENDERED_NOUNS.get(head), exclude=outer)
                    if recent is not None and recent is not found and not recent.roles:
                        return recent
                if found is not None and found is not outer and found.personal:
                    return found
        if self.para_of(pos) <= 1 and not nested and len(self.para_starts) > 1:
            # A headline's "says Labour MP", a lede's "conceded the Indian captain": the
            # person the story introduces next, with that role or as the next subject.
            limit = self.para_starts[min(self.para_of(pos) + 3, len(self.para_starts) - 1)]
            for key in (pair, head):
                if key and (key in ROLE_KEYS or key in PERSON_NOUNS):
                    found = self.registry.lookup_role_after(key, pos, limit)
                    if found is not None and found.personal:
                        return found
            if (
                det == "the"
                # the lede's own subject too ("Apple's software chief took the stage to unveil
                # what he called ..."), so that its pronouns find the person named next
                and (not subject_only or self.para_of(pos) == 0)
                and (head in ROLE_KEYS or head in PERSON_NOUNS)
                and not head.endswith("s")
                and self.pronoun(pos, None) is None
            ):
                found = self._introduced_next(pos)
                if found is not None:
                    return found
        if not personish:
            return None
        if det == "the" and body in (["former"], ["latter"]):
            # "The former insisted ... The latter said": the first or second of the last two
            # people named.
            two = self._last_two(pos)
            if two is not None:
                return two[0] if body[0] == "former" else two[1]
        if head in KIN_NOUNS and "of" in low[low.index(head) :]:
            # "the daughter of one victim": someone's relative, not named here.
            found = self.registry.lookup_role(head, pos, exact=True)
            return found if found is not None and found is not outer else NOBODY
        if det == "the" and head in GENERIC_PEOPLE and self._unnamed_before(pos):
            return NOBODY  # "a protester began shouting ... the man yelled": nobody named
        if det in ("his", "her") and (head in SPOUSES or head in KIN_PAIRS):
            found = _latest(self.spouses.get(head, []), pos)
            if found is None and head in SPOUSES:
                found = self._spouse_by_surname(det, head, pos)
            if found is not None and found is not outer:
                return found  # "Her husband laughs" after "Marco Vantaggio and his wife, ..."
            # ("her mother said" after "Jean Collier and her daughter, Amy": Jean)
        if det in ("his", "her", "their", "its", "my", "our", "your", "owned"):
            return NOBODY  # "his wife", "the cyclist's wife": someone else, not named here
        gender = GENDERED_NOUNS.get(head)
        exclude = outer
        if exclude is None and det == "the" and len(body) == 1:
            # "said the Chancellor" with no chancellor named: not the shadow chancellor.
            qualified = {f"{q}-{head}" for q in OFFICE_QUALIFIERS}  # built once, not per mention
            exclude = next(
                (
                    m.entity
                    for m in self.registry.before(pos, self.para_lo(pos))
                    if not qualified.isdisjoint(m.entity.roles)
                ),
                None,
            )
        if (
            det == "the"
            and not nested
            and self.unnamed_subjects
            and self._unnamed_subject_last(pos, gender, loose=True)
        ):
            return NOBODY
        found = self.pronoun(pos, gender, exclude=exclude, nested=nested)
        if (
            found is not None
            and det == "the"
            and head in PUBLIC_OFFICES
            and len(words) > 1
            and all(w[:1].isupper() for w in words[1:])
            and found.roles
            and not any(head in role for role in found.roles)
        ):
            # "Tributes for the broadcaster Sir Trevor Adeyemi ... The Prime Minister said",
            # "The Speaker intervened": a public office, written as a title and held by nobody
            # the story names, is not the last person seen when they were given another role.
            return NOBODY
        if (
            found is not None
            and det == "the"
            and not nested
            and len(body) > 1
            and any(w[:1].isupper() for w in words[1:])
            # "the Barbados native": a place and a noun for anyone from it, not an office that
            # one person holds throughout (real-copy round 8)
            and (head in ROLE_KEYS or head in PERSON_NOUNS)
        ):
            found = self._office_holder(" ".join(body), pos, found, outer)
        return found if found is not None else NOBODY

    def _latest_role(self, keys: tuple[str, ...], pos: int) -> Entity | None:
        """The entity introduced most recently before `pos` with any of these roles."""
        best: tuple[int, Entity] | None = None
        for key in keys:
            entries = self.registry.roles.get(key, [])
            k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
            if k and (best is None or entries[k - 1][0] > best[0]):
                best = entries[k - 1]
        return best[1] if best else None

    def _spouse_by_surname(self, det: str, head: str, pos: int) -> Entity | None:
        """ "Brian and Sheila Hartnett ... his wife interjected": with no couple introduced,
        the one person of the spouse's sex who shares the surname of the one "his" means."""
        owner = self.pronoun(pos, "m" if det == "his" else "f")
        if owner is None or " " not in owner.name:
            return None
        surname = owner.name.split()[-1]
        gender = GENDERED_NOUNS.get(head)
        found = {
            m.entity
            for m in self.registry.before(pos, self.para_lo(pos))
            if not m.inside
            and m.entity is not owner
            and m.entity.kind == "person"
            and m.entity.name.split()[-1] == surname
            and (gender is None or m.entity.gender in (gender, None))
        }
        return found.pop() if len(found) == 1 else None

    def _qualified(self, words: list[str], head: str, pos: int) -> Entity | None:
        """ "the Australian captain" after "Australia's Pat Collins": the person introduced
        next to the role's capitalised qualifier, not the last captain named (England's)."""
        qualifier = next((w for w in words[1:-1] if w[:1].isupper()), None)
        if qualifier is None or len(qualifier) < 4:
            return None
        stem = qualifier.lower()[:4]  # Scottish and Scotland, Australian and Australia's
        roles = next((g for g in ROLE_GROUPS if head in g), {head})
        for mention in self.registry.before(pos, self.para_lo(pos)):
            entity = mention.entity
            if mention.inside or not entity.personal or mention.possessive:
                continue
            if all(w in words for w in entity.name.split()):
                # "the former Made in Chelsea star": a name in the phrase itself, a show's or
                # a place's, is not someone it qualifies (seventeenth round)
                continue
            if entity.roles and not entity.roles & roles and head != "boss":
                continue  # "the Alder boss": a boss of any title
            lead = self.text[max(0, mention.start - 40) : mention.start]
            lead = lead[max(lead.rfind("."), lead.rfind("\n")) + 1 :]
            words_before = lead.split()
            for k, word in enumerate(words_before):
                # "Ireland kept their Grand Slam hopes": a qualifier that opens a clause of its
                # own (a possessive determiner or an auxiliary after it) qualifies no one.
                if word.lower().startswith(stem) and not any(
                    w.lower() in CLAUSE_WORDS for w in words_before[k + 1 :]
                ):
                    return entity
        return None

    def _last_two(self, pos: int) -> tuple[Entity, Entity] | None:
        """The last two different people named in the narrative before `pos`, in text order."""
        found: list[Entity] = []
        for mention in self.registry.before(pos, self.para_lo(pos)):
            entity = mention.entity
            if not mention.inside and entity.personal and entity not in found:
                found.append(entity)
                if len(found) == 2:
                    return found[1], found[0]
        return None
