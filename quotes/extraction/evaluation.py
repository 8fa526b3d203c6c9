"""Score the extractor against hand-labelled passages: span, speaker and end-to-end figures."""

import re
import textwrap
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from . import ExtractedQuote, extract_quotes

QUOTE_MARKS = str.maketrans(dict.fromkeys("“”„«»", '"') | dict.fromkeys("‘’‚‹›", "'"))
DASHES_RE = re.compile(r"[‐‑‒–—―−]")
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str | None
    nested: bool = False


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


@dataclass
class PassageResult:
    id: str
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_speaker: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class Figures:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    span_precision: float = 0.0
    span_recall: float = 0.0
    span_f1: float = 0.0
    speaker_accuracy: float = 0.0
    e2e_precision: float = 0.0
    e2e_recall: float = 0.0
    e2e_f1: float = 0.0
    passages: list[PassageResult] = field(default_factory=list)

    def as_dict(self, *, verbose: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not verbose:
            del data["passages"]
        return data


def normalise(text: str) -> str:
    """Compare texts ignoring curly versus straight marks, dash kinds, spacing and case."""
    text = DASHES_RE.sub("-", text.translate(QUOTE_MARKS))
    return SPACE_RE.sub(" ", text).strip().casefold()


def normalise_speaker(name: str | None) -> str | None:
    if name is None:
        return None
    # Curly and straight marks alike: "O’Leary" and "O'Leary" are one name.
    name = SPACE_RE.sub(" ", name.translate(QUOTE_MARKS)).strip().casefold()
    return name[4:] if name.startswith("the ") else name


def span_score(gold: str, predicted: str) -> float:
    """1.0 for equal texts; the share of the gold covered when the prediction is close enough.

    A prediction counts when it covers at least 80% of the gold text and is at most 1.25 times
    its length; anything else scores 0.
    """
    gold_n, pred_n = normalise(gold), normalise(predicted)
    if gold_n == pred_n:
        return 1.0
    if not gold_n or len(pred_n) > 1.25 * len(gold_n):
        return 0.0
    matcher = SequenceMatcher(None, gold_n, pred_n, autojunk=False)
    covered = sum(block.size for block in matcher.get_matching_blocks()) / len(gold_n)
    return covered if covered >= 0.8 else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def score_passage(passage: Passage, predicted: list[ExtractedQuote], figures: Figures) -> None:
    """Match greedily by best score, each gold and each prediction used at most once."""
    pairs = []
    for g, gold in enumerate(passage.quotes):
        for p, pred in enumerate(predicted):
            score = span_score(gold.text, pred.text)
            if score:
                pairs.append((score, -abs(len(gold.text) - len(pred.text)), g, p))
    pairs.sort(reverse=True)
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    result = PassageResult(passage.id)
    for _score, _closeness, g, p in pairs:
        if g in gold_used or p in pred_used:
            continue
        gold_used.add(g)
        pred_used.add(p)
        figures.matched += 1
        gold, pred = passage.quotes[g], predicted[p]
        if normalise_speaker(gold.speaker) == normalise_speaker(pred.speaker):
            figures.speaker_right += 1
        else:
            result.wrong_speaker.append((gold.text, gold.speaker, pred.speaker))
    figures.gold += len(passage.quotes)
    figures.predicted += len(predicted)
    result.missed = [q.text for g, q in enumerate(passage.quotes) if g not in gold_used]
    result.spurious = [q.text for p, q in enumerate(predicted) if p not in pred_used]
    if result.missed or result.spurious or result.wrong_speaker:
        figures.passages.append(result)


def evaluate(
    passages: list[Passage],
    extractor: Callable[[str], list[ExtractedQuote]] = extract_quotes,
) -> Figures:
    """Run `extractor` over every passage and compute span, speaker and end-to-end figures."""
    figures = Figures()
    for passage in passages:
        score_passage(passage, extractor(passage.text), figures)
    figures.span_precision = _ratio(figures.matched, figures.predicted)
    figures.span_recall = _ratio(figures.matched, figures.gold)
    figures.span_f1 = _f1(figures.span_precision, figures.span_recall)
    figures.speaker_accuracy = _ratio(figures.speaker_right, figures.matched)
    figures.e2e_precision = _ratio(figures.speaker_right, figures.predicted)
    figures.e2e_recall = _ratio(figures.speaker_right, figures.gold)
    figures.e2e_f1 = _f1(figures.e2e_precision, figures.e2e_recall)
    return figures


def parse_dataset(data: Any) -> list[Passage]:
    """Check the data set's shape, naming the first bad entry so it can be fixed."""
    if not isinstance(data, list):
        raise ValueError("the data set must be a JSON list of passages")
    if not data:
        # Scored, an empty set printed 0.000 everywhere and exited 0, like a real result.
        raise ValueError("the data set has no passages to score")
    passages = []
    for n, item in enumerate(data):
        where = f"passage {n}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ValueError(f"{where}: needs an object with a string 'text'")
        if not isinstance(item.get("quotes"), list):
            raise ValueError(f"{where}: needs a list 'quotes'")
        golds = []
        for m, quote in enumerate(item["quotes"]):
            speaker = quote.get("speaker") if isinstance(quote, dict) else None
            if (
                not isinstance(quote, dict)
                or not isinstance(quote.get("text"), str)
                or not (speaker is None or isinstance(speaker, str))
            ):
                raise ValueError(
                    f"{where}, quote {m}: needs a string 'text' and a string or null 'speaker'"
                )
            golds.append(GoldQuote(quote["text"], speaker, bool(quote.get("nested", False))))
        passages.append(Passage(str(item.get("id", n)), item["text"], tuple(golds)))
    return passages


# The same copy in the layouts it arrives in: each transform is applied to a passage's text and
# to its gold quotes' texts alike, and the engine should give the same answers under every one.
_CURLY_OPEN_BEFORE = r"(^|[\s(\[—-])"


def _straight(text: str) -> str:
    return text.translate(QUOTE_MARKS)


def _curly(text: str) -> str:
    text = re.sub(_CURLY_OPEN_BEFORE + '"', lambda m: m.group(1) + "\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(_CURLY_OPEN_BEFORE + "'", lambda m: m.group(1) + "\u2018", text)
    return text.replace("'", "\u2019")


def _single_newline(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text)


def _wrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(part, 72) for part in text.split("\n\n"))


def _nbsp(text: str) -> str:
    return re.sub(r"\b(Mr|Mrs|Ms|Dr|Sen\.|Rep\.) ", lambda m: m.group(1) + "\u00a0", text)


def _indented(text: str) -> str:
    return "\n\n".join("    " + part for part in text.split("\n\n"))


LAYOUTS: dict[str, Callable[[str], str]] = {
    "none": lambda text: text,
    "straight quotes": _straight,
    "curly quotes": _curly,
    "single newline": _single_newline,
    "hard-wrapped 72": _wrapped,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "no-break space": _nbsp,
    "indented": _indented,
}


def in_layout(passages: list[Passage], layout: str) -> list[Passage]:
    """The passages and their gold quotes with `LAYOUTS[layout]` applied to every text."""
    change = LAYOUTS[layout]
    return [
        Passage(
            p.id,
            change(p.text),
            tuple(GoldQuote(change(q.text), q.speaker, q.nested) for q in p.quotes),
        )
        for p in passages
    ]


def benchmark(passages: list[Passage], megabytes: float = 2.0) -> tuple[int, float]:
    """Bytes of repeated passage text processed and the CPU seconds this process took.

    CPU time, not wall time: on a shared, loaded machine the wall clock measures the load.
    """
    chunks = [p.text for p in passages]
    corpus_parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for chunk in chunks:
            corpus_parts.append(chunk)
            size += len(chunk.encode("utf-8")) + 2
    texts = ["\n\n".join(corpus_parts[i : i + 40]) for i in range(0, len(corpus_parts), 40)]
    started = time.process_time()
    for text in texts:
        extract_quotes(text)
    return size, time.process_time() - started
