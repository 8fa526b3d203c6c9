"""Decide who speaks each quotation, the way a reader of news copy does.

Every quotation first looks for a cue in its own sentence: `"...," X said`, `said X`,
`X said: "..."`, `X, 38, was more cautious: "..."`, or a reporting verb before a partial quote
(`X added that the budget was "tight but fair"`). A cue may name the speaker, point at them
with a pronoun or a role noun ("he", "the director", "the Dutchman"), or say that nobody
identifiable speaks ("a source told The Sun", a scare quote with no reporting verb). A
quotation with no cue continues the quotation before it (or, in an exchange of questions and
answers, goes to the other party), or belongs to the person the previous sentence is about.
Pronouns and role nouns go to the most recent fitting subject or speaker in the narrative;
names that appear only inside quotations are never candidates.

`Attributor.run` below is the pass, in order; each module of the package holds one part of it:

- `narrative`: the text with its quotations masked, paragraphs, sentences, and who each
  narrative sentence is about (the state the other parts read);
- `own_cue`: a top-level quotation's own cue, rule by rule (`_top`);
- `labels`: speakers named by layout: transcript labels, label and signature lines, headlines;
- `uncued`: a quotation with no cue: the sentence or paragraph before it;
- `continuation`: continued quotations, exchanges of questions and answers, repeated quotes;
- `nested`: quotations inside quotations;
- `resolve`: what a cue's phrase means (names, pronouns, bodies, possessives);
- `roles`: descriptions and role nouns ("the director", "a spokesperson for Ofwat");
- `offices`: offices known by a title, nationalities, royal styles, nicknames;
- `recall`: who the narrative before a point was about (a pronoun's antecedent, the last
  speaker, the body last named);
- `common`: what several parts share (`NOBODY`, `Record`, word lists).
"""

from ..entities import Entity, Registry
from ..marks import Span
from .continuation import Continuation
from .labels import Labels
from .narrative import Narrative
from .nested import MY_KIN_RE, Nested
from .offices import Offices
from .own_cue import OwnCue
from .recall import Recall
from .resolve import Resolver
from .roles import Roles
from .uncued import Uncued

__all__ = ["MY_KIN_RE", "Attributor", "attribute"]


class Attributor(
    OwnCue, Labels, Uncued, Continuation, Nested, Resolver, Roles, Offices, Recall, Narrative
):
    """Who speaks each quotation of one text: `run` reads the quotations and the narrative
    sentences in order of position, then the nested quotations."""

    def run(self) -> list[Entity | None]:
        result: list[Entity | None] = [None] * len(self.spans)
        todo = [(self.spans[i].opener, 1, i) for i in self.tops]
        todo += [(s, 0, -1) for s in self.sentences]
        todo.sort()
        previous: int | None = None
        for pos, kind, i in todo:
            if kind == 0:
                self._note_subject(pos)
                continue
            speaker = self._top(i, previous)
            result[i] = speaker
            if speaker is not None:
                self.events.append((self.spans[i].opener, speaker))
            if self.records[i].how != "nickname":
                # Kim "Frost" Do-yun: the nickname is no quote the next one could continue.
                previous = i
        self._share_across_continuations(result)
        self._repeated(result)
        index_of = {span.frame: i for i, span in enumerate(self.spans)}
        self.top_speakers = result
        for i, span in enumerate(self.spans):
            if span.parent_frame is not None:
                parent = index_of[span.parent_frame]
                result[i] = self._nested(i, parent, result[parent])
        return result


def attribute(
    text: str,
    spans: list[Span],
    registry: Registry,
    titles: list[tuple[int, int, bool]] | None = None,
) -> list[Entity | None]:
    """One speaker (or None) per span, in the order given; parents must precede children.

    `titles` are the quoted titles of works (opening mark, end), read as plain words."""
    return Attributor(text, spans, registry, titles).run()
