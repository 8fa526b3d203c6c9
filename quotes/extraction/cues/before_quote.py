"""The cue in the narrative before an opening mark, in the same sentence (`before_cue`): a
reporting verb and its subject, a verb first ("Said Netflix's Karen Holt:"), a possessive
speech noun, a passive's agent, or no speaker at all (a scare quote, a title). The one reader
that can say nobody speaks, so its rules stand together.
"""

import re

from ..lexicon import ASK_VERBS, PARTICIPLES, SPEECH_VERBS
from .before_verb import subject_before
from .common import ACCORDING_RE, NP_START_BAD, RUN, Cue, _names_a_person
from .sentence_start import FIRST_WORD_RE, lead_clause, sentence_subject
from .verbs import REPORT_RE

KNOWN_AS_RE = re.compile(r"\b(?:known|referred to)\b[^,.;:\x01]{0,40}\bas\s*$|\bnicknamed\s*$")
DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|these|those)\s+$")
PLACE_BEFORE_NAME_RE = re.compile(r"[ \t](?:in|at|near|from)[ \t]+$")
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
WHOSE_TAIL_RE = re.compile(r",\s+whose\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+$")
# "asked about Trump's comment that Tillerson needs to be 'tougher.'": a possessive speech noun
# gives its owner (real-copy round 1).
POSSESSIVE_SPEECH_RE = re.compile(
    rf"(?P<np>{RUN})['’]s?[ \t]+(?:comments?|remarks?|claims?|warnings?|suggestions?|assertion|"
    r"insistence|pledge|promise|vow|boast|jibe)[ \t]+that[ \t][^\x01;:!?\n]{0,100}$"
)
# Real-copy round 11: "His position: '...'", "Her verdict:" as a sentence of its own: the
# pronoun's owner speaks, as "Sam Pearce's view was simpler:" gives Sam Pearce.
PRONOUN_LABEL_RE = re.compile(
    r"[ \t]*(?P<np>His|Her)[ \t]+(?:[a-z]+[ \t]+)?(?:position|view|verdict|response|reply|"
    r"answer|message|advice|explanation|reaction|take|assessment|retort|argument|"
    r"thoughts|words|opinion):[ \t]*$"
)
MADE_BY_RE = re.compile(
    r"\b(?:comments?|remarks?|claims?|suggestions?|statements?|warnings?)[ \t]+made[ \t]+by[ \t]+"
    r"(?:[^\x01;:!?\n]{0,60}?[ \t])?(?P<np>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})"
    r"[ \t]+that[ \t][^\x01;:!?\n]{0,100}$"
)
PLOT_RE = re.compile(
    r"\b(?:which|that)[ \t]+tells[ \t]+(?:of|the[ \t]+(?:story|tale)[ \t]+of)[ \t]*$"
)
QUOTED_AS_RE = re.compile(r"\s+(?:is|was|were|are|been|being)\s+(?:\w+ly\s+)?quoted\s+as\s*$")
BY_AGENT_RE = re.compile(r"\s*by\s+(?P<np>[^,.;:!?\x01]{1,80}?)\s+as\b")
REDUCED_PASSIVE_RE = re.compile(r",\s*(?:[a-z]+ly\s+)?$")
REDUCED_AS_RE = re.compile(r"\s+as\b")
INSERTED_NAME_RE = re.compile(rf"\s+(?P<np>{RUN}),")
ASIDE_ING_RE = re.compile(r",\s+[a-z]+ing\b")
# Verbs that may open a clause before the speaker's name ("Said Netflix's Karen Holt:"): a
# question's verb there asks rather than reports.
VERB_FIRST_VERBS = SPEECH_VERBS - ASK_VERBS


def before_cue(text: str, lo: int, opener: int, previous_speaker_in_sentence: bool) -> Cue | None:
    """The speaker named in the narrative just before an opening mark, in the same sentence.

    `lo` is where that narrative starts (the sentence start, or the close of a quote earlier in
    the same sentence). A partial quote with no reporting verb before it is a scare quote or a
    title: the cue is then "none", meaning nobody said it.
    """
    clause = text[lo:opener]
    stripped = clause.rstrip()
    if not stripped.strip(" ,;—–-"):
        return None
    intro = stripped.endswith((":", ",", "—", "–"))
    first = FIRST_WORD_RE.match(clause)
    # "Said the governor, turning back to his notes:": a participle phrase after the speaker
    # is no second verb ("notes" there is a noun).
    aside = ASIDE_ING_RE.search(clause, first.end()) if first and "ing" in clause else None
    named_end = aside.start() if aside else len(clause)
    if (
        first
        and stripped.endswith(":")
        and first.group(1).lower() in VERB_FIRST_VERBS
        and REPORT_RE.search(clause, first.end(), named_end) is None
    ):
        # Trade press puts the verb first: "Said Netflix vice president of drama Karen Holt:".
        rest = clause[first.end() :]
        np = rest.strip().strip(" ,:")
        if np:
            start = lo + first.end() + len(rest) - len(rest.lstrip())
            return Cue(np, start, "after-verb", first.group(1).lower())
    if "tells" in clause and PLOT_RE.search(clause):
        # 'cast in "Emanuel", which tells of "a young, troubled woman ..."': a film's or a
        # book's story, told by nobody (real-copy round 11).
        return Cue("", lo, "none", "tells")
    if ("known" in clause or "referred to" in clause or "nicknamed" in clause) and (
        KNOWN_AS_RE.search(clause)
    ):
        return Cue("", lo, "none", "known as")  # 'known in the dressing room as "Leachy"'
    made_by = MADE_BY_RE.search(clause) if "made by" in clause else None
    if made_by is not None and REPORT_RE.search(clause, made_by.end("np")) is None:
        # "comments made by the party's deputy leader Harriet Harman that '...'": the name
        # that ends the agent (real-copy round 11), as "Harman's comments that" gives her.
        return Cue(made_by.group("np"), lo + made_by.start("np"), "name", "comment")
    owner = (
        POSSESSIVE_SPEECH_RE.search(clause)
        if "that" in clause and ("’s " in clause or "'s " in clause)
        else None
    )
    if owner is not None and REPORT_RE.search(clause, owner.end("np")) is None:
        # "about Mayor Victor Hale's comment that officers should be 'more visible'"
        return Cue(owner.group("np"), lo + owner.start("np"), "name", "comment")
    # "The Kremlin said the claims were ...": after a determiner the word is a noun.
    verbs = [v for v in REPORT_RE.finditer(clause) if not _after_determiner(clause, v.start())]
    if verbs:
        verb = verbs[-1]
        word = verb.group()
        rest = clause[verb.end() :]
        before = clause[: verb.start()].rstrip()
        if word.endswith("ing") and before.endswith((" by", "\tby")):
            # "Angela Eagle started the heckle by shouting 'ask his mum'": the gerund after
            # "by" has the sentence's subject (real-copy round 11).
            return Cue("", verb.start() + lo, "main", word)
        if word in PARTICIPLES and (before.endswith(",") or not before):
            # `..., "sit this one out," telling a rally that`: the participle has no subject
            # of its own, so the sentence's speaker.
            return Cue("", verb.start() + lo, "main", word)
        head = clause[: verb.start()]
        if REDUCED_PASSIVE_RE.search(head) and REDUCED_AS_RE.match(rest) and word.endswith("ed"):
            # "songs previously described as 'some of the best'": nobody is named.
            return Cue("", lo, "none", word)
        inserted = INSERTED_NAME_RE.match(rest)
        if inserted and head.rstrip().endswith(",") and word not in PARTICIPLES:
            # "Its heart rate sensor is, said Jeff Williams, Apple's COO, '...'".
            return Cue(inserted.group("np"), lo + verb.end() + inserted.start("np"), "after-verb")
        lead = lead_clause(head, 0, len(head))
        if not head.strip() or (lead and not head[lead:].strip()):
            np = rest.strip(" ,:—–-")
            if np and np.split()[0].lower() in NP_START_BAD:
                # `"out of control," saying at a press conference that "..."`: no subject
                # of its own, so the sentence's (or the quote before's) speaker.
                return Cue("", verb.start() + lo, "main", word)
            if np:
                return Cue(np, lo + verb.end() + (len(rest) - len(rest.lstrip(" ,"))), "after-verb")
        if PASSIVE_RE.search(head):
            agent = BY_AGENT_RE.match(rest)
            if agent:
                return Cue(agent.group("np"), lo + verb.end() + agent.start("np"), "agent", word)
            return Cue("", lo, "none", word)
        quoted_as = QUOTED_AS_RE.search(head) if "quoted" in head else None
        # "Councillor Baines is quoted as saying the routes were ...": the subject of the
        # passive is the one who said it.
        whose = WHOSE_TAIL_RE.search(head) if "whose" in head else None
        if whose is not None:
            # "... Florian Wirtz-Meyer, whose agent says ...": the relative's role noun, not
            # the one it belongs to.
            return Cue("the " + whose.group("np"), lo + whose.start("np"), "the", word)
        cue = subject_before(text, lo + (quoted_as.start() if quoted_as else verb.start()), lo)
        if cue is not None and cue.form == "the" and not _names_a_person(cue.np):
            # "A man accused of setting fires in a Phoenix neighborhood told police ...":
            # the phrase just before the verb is not its subject; the sentence's subject is.
            subject = sentence_subject(text, lo, lo + verb.start())
            if subject is not None and subject.form == "the" and _names_a_person(subject.np):
                cue = subject
        if (
            cue is not None
            and cue.form == "name"
            and cue.start > lo
            and PLACE_BEFORE_NAME_RE.search(text, max(lo, cue.start - 8), cue.start)
            and "," in text[lo : cue.start]
        ):
            # "Peter Walsh, chairman of the association in Drumcree said:": the name after
            # "in" ends the appositive's place; the subject is the name the sentence opens on
            # (real-copy round 4).
            subject = sentence_subject(text, lo, lo + verb.start())
            if subject is not None and subject.form == "name" and subject.start < cue.start:
                cue = subject
        if cue is not None:
            cue.verb = word
            return cue
        return Cue("", lo + verb.start(), "main", word)
    match = ACCORDING_RE.search(clause)
    if match:
        return Cue(match.group("np"), lo + match.start("np"), "according")
    if stripped.endswith(":"):
        label = PRONOUN_LABEL_RE.fullmatch(clause) if clause[:4].lstrip()[:1] == "H" else None
        if label is not None:
            return Cue(
                "he" if label.group("np") == "His" else "she", lo + label.start("np"), "pronoun"
            )
        return Cue("", lo, "main", ":")
    if not intro and not previous_speaker_in_sentence:
        subject = sentence_subject(text, lo, opener)
        if (
            subject is not None
            and subject.form == "name"
            and not text[subject.start + len(subject.np) : opener].strip()
        ):
            # "Jenna Dewan-Tatum 'Melts' at the Sight of ...": the quote is what the
            # person just named does, in the clipped style of a headline.
            return Cue(subject.np, subject.start, "headline")
        return Cue("", lo, "none")
    return None


def _after_determiner(text: str, pos: int) -> bool:
    return DETERMINER_BEFORE_RE.search(text, max(0, pos - 8), pos) is not None
