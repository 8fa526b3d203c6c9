"""Speakers named by layout rather than by a sentence: transcript labels ("SHEARER:"), label
and signature lines, a headline or a story's opening quote, an interview's bare answers.
These rules read lines and paragraphs, not grammar, so they sit apart from the cues.
"""

import re

from ..cues import MASK, SPEECH_RE, Cue
from ..entities import ROLE_KEYS, Entity
from ..lexicon import ANONYMOUS_NOUNS, STOPWORDS
from ..marks import Span
from .common import _latest

BRACKET_LABEL_RE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3}[ \t]*"
    r"\((?P<name>[^,()\n]{2,60})(?:,[^()\n]{0,60})?\):[ \t]*"
)
TURN_LABEL_RE = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}):[ \t]")
AFTER_NAMED_RE = re.compile(r"\b(?:described|words of|was how|were how)\b")
# A round-up's credit line under a quote: "Bury manager David Flitcroft on the keeper ...",
# "Jurgen Klopp after his side won the Cup": the name, then a preposition, no verb between.
CREDIT_AFTER_RE = re.compile(
    r"[ \t]+(?:after|on|following|before|during|reflecting|speaking|talking)[ \t]+"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
CREDIT_LEAD_RE = re.compile(r"(?:[\w'’.-]+[ \t]+){0,6}")
# Real-copy round 11: a credit line opened by a dash ("— Pittsburgh coach Walt Harris,
# defending ..."), the name ending its first clause (a comma, a bracket or the line's end).
DASH_CREDIT_RE = re.compile(r"[ \t]*(?:—|–|--)[ \t]*(?P<clause>[^,(\n]{2,90}?)[ \t]*(?:[,(\n]|$)")
# Real-copy round 6: lines that name a speaker by layout.
SIGNATURE_LINE_RE = re.compile(r"\s*[—–]+[ \t]*(?P<name>[A-Z][^\n(@]{1,60}?)[ \t]*\(@\w{1,30}\)")
LABEL_LINE_RE = re.compile(
    r"(?P<label>[A-Z][A-Za-z-]{2,20}):[ \t]*(?P<name>[A-Z][^:.!?\"“”]{2,60})"
)
NOT_SPEAKER_LABELS = frozenset(
    (
        "photo",
        "photos",
        "image",
        "images",
        "picture",
        "pictures",
        "credit",
        "source",
        "video",
        "watch",
        "read",
        "words",
        "by",
        "reporting",
        "editing",
        "edited",
        "writer",
        "author",
        "photographer",
        "illustration",
        "graphic",
        "caption",
    )
)
CROSSHEAD_RE = re.compile(r"On [^\n.!?:\"“”]{1,60}")
HEADING_STOP_RE = re.compile(r"[.!?:;,\"“”(]")
# A letter or digit: a word character (\w) but the underscore, just what str.isalnum() accepts.
ALNUM_RE = re.compile(r"[^\W_]")
HEADLINE_AFTER_RE = re.compile(r"[ \t]*[:|—–][ \t]+[A-Z]")
# "Council tax to rise 5% as town hall warns of '...'": in a headline, a verb whose subject is
# a lower-case noun after "as", "while", "after" or "amid" is not the headline's opening
# name's (twenty-first round).
CLAUSE_SUBJECT_RE = re.compile(r"\b(?:as|while|after|amid)[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}$")


class Labels:
    """Speakers given by lines, labels and headlines; mixed into `Attributor`."""

    def _person_at(self, lo: int, hi: int, whole: bool) -> Entity | None:
        """The person named at [lo, hi): the whole of it (`whole`), or its last words."""
        for mention in self.registry.overlapping(lo, hi):
            if (
                (mention.entity.kind == "person" or (whole and mention.entity.kind == "unknown"))
                and mention.end == hi
                and (not whole or mention.start == lo)
            ):
                return mention.entity
        return None

    def _signed_line(self, span: Span) -> Entity | None:
        """`... "words"` then `— Name (@handle) March 3, 2021` (on the next line, or run on):
        a post embedded in the copy, signed by its author (real-copy round 6)."""
        assert span.closer is not None
        if not self.handles:
            return None  # SIGNATURE_LINE_RE asks for "(@"
        signed = SIGNATURE_LINE_RE.match(self.text, span.closer + 1)
        if signed is None:
            return None
        return self._person_at(signed.start("name"), signed.end("name"), True)

    def _label_line(self, span: Span) -> Entity | None:
        """A quote opening its line, under a label line naming whose words they are
        ("Creator: Name", "Showrunner: Name") or a heading that ends on a person's name
        ("Kings Coach Name"), with only crossheads ("On the defeat") and earlier bare answers
        between (real-copy round 6)."""
        text = self.text
        # the quote opens its line: only spaces back to the line break (no slice of the line)
        hi = span.opener - 1
        while hi >= 0 and text[hi] != "\n" and text[hi].isspace():
            hi -= 1
        if hi < 0 or text[hi] != "\n":
            return None
        for _ in range(8):
            lo = text.rfind("\n", 0, hi) + 1
            line = text[lo:hi].strip()
            start = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
            end = start + len(line)
            if not line:
                pass
            elif line[0] in '"\u201c':
                if len(self.registry.in_range(lo, hi)) > 0 and not line.endswith(('"', "\u201d")):
                    return None
            elif CROSSHEAD_RE.fullmatch(line):
                pass
            else:
                label = LABEL_LINE_RE.fullmatch(line)
                if label is not None:
                    if label.group("label").lower() in NOT_SPEAKER_LABELS:
                        return None
                    return self._person_at(start + label.start("name"), end, True)
                if len(line) <= 70 and not HEADING_STOP_RE.search(line):
                    return self._person_at(start, end, False)
                return None
            if lo == 0:
                return None
            hi = lo - 1
        return None

    def _turn_speaker(self, pos: int) -> Entity | None:
        """ "SHEARER: ... I said on the night, '...'": in a transcript, "I" is whoever the
        paragraph's label names."""
        label = TURN_LABEL_RE.match(self.text, self.para_starts[self.para_of(pos)])
        if label is None:
            return None
        entries = self.registry.tokens.get(label.group(1).split()[-1].lower())
        if not entries:
            return None
        found = _latest(entries, pos) or entries[0][1]
        return found if found.personal else None

    def _turn_addressee(self, pos: int) -> Entity | None:
        """The other party of a transcript: the label of the nearest turn (the next first, then
        the one before) that is not this paragraph's."""
        para = self.para_of(pos)
        label = TURN_LABEL_RE.match(self.text, self.para_starts[para])
        if label is None:
            return None
        count = len(self.para_starts)
        order = [*range(para + 1, min(count, para + 4)), *range(para - 1, max(-1, para - 4), -1)]
        for other in order:
            found = TURN_LABEL_RE.match(self.text, self.para_starts[other])
            if found is not None and found.group(1) != label.group(1):
                return self._turn_speaker(self.para_starts[other])
        return None

    def _surname_label(self, span: Span) -> Entity | None:
        """ "SHEARER: '...'": a transcript turn labelled by a surname in capitals that the
        text gives no full name for. The person named by it later ("Lineker later said"), or,
        when the label recurs as a turn, a person of that name."""
        para_lo = self.para_starts[self.para_of(span.opener)]
        label = TURN_LABEL_RE.match(self.text, para_lo)
        if label is None or label.end() != span.opener or " " in label.group(1):
            return None
        word = label.group(1).strip(".")
        low = word.lower()
        if len(word) < 3 or low in ROLE_KEYS or low in STOPWORDS or low in ANONYMOUS_NOUNS:
            return None
        for _at, entity in self.registry.tokens.get(low, []):
            if entity.kind in ("person", "unknown") and entity.name.split()[-1].lower() == low:
                return entity
        turns = re.findall(rf"(?m)^[ \t]*{re.escape(label.group(1))}:[ \t]", self.text)
        if len(turns) < 2:
            return None
        return self.registry.entity(word.title(), "person")

    def _opens_paragraph(self, span: Span) -> bool:
        return not self.text[self.para_starts[self.para_of(span.opener)] : span.opener].strip()

    def _bracket_label(self, lo: int, opener: int) -> Entity | None:
        """ "ANALYST (Adam Cochrane, Deutsche Bank): '...'": a transcript turn labelled by a
        role in capitals, the speaker's name in brackets after it."""
        if self.masked.find("(", lo, opener) < 0:
            return None
        label = BRACKET_LABEL_RE.fullmatch(self.masked, lo, opener)
        if label is None:
            return None
        named = [
            m.entity
            for m in self.registry.in_range(label.start("name"), label.end("name"))
            if not m.inside and m.entity.personal
        ]
        return named[0] if named else None

    def _whole_paragraph(self, span: Span) -> bool:
        """Nothing but the quote's own marks and punctuation in its paragraph."""
        para = self.para_of(span.opener)
        hi = self.para_starts[para + 1] if para + 1 < len(self.para_starts) else len(self.text)
        if span.closer is None:
            return False  # the paragraph runs on past the quote
        # ALNUM_RE finds what str.isalnum() accepts, without a loop over the characters.
        return (
            ALNUM_RE.search(self.masked, self.para_starts[para], span.opener) is None
            and ALNUM_RE.search(self.masked, span.closer + 1, hi) is None
        )

    def _named_after(self, span: Span) -> Entity | None:
        """The person the paragraph after `span`'s opens on (within its first few words),
        when that sentence has a verb of speech or "described", "the words of"."""
        para = self.para_of(span.opener) + 1
        if para >= len(self.para_starts):
            return None
        start = self.para_starts[para]
        end = self.next_sentence(start)
        mentions = self.registry.in_range(start, min(end, start + 40))
        if not mentions or mentions[0].inside or mentions[0].entity.kind != "person":
            return None
        if SPEECH_RE.search(self.masked, mentions[0].end, end) is None and (
            AFTER_NAMED_RE.search(self.masked, start, end) is None
        ):
            return None
        return mentions[0].entity

    def _credit_line(self, span: Span) -> Entity | None:
        """The person a credit line under a quote filling its paragraph names: the paragraph
        after opens on a name (role words before it at most) followed by a preposition, as
        in round-ups of what was said ("Bury manager David Flitcroft on ...")."""
        para = self.para_of(span.opener) + 1
        if para >= len(self.para_starts):
            return None
        start = self.para_starts[para]
        dashed = DASH_CREDIT_RE.match(self.masked, start)
        if dashed is not None:
            # "— Johnson C. Smith football coach Wylie Harris, explaining why ...": the person
            # whose name ends the clause after the dash (a college or a club may come first)
            clause_end = dashed.end("clause")
            if MASK in self.masked[start:clause_end]:
                return None
            for mention in reversed(self.registry.in_range(dashed.start("clause"), clause_end)):
                if mention.end == clause_end and not mention.inside:
                    return mention.entity if mention.entity.kind in ("person", "unknown") else None
            return None
        # the first person named (a club or a place may come first: "Mamelodi Sundowns
        # co-coach"), or a name nobody has placed right after a role word
        first = None
        for mention in self.registry.in_range(start, start + 80):
            word = self.masked[start : mention.start].split()[-1:]
            role = word[0].lower().removeprefix("co-") if word else ""
            if mention.entity.kind == "person" or (
                mention.entity.kind == "unknown" and role in ROLE_KEYS
            ):
                first = mention
                break
        if first is None or first.inside:
            return None
        if MASK in self.masked[start : first.end]:
            return None
        lead = CREDIT_LEAD_RE.fullmatch(self.masked, start, first.start)
        if lead is None or CREDIT_AFTER_RE.match(self.masked, first.end) is None:
            return None
        return first.entity

    def _answers_question(self, span: Span) -> bool:
        """A bare quote filling its paragraph, after a paragraph that is a question with no
        quote in it, in a text whose first paragraph has no quote either."""
        para = self.para_of(span.opener)
        if para < 2 or not self._whole_paragraph(span):
            return False
        prev = self.masked[self.para_starts[para - 1] : self.para_starts[para]].rstrip()
        if not prev.endswith("?") or MASK in prev or len(prev) > 300:
            return False
        return MASK not in self.masked[: self.para_starts[1]]

    def _interviewee(self) -> Entity | None:
        for mention in self.registry.in_range(0, self.para_starts[1]):
            if not mention.inside and mention.entity.personal and " " in mention.entity.name:
                return mention.entity
        return None

    def _lone_opening_quote(self, span: Span) -> bool:
        """The quote is all there is of the story's first paragraph."""
        if self.para_of(span.opener) != 0 or len(self.para_starts) < 2 or span.closer is None:
            return False
        lead = self.masked[self.para_starts[0] : span.opener]
        tail = self.masked[span.closer + 1 : self.para_starts[1]]
        return not any(c.isalnum() for c in lead + tail)

    def _caption_first(self) -> bool:
        """Whether the first paragraph is a caption or headline line: short, with no quote and
        no closing full stop."""
        if len(self.para_starts) < 3:
            return False
        line = self.masked[: self.para_starts[1]].strip()
        return 0 < len(line) <= 150 and MASK not in line and line[-1] not in ".?!"

    def _headline_quote(self, span: Span) -> bool:
        """A quote opening the text's first line, a short headline, before a colon or dash."""
        if span.closer is None or self.para_of(span.opener) != 0:
            return False
        if not self._opens_paragraph(span):
            return False
        line_end = self.text.find("\n", span.closer)
        line_end = len(self.text) if line_end < 0 else line_end
        return (
            line_end - span.opener < 160
            and len(self.para_starts) > 2
            and HEADLINE_AFTER_RE.match(self.text, span.closer + 1) is not None
            and SPEECH_RE.search(self.masked, span.closer + 1, line_end) is None
        )

    def _headline_line(self, span: Span) -> bool:
        """A quote in the text's first line, a short headline of one line with no full stop."""
        if span.closer is None or span.paragraph != 0 or len(self.para_starts) < 3:
            return False
        if self.headline is None:  # what the first line says, worked out once per text
            line = self.text[: self.para_starts[1]].strip()
            self.headline = (
                len(line) <= 160 and "\n" not in line and line.rstrip("'’\"”")[-1:] not in ".?!"
            )
        return self.headline

    def _headline_clause(self, span: Span, sent_lo: int, cue: Cue) -> bool:
        """Whether a verb with no subject of its own stands in a headline's clause after "as",
        "while", "after" or "amid" that has a lower-case subject ("as town hall warns")."""
        if not self._headline_line(span) or not (sent_lo <= cue.start <= span.opener):
            return False
        return CLAUSE_SUBJECT_RE.search(self.masked, sent_lo, cue.start) is not None
