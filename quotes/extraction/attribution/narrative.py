"""The narrative around the quotations: the text with its quotations masked, its paragraphs
and sentences, and who each narrative sentence is about (subjects, couples, people left
unnamed). It is the state every other part reads, so it is set up here, in one place.
"""

import bisect
import re

from ..cues import MASK, SPEECH_RE, lead_clause, sentence_starts, sentence_subject, subject_before
from ..entities import Entity, Registry
from ..lexicon import ASK_VERBS, DEMONYMS, GENDERED_NOUNS, KIN_NOUNS
from ..marks import PARAGRAPH_BREAK_RE, Span, paragraphs
from .common import (
    KIN_PAIRS,
    NICKNAME_AFTER_RE,
    NICKNAME_BEFORE_RE,
    NOBODY,
    OWN_PRONOUN_RE,
    PARAGRAPH_WINDOW,
    PASSIVE_BEFORE_RE,
    SPOKESPEOPLE,
    SPOUSES,
    Record,
)

NOUN_BEFORE_RE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|these|those)|['’]s?)\s+$")
# "When I ask Olivia Crane whether ...": the interviewer's own leading clause.
INTERVIEWER_LEADS = ("When I ", "As I ", "When we ", "As we ")
STYLE_RE = re.compile(r"(?:Prince|Princess|Duke|Duchess|Earl|Countess) of [A-Z]|Princess Royal\b")
# The line break comes first so the engine can scan for it; then what stands before it.
LONE_BREAK_RE = re.compile(r"\n(?<=\S\n)(?=[ \t]*\S)")
# "Ferrante, asked afterwards whether ..., said": a participle aside after the subject is a
# passive too; the subject was asked and is the one answering.
ASIDE_BEFORE_RE = re.compile(r",\s*$")
ASKED_WHAT_RE = re.compile(
    r"(?:\s+[\w'’]+){0,3}?\s+(?:how|whether|if|what|why|when|where|who|about)\b"
)
CONTRAST_RE = re.compile(
    r"[^.!?:]{0,60}?\b(?:was|were|is|are|sounded|seemed)\s+(?:(?:far|much|rather|a\s+bit)\s+)?"
    r"(?:more|less)\s+[a-z]+\b"
)
# Both start on literal characters, so the regex engine can skip ahead to candidates fast.
COUPLE_RE = re.compile(r"and\s+(his|her)\s+(" + "|".join([*SPOUSES, *KIN_PAIRS]) + r")\b")
# "His son, Will, wants ...": a relative named in an appositive, of the last person named.
KIN_APPOS_RE = re.compile(r"([Hh]is|[Hh]er)\s+(" + "|".join([*SPOUSES, *KIN_PAIRS]) + r"),\s+")


class Narrative:
    """The state of one text's pass (`__init__`), where a position lies, and the subject
    noted for each narrative sentence; the base of `Attributor`."""

    def __init__(
        self,
        text: str,
        spans: list[Span],
        registry: Registry,
        titles: list[tuple[int, int, bool]] | None = None,
    ) -> None:
        self.text = text
        self.handles = "(@" in text  # a post's signature, "— Name (@handle)"
        self.headline: bool | None = None  # whether the first line is a short headline
        self.spans = spans
        self.registry = registry
        self.tops = [i for i, s in enumerate(spans) if s.parent_frame is None]
        self.openers = [spans[i].opener for i in self.tops]
        self.masked = _mask(text, [spans[i] for i in self.tops])
        if titles:
            self.masked = _mask_titles(self.masked, titles)
        if PARAGRAPH_BREAK_RE.search(text):
            # Blank lines divide paragraphs, so a lone line break is only a wrapped line.
            self.masked = LONE_BREAK_RE.sub(" ", self.masked)
        self.para_starts: list[int] = []
        self.sentences: list[int] = []
        for lo, hi in paragraphs(text):
            self.para_starts.append(lo)
            self.sentences.extend(sentence_starts(self.masked, lo, hi))
        self.events: list[tuple[int, Entity]] = []
        self.full_in_quote: dict[str, Entity] = {}  # a surname's full name found in a quote
        # sentences whose subject is someone unnamed ("Her sister says ...", "One member of the
        # committee was blunter"), with their sex when known
        self.unnamed_subjects: list[tuple[int, str]] = []
        # royal styles named as people ("Prince of Wales"), by where they are first named
        self.styles: list[tuple[int, Entity]] = []
        seen: set[str] = set()
        for mention in registry.mentions:
            name = mention.entity.name
            # A word of the style first (" of ", "Royal"): the regex is tried on every mention,
            # and few names have either.
            if (
                (" of " in name or "Royal" in name)
                and STYLE_RE.match(name)
                and name not in seen
                and mention.entity.kind == "person"
            ):
                seen.add(name)
                self.styles.append((mention.start, mention.entity))
        self.subjects: dict[int, Entity | None] = {}
        self.records: dict[int, Record] = {}
        self.top_speakers: list[Entity | None] = []  # each quote's speaker, once all are read
        self.askers: dict[int, Entity] = {}  # sentence start: who asks a question there
        self.spouses = self._couples()
        # sentence starts whose subject is a body speaking through "a spokesman" ...
        self.voiced: set[int] = set()
        self.offices: dict[str, Entity] = {}  # a lede's office, by the person named next
        # who a nationality read as a role noun was taken to mean ("the German": Zverev)
        self.demonyms: list[tuple[Entity, str]] = []
        # Offices written in capitals that the story never gives anyone ("The Prime Minister",
        # "The Labour leader"), each with the person it was read as.
        self.titled_offices: list[tuple[Entity, str]] = []

    def _couples(self) -> dict[str, list[tuple[int, Entity]]]:
        """ "Marco Vantaggio and his wife, pastry chef Delphine Vantaggio": she is his wife and
        he her husband, so "her husband" later means him."""
        found: dict[str, list[tuple[int, Entity]]] = {}
        for match in COUPLE_RE.finditer(self.masked):
            if match.start() and self.masked[match.start() - 1].isalnum():
                continue  # "band his wife", not "and his wife"
            before = self.registry.before(match.start(), max(0, match.start() - 60))
            after = self.registry.in_range(match.end(), match.end() + 40)
            if not before or not after or before[0].end < match.start() - 2:
                continue
            one, two = before[0].entity, after[0].entity
            if not (one.personal and two.personal) or one is two:
                continue
            kin = match.group(2).lower()
            found.setdefault(kin, []).append((match.start(), two))
            her = match.group(1) == "her"
            inverse = SPOUSES[kin] if kin in SPOUSES else KIN_PAIRS[kin][her]
            found.setdefault(inverse, []).append((match.start(), one))
        for match in KIN_APPOS_RE.finditer(self.masked):
            # "Tom Ellery has farmed here for 41 years. His son, Will, wants ...": Will is
            # the son of the last man named before, who is "his father" later.
            if match.start() and self.masked[match.start() - 1].isalnum():
                continue
            her = match.group(1).lower() == "her"
            after = self.registry.in_range(match.end(), match.end() + 40)
            if not after or after[0].start != match.end() or not after[0].entity.personal:
                continue
            two = after[0].entity
            one = next(
                (
                    m.entity
                    for m in self.registry.before(match.start(), max(0, match.start() - 300))
                    if not m.inside
                    and m.entity.kind == "person"
                    and m.entity is not two
                    and m.entity.gender in ("f" if her else "m", None)
                ),
                None,
            )
            if one is None:
                continue
            kin = match.group(2).lower()
            inverse = SPOUSES[kin] if kin in SPOUSES else KIN_PAIRS[kin][her]
            found.setdefault(kin, []).append((match.start(), two))
            found.setdefault(inverse, []).append((match.start(), one))
        return found

    # Positions ---------------------------------------------------------------------------

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def para_lo(self, pos: int, back: int = PARAGRAPH_WINDOW) -> int:
        return self.para_starts[max(0, self.para_of(pos) - back)]

    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos) - 1
        return self.sentences[max(0, i)]

    def next_sentence(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos)
        return self.sentences[i] if i < len(self.sentences) else len(self.text)

    def _note_subject(self, pos: int) -> None:
        """Remember who a narrative sentence is about, for pronouns and role nouns later."""
        if self.masked[pos] == MASK:
            return
        end = self.next_sentence(pos)
        cue = None
        verb = SPEECH_RE.search(self.masked, pos, end)
        while verb is not None and NOUN_BEFORE_RE.search(
            self.masked, max(pos, verb.start() - 12), verb.start()
        ):
            # "Asked about his rival's remarks, Scheffler laughed": a noun, not a verb.
            verb = SPEECH_RE.search(self.masked, verb.end(), end)
        if verb is not None and self.masked.startswith(INTERVIEWER_LEADS, pos):
            # "When I ask Olivia Crane whether ..., she laughs": the interviewer's own verb in
            # a leading clause; the sentence is about the one who answers.
            lead = lead_clause(self.masked, pos, end)
            if lead is not None and verb.start() < lead:
                verb = SPEECH_RE.search(self.masked, lead, end)
        if verb is not None and MASK not in self.masked[pos : verb.start()]:
            cue = subject_before(self.masked, verb.start(), pos)
            if cue is not None and cue.form == "pronoun":
                # "Saffron was eliminated and, upon leaving, she reflected:": the name
                # that opens the sentence, not whoever the pronoun found before it.
                named = sentence_subject(self.masked, pos, end)
                if named is not None and named.form in ("name", "appos"):
                    cue = named
        cue = cue or sentence_subject(self.masked, pos, end)
        other = None
        if (
            cue is not None
            and cue.form == "the"
            and (
                self.masked.find("more ", pos, end) >= 0 or self.masked.find("less ", pos, end) >= 0
            )
            and CONTRAST_RE.match(self.masked, pos, end)
        ):
            # "The Dutchman was less diplomatic" after the team principal's quotes: a role
            # noun drawn in contrast with the last speaker is someone else.
            other = self.last_speaker(pos)
        entity = self.resolve(cue, pos, subject_only=True, outer=other) if cue is not None else None
        if entity is None and cue is not None and cue.form == "pronoun" and cue.start > pos:
            # "When I ask Olivia Crane whether ..., she laughs": the one a pronoun after a
            # leading clause means may be named in that clause.
            entity = self.resolve(cue, cue.start, subject_only=True, outer=other)
        if cue is not None and cue.form == "appos" and (entity is None or not entity.personal):
            # "Harley Shaiken, a labor expert at the University of California, Berkeley,
            # said": the place closing the descriptor is not the subject; the name opening it is.
            named = sentence_subject(self.masked, pos, end)
            if named is not None and named.form == "name":
                entity = self.resolve(named, pos, subject_only=True) or entity
        elif (
            cue is not None
            and cue.form == "appos"
            and cue.np[:4].lower() == "the "
            and cue.np.split()[-1].lower().strip(",") in DEMONYMS
        ):
            # "Joseph Parker, the New Zealander, seemed delighted.": the appositive's
            # nationality describes the name before it; it does not mean the last person seen
            # (thirteenth round).
            before = [
                m
                for m in self.registry.in_range(pos, cue.start)
                if not m.inside
                and m.entity.personal
                and not self.masked[m.end : cue.start].strip(" ,")
            ]
            if before:
                entity = before[-1].entity
        if entity is not None and entity.name.startswith("The "):
            entity = self._office_named(entity, pos)
        if entity is not None and " " not in entity.name and self.styles:
            entity = self._styled(entity, pos)
        if (
            entity is not None
            and entity.kind == "unknown"
            and " " not in entity.name
            and cue is not None
            and cue.form == "name"
            and self.masked.startswith(", who ", cue.start + len(cue.np))
        ):
            # "Stormzy, who won songwriter of the year, dedicated the award to his mother.": a
            # one-word name with a "who" clause is a person, of the sex of the pronoun that
            # comes before anyone else is named.
            entity.kind = "person"
            own = OWN_PRONOUN_RE.search(self.masked, cue.start + len(cue.np), end)
            if own is not None and entity.gender is None:
                between = self.registry.in_range(cue.start + len(cue.np), own.start())
                if not any(not m.inside and m.entity.personal for m in between):
                    entity.gender = "f" if own.group().lower() in ("she", "her") else "m"
        if entity is not None and entity is not NOBODY and entity.kind != "outlet":
            self.subjects[pos] = entity
            self.events.append((pos, entity))
            if entity.kind == "unknown" and " " not in entity.name:
                # "Best new artist went to Myles Smith, who thanked his parents.": a capital
                # that opens the sentence is no person; the one person it names is the one a
                # pronoun means next.
                named = {
                    m.entity
                    for m in self.registry.in_range(pos, end)
                    if not m.inside and m.entity is not entity and m.entity.personal
                }
                if len(named) == 1:
                    self.events.append((pos, named.pop()))
            if entity.kind == "org" and cue.np.split()[-1].lower().strip(",.:") in SPOKESPEOPLE:
                self.voiced.add(pos)
            passive = (
                PASSIVE_BEFORE_RE.search(self.masked, max(pos, verb.start() - 30), verb.start())
                if verb is not None
                else None
            )
            if (
                verb is not None
                and verb.group() in ASK_VERBS
                and passive is None
                and not ASIDE_BEFORE_RE.search(
                    self.masked, max(pos, verb.start() - 4), verb.start()
                )
                and ASKED_WHAT_RE.match(self.masked, verb.end())
            ):
                self.askers[pos] = entity  # asked how, whether, what ...: a question to answer
        elif (
            entity is NOBODY
            and verb is not None
            and MASK not in self.masked[pos : verb.start()]
            and not self.masked[cue.start + len(cue.np) : verb.start()].strip()
            and cue.np.split()[0].lower() in ("his", "her")
            and cue.np.split()[-1].lower() in KIN_NOUNS
            and GENDERED_NOUNS.get(cue.np.split()[-1].lower())
            and not self._named_kin(cue.np.split()[-1].lower(), pos)
        ):
            # "Her sister says the diagnosis changed them both.": "she says" next is the sister.
            self.unnamed_subjects.append((pos, GENDERED_NOUNS[cue.np.split()[-1].lower()]))
        elif (
            entity is NOBODY
            and cue is not None
            and cue.form == "the"
            and cue.np.split()[0].lower() in ("a", "an", "one", "another")
        ):
            # "One member of the committee, speaking privately, was blunter.": someone unnamed
            # is the subject; "the MP said" next means them, not the last person named.
            # "One parent, who declined to give her name, said she would ...": a pronoun in
            # the sentence before anyone is named there gives their sex.
            own = OWN_PRONOUN_RE.search(self.masked, cue.start + len(cue.np), end)
            sex = ""
            if own is not None and not any(
                not m.inside for m in self.registry.in_range(pos, own.start())
            ):
                sex = "f" if own.group().lower() in ("she", "her") else "m"
            self.unnamed_subjects.append((pos, sex))
        elif verb is None:
            # "The review will be led by Gerald Fox. He told reporters ...": a sentence about
            # something else that names one person makes them the one a pronoun means next.
            named = {
                m.entity
                for m in self.registry.in_range(pos, end)
                if not m.inside
                # "former Spurs winger Kaoru Mitoma": a name nobody has sexed, given a role
                and (m.entity.kind == "person" or (m.entity.personal and m.titled))
            }
            if len(named) == 1:
                self.events.append((pos, named.pop()))


def _mask(text: str, tops: list[Span]) -> str:
    """The text with every top-level quotation blanked out, so narrative rules never read it.

    A quotation that ends a sentence keeps a full stop where its closing mark was, so the
    narrative after it starts a new sentence.
    """
    parts = []
    pos = 0
    for span in tops:
        end = span.closer + 1 if span.closer is not None else span.end
        parts.append(text[pos : span.opener])
        length = end - span.opener
        content = text[span.start : span.end].rstrip()
        if span.closer is not None and content.endswith((".", "!", "?", "…")):
            parts.append(MASK * (length - 1) + ".")
        elif (
            span.closer is not None
            and len(content) < 30
            # Zachary "zekken" Patrone: a gamer's handle, one word, may be in lower case
            and (content[:1].isupper() or (content[:1].isalnum() and " " not in content))
            and len(content.split()) <= 2
            and NICKNAME_BEFORE_RE.search(text, max(0, span.opener - 30), span.opener)
            and NICKNAME_AFTER_RE.match(text, span.closer + 1)
        ):
            # Park "Mercy" Ji-ho: the narrative reads one name, as if the nickname were not
            # there.
            parts.append(" " * length)
        else:
            parts.append(MASK * length)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mask_titles(masked: str, titles: list[tuple[int, int, bool]]) -> str:
    """'The "Glee" alum told ...': a title of a work, marks and all, read as one plain word,
    so the noun phrase around it holds together."""
    parts = []
    pos = 0
    for start, end, _nested in titles:
        if start < pos:
            continue
        parts.append(masked[pos:start])
        before = masked[max(0, start - 3) : start].rstrip(" \t")
        head = "X" if not before or before[-1] in ".!?\n" else "x"  # a sentence's first word
        parts.append(head + "x" * (end - start - 1))
        pos = end
    parts.append(masked[pos:])
    return "".join(parts)
