"""Where a name may lie: the runs of capitalised words (`RUN_RE`, `find_runs`), with
initials, particles and the hyphened Arabic article. The run regex is the hottest in the
engine and the cues build on it, so it stands alone with what makes it fast.
"""

import re

from ..lexicon import PARTICLES

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_WORD = "A-Za-z\u00c0-\u024f"
_SENTENCE_OPENERS = (
    "(?:He|She|It|They|We|I|You|The|A|An|This|That|These|Those|But|And|Or|So|In|On|At|His|Her|"
    "Its|Their|Our|My|Then|There|When|After|Before|If|As|For|With|By|From|To|Another|One|"
    "Some|Many|Most|All|No|Not|What|Who|Why|How|Where|Now|Later|Earlier|Meanwhile|However|"
    "Also|Still|Yet|Even|Both|Each|Every|Other|Others|Here|Today|Yesterday)"
)
TOKEN = (
    rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Sens|Rep|Reps|Gov|Capt|Gen|St|Lt|Col|Sgt|Rev|Jr|Sr|Cllr)\.|"
    # A name made of initials alone: "J.P.", "T.I."
    rf"[{_UPPER}]\.(?:[{_UPPER}]\.)+(?![{_WORD}])(?![ \t]+{_SENTENCE_OPENERS}\b)|"
    # Initials before a name: "J.T. Ricketson", "C. J. Smith".
    rf"[{_UPPER}]\.(?:[ \t]?[{_UPPER}]\.)*(?=[ \t]+(?!{_SENTENCE_OPENERS}\b)[{_UPPER}][{_WORD}])|"
    # "&" inside a word only between capitals: "M&S", "AT&T", "L&Q" (real-copy round 10).
    rf"[{_UPPER}][{_WORD}0-9]*(?:['’.$-][{_WORD}]+|&[{_UPPER}]+)*!?"
    # A plural possessive inside a name: "Manchester United Supporters' Trust".
    rf"(?:(?<=s)['’](?=[ \t]+[{_UPPER}]))?)"
)
_TOKEN_FOR_PLACE = rf"[{_UPPER}][{_WORD}]+"
# A middle initial ("Michael B. Jordan") only inside a name, never starting one.
INITIAL = rf"[{_UPPER}]\.(?=[ \t]+[{_UPPER}][{_WORD}])"
PARTICLE = "|".join(sorted(PARTICLES))
RUN_RE = re.compile(
    rf"(?<![\w'’-]){TOKEN}(?:[ \t]+(?:(?:{PARTICLE}|&)[ \t]+)*(?:{INITIAL}|{TOKEN}))*"
)
# "Majed al-Ansari", "Ahmed el-Sayed": an Arabic article joined to the surname by a hyphen.
# Used only on texts that have one, since every extra branch slows the hottest regex.
HYPHEN_PARTICLE = r"(?:al|el|ad|as|ash|bin|ibn|abu)-(?=[A-Z])"
# Whether a text has one: the same matches as rf"[ \t]{HYPHEN_PARTICLE}", found from the hyphen
# (rarer than a space, and a literal the regex engine can scan for).
HYPHEN_PARTICLE_RE = re.compile(
    r"-(?=[A-Z])(?:(?<=[ \t](?:al|el|ad|as)-)|(?<=[ \t](?:ash|bin|ibn|abu)-))"
)
RUN_HYPHEN_RE = re.compile(
    rf"(?<![\w'’-]){TOKEN}"
    rf"(?:[ \t]+(?:(?:{PARTICLE}|&)[ \t]+|{HYPHEN_PARTICLE})*(?:{INITIAL}|{TOKEN}))*"
)
# Where a run may start: a capital not after a letter, an apostrophe or a hyphen. The capital
# comes first so the regex engine can scan for it, which the run's own lookbehind prevents.
_NOT_AFTER_WORD = r"(?<![\w'’-].)"
RUN_START_RE = re.compile(rf"[{_UPPER}]{_NOT_AFTER_WORD}")
# The same starts in a text of ASCII alone, where only A-Z can open a run: a class of one range
# is tested faster than the four above on every character scanned.
ASCII_RUN_START_RE = re.compile(rf"[A-Z]{_NOT_AFTER_WORD}")


def find_runs(
    text: str, pos: int = 0, endpos: int | None = None, run_re: re.Pattern = RUN_RE
) -> list[re.Match]:
    """The matches of `run_re.finditer(text, pos, endpos)`, found by trying the run only where
    one may start (every alternative of TOKEN opens on a capital)."""
    if endpos is None:
        endpos = len(text)
    found = []
    search = (ASCII_RUN_START_RE if text.isascii() else RUN_START_RE).search
    match = run_re.match
    candidate = search(text, pos, endpos)
    while candidate is not None:
        run = match(text, candidate.start(), endpos)
        if run is not None:
            found.append(run)
            candidate = search(text, run.end(), endpos)
        else:
            candidate = search(text, candidate.start() + 1, endpos)
    return found


WORD_RE = re.compile(r"\S+")
