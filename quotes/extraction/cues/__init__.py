"""Attribution cues around a quotation and the noun phrase each one names as the speaker.

The functions here only read text: they say where the phrase that names the speaker lies and
what sort of phrase it is. `attribution/resolve.py` turns the phrase into an entity.

Each module of the package holds one kind of reading:

- `after_quote`: a cue after a closing mark (`after_cue`), one that closes the sentence
  (`final_cue`), a dash signature (`dash_cue`);
- `before_quote`: a cue in the narrative before an opening mark (`before_cue`);
- `before_verb`: the noun phrase just before a reporting verb (`subject_before`);
- `sentence_start`: what a sentence opens on: a leading phrase (`lead_clause`) and its
  subject (`sentence_subject`);
- `sentences`: where sentences and phrases end (`sentence_starts`, `phrase_end`);
- `verbs`: the verbs of speech and report as regexes (`SPEECH_RE`, `REPORT_RE`);
- `common`: what they share: `Cue`, `MASK`, "according to", the tests of a noun phrase.
"""

from .after_quote import after_cue, dash_cue, final_cue, speaks_after
from .before_quote import before_cue
from .before_verb import subject_before
from .common import ACCORDING_RE, MASK, Cue
from .sentence_start import PRONOUNS, lead_clause, sentence_subject
from .sentences import phrase_end, sentence_starts
from .verbs import REPORT_RE, SPEECH_RE, word_pattern

__all__ = [
    "ACCORDING_RE",
    "MASK",
    "PRONOUNS",
    "REPORT_RE",
    "SPEECH_RE",
    "Cue",
    "after_cue",
    "before_cue",
    "dash_cue",
    "final_cue",
    "lead_clause",
    "phrase_end",
    "sentence_starts",
    "sentence_subject",
    "speaks_after",
    "subject_before",
    "word_pattern",
]
