"""Who the narrative before a point was about: the person a pronoun means, the last speaker,
the body or band last named, the maker of a statement, the person introduced next. Every
rule that points back (or forward) at someone asks these questions, so they stand apart.
"""

import bisect
import re

from ..cues import MASK, SPEECH_RE
from ..entities import Entity
from ..lexicon import GENERIC_PEOPLE, GIVEN_NAMES
from .common import KIN_PAIRS, NOBODY

NOTICE_WORD_RE = re.compile(
    r"\b(?:notices?|alerts?|warnings?|warned|advisory|bulletin|appeal(?:ed)?)\b"
)
STATEMENT_WORD_RE = re.compile(r"\b(?:statement|release|letter|post|message|note|memo|email)s?\b")
AGE_RE = re.compile(r",\s*\d{1,3},")
INDEFINITE_PERSON_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(sorted(GENERIC_PEOPLE, key=len, reverse=True))
    + r")\b"
)
NAME_AFTER_RE = re.compile(r",?\s+(?:named\s+|called\s+|identified as\s+)?[A-Z][a-z]")


class Recall:
    """Look-ups in the narrative around a position; mixed into `Attributor`."""

    def _recent_org(self, pos: int) -> Entity | None:
        """The last body the narrative of the last few paragraphs was about, or named."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind == "org":
                return entity
        for mention in self.registry.before(pos, lo):
            if not mention.inside and mention.entity.kind == "org":
                return mention.entity
        return None

    def _first_of_sex(self, pos: int, sex: str) -> Entity | None:
        for mention in self.registry.in_range(0, pos):
            entity = mention.entity
            if mention.inside or not entity.personal:
                continue
            given = entity.name.split()[0].lower() in GIVEN_NAMES
            if (entity.kind == "person" or given) and _fits(entity, sex, None):
                return entity
        return None

    def _paragraph_subject(self, pos: int) -> Entity | None:
        """The person named first in pos's paragraph, when the paragraph opens on their name
        outside quotes ("Draper, 23, will play Alcaraz next. '...,' the left-hander said")."""
        start = self.para_starts[self.para_of(pos)]
        opening = self.registry.in_range(start, pos)
        if opening and opening[0].start == start and not opening[0].inside:
            entity = opening[0].entity
            return entity if entity.personal else None
        return None

    def _unnamed_before(self, pos: int) -> bool:
        """Whether the last two sentences bring someone in unnamed ("a man", "a protester")."""
        k = bisect.bisect_right(self.sentences, pos) - 1
        lo = self.sentences[max(0, k - 2)]
        for match in INDEFINITE_PERSON_RE.finditer(self.masked, lo, pos):
            if not NAME_AFTER_RE.match(self.masked, match.end()):
                return True
        return False

    def _named_kin(self, kin: str, pos: int) -> bool:
        """Whether someone named before `pos` is this kind of relative of someone: "Tomasz
        Nowicki's mother ... Her son shrugs" (her son is Tomasz)."""
        others = KIN_PAIRS.get(kin, ())
        for mention in self.registry.before(pos, 0):
            if mention.possessive and not mention.inside:
                after = self.masked[mention.end : mention.end + 16].split()
                if len(after) > 1 and after[1].strip(",.").lower() in others:
                    return True
        return False

    def _unnamed_subject_last(self, pos: int, gender: str | None, loose: bool = False) -> bool:
        """Whether the last subject of this paragraph before `pos` was an unnamed relative of
        this sex (or, `loose`, anyone unnamed whose sex does not differ), with nobody else seen
        since."""
        lo = self.para_starts[self.para_of(pos)]
        at = next((a for a, g in reversed(self.unnamed_subjects) if a < pos), None)
        if at is None or at < lo:
            return False
        known = dict(self.unnamed_subjects)[at]
        if known != gender and not (loose and (not known or gender is None)):
            return False
        return not any(at < a < pos for a, _ in self.events)

    def _unnamed_they(self, pos: int) -> bool:
        """Whether "they" here means someone unnamed who was the last subject, in this paragraph
        or the one before, with nobody seen since: "A senior government source said ... They
        added:", "One developer ..., who spoke on condition of anonymity, said ... they said"
        (not a body named in between, which "they" would otherwise find)."""
        lo = self.para_starts[max(0, self.para_of(pos) - 1)]
        at = next((a for a, _g in reversed(self.unnamed_subjects) if a < pos), None)
        if at is None or at < lo:
            return False
        return not any(at < a < pos for a, _ in self.events)

    def _unnamed_holder_before(self, head: str, pos: int) -> bool:
        """Whether "a/one <head>" with no name after it came, in this paragraph or the one
        before, after the last person given the role `head`."""
        lo = self.para_starts[max(0, self.para_of(pos) - 1)]
        entries = self.registry.roles.get(head, [])
        k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
        if k:
            lo = max(lo, entries[k - 1][0])
        window = self.masked[lo:pos]
        if head not in window:
            return False
        pattern = re.compile(
            r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,2}?" + re.escape(head) + r"\b"
        )
        return any(
            not NAME_AFTER_RE.match(self.masked, lo + m.end())
            # "Owen Brackett, a senator from Nevada,": an appositive gives a named person a role
            and not window[: m.start()].rstrip(" ").endswith(",")
            for m in pattern.finditer(window)
        )

    def _named_next(self, pos: int) -> Entity | None:
        """The news lede's "A man accused of ... told police" is named in the next paragraph.

        Only when that paragraph opens with a name and an age: "Darnell Hayes, 29, was ...".
        """
        para = self.para_of(pos)
        caption = para == 1 and self._caption_first()
        if para != (1 if caption else 0) or len(self.para_starts) < para + 2:
            return None
        start = self.para_starts[para + 1]
        for mention in self.registry.in_range(start, start + 60):
            if mention.inside or mention.entity.kind != "person" and " " not in mention.entity.name:
                return None
            if self.text[start : mention.start].strip(" \t").strip():
                return None
            if AGE_RE.match(self.text, mention.end):
                return mention.entity
            if caption and " " in mention.entity.name:
                # "Pictured: Eileen Ashworth with her certificate" above "A grandmother who
                # left school at 14 says ...", then "Eileen Ashworth, from Burnley, ...": the
                # one the caption shows, named again at the next paragraph's start.
                name = mention.entity.name
                shown = self.registry.in_range(0, self.para_starts[1])
                if any(m.entity.name == name or m.entity.name.endswith(" " + name) for m in shown):
                    return mention.entity  # "Gran Edna Willis, 101, with ..." shows her too
            return None
        return None

    def statement_maker(self, pos: int) -> Entity | None:
        """The subject of the last narrative sentence that issues or mentions a statement."""
        lo = self.para_lo(pos)
        k = bisect.bisect_left(self.sentences, pos) - 1
        while k >= 0 and self.sentences[k] >= lo:
            start = self.sentences[k]
            end = min(self.next_sentence(start), pos)
            subject = self.subjects.get(start)
            if (
                subject is not None
                and (subject.personal or subject.kind == "org")
                and STATEMENT_WORD_RE.search(self.masked, start, end)
            ):
                return subject
            k -= 1
        return None

    def reported_speaker(self, lo: int, hi: int) -> Entity | None:
        """The person or body the last narrative sentence in [lo, hi) reports speaking."""
        k = bisect.bisect_left(self.sentences, hi) - 1
        while k >= 0 and self.sentences[k] >= lo:
            start = self.sentences[k]
            k -= 1
            subject = self.subjects.get(start)
            if subject is None or self.masked[start] == MASK:
                continue
            end = min(self.next_sentence(start), hi)
            if (subject.personal or subject.kind == "org") and SPEECH_RE.search(
                self.masked, start, end
            ):
                return subject
        return None

    def notice_maker(self, pos: int) -> Entity | None:
        """The body that is the subject of the last narrative sentence before `pos` that issues,
        mentions or warns with a notice, alert, warning or statement (real-copy round 4)."""
        k = bisect.bisect_left(self.sentences, pos) - 1
        while k >= 0:
            start = self.sentences[k]
            k -= 1
            subject = self.subjects.get(start)
            if subject is None or subject.kind != "org" or self.masked[start] == MASK:
                continue
            end = min(self.next_sentence(start), pos)
            if NOTICE_WORD_RE.search(self.masked, start, end) or STATEMENT_WORD_RE.search(
                self.masked, start, end
            ):
                return subject
        return None

    def _introduced_next(self, pos: int, paragraphs: int = 1) -> Entity | None:
        """The first person named in the paragraph after `pos`'s (or the next few), if nobody
        came before."""
        para = self.para_of(pos) + 1
        if para >= len(self.para_starts):
            return None
        start = self.para_starts[para]
        last = para + paragraphs
        end = self.para_starts[last] if last < len(self.para_starts) else len(self.text)
        for mention in self.registry.in_range(start, end):
            if mention.inside or " " not in mention.entity.name:
                continue
            if mention.entity.kind == "person":
                return mention.entity
            if mention.entity.kind == "unknown" and SPEECH_RE.search(
                self.masked, mention.end, min(self.next_sentence(mention.end), mention.end + 120)
            ):
                # "Choi Sang-mok told reporters": a name nobody has sexed, but who speaks.
                return mention.entity
        return None

    def last_speaker(self, pos: int) -> Entity | None:
        """Who spoke last, within the last few paragraphs."""
        lo = self.para_lo(pos, 1)
        for i in reversed(self.tops):
            span = self.spans[i]
            if span.opener >= pos or i not in self.records:
                continue
            if span.opener < lo:
                break
            if self.records[i].speaker is not None:
                return self.records[i].speaker
        return None

    def group_before(self, pos: int) -> Entity | None:
        """The band or group named most recently: "the band said in a statement"."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind in ("org", "unknown") and " " not in entity.name:
                return entity
        for mention in self.registry.before(pos, lo):
            entity = mention.entity
            if not mention.inside and entity.kind in ("org", "unknown") and not entity.roles:
                return entity
            if not mention.inside and "band" in entity.roles:
                return entity
        return None

    def org_before(self, pos: int) -> Entity | None:
        """The body the narrative was last about ("the club said"), else the last one named."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind == "org":
                return entity
        return self.registry.org_before(pos)

    def unclassed_body_before(self, pos: int) -> Entity | None:
        """A name of two words or more that nothing marked as a person or a body, the last one
        named before `pos` in this paragraph or the one before: "British Steel will close
        the plant. The company said ...": the company is the one just named, though its name
        has no company word in it (real-copy round 9)."""
        lo = self.para_lo(pos, 1)
        for mention in reversed(self.registry.in_range(lo, pos)):
            entity = mention.entity
            if mention.inside or entity.kind != "unknown" or entity.gender is not None:
                continue
            words = entity.name.split()
            if len(words) >= 2 and words[0].lower() not in GIVEN_NAMES:
                return entity
        return None

    def pronoun(
        self,
        pos: int,
        gender: str | None,
        exclude: Entity | None = None,
        nested: bool = False,
    ) -> Entity | None:
        """The most recent fitting subject or speaker; failing that, the last fitting name."""
        lo = self.para_lo(pos)
        if not nested:
            for at, entity in reversed(self.events):
                if at >= pos:
                    continue
                if at < lo:
                    break
                if _fits(entity, gender, exclude):
                    return entity
                if at in self.voiced and gender in ("m", "f") and entity is not exclude:
                    # "A Metropolitan Police spokesman said ... 'We would urge ...,' he
                    # added": the person is the body's voice, so the words are the body's.
                    return entity
        owners = []
        for mention in self.registry.before(pos, lo):
            if mention.inside and not nested:
                continue
            if _fits(mention.entity, gender, exclude) and mention.entity.kind == "person":
                if not mention.possessive:
                    return mention.entity
                owners.append(mention.entity)  # "Sir Keir Starmer's spokesman": the owner
        if owners:
            return owners[0]
        for mention in self.registry.before(pos, lo):
            if mention.inside and not nested:
                continue
            if nested and gender and mention.entity.gender is None:
                # Inside a quote "she" is often someone never named ("my mother"): a name of
                # unknown sex that may not even be a person ("Golden Lion") is no answer.
                continue
            if _fits(mention.entity, gender, exclude):
                return mention.entity
        return None


def _fits(entity: Entity, gender: str | None, exclude: Entity | None) -> bool:
    if entity is exclude or entity is NOBODY or not entity.personal:
        return False
    return not (gender in ("m", "f") and entity.gender not in (None, gender))
