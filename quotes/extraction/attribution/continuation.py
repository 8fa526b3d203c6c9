"""A quotation that follows straight on from another: the same speaker, or in an exchange of
questions and answers the other party; and the passes once every top-level quote is read
(a continued quote's parts share a speaker, a repeated quote goes to whoever said it).
Kept together because each turns on who spoke the quotations just before, and in what order.
"""

import bisect
import re

from ..cues import MASK, Cue
from ..entities import Entity
from ..lexicon import ASK_VERBS, REPLY_PHRASES, REPLY_VERBS
from ..marks import Span
from .common import NOBODY, PARAGRAPH_WINDOW

PLAIN_RE = re.compile(r"[^\w'’]+")
# Verbs that hand the floor to the other party, like a reply: "«Tell me,» Blake pleaded."
TURN_VERBS = frozenset(
    ["pleaded", "pleads", "begged", "begs", "protested", "protests", "interjected", "interjects"]
    + ["interrupted", "interrupts", "prodded", "prods", "prompted", "prompts", "teased", "teases"]
)
ASKED_IN_RE = re.compile(r"\b(?:[Aa]sked|[Pp]ressed|[Qq]uestion(?:ed)?)\b")
# Verbs and phrases of answering, one word or two ("replied", "shot back").
REPLIES = REPLY_VERBS | REPLY_PHRASES


class Continuation:
    """Continuations, exchanges and repeated quotes; mixed into `Attributor`."""

    def _asker(self, cue: Cue) -> Entity | None:
        """ "Bartlett asked how he felt. 'Relieved,' the diver said.": whoever asked, in the
        sentence before, is not the one a pronoun or role noun answering means."""
        if cue.form not in ("pronoun", "the"):
            return None
        k = bisect.bisect_right(self.sentences, cue.start) - 1
        if k < 1 or self.para_of(self.sentences[k - 1]) != self.para_of(cue.start):
            return None
        return self.askers.get(self.sentences[k - 1])

    def _questioner(self, cue: Cue, span: Span, previous: int | None) -> Entity | None:
        """`"Sir, are you hurt?" Farraday asks. / "No," the driver answers.`: whoever asked
        the question just before is not the one a pronoun or role noun answering means."""
        if cue.form not in ("pronoun", "the") or previous is None:
            return None
        before = self.spans[previous]
        if before.paragraph < span.paragraph - 1:
            return None
        if " ".join(cue.verb.split()).lower() in REPLIES and not (
            ASKED_IN_RE.search(self.masked, self.sentence_of(cue.start), cue.start)
        ):
            # `... the reality star wrote. / "Love you more," the actor replied`: nobody
            # replies to their own words (unless asked: "Asked whether ..., he replied").
            return self.records[previous].speaker
        # A quote's own text ends inside its marks; a closing mark left at its end is a nested
        # quote's ("... and think, 'What's the point?'"), whose question nobody here asked.
        if not self.text[before.start : before.end].rstrip(" ,").endswith("?"):
            return None
        return self.records[previous].speaker

    def _adjacent(self, a: int, b: int) -> bool:
        """Nothing but `a`'s own attribution lies between quotations `a` and `b`."""
        first, second = self.spans[a], self.spans[b]
        if first.closer is None or second.paragraph - first.paragraph > 1:
            return False
        start = max(self.records[a].cue_end, first.closer + 1)
        between = self.masked[start : second.opener]
        return not any(c.isalnum() or c == MASK for c in between)

    def _continue_from(self, previous: int, i: int) -> tuple[Entity | None, str]:
        """Same speaker as before, unless the two quotes before were a question and answer."""
        record = self.records[previous]
        earlier = self._quote_before(previous)
        other = None
        if earlier is not None and self._adjacent(earlier, previous):
            other = self.records[earlier].speaker
        verb = " ".join(record.verb.split()).lower()
        asked = self.text[self.spans[previous].start : self.spans[previous].end].rstrip()
        new_paragraph = self.spans[i].paragraph > self.spans[previous].paragraph
        own = self.text[self.spans[i].start : self.spans[i].end].rstrip(" ,'’\"”")
        asked_own = asked.rstrip(" ,'’\"”").endswith("?")
        if own.endswith("?") and new_paragraph and not asked.endswith("?"):
            # "Do you miss it?" Carrow asked. / "Every day," Adeyemi said. / "And now?": a
            # question on its own after an answer comes from whoever asked before.
            asker = self._earlier_asker(previous, record.speaker)
            if asker is not None:
                return asker, "exchange"
        if asked.endswith("?") and new_paragraph:
            # "Are there occupants?" then a new paragraph's quote in an exchange between two
            # people: the answer, by the other one.
            party = self._other_party(previous, record.speaker)
            if party is not None:
                return party, "exchange"
        if verb in ASK_VERBS and record.speaker is not None and (new_paragraph or not asked_own):
            # `"What would I do?" she asked. "Sit at home?"`: someone who asks a question and
            # goes on in the same paragraph is still speaking; an answer takes a new one.
            if other is None or other is record.speaker:
                other = self.pronoun(self.spans[i].opener, None, exclude=record.speaker)
            if other is not None:
                return other, "exchange"
        replied = verb in REPLY_VERBS or verb in REPLY_PHRASES or verb in TURN_VERBS
        if (
            new_paragraph
            and record.speaker is None
            and record.how == "cue"
            and other is not None
            and other is not NOBODY
        ):
            # `"Give me your hand," Deputy Santos says. / "My legs won't move," the man says.
            # / "I've got you."`: after an unnamed party's turn, the named one answers.
            return other, "exchange"
        if replied and not new_paragraph and record.speaker is not None and not self._rally(i):
            # `"...," he replied. "We have read every one."`: the one replying goes on; the
            # exchange resumes, with the other party, at the next paragraph. (A paragraph
            # packing several bare quotes one after another is the exchange itself.)
            return record.speaker, "exchange"
        if replied or record.how == "exchange":
            if other is None or other is record.speaker:
                other = self._other_party(previous, record.speaker) if new_paragraph else None
            if other is None and new_paragraph:
                # "Ferrari asked the minister how much ..." / "...," Ashworth replied. / a bare
                # quote: the one who asked in the narrative answers back.
                other = self._narrative_asker(self.spans[previous].opener, record.speaker)
            if other is not None and other is not NOBODY and other is not record.speaker:
                return other, "exchange"
        if record.speaker is not None and new_paragraph and self._addressed(record.speaker, i):
            # `"You landed in my lap, Hugh."` after Hugh spoke: words said to someone by name
            # are the other party's.
            party = self._other_party(previous, record.speaker)
            if party is None or party is NOBODY:
                party = self._speaker_before(previous, record.speaker)
            if party is not None:
                return party, "exchange"
        return record.speaker, "continued"

    def _speaker_before(self, index: int, speaker: Entity) -> Entity | None:
        """The last speaker other than `speaker` within the few paragraphs before `index`."""
        first = self.spans[index].paragraph
        k = bisect.bisect_left(self.tops, index)
        for j in reversed(self.tops[:k]):
            if first - self.spans[j].paragraph > PARAGRAPH_WINDOW:
                break
            found = self.records[j].speaker
            if found is not None and found is not speaker:
                return found
        return None

    def _addressed(self, entity: Entity, i: int) -> bool:
        """The quote speaks to `entity` by name: "..., Hugh." or "Hugh, ..."."""
        words = self.text[self.spans[i].start : self.spans[i].end].strip(" ,.!?'’\"”")
        for part in entity.name.split():
            if len(part) > 2 and (words.endswith(", " + part) or words.startswith(part + ", ")):
                return True
        return False

    def _rally(self, i: int) -> bool:
        """Another bare quote follows quote `i` in its paragraph, with nothing between."""
        k = bisect.bisect_right(self.tops, i)
        if k >= len(self.tops) or self.spans[i].closer is None:
            return False
        after = self.spans[self.tops[k]]
        if after.paragraph != self.spans[i].paragraph:
            return False
        between = self.masked[self.spans[i].closer + 1 : after.opener]
        return not any(c.isalnum() for c in between)

    def _narrative_asker(self, pos: int, speaker: Entity | None) -> Entity | None:
        """Whoever a narrative sentence in the last paragraph or two says asked something."""
        lo = self.para_lo(pos, 2)
        for at in sorted(self.askers, reverse=True):
            if lo <= at < pos and self.askers[at] is not speaker:
                return self.askers[at]
        return None

    def _other_party(self, index: int, speaker: Entity | None) -> Entity | None:
        """The speaker before `speaker` in an unbroken run of quotes (an exchange), if any."""
        earlier = self._quote_before(index)
        while earlier is not None and self._adjacent(earlier, index):
            found = self.records[earlier].speaker
            if found is not None and found is not speaker:
                return found
            if found is None and self.records[earlier].how == "cue":
                return NOBODY  # "the driver answers", never named: the answer is theirs too
            index, earlier = earlier, self._quote_before(earlier)
        return None

    def _earlier_asker(self, index: int, speaker: Entity | None) -> Entity | None:
        """Who asked a question earlier in an unbroken run of quotes, if not `speaker`."""
        earlier = self._quote_before(index)
        first = self.spans[index].paragraph
        while earlier is not None and (
            self._adjacent(earlier, index)
            or (
                # the answerer's own quotes, cued or not, within an interview's few paragraphs
                self.records[earlier].speaker is speaker
                and speaker is not None
                and first - self.spans[earlier].paragraph <= 3
            )
        ):
            found = self.records[earlier].speaker
            words = self.text[self.spans[earlier].start : self.spans[earlier].end]
            if found is not speaker and words.rstrip().endswith("?"):
                if found is not None:
                    return found
                if self.records[earlier].how == "none":
                    # `"Why now?" / "Because ...," she says. / "What will you miss?"`: an
                    # interviewer never named asks again, and stays unnamed.
                    return NOBODY
            index, earlier = earlier, self._quote_before(earlier)
        return None

    def _quote_before(self, index: int) -> int | None:
        k = bisect.bisect_left(self.tops, index)
        return self.tops[k - 1] if k > 0 else None

    def _share_across_continuations(self, result: list[Entity | None]) -> None:
        """Every paragraph of a continued quote gets the speaker found for any part of it."""
        chain: list[int] = []
        for i in [*self.tops, -1]:
            if i >= 0 and self.spans[i].continued and chain:
                chain.append(i)
                continue
            if len(chain) > 1:
                known = next((result[j] for j in chain if result[j] is not None), None)
                for j in chain:
                    result[j] = known
            chain = [i] if i >= 0 else []

    def _repeated(self, result: list[Entity | None]) -> None:
        """ "Mayor: 'We will not let this city go dark'" over a story that later quotes the
        mayor saying those words: a quote nobody was found for, whose words someone is
        quoted saying elsewhere in the text, is theirs (headlines and ledes reprise quotes)."""
        said: list[int] | None = None
        offsets: list[int] = []
        joined = ""
        for i in self.tops:
            if result[i] is not None:
                continue
            own = self.text[self.spans[i].start : self.spans[i].end]
            words = own.split()
            if len(words) < 4 and not (len(words) >= 2 and self._headline_line(self.spans[i])):
                # a headline's short quote ("warns of 'cliff edge'") may repeat the body too
                continue
            if said is None:
                # every attributed quote's words, casefolded, in one string to search at once
                said = [j for j in self.tops if result[j] is not None]
                parts = [self.text[self.spans[j].start : self.spans[j].end] for j in said]
                for part in parts:
                    offsets.append(len(joined))
                    joined += part.casefold() + "\x00"
            # its longest word, to find candidates cheaply
            key = max(words, key=len).strip(".,;:!?'\"’”“‘()—–-").casefold()
            at = joined.find(key) if key else -1
            plain = None
            while at >= 0:
                k = bisect.bisect_right(offsets, at) - 1
                j = said[k]
                other = joined[offsets[k] : joined.index("\x00", offsets[k])]
                plain = plain or _plain(own)
                if plain in _plain(other):
                    result[i] = result[j]
                    self.records[i].speaker = result[j]
                    break
                at = joined.find(key, offsets[k + 1]) if k + 1 < len(offsets) else -1


def _plain(words: str) -> str:
    """A quote's words for comparing with another's: no punctuation, case or spacing."""
    return " " + " ".join(PLAIN_RE.sub(" ", words).casefold().split()) + " "
