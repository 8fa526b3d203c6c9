"""A top-level quotation with no cue of its own: the subject of the sentence or paragraph
before it, a label or colon cue introducing it, or nobody. A quote that follows straight
on from another is handed to `continuation`.
"""

import bisect
import re

from ..cues import ACCORDING_RE, MASK, SPEECH_RE, Cue, before_cue
from ..entities import Entity
from ..lexicon import ASK_VERBS
from ..marks import Span
from .common import NOBODY, PASSIVE_BEFORE_RE, SPOKESPEOPLE

# Real-copy round 4: a label that names whose words follow ("Excerpts of his remarks:", "Her
# statement in full:", "Okafor's speech:").
LABEL_OWNER_RE = re.compile(
    r"(?:\b(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir)|(?P<name>[A-Z][\w'’-]+)['’]s?)[ \t]+"
    r"(?:(?:full|own|prepared|opening|closing|written|whole|complete)[ \t]+)?"
    r"(?:remarks|statement|speech|comments|words|address|testimony|letter|message|post|answers)\b"
)
LABEL_RE = re.compile(r"[\[(][^\])\n]{1,80}[\])]")
# "Senator X released the following statement on his vote": a press release's form for the
# words in the paragraphs after it (real-copy round 8).
# ... or "issued this statement following today's vote:", "released this statement:" on a
# paragraph ending in a colon (real-copy round 11).
FOLLOWING_RE = re.compile(
    r"\b(?:the following|this) (?:joint )?(?:statement|remarks|comments|message|response|tribute)\b"
)
WORD_TOKEN_RE = re.compile(r"[A-Z][\w-]+")


class Uncued:
    """Quotations with no cue of their own; mixed into `Attributor`."""

    def _without_cue(
        self, i: int, span: Span, previous: int | None, sent_lo: int
    ) -> tuple[Entity | None, str]:
        """A quotation with no cue: a continuation, an answer, or the sentence before's subject.

        `Her partner, Nikolai Baranov, convinced her. "Nikolai just looked at me and said ..."`:
        a subject the quote names in the third person is spoken of, not speaking; the floor
        stays with whoever spoke last.
        """
        speaker, how = self._uncued(i, span, previous, sent_lo)
        if how == "subject" and speaker is not None and self._named_inside(speaker, span):
            last = self.last_speaker(span.opener)
            if last is not None and last is not speaker and not self._named_inside(last, span):
                return last, "continued"
            return None, "none"
        return speaker, how

    def _named_inside(self, entity: Entity, span: Span) -> bool:
        words = set(WORD_TOKEN_RE.findall(self.text, span.start, span.end))
        return any(len(part) > 2 and part in words for part in entity.name.split())

    def _uncued(
        self, i: int, span: Span, previous: int | None, sent_lo: int
    ) -> tuple[Entity | None, str]:
        if span.continued:
            # A paragraph reopening the last one's open quote: that quote's speaker now, so a
            # bare quote after it goes on with them (`_share_across_continuations` settles the
            # chain at the end, when a later part names the speaker; real-copy round 8).
            if previous is not None and self.spans[previous].continues:
                return self.records[previous].speaker, "continued"
            return None, "continued"
        prev = self.spans[previous] if previous is not None else None
        if prev is not None and previous is not None and self._adjacent(previous, i):
            return self._continue_from(previous, i)
        para = self.para_of(span.opener)
        para_lo = self.para_starts[para]
        if sent_lo > para_lo:
            before = self.sentences[bisect.bisect_left(self.sentences, sent_lo) - 1]
            if not self.masked[sent_lo : span.opener].strip():
                # "In a statement, the club said:" on the line before the quote.
                colon = self._colon_cue_before(max(before, para_lo), sent_lo, span)
                if colon is not None:
                    return colon, "cue"
            subject = self.subjects.get(before)
            if subject is not None and subject.personal and self.masked[before] != MASK:
                return subject, "subject"
            if subject is None and self.masked[before] != MASK:
                # "Ocasio's boat, the Mary Rose, stayed in port. 'I'm not burning diesel ...'":
                # a sentence about the last speaker's own thing leaves them the floor.
                owner = next(
                    (m for m in self.registry.in_range(before, before + 60) if m.start == before),
                    None,
                )
                last = self.last_speaker(span.opener)
                if owner is not None and owner.possessive and owner.entity is last:
                    return last, "continued"
            # `"I can see why," when it was pointed out ... "Because I just blurt it out!"`:
            # narrative that brings in nobody else leaves the floor to the last speaker.
            if prev is not None and previous is not None and prev.paragraph == span.paragraph:
                speaker = self.records[previous].speaker
                if speaker is not None and not self._someone_else(prev.end, sent_lo, speaker):
                    return speaker, "continued"
            return None, "none"
        lead = self.masked[para_lo : span.opener].strip()
        if para == 0 or (lead and not LABEL_RE.fullmatch(lead)):
            # Only a quote that opens its paragraph (after a label like "[On his strike]")
            # follows the paragraph before.
            return None, "none"
        prev_lo = self.para_starts[para - 1]
        owner = self._label_owner(prev_lo, para_lo)
        if owner is not None:
            return owner, "cue"
        if self._label(prev_lo, para_lo):
            # "On his relationship with McConnell:" then the quote: a list of one person's
            # words, introduced by the paragraph before ("Here are 21 things Trump said:").
            # "Per HBO:" names the speaker itself.
            source = ACCORDING_RE.search(self.masked, prev_lo, para_lo)
            if source is not None:
                cue = Cue(source.group("np"), source.start("np"), "according")
                return self.resolve(cue, span.opener), "cue"
            if self.masked.startswith("From ", prev_lo):
                # "From Sen. Todd Young, R-Ind.:" then his statement: a round-up's label names
                # whose words follow, as "Per HBO:" does (real-copy round 10).
                np = self.masked[prev_lo + 5 : para_lo].rstrip()[:-1]
                speaker = self.resolve(Cue(np, prev_lo + 5, "according"), span.opener)
                if speaker is not None and speaker is not NOBODY:
                    return speaker, "cue"
            # "After the vote, Councillor Nand issued the following statement:" ends on a colon
            # too: the one it is about speaks (real-copy round 10).
            following = self._following_statement(prev_lo, para_lo)
            if following is not None:
                return following, "cue"
            if prev is not None and previous is not None and prev.paragraph >= para - 4:
                return self.records[previous].speaker, "continued"
            if para >= 2:
                return self._reported_in(self.para_starts[para - 2], prev_lo), "subject"
            return None, "none"
        colon = self._colon_cue_before(prev_lo, para_lo, span)
        if colon is not None:
            return colon, "cue"
        following = self._following_statement(prev_lo, para_lo)
        if following is not None:
            return following, "cue"
        # A quotation opening a paragraph after a narrative paragraph about its speaker.
        last = self.sentences[bisect.bisect_left(self.sentences, para_lo) - 1]
        if last >= prev_lo and self.masked[last] != MASK:
            subject = self.subjects.get(last)
            if subject is not None and subject.kind == "org":
                # "The council admitted the vote was close." then the council's words.
                if self.last_speaker(span.opener) is subject:
                    return subject, "subject"
                if last in self.voiced and SPEECH_RE.search(self.masked, last, para_lo):
                    # "A Harrow Council spokesperson says the council stands by it." then a
                    # bare quote: the body's voice goes on speaking (real-copy round 11).
                    return subject, "subject"
                return None, "none"
            if (
                subject is not None
                and subject.kind in ("unknown", "outlet")
                and " " not in subject.name
                and not subject.roles.isdisjoint(SPOKESPEOPLE)
                and SPEECH_RE.search(self.masked, last, para_lo)
            ):
                # "A Tatler spokesperson says the magazine stands by the story." then a bare
                # quote: a name with a spokesperson is a body, still speaking (real-copy
                # round 11).
                subject.kind = "org"
                return subject, "subject"
            if subject is None or not subject.personal:
                return None, "none"
            verb = SPEECH_RE.search(self.masked, last, para_lo)
            if verb is not None and MASK not in self.masked[last : verb.start()]:
                own = self.text[span.start : span.end].rstrip(" ,")
                if (
                    verb.group() in ASK_VERBS
                    and own.endswith("?")
                    and PASSIVE_BEFORE_RE.search(
                        self.masked, max(last, verb.start() - 30), verb.start()
                    )
                ):
                    # "Alcantara was asked about his schedule." / "Are you worried?": the
                    # question is put to the subject by someone unnamed.
                    return None, "none"
                return subject, "subject"
            if self.last_speaker(span.opener) is subject:
                return subject, "subject"  # "He also felt that ..." then his words
        return None, "none"

    def _following_statement(self, prev_lo: int, para_lo: int) -> Entity | None:
        """Who "released the following statement" in the paragraph before (real-copy round 8)."""
        following = FOLLOWING_RE.search(self.masked, prev_lo, para_lo)
        if following is None:
            return None
        if following.group().startswith("this") and not self.masked[
            prev_lo:para_lo
        ].rstrip().endswith(":"):
            return None  # "He said this statement was false." introduces nothing
        start = self.sentences[bisect.bisect_right(self.sentences, following.start()) - 1]
        # "Washington, D.C. – Today, U.S. Senator Reverend Raphael Warnock (D-GA) released":
        # past a dateline, the one person the sentence is about.
        about = [e for at, e in self.events if at == start and (e.personal or e.kind == "org")]
        return about[-1] if start >= prev_lo and about else None

    def _label_owner(self, lo: int, hi: int) -> Entity | None:
        """Whose words a label paragraph announces: "Excerpts of his remarks:" (the man the
        narrative was about), "Okafor's statement in full:" (real-copy round 4)."""
        body = self.masked[lo:hi].rstrip()
        if not body.endswith(":") or len(body) >= 120 or MASK in body:
            return None
        found = LABEL_OWNER_RE.search(self.masked, lo, hi)
        if found is None:
            return None
        if found.group("name") is not None:
            for mention in self.registry.overlapping(found.start("name"), found.end("name")):
                if mention.entity.personal:
                    return mention.entity
            return None
        word = found.group("pronoun").lower()
        return self.pronoun(lo, {"his": "m", "her": "f"}.get(word))

    def _colon_cue_before(self, prev_lo: int, para_lo: int, span: Span) -> Entity | None:
        """`The force said:` ending a paragraph, the quote opening the next: the cue is the
        paragraph before's last sentence (real-copy round 4)."""
        body = self.masked[prev_lo:para_lo].rstrip()
        if not body.endswith(":"):
            return None
        colon = prev_lo + len(body)
        last = self.sentences[bisect.bisect_left(self.sentences, colon - 1) - 1]
        if last < prev_lo or MASK in self.masked[last:colon]:
            return None
        cue = before_cue(self.masked, last, colon, False)
        if cue is None or cue.form == "none" or not cue.verb:
            return None
        speaker = self.resolve(cue, span.opener)
        return speaker if speaker is not None and speaker is not NOBODY else None

    def _label(self, lo: int, hi: int) -> bool:
        """A short narrative paragraph ending in a colon with no verb of speech."""
        body = self.masked[lo:hi].rstrip()
        return (
            body.endswith(":")
            and len(body) < 120
            and MASK not in body
            and SPEECH_RE.search(body) is None
        )

    def _reported_in(self, lo: int, hi: int) -> Entity | None:
        """Whoever the paragraph [lo, hi) says speaks: the subject of its speech verb."""
        for sent in reversed(self.sentences[bisect.bisect_left(self.sentences, lo) :]):
            if sent >= hi:
                continue
            if SPEECH_RE.search(self.masked, sent, hi) is not None:
                subject = self.subjects.get(sent)
                if subject is not None and subject.personal:
                    return subject
        return None

    def _someone_else(self, lo: int, hi: int, speaker: Entity) -> bool:
        """Whether narrative in [lo, hi) names or is about a person other than `speaker`."""
        for mention in self.registry.in_range(lo, hi):
            if not mention.inside and mention.entity.personal and mention.entity is not speaker:
                return True
        k = bisect.bisect_left(self.events, lo, key=lambda e: e[0])
        while k < len(self.events) and self.events[k][0] < hi:
            entity = self.events[k][1]
            if entity is not speaker and entity.personal:
                return True
            k += 1
        return False
