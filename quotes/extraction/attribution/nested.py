"""Who speaks a quotation inside another: the outer speaker ("I said, '...'"), someone they
report, the one they address, or nobody. Nested quotes are decided after all top-level ones
and read the text unmasked, so their rules stand apart.
"""

import re

from ..cues import REPORT_RE, after_cue, before_cue, sentence_starts, sentence_subject
from ..entities import Entity, Registry
from ..lexicon import KIN_SEX
from ..marks import Span
from .common import NOBODY

WHO_RE = re.compile(r",?\s+who\b")
# `You keep saying "efficiencies."`: words the person addressed said, not the speaker's own
# (a generic "you just say, 'Sorry'" is the speaker's advice and stays theirs).
YOU_SAID_RE = re.compile(
    r"\b[Yy]ou(?:\s+(?:keep|kept|always|just|even|once|then|also|never))*"
    r"\s+(?:said|told|saying|wrote|asked|promised|called|tweeted|posted)\b"
)
# "The second time I thought, 'Of course he did'": the speaker's own thought, quoted inside
# their words right after "I thought" (or "we wondered", "I told myself").
SELF_THOUGHT_RE = re.compile(
    r"\b(?:I|[Ww]e)(?:\s+(?:just|then|still|kept|remember|was|were|first|immediately))*"
    r"\s+(?:thought|think|thinking|wondered|told (?:myself|ourselves)|asked (?:myself|ourselves))"
    r"[,:]?\s*$"
)
# "I called my wife and said, '...'": the outer speaker's own words, whatever follows the
# quote ("She laughed for a full minute") (seventeenth round).
SELF_SAID_RE = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:(?!(?:he|she|they|it|you|who|that)\s)[a-z]+\s+){0,5}?"
    r"(?:said|say|says|replied|answered)"
    r"(?:\s+(?:to\s+)?(?:him|her|them|myself))?[,:]?\s*$"
)
SAID_BEFORE_RE = re.compile(r"\b(?:said|says|asked|replied|told me)[,:]?\s*$")
# "No-one said to me, 'This is what will happen'", "when everyone was going, 'Is there ...?'":
# words an indefinite subject said inside a quote are nobody's, not the outer speaker's
# (real-copy round 3).
INDEFINITE_SAID_RE = re.compile(
    r"(?:^|[,;]\s*|\b(?:[Ww]hen|[Ww]hile|[Aa]s|[Aa]nd|[Bb]ut|[Bb]ecause|[Ii]f|[Tt]hen)\s+)"
    r"(?:[Ee]veryone|[Ee]verybody|[Nn]o[-\u2011 ]one|[Nn]obody|[Ss]omeone|[Ss]omebody|[Aa]nyone"
    r"|[Aa]nybody)\s+(?:[a-z][\w'\u2019-]*\s+){0,3}?[a-z][\w'\u2019-]*[,:]?\s*$"
)
# "I rang my mum in tears and said, '...' She said, '...'": a relative the speaker names only
# by kin, inside the speaker's own words (twenty-first round).
MY_KIN_RE = re.compile(rf"\b[Mm]y\s+({'|'.join(sorted(KIN_SEX))})\b")


class Nested:
    """Speakers of quotations nested in others; mixed into `Attributor`."""

    def _nested(self, i: int, parent: int, outer: Entity | None) -> Entity | None:
        """Words reported inside a quote: "I" is the outer speaker, "he"/"she" someone else."""
        span, host = self.spans[i], self.spans[parent]
        text = self.text
        lo = sentence_starts(text, host.start, span.opener)[-1]
        if INDEFINITE_SAID_RE.search(text[lo : span.opener]):
            return None
        if SELF_SAID_RE.search(text[max(host.start, span.opener - 80) : span.opener]):
            return outer
        if (
            span.closer is not None
            and SAID_BEFORE_RE.search(text, max(host.start, span.opener - 12), span.opener)
            and text[span.start : span.end].rstrip(" ,'’\"”")[-1:] in ".!?"
        ):
            # "He rang me ... and said, 'I don't feel right.' I told him to come home.": a
            # whole sentence reported after "said," is the reported speaker's, not that of a
            # new sentence after it (seventeenth round).
            lo = sentence_starts(text, host.start, span.opener)[-1]
            cue = before_cue(text, lo, span.opener, False)
            if cue is not None and cue.form == "main":
                cue = sentence_subject(text, lo, span.opener)
            if cue is not None and cue.np.lower() in ("he", "she"):
                if self._kin_in_host(host, lo, span.opener, cue.np.lower()):
                    return None
                found = _real(self.resolve(cue, span.opener, outer=outer, nested=True))
                if self._asked_outer(found, parent):
                    return None  # the one who asked is "you" to the answer (see below)
                if found is not None:
                    return found
        if span.closer is not None:
            stop = next(
                (s.opener for s in self.spans[i + 1 :] if s.parent_frame == span.parent_frame),
                host.end,
            )
            cue = after_cue(text, span.closer + 1, min(stop, host.end), text[span.start : span.end])
            if cue is not None:
                return _real(self.resolve(cue, span.opener, outer=outer, nested=True))
        starts = sentence_starts(text, host.start, span.opener)
        lo = starts[-1]
        if YOU_SAID_RE.search(text, lo, span.opener):
            return self._addressee(span, host, outer)
        if SELF_THOUGHT_RE.search(text[max(lo, span.opener - 60) : span.opener]):
            return outer
        cue = before_cue(text, lo, span.opener, False)
        if (
            cue is not None
            and cue.np.lower() in ("he", "she")
            and self._kin_in_host(host, lo, span.opener, cue.np.lower())
        ):
            return None
        if cue is not None and cue.form not in ("none", "main"):
            found = _real(self.resolve(cue, span.opener, outer=outer, nested=True))
            if cue.np.lower() in ("he", "she") and self._asked_outer(found, parent):
                # "'I asked all the time,' Chen said. 'He told me, ...'" after the attorney's
                # question: the one who asked is "you" to her, so "he" is someone else, here
                # nobody named (seventeenth round)
                return None
            return found
        if cue is not None and cue.form == "none" and cue.verb:
            # `"The building has been called 'a cathedral for paperbacks'. Do you like it?"`:
            # a passive with no agent names nobody, inside a quote as outside one.
            return None
        relative = _relative_name(self.registry, text, lo, span.opener)
        if relative is not None:
            return relative
        cue = sentence_subject(text, lo, span.opener)
        if cue is None:
            # `... now being married, "what if my husband was killed?"`: the speaker's own
            # thought, when nothing in the sentence says anyone else spoke.
            words = text[span.start : span.end].rstrip(" ,'’\"”")
            clause = words[:1].isupper() or words.endswith(("?", "!", "."))
            if clause and REPORT_RE.search(text, lo, span.opener) is None:
                return outer
            return None
        return _real(self.resolve(cue, span.opener, outer=outer, nested=True))

    def _kin_in_host(self, host: Span, lo: int, opener: int, pronoun: str) -> bool:
        """ "I rang my mum in tears and said, '...' She said, '...'": "she" inside the speaker's
        words, in the sentence after one that brings in a relative of hers by kin alone ("my
        mum"), is that relative, whom nobody names, when no one of that sex is named between."""
        sex = "f" if pronoun == "she" else "m"
        starts = sentence_starts(self.text, host.start, opener)
        k = starts.index(lo) if lo in starts else len(starts) - 1
        start = starts[max(0, k - 1)]
        kin = [m for m in MY_KIN_RE.finditer(self.text, start, lo) if KIN_SEX[m.group(1)] == sex]
        if not kin:
            return False
        for mention in self.registry.in_range(kin[-1].start(), opener):
            if mention.entity.kind == "person" and mention.entity.gender in (None, sex):
                return False
        return True

    def _asked_outer(self, found: Entity | None, parent: int) -> bool:
        """Whether `found` spoke the question that the quote `parent` answers."""
        before = self._quote_before(parent)
        while before is not None and self.top_speakers[before] is self.top_speakers[parent]:
            before = self._quote_before(before)  # the answer's earlier parts
        if found is None or before is None or self.top_speakers[before] is not found:
            return False
        asked = self.spans[before]
        return self.text[asked.start : asked.end].rstrip(" ,'’\"”").endswith("?")

    def _addressee(self, span: Span, host: Span, outer: Entity | None) -> Entity | None:
        """ "You told me in 2017, and I quote, 'I will never do a musical'": words in the first
        person that the speaker says the one addressed said are that person's, when the story
        named someone else just before the speaker's words (twelfth round); else nobody's."""
        if outer is None or outer.kind != "person":
            return None
        words = self.text[span.start : span.start + 2]
        if words not in ("I ", "I'", "I’"):
            return None
        for mention in self.registry.before(host.opener, max(0, host.opener - 400)):
            entity = mention.entity
            if mention.inside or entity is outer or entity.kind != "person":
                continue
            return entity if " " in entity.name else None
        return None


def _real(entity: Entity | None) -> Entity | None:
    return None if entity is NOBODY else entity


def _relative_name(registry: Registry, text: str, lo: int, hi: int) -> Entity | None:
    """ "Dionne, who sent me a message ... and said, '...'": the name the clause hangs on."""
    for mention in registry.in_range(lo, hi)[::-1]:
        if mention.entity.kind == "person" and WHO_RE.match(text, mention.end):
            return mention.entity
    return None
