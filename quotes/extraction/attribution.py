"""Decide who speaks each quoted span, applying news-writing conventions in order of strength."""

from .entities import Person, Registry
from .lexicon import SUBJECT_PRONOUNS
from .marks import Span
from .subjects import (
    Speakers,
    after_attribution,
    before_attribution,
    sentence_starts,
    sentence_subject,
)

OPENING_MARKS = "\"'“‘„«‚‹"


def attribute(text: str, spans: list[Span], registry: Registry) -> list[Person | None]:
    """One speaker (or None) per span, in the order given; parents must precede children."""
    speakers = Speakers(registry)
    result: list[Person | None] = []
    index_of = {span.frame: i for i, span in enumerate(spans)}
    last_top: Span | None = None
    last_top_speaker: Person | None = None
    para_last: dict[int, Person | None] = {}
    for i, span in enumerate(spans):
        if span.parent_frame is not None:
            parent_index = index_of[span.parent_frame]
            result.append(
                _nested(text, spans, i, spans[parent_index], result[parent_index], speakers)
            )
            continue
        same_para = last_top if last_top and last_top.paragraph == span.paragraph else None
        next_top = _next_top(spans, i)
        person = _top_level(text, span, same_para, last_top_speaker, next_top, speakers)
        if person is None and span.continued:
            person = last_top_speaker
        if person is None and _paragraph_initial(text, span) and span.paragraph - 1 in para_last:
            person = para_last[span.paragraph - 1]
        result.append(person)
        speakers.add(person)
        last_top, last_top_speaker = span, person
        para_last[span.paragraph] = person
    _share_across_continuations(spans, result)
    return result


def _next_top(spans: list[Span], i: int) -> Span | None:
    for span in spans[i + 1 :]:
        if span.parent_frame is None:
            return span
    return None


def _paragraph_initial(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.opener) + 1
    return not text[line_start : span.opener].strip()


def _top_level(
    text: str,
    span: Span,
    prev: Span | None,
    prev_speaker: Person | None,
    next_top: Span | None,
    speakers: Speakers,
) -> Person | None:
    para_start = text.rfind("\n", 0, span.opener) + 1
    if span.closer is not None:
        stop = text.find("\n", span.closer)
        stop = len(text) if stop < 0 else stop
        if next_top is not None and next_top.paragraph == span.paragraph:
            stop = min(stop, next_top.opener)
        subject = after_attribution(text[span.closer + 1 : stop], text[span.start : span.end])
        if subject:
            return _resolve(text, speakers, subject, para_start, span.opener)
    lo = prev.closer + 1 if prev and prev.closer is not None else para_start
    starts = sentence_starts(text, lo, span.opener)
    clause = text[starts[-1] : span.opener]
    if clause.strip():
        subject = before_attribution(clause)
        if subject:
            return _resolve(text, speakers, subject, para_start, span.opener)
        if prev is None:
            head = text[sentence_starts(text, para_start, span.opener)[-1] : span.opener]
            subject = sentence_subject(head)
            return _person_or_none(speakers, subject, span.opener)
        return prev_speaker
    if prev is not None:
        between = text[lo : span.opener]
        subject = before_attribution(between) or after_attribution(between, "")
        if subject:
            return _resolve(text, speakers, subject, para_start, span.opener)
        return prev_speaker if not between.strip() or prev_speaker else None
    if len(starts) > 1 or para_start < starts[-1]:
        all_starts = sentence_starts(text, para_start, span.opener)
        if len(all_starts) >= 2:
            previous = text[all_starts[-2] : all_starts[-1]]
            subject = before_attribution(previous) or sentence_subject(previous)
            return _person_or_none(speakers, subject, span.opener)
    return None


def _resolve(
    text: str, speakers: Speakers, subject: str, para_start: int, pos: int
) -> Person | None:
    """A "he"/"she" first looks for a fitting person as the subject of the paragraph's narrative.

    In "Cole, 24, was more measured. "...," he said." the pronoun is Cole, not the last speaker.
    """
    gender = SUBJECT_PRONOUNS.get(subject.strip().lower())
    if gender in ("m", "f"):
        starts = sentence_starts(text, para_start, pos)
        for a, b in reversed(list(zip(starts, starts[1:] + [pos], strict=True))):
            if text[a] in OPENING_MARKS:
                continue
            candidate = _person_or_none(speakers, sentence_subject(text[a:b]), a)
            if candidate is not None and candidate.gender in (None, gender):
                return candidate
    return speakers.resolve(subject, pos)


def _person_or_none(speakers: Speakers, subject: str | None, pos: int) -> Person | None:
    """A sentence subject counts as a speaker only when it is a person, not a thing."""
    if not subject:
        return None
    person = speakers.resolve(subject, pos)
    return person if person is not None and person.is_person else None


def _nested(
    text: str,
    spans: list[Span],
    i: int,
    parent: Span,
    parent_speaker: Person | None,
    speakers: Speakers,
) -> Person | None:
    """A quote inside a quote belongs to whoever the outer speaker says said it."""
    span = spans[i]
    if span.closer is not None:
        stop = next(
            (s.opener for s in spans[i + 1 :] if s.parent_frame == span.parent_frame),
            parent.end,
        )
        subject = after_attribution(text[span.closer + 1 : min(stop, parent.end)], "")
        if subject:
            return speakers.resolve(subject, span.opener, nested_in=parent_speaker, nested=True)
    starts = sentence_starts(text, parent.start, span.opener)
    clause = text[starts[-1] : span.opener]
    subject = before_attribution(clause) or sentence_subject(clause)
    if not subject:
        return None
    return speakers.resolve(subject, span.opener, nested_in=parent_speaker, nested=True)


def _share_across_continuations(spans: list[Span], result: list[Person | None]) -> None:
    """Every paragraph of a continued quote gets the speaker found for any part of it."""
    chain: list[int] = []
    tops = [i for i, s in enumerate(spans) if s.parent_frame is None]
    for i in tops + [-1]:
        if i >= 0 and spans[i].continued and chain:
            chain.append(i)
            continue
        if len(chain) > 1:
            known = next((result[j] for j in chain if result[j] is not None), None)
            for j in chain:
                result[j] = known
        chain = [i] if i >= 0 else []
