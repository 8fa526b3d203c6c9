"""Cues after a closing mark: `"...," X said`, `"...," said X`, "according to" (`after_cue`),
an attribution that closes the sentence (`final_cue`), and a quote signed with a dash
(`dash_cue`). Each reads forward from where the quotation ends, a window of the text after it.
"""

import re

from ..lexicon import PARTICIPLES
from .before_verb import OWNER_IN_NAME_RE, _name_at_end, subject_before
from .common import ACCORDING_RE, NAME_NP, NP_START_BAD, RUN, Cue, _plural_people
from .sentence_start import sentence_subject
from .sentences import _sentence_end_in, phrase_end
from .verbs import SPEECH_RE, VERB_ALT

PAREN_CUE_RE = re.compile(r"[ \t]?\((?=(?:said|says|added|adds|told)\b)")
LEAD_RE = re.compile(r"^[\s,;]*(?:[—–-]+\s*)?")
QUOTE_END = (",", ".", "!", "?", "…", "—", "–", "-", ";", ":")
AFTER_PLURAL_PP_RE = re.compile(r"\s*(?P<np>[a-z]+s)\s+(?:at|from)\s+[A-Z]")
# `"...," the club's official website quoted Santo as saying`: the one quoted, not the website
# (real-copy round 1).
QUOTED_SAYING_RE = re.compile(
    rf"[^.;:!?\n\x01]{{0,60}}?\bquoted[ \t]+(?P<np>him|her|{RUN})[ \t]+as[ \t]+(?:saying|telling)\b"
)
PASSIVE_QUOTED_RE = re.compile(
    r"[ \t]*(?P<np>(?:the|a|an|[A-Z][\w'’.-]*)(?:[ \t]+[\w'’.-]+){0,4}?)[ \t]+"
    r"(?:is|was|were|are|has[ \t]+been|had[ \t]+been)[ \t]+quoted[ \t]+as[ \t]+(?:saying|telling)\b"
)
INTRODUCES_RE = re.compile("\\s*[,:]\\s*[\"“'‘\x01]")
THAT_RE = re.compile(r"\b(?:that|he|she|they|it|we|I)\b")
SAID_BEFORE_END_RE = re.compile(r"^\s*[.,;]?\s*(?:$|\n|[\"“”'‘\x01])")


FINAL_VERB_FIRST_RE = re.compile(
    rf",\s*(?P<verb>said|says|added|adds|told\s+\w+|explained|noted)\s+(?P<np>{NAME_NP}"
    r"(?:,[^,.;:!?\x01]{1,60})?)\s*$"
)
FINAL_VERB_LAST_RE = re.compile(
    rf"(?P<comma>,)\s*(?:[^,;:!?\x01]{{1,80}}?)\s+(?:(?:have|has|had)\s+)?(?P<verb>{VERB_ALT})\s*$"
)


DASH_SIGN_RE = re.compile(r"[ \t]*[—–-]+[ \t]*(?=[A-Z]|[a-z][\w-]*[ \t]+[A-Z])")
SIGN_STOP_RE = re.compile(
    r"[.;:!?(\n\x01,]|\s(?:after|before|on|in|at|following|during|when|as|who|speaking)\s"
)
# `"He's right," Harden, who had 20 points on seven of 16 shooting, nine assists ..., said`
LONG_APPOSITIVE_RE = re.compile(rf"\s*{RUN},\s+(?:who|whose|a|an|the|\d+)\b")
# A mark that ends the clause between a closing quote mark and its speech verb.
CLAUSE_STOP_RE = re.compile('[;!?:\n\x01"“”]')
# A description after the verb ("the singer", "his longtime manager") and the relative clause
# that may follow it.
DESCRIPTION_START_RE = re.compile(r"\s*(?:the|his|her|their|its|a|an)\s+[a-z0-9]")
RELATIVE_RE = re.compile(r",?\s+(?:who|whose|which)\s")
AFTER_VERB_PLACE_RE = re.compile(
    r"(?<=[a-z])\s+(?:at|in|on|outside|inside|during|from)\s+(?:the|a|an|his|her|its|their)\s+"
    r"[^,\s]+['’]s\s"
)


def after_cue(text: str, start: int, stop: int, quote_text: str) -> Cue | None:
    """The speaker named right after a closing mark: `"...," X said` or `"...," said X`."""
    window = text[start : min(stop, start + 220)]
    quote_text = quote_text.rstrip().rstrip("'’\"”")
    paren = PAREN_CUE_RE.match(window) if "(" in window[:3] else None
    if paren is not None:
        # `"It took me 40 minutes" (said Dev Patel, a nurse)`: the attribution in brackets.
        offset = paren.end()
        window = window[: window.find(")", offset)] if ")" in window[offset:] else window
    elif quote_text and not quote_text.endswith(QUOTE_END) and window[:1] not in ",—–-":
        return None  # a partial quote running on into its sentence: "shocked" she said yes
    else:
        lead = LEAD_RE.match(window)
        offset = lead.end() if lead else 0
    ends_sentence = quote_text.rstrip().endswith((".", "…"))
    body = window[offset:]
    match = ACCORDING_RE.match(body)
    if match and not ends_sentence:
        return Cue(match.group("np"), start + offset + match.start("np"), "according")
    quoted = QUOTED_SAYING_RE.match(body) if "quoted" in body[:80] else None
    if quoted is not None:
        np = quoted.group("np")
        if np in ("him", "her"):
            return Cue("he" if np == "him" else "she", start + offset, "pronoun", "saying")
        return Cue(np, start + offset + quoted.start("np"), "name", "saying")
    passive = PASSIVE_QUOTED_RE.match(body) if "quoted as" in body[:80] else None
    if passive is not None:
        # `"...," the insider was quoted as saying`: the passive's subject (real-copy round 11).
        np = passive.group("np")
        return Cue(
            np,
            start + offset + passive.start("np"),
            "the" if np[:1].islower() else "name",
            "saying",
        )
    verb = SPEECH_RE.search(body, 0, 140)
    if verb is None:
        return None
    before = body[: verb.start()]
    if CLAUSE_STOP_RE.search(before) or _sentence_end_in(before):
        return None
    if verb.start() == 0:
        if ends_sentence or verb.group() in PARTICIPLES:
            return None  # `"...," telling a rally that`: the sentence's subject speaks
        np = body[verb.end() : phrase_end(body, verb.end())]
        lead_np = len(np) - len(np.lstrip())
        if not np.strip():
            return None
        if " wh" in np and DESCRIPTION_START_RE.match(np):
            rel = RELATIVE_RE.search(np)
            if rel is not None:
                # "wrote the 64-year-old singer who spent days in the ICU, forcing her to
                # postpone her Celebration world tour": a relative clause describes the one
                # the description means and names no speaker (real-copy round 10).
                np = np[: rel.start()]
        if "'s" in np or "’s" in np:
            place = AFTER_VERB_PLACE_RE.search(np)
            before_place = np[: place.start()] if place is not None else ","
            if "," not in before_place and any(w[:1].isupper() for w in before_place.split()):
                # "said chief operating officer Marta Sandoval at the company's headquarters":
                # the place after the name is no owner of the speaker's role.
                np = before_place
        return Cue(np.strip(), start + offset + verb.end() + lead_np, "after-verb", verb.group())
    words = before.split()
    # Up to 12 words before the verb, or 30 when a long appositive follows a name (the regex is
    # tried only in between, where it decides).
    too_long = len(words) > 12 and (len(words) > 30 or not LONG_APPOSITIVE_RE.match(before))
    if not words or too_long or words[0].lower().strip(",") in NP_START_BAD:
        return None
    weak = False
    if ends_sentence and INTRODUCES_RE.match(text, start + offset + verb.end()):
        return None  # `'Kid, where are your shoes?' He said, 'I sold them'`: it opens the next
    if ends_sentence and not SAID_BEFORE_END_RE.match(body[verb.end() :]):
        rest = body[verb.end() : phrase_end(body, verb.end())]
        if len(rest.split()) > 8 or THAT_RE.search(rest):
            return None
        weak = True
    group = AFTER_PLURAL_PP_RE.match(before)
    if group is not None and _plural_people(group.group("np")):
        # `"...," analysts at Barclays wrote in a note`: unnamed people at a firm, not the
        # firm (a capitalised "Analysts at Jefferies said" before a quote stays the firm's).
        np = before[group.start("np") :].strip()
        return Cue(np, start + offset + group.start("np"), "plural", verb.group(), weak)
    cue = subject_before(text, start + offset + verb.start(), start + offset)
    if cue is None:
        return None
    cue.verb = verb.group()
    cue.weak = weak
    return cue


def final_cue(text: str, start: int, stop: int) -> Cue | None:
    """The attribution that closes a sentence: `..., said Sgt. Michael Glassberg.` or
    `..., Glassberg said.` Only text after the quote, up to the sentence's end, is read."""
    tail = text[start:stop]
    end = len(tail.rstrip())
    if end and tail[end - 1] in ".!?":
        end -= 1
    match = FINAL_VERB_FIRST_RE.search(tail, 0, end)
    if match:
        np = match.group("np").strip()
        return Cue(np, start + match.start("np"), "after-verb", match.group("verb"))
    match = FINAL_VERB_LAST_RE.search(tail, 0, end)
    if match:
        cue = subject_before(text, start + match.start("verb"), start)
        if cue is not None and cue.start >= start + match.start("comma"):
            cue.verb = match.group("verb")
            return cue
    return None


def dash_cue(text: str, start: int, stop: int) -> Cue | None:
    """A quote set out on its own line and signed with a dash: `"..." – Wigan's Roberto
    Martinez after a 4-0 defeat.` The name phrase stops at a full stop, bracket or comma,
    or at "after", "on", "in" and the like."""
    match = DASH_SIGN_RE.match(text, start, stop)
    if match is None:
        return None
    phrase_start = match.end()
    phrase_stop = min(stop, phrase_start + 120)
    cut = SIGN_STOP_RE.search(text, phrase_start, phrase_stop)
    end = cut.start() if cut else phrase_stop
    # "- Burnley boss Sean Dyche bemoans diving": the name that opens the phrase.
    subject = sentence_subject(text, phrase_start, end)
    if subject is not None and subject.form == "name":
        found: tuple[int, int] | None = (
            subject.start - phrase_start,
            subject.start - phrase_start + len(subject.np),
        )
    elif SPEECH_RE.search(text, phrase_start, end):
        return None
    else:
        found = _name_at_end(text[phrase_start:end].rstrip())
    if found is None:
        return None
    np = text[phrase_start + found[0] : phrase_start + found[1]]
    owner = OWNER_IN_NAME_RE.search(np)
    skip = owner.end() if owner else 0
    return Cue(np[skip:], phrase_start + found[0] + skip, "name")


def speaks_after(text: str, start: int, stop: int, quote_text: str) -> bool:
    """Whether somebody is said to say the words just before `start` (for titles.py)."""
    return after_cue(text, start, stop, quote_text) is not None
