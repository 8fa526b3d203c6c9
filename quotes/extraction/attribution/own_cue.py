"""The decision for one top-level quotation from its own sentence (`_top`: a cue after or
before it, "according to", a passive's agent, a sentence-final or dash attribution, "in
the words of"), in the order the rules are tried. What it falls back on when the sentence
names nobody lives in `labels`, `uncued` and `continuation`.
"""

import bisect
import re

from ..cues import (
    ACCORDING_RE,
    SPEECH_RE,
    Cue,
    after_cue,
    before_cue,
    dash_cue,
    final_cue,
    phrase_end,
    sentence_subject,
)
from ..entities import Entity
from ..lexicon import AUXILIARIES, GENDERED_NOUNS, KIN_NOUNS, STOPWORDS
from ..marks import Span
from .common import NICKNAME_AFTER_RE, NICKNAME_BEFORE_RE, NOBODY, STATEMENT_NOUNS, Record

MODIFIED_RE = re.compile(r"[ \t]+([a-z][a-z-]+)\b")
LINK_WORDS = frozenset(
    ["is", "are", "was", "were", "be", "been", "than", "or", "being", "back", "out", "up"]
    + ["down", "off", "away", "aloud", "too", "anyway", "there", "here", "instead", "first"]
)
WORDS_OF_RE = re.compile(r"\b[Ii]n\s+the\s+words\s+of\s+(?P<np>[^\x01.;:]{1,80}?)[\s,]*$")
# "Reuters said in its statement" (real-copy round 1): "its" and "their" as well as "a".
STATEMENT_RE = re.compile(r"\b(?:in|issued|released)\s+(?:a|its|their)\s+statement\b")
OPENING_NAME_RE = re.compile(r"([A-Z][a-z][\w'’-]+)[ \t]+(?:said|told|says|tells|was|is|has|had)\b")
# Verbs of a verdict: a paper or broadcaster that "called" something "..." speaks for itself.
VERDICT_VERBS = frozenset(
    ["called", "calls", "described", "describes", "hailed", "hails", "dubbed", "dubs"]
)
# "It has been called 'Pixar's most beautiful' by Empire": the agent of a passive after the quote.
AGENT_AFTER_RE = re.compile(r"[ \t]+by[ \t]+(?P<np>[^,.;:!?\x01\n]{1,60}?)[ \t]*(?=[,.;:!?\n]|$)")
THROUGH_RE = re.compile(
    r"\b(?:issued|released|made|given|sent|published)\s+(?:on\s+\w+\s+)?through\s+(his|her)\s+"
    r"(?:club|lawyers?|solicitors?|agent|agency|representatives?|reps?|management|team|"
    r"label|publicist|spokes(?:man|woman|person))\b"
)
# 'announced the appointment of a new "chief transformation officer," Jane Doe, to ...': a term
# quoted inside a noun phrase, its holder named after it, is nobody's words (real-copy round 1).
TERM_DETERMINER_RE = re.compile(
    r"\b(?:a|an|the|its|his|her|their)(?:[ \t]+(?:new|former|first|interim|acting|so-called))?"
    r"[ \t]+$"
)
TERM_HOLDER_RE = re.compile(r"[^\"“”\n]{1,60}?,[\"”][ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’-]+)+,")
LEADING_PHRASE_RE = re.compile(
    r"(?:After|Before|Despite|While|Although|Though|Since|Having|Being|Admitting|Insisting|"
    r"Claiming|Saying|Describing|Calling|Declaring)\b"
)
MAIN_CLAUSE_RE = re.compile(
    r",[ \t]+(?:(?:he|she)[ \t]+|[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?[ \t]+)"
)
TOPIC_LABEL_RE = re.compile(r"On [^:\n.!?\"“]{1,60}:[ \t]*")
# Real-copy round 4: `... "...," Celebrity Weekly wrote.` after `X admitted "..."`: the outlet
# only relays the words the verb before the quote gives to X.
RELAY_VERBS = frozenset(["wrote", "writes", "reported", "reports", "noted", "notes"])
# Real-copy round 4: "A truck 'crossed the line' at 9pm, according to the release.": an
# "according to" closing the sentence covers the whole of it, the quote too.
ACCORDING_LATER_RE = re.compile(r"(?:[^.;:!?\n\x01]|\.(?=\d)){0,80}?,[ \t]*according[ \t]+to[ \t]+")
IN_WORDS_RE = re.compile(
    r"\s*(?:In|in)\s+(his|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}?['’]s?)\s+"
    r"(?:own\s+)?words\b"
)
KIN_OBJECT_RE = re.compile(
    r"\b(?:his|her)\s+(?:late\s+|own\s+|elder\s+|older\s+|younger\s+)?([a-z]+)"
)
MANNER_RE = re.compile(
    r"\b(?:was|is|were|are|remained|sounded|seemed)\s+(?:[\w-]+\s+){0,3}[\w-]+\s*[.:!]?\s*$"
)
TOPIC_RE = re.compile(r"(He|His|She|Her)(?:['’](?:s|d|ll))?\b")
MESSAGE_TEXT_RE = re.compile(r"\b(?:reading|read|which read|that read)[ \t]*:[ \t]*$")
SENT_AFTER_RE = re.compile(r"(?:,[ \t]+\d+,)?[ \t]+(?:had[ \t]+)?(?:sent|texted|wrote|posted)\b")
SENT_BY_RE = re.compile(r"\b(?:sent|written|posted)[ \t]+by[ \t]+$")


class OwnCue:
    """Each top-level quotation's speaker, from its own cue; mixed into `Attributor`."""

    def _top(self, i: int, previous: int | None) -> Entity | None:
        span = self.spans[i]
        masked = self.masked
        sent_lo = self.sentence_of(span.opener)
        prev_span = self.spans[previous] if previous is not None else None
        same_sentence = (
            prev_span is not None
            and prev_span.closer is not None
            and prev_span.closer >= sent_lo
            and prev_span.paragraph == span.paragraph
        )
        lo = prev_span.closer + 1 if same_sentence and prev_span.closer is not None else sent_lo
        verb = ""
        cue_end = span.end
        speaker: Entity | None = None
        how = "none"
        if (
            span.closer is not None
            # the rarest test first: a capitalised word right after the closing mark
            and NICKNAME_AFTER_RE.match(self.text, span.closer + 1)
            and len(self.text[span.start : span.end].split(None, 2)) <= 2  # two words at most
            and NICKNAME_BEFORE_RE.search(self.text, max(0, span.opener - 30), span.opener)
        ):
            # Paul "Gazza" Gascoigne: a nickname inside a name, which nobody says.
            end = _clause_end(self.masked, span.closer + 1, self._stop_after(i, span))
            self.records[i] = Record(None, "nickname", "", end)
            if previous is not None and self.records[previous].cue_end >= span.opener - 2:
                # `"...," said Kim "Frost" Do-yun, 19.`: the attribution runs on past the name.
                self.records[previous].cue_end = max(self.records[previous].cue_end, end)
            return None
        if (
            prev_span is not None
            and prev_span.closer is None
            and prev_span.paragraph == span.paragraph
            and "\n" not in self.text[prev_span.end : span.opener]
        ):
            speaker = self._reopened_from(previous, span)
            if speaker is not None:
                self.records[i] = Record(speaker, "continued", "", span.end)
                return speaker
        if span.closer is not None:
            stop = self._stop_after(i, span)
            cue = after_cue(masked, span.closer + 1, stop, self.text[span.start : span.end])
            if (
                cue is not None
                and (
                    cue.weak
                    # `Carter wrote: "Still on?" Reece replied: "Yeah."`: a cue that introduces
                    # the next quote with a colon is that quote's, when this one has its own.
                    or masked[span.closer + 1 : stop].rstrip().endswith(":")
                    # `X admitted "...," Celebrity Weekly wrote.`: the outlet relays X's words
                    # (real-copy round 4).
                    or cue.verb in RELAY_VERBS
                )
            ):
                # `"...end." Jarrett told the audience`: a cue before the quote comes first.
                before = before_cue(masked, lo, span.opener, False)
                if before is not None and before.form not in ("none",):
                    cue = None
            if cue is None and masked.find("according", span.closer + 1, stop) >= 0:
                source = self._according_later(span, sent_lo, stop)
                if source is not None:
                    speaker, verb, how = source, "according", "cue"
            if cue is not None:
                cue_end = _clause_end(masked, cue.start, stop)
                if STATEMENT_RE.search(masked, cue.start, cue_end):
                    # "Spotify said in a statement": a platform or paper speaking for itself
                    for mention in self.registry.overlapping(cue.start, cue.start + len(cue.np)):
                        if mention.entity.kind == "outlet":
                            mention.entity.kind = "org"
                # "Sir Ed Davey asked about carers. 'Will the Prime Minister scrap it?' he
                # said": a quote that is itself a question is the asker's, not an answer.
                asking = self.text[span.start : span.end].rstrip(" ,").endswith("?")
                asker = (None if asking else self._asker(cue)) or self._questioner(
                    cue, span, previous
                )
                speaker = self.resolve(cue, span.opener, outer=asker)
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    speaker = self._exchange_office(cue, span.opener) or speaker
                topic = self._topic(span) if cue.form == "the" else None
                if cue.form == "the" and speaker is not None and self._opens_on(span, speaker):
                    topic = speaker  # `"Joe said, ..." the former tennis player said`
                if topic is not None and speaker is topic:
                    other = self.resolve(cue, span.opener, outer=topic)
                    if (
                        other is not None
                        and other is not NOBODY
                        # `"He's a horse with a huge heart. Paul gave him a peach of a ride,"
                        # the Irish trainer said`: the other man is spoken of by name, so the
                        # "he" is not the topic that rules the first man out.
                        and not (other.kind == "person" and self._named_inside(other, span))
                    ):
                        speaker = other
                verb, how = cue.verb, "cue"
                if speaker is None and cue.form == "pronoun":
                    speaker = NOBODY
                if speaker is not None and speaker.kind == "outlet":
                    # `... "very positive progress," the AP reported`: where it was read.
                    speaker, verb, how = None, "", "none"
            else:
                cue_end = span.closer + 1
        if (speaker is None or speaker is NOBODY) and span.closer is not None:
            # Layouts that name the speaker on a line of its own (real-copy round 6): an
            # embedded post signed "— Name (@handle) date" on the line after, a label line
            # "Creator: Name" or a heading "Harriers Manager Name" (crossheads "On ..." and
            # earlier bare answers between) on the lines before.
            laid_out = self._signed_line(span) or (
                self._label_line(span) if how == "none" else None
            )
            if laid_out is not None:
                speaker, how, verb = laid_out, "cue", ""
        # the label opens a line, in a paragraph of its own or under the answer before it
        # (after any indent, or the carriage return of a CRLF line end)
        line_start = self.text.rfind("\n", 0, span.opener) + 1
        while line_start < span.opener and self.text[line_start] in " \t\r":
            line_start += 1
        if (
            how == "none"
            and line_start > 0
            and masked.startswith("On ", line_start)
            and TOPIC_LABEL_RE.fullmatch(masked, line_start, span.opener)
        ):
            # "Here is what he said. / On the referee: '...'": a topic label before each answer
            # in a press conference write-up; the one who spoke last, or the one it is about.
            speaker = self.last_speaker(span.opener) or self.pronoun(line_start, None)
            how = "continued" if speaker is not None else how
        if (
            how == "none"
            and span.closer is not None
            and masked.find(":", span.opener - 3, span.opener) >= 0
            and MESSAGE_TEXT_RE.search(masked, sent_lo, span.opener)
        ):
            sender = self._sender(sent_lo, span.opener, previous)
            if sender is not None:
                speaker, how, verb = sender, "message", ":"
                cue_end = span.closer + 1
        if (
            how == "none"
            and span.closer is not None
            # what the two patterns need, tested first: a space before the opening mark, and a
            # comma before a closing mark within 62 characters after it
            and masked[span.opener - 1 : span.opener] in (" ", "\t", "\n")
            and (
                self.text.find(',"', span.opener + 2, span.opener + 64) >= 0
                or self.text.find(",”", span.opener + 2, span.opener + 64) >= 0
            )
            and TERM_DETERMINER_RE.search(masked, max(lo, span.opener - 24), span.opener)
            and TERM_HOLDER_RE.match(self.text, span.opener + 1)
        ):
            # 'named a new "head of fleet renewal," Pieter Vos, to ...': a term in a noun
            # phrase whose holder is named after it; nobody says it.
            speaker, how, verb = NOBODY, "cue", "term"
        if how == "none":
            reopened = self._reopened_from(previous, span)
            if reopened is not None:
                speaker, how = reopened, "continued"
        if how == "none":
            prev_speaker = (
                self.records[previous].speaker if same_sentence and previous is not None else None
            )
            cue = before_cue(masked, lo, span.opener, prev_speaker is not None)
            if (
                cue is not None
                and cue.form == "none"
                and cue.verb
                and span.closer is not None
                and masked.startswith(" by ", span.closer + 1)
            ):
                # `has been called "a slow-burn triumph" by Variety`: the passive's agent
                # comes after the quote.
                agent = AGENT_AFTER_RE.match(masked, span.closer + 1)
                if agent is not None:
                    cue = Cue(agent.group("np"), agent.start("np"), "agent", cue.verb)
            if cue is not None:
                how, verb = "cue", cue.verb
                if cue.form == "main" and self._headline_clause(span, sent_lo, cue):
                    # "Council tax to rise 5% as town hall warns of 'cliff edge'": the verb's
                    # subject is the lower-case noun, not the headline's first word; the quote
                    # is left to the body's quote of the same words (`_repeated`).
                    speaker = None
                elif cue.form == "main":
                    speaker = prev_speaker or self._bracket_label(sent_lo, span.opener)
                    speaker = speaker or self._sentence_speaker(sent_lo, lo, span.opener)
                    if speaker is None and verb == ":":
                        speaker = self._surname_label(span)
                else:
                    asker = self._asker(cue) or self._questioner(cue, span, previous)
                    if masked.startswith("whose ", cue.start - 6):
                        # "Florian Wirtz-Meyer, whose agent says": anyone but Florian.
                        owner = self.registry.before(cue.start, max(0, cue.start - 40))
                        asker = asker or (owner[0].entity if owner else None)
                    if cue.verb in VERDICT_VERBS and cue.np:
                        # `Empire called it "Pixar's most beautiful"`: a review's verdict is
                        # the paper's own words, not a report it carried.
                        end = cue.start + len(cue.np)
                        for mention in self.registry.overlapping(cue.start, end):
                            if mention.entity.kind == "outlet":
                                mention.entity.kind = "org"
                    speaker = self.resolve(cue, span.opener, outer=asker)
                    if cue.verb == "comment" and speaker is None:
                        # "Mayor Victor Hale's comment that ...": the owner, a possessive
                        owners = self.registry.overlapping(cue.start, cue.start + len(cue.np))
                        speaker = next((m.entity for m in owners if m.entity.personal), None)
                if speaker is not None and cue.form == "the":
                    speaker = self._pair_role(cue, span.opener, speaker)
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    through = (
                        THROUGH_RE.search(masked, sent_lo, cue.start)
                        if masked.find("through", sent_lo, cue.start) >= 0
                        else None
                    )
                    if through is not None:
                        # "In a statement released through his club, the player said": the
                        # one the statement is from, the man or woman the story is about
                        # (the first named), not his solicitor who spoke last.
                        sex = "m" if through.group(1).lower() == "his" else "f"
                        speaker = self._first_of_sex(cue.start, sex) or speaker
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    speaker = self._exchange_office(cue, span.opener) or speaker
                if speaker is None and cue.form in ("pronoun", "the", "after-verb", "agent"):
                    speaker = NOBODY
            elif prev_speaker is not None:
                # `He called "the whole Russian thing" a "ruse."`: one verb, two quotes.
                speaker, how = prev_speaker, "continued"
        if (how == "none" or (how == "cue" and speaker is NOBODY and not verb)) and not (
            self._modifier(span)
        ):
            final = self._sentence_final(span, stop_at=self.next_sentence(span.opener))
            if final is not None:
                speaker, how = final, "cue"
                # the attribution closing the sentence is the quote's: a bare quote opening the
                # next paragraph follows straight on (real-copy round 8)
                cue_end = max(cue_end, self.next_sentence(span.opener))
            elif how == "cue" and span.closer is not None and speaker is NOBODY:
                # `Jennifer Lawrence felt like a "shaking Chihuahua"`: a phrase in the
                # predicate of a sentence about a named person is taken to be theirs.
                subject = self._named_subject(sent_lo, lo, span.opener)
                if subject is not None:
                    speaker = subject
        if (
            (how == "none" or speaker is None or speaker is NOBODY)
            and span.closer is not None
            and LEADING_PHRASE_RE.match(masked, sent_lo)
            and masked.find(",", sent_lo, span.opener) < 0
        ):
            # "After being 'brave enough' to come back, Charlotte admitted ...": a phrase in
            # a leading clause is the main clause's speaker's (real-copy round 9).
            main_speaker = self._main_clause_speaker(span, sent_lo)
            if main_speaker is not None:
                speaker, how = main_speaker, "cue"
        if (
            how == "none"
            and span.closer is not None
            and (self._opens_paragraph(span) or not masked[sent_lo : span.opener].strip())
        ):
            # `Headteachers are not convinced. "The sums don't add up" – Paul Whiteman, ...`:
            # a quote opening its sentence may be signed with a dash too.
            signed = dash_cue(masked, span.closer + 1, self._stop_after(i, span))
            if signed is not None:
                speaker = self.resolve(signed, span.opener)
                how = "cue" if speaker is not None else how
        if (how == "none" or speaker is NOBODY) and span.closer is not None:
            words_of = (
                WORDS_OF_RE.search(masked, sent_lo, span.opener)
                if masked.find("words of", sent_lo, span.opener) >= 0
                else None
            )
            if words_of is not None:
                # `..., in the words of her co-founder, James Okello, "absolutely no idea"`
                named = [
                    m.entity
                    for m in self.registry.in_range(words_of.start("np"), span.opener)
                    if not m.inside and m.entity.personal
                ]
                found = named[-1] if named else None
                if found is None:
                    np = words_of.group("np").rstrip(" ,")
                    found = self.resolve(Cue(np, words_of.start("np"), "the"), span.opener)
                if found is not None and found is not NOBODY:
                    speaker, how = found, "cue"
        if (how == "none" or speaker is NOBODY) and span.closer is not None:
            # "In her words, the place is 'running on fumes'", "In Okoro's own words, ...":
            # the sentence is framed as someone's words.
            framed = (
                IN_WORDS_RE.match(masked, sent_lo, span.opener)
                if masked.find("words", sent_lo, span.opener) >= 0
                else None
            )
            if framed is not None:
                owner = framed.group(1)
                if owner.lower() in ("his", "her"):
                    found = self.pronoun(span.opener, "m" if owner.lower() == "his" else "f")
                else:
                    names = [
                        m.entity
                        for m in self.registry.in_range(sent_lo, framed.end())
                        if not m.inside and m.entity.personal
                    ]
                    found = names[0] if names else None
                if found is not None:
                    speaker, how = found, "cue"
        if how == "none" and span.closer is not None and self._lone_opening_quote(span):
            # `"We were told six weeks. It's been eleven months."` as the whole first
            # paragraph: a feature's opening line, by the person the story introduces next
            # (in the next paragraph or the one after: "That is how one witness described ...").
            speaker = self._introduced_next(span.opener, 2)
            how = "cue" if speaker is not None else how
        if (
            how == "none"
            and previous is None
            and span.paragraph > 0
            and span.closer is not None
            and self._whole_paragraph(span)
        ):
            # `"We got the call at two in the morning ..."` / "That was how Marisol Vega, 46,
            # described the night": the story's first quote, a paragraph of its own, by the
            # person the next paragraph opens on, when that sentence speaks or describes.
            speaker = self._named_after(span)
            how = "cue" if speaker is not None else how
        if how == "none" and span.closer is not None and self._whole_paragraph(span):
            # `"We don't like losing ..."` / "Sundowns co-coach Rhulani Mokwena after their
            # defeat ...": a round-up credits each quote on the line under it.
            speaker = self._credit_line(span)
            how = "cue" if speaker is not None else how
        if how == "none" and span.closer is not None and self._headline_quote(span):
            # "'I was told I'd never walk again': Paralysed rugby player completes marathon":
            # a headline opening on a quote gives it to the person the story then introduces.
            speaker = self._introduced_next(span.opener, 2)
            how = "cue" if speaker is not None else how
        if how == "none" and span.closer is not None and self._answers_question(span):
            # An interview whose questions are plain paragraphs and whose answers are bare
            # quotes, with no name labels: each answer is the interviewee's, the person the
            # introduction names first.
            speaker = self._interviewee()
            how = "continued" if speaker is not None else how
        if how == "none":
            speaker, how = self._without_cue(i, span, previous, sent_lo)
        if speaker is not None and speaker.kind == "outlet":
            speaker = NOBODY
        if speaker is not None and speaker.name.startswith("The "):
            speaker = self._office_named(speaker, span.opener)
        if speaker is not None and speaker.kind == "unknown" and " " not in speaker.name:
            speaker = self._nickname_of(speaker, span.opener)
        if speaker is not None and " " not in speaker.name and self.styles:
            speaker = self._styled(speaker, span.opener)
        if speaker is not None and speaker.kind == "unknown" and how == "cue":
            speaker.kind = "person"  # "Drake said": one name, but someone who speaks
        if speaker is not None and speaker.kind == "person" and " " not in speaker.name:
            speaker = self._named_in_quote(speaker, span.opener)
        self.records[i] = Record(speaker if speaker is not NOBODY else None, how, verb, cue_end)
        return speaker if speaker is not NOBODY else None

    def _main_clause_speaker(self, span: Span, sent_lo: int) -> Entity | None:
        """The subject after a leading clause's comma, when a verb of speech follows it."""
        stop = self.next_sentence(span.opener)
        comma = self.masked.find(",", span.closer + 1, stop)
        if comma < 0:
            return None
        main = MAIN_CLAUSE_RE.match(self.masked, comma)
        if main is None or not SPEECH_RE.match(self.masked, main.end()):
            return None
        subject = self.masked[comma + 1 : main.end()].strip()
        if subject in ("he", "she"):
            return self.pronoun(span.opener, "m" if subject == "he" else "f")
        named = [m.entity for m in self.registry.in_range(comma, main.end()) if not m.inside]
        return named[0] if named and named[0].personal else None

    def _sender(self, lo: int, opener: int, previous: int | None) -> Entity | None:
        """Who sent the message whose text follows "reading:": the person named just before
        "sent" or after "sent by"; for "Another, sent minutes later, read:", the sender of the
        message quoted before (nineteenth round)."""
        text = self.masked
        for mention in reversed(self.registry.in_range(lo, opener)):
            entity = mention.entity
            if mention.inside or entity.kind not in ("person", "unknown"):
                continue
            if SENT_AFTER_RE.match(text, mention.end) or SENT_BY_RE.search(
                text, max(lo, mention.start - 12), mention.start
            ):
                return entity
        if (
            previous is not None
            and self.records[previous].how == "message"
            and re.match(r"(?:Another|A second|A third|A later one|A further)\b", text[lo:opener])
        ):
            return self.records[previous].speaker
        return None

    def _opens_on(self, span: Span, entity: Entity) -> bool:
        """The quote opens by naming `entity` in the third person ("Joe said, ...")."""
        first = OPENING_NAME_RE.match(self.text, span.start)
        return first is not None and first.group(1) in entity.name.split()

    def _modifier(self, span: Span) -> bool:
        """`Influencers who promote "detox" teas should face tighter rules, she added.`: a word
        or two quoted before the noun it qualifies is a term, not the speaker's words."""
        if span.closer is None or len(self.text[span.start : span.end].split(None, 2)) > 2:
            return False
        after = MODIFIED_RE.match(self.text, span.closer + 1)
        if after is None:
            return False
        word = after.group(1)
        return not (
            word in STOPWORDS
            or word in AUXILIARIES
            or word in LINK_WORDS
            or word.endswith("ly")  # "thank you" quietly
        )

    def _topic(self, span: Span) -> Entity | None:
        """`"He missed one ...," the Kiwi said` after a sentence about the kicker: a quote that
        opens by speaking of "he" or "she" is about the person last spoken of, so a role noun
        naming its speaker means someone else (a pronoun would have done for the same man)."""
        first = TOPIC_RE.match(self.text, span.start)
        if first is None:
            return None
        gender = "m" if first.group(1).lower() in ("he", "his", "him") else "f"
        k = bisect.bisect_left(self.sentences, self.sentence_of(span.opener)) - 1
        if k < 0:
            return None
        before = self.sentences[k]
        found = self.subjects.get(before)
        end = self.next_sentence(before)
        if (
            found is None
            or found.gender != gender
            or found is self.last_speaker(span.opener)
            or SPEECH_RE.search(self.masked, before, end) is not None
            # "Pegula was more succinct.": a sentence on how someone spoke introduces them
            or MANNER_RE.search(self.masked, before, end) is not None
        ):
            return None  # "Okonkwo said the star asked ...": the one reporting, not the topic
        for kin in KIN_OBJECT_RE.finditer(self.masked, before, end):
            noun = kin.group(1)
            if noun in KIN_NOUNS and GENDERED_NOUNS.get(noun) == gender:
                # "McAllister thanked his late brother. 'He never read a poem ...,' the poet
                # said": the quote's "he" may be the unnamed relative (twelfth round).
                return None
        return found

    def _named_subject(self, sent_lo: int, lo: int, opener: int) -> Entity | None:
        """The sentence's subject, when it is a person called by name or by a pronoun."""
        if lo != sent_lo:
            return None
        cue = sentence_subject(self.masked, sent_lo, opener)
        if cue is None or cue.form not in ("name", "appos", "pronoun"):
            return None
        found = self.resolve(cue, opener, subject_only=True)
        return found if found is not None and found is not NOBODY and found.personal else None

    def _sentence_final(self, span: Span, stop_at: int) -> Entity | None:
        """`The victim, who suffered "sharp-force injuries," died, said Sgt. Michael Glassberg.`

        A sentence that ends with its attribution gives it to every quote inside it.
        """
        start = (span.closer if span.closer is not None else span.end) + 1
        cue = final_cue(self.masked, start, stop_at)
        if cue is None:
            return None
        found = self.resolve(cue, span.opener)
        if found is None or found.kind == "outlet":
            return None
        return found  # NOBODY for "..., pals have revealed."

    def _stop_after(self, i: int, span: Span) -> int:
        """The end of the quote's paragraph (a line break inside a paragraph does not end it),
        or the next quotation's opening mark."""
        para = self.para_of(span.opener) + 1
        stop = self.para_starts[para] if para < len(self.para_starts) else len(self.text)
        k = bisect.bisect_right(self.openers, span.opener)
        return min(stop, self.openers[k]) if k < len(self.openers) else stop

    def _reopened_from(self, previous: int | None, span: Span) -> Entity | None:
        """`On the record: "It's not important ...` / `"We have 92 points."`: a quote left
        open at the end of its line and reopened at the start of the next, in one paragraph,
        goes on with the same speaker (the convention across paragraphs, within one). So does
        one reopened on the same line, its closing mark left out (`"... with the boys. "The
        second, the penalty, I didn't hit well.`, real-copy round 8)."""
        if previous is None:
            return None
        prev = self.spans[previous]
        if prev.closer is not None or prev.paragraph != span.paragraph:
            return None
        gap = self.text[prev.end : span.opener]
        return self.records[previous].speaker if not gap.strip() else None

    def _sentence_speaker(self, sent_lo: int, lo: int, opener: int) -> Entity | None:
        """Who a reporting verb with no subject of its own belongs to: the sentence's subject."""
        subject = self.subjects.get(sent_lo)
        if subject is not None:
            return subject
        cue = sentence_subject(self.masked, sent_lo, opener)
        if cue is None:
            return None
        if (
            cue.np.startswith("There")
            and cue.np[5:6] in ("", " ", "'", "’")
            and self.masked.find(" when ", sent_lo, opener) >= 0
        ):
            # "There's a moment in the set when Grian Chatten stops ... and says:": the
            # existential "There" says nothing; the clause after "when" has the subject.
            when = self.masked.rfind(" when ", sent_lo, opener) + 6
            cue = sentence_subject(self.masked, when, opener)
            if cue is None:
                return None
        return self.resolve(cue, opener)

    def _according_later(self, span: Span, sent_lo: int, stop: int) -> Entity | None:
        """`A truck "crossed the line" at 9pm, according to the release.`: a body or its
        release closing the sentence the quote is in, when no verb of speech before the quote
        gives it to someone (real-copy round 4)."""
        assert span.closer is not None
        start = span.closer + 1
        later = ACCORDING_LATER_RE.match(self.masked, start, stop)
        if later is None or SPEECH_RE.search(self.masked, sent_lo, span.opener) is not None:
            return None
        source = ACCORDING_RE.match(self.masked, later.end() - len("according to "), stop)
        source = source or ACCORDING_RE.search(self.masked, later.start(), stop)
        if source is None:
            return None
        np = source.group("np").rstrip()
        found = self.resolve(Cue(np, source.start("np"), "according"), span.opener)
        if (found is None or found is NOBODY) and np.split()[-1].lower() in STATEMENT_NOUNS:
            found = self._recent_org(span.opener)  # "according to the statement"
        return found if found is not None and found.kind == "org" else None


def _clause_end(masked: str, start: int, stop: int) -> int:
    """Where an attribution clause ends: the next full stop, semicolon or quotation."""
    return start + phrase_end(masked[start:stop], 0)
