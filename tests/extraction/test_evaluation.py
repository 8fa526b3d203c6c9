import json
from pathlib import Path

import pytest

from quotes.extraction import ExtractedQuote
from quotes.extraction.evaluation import (
    evaluate,
    normalise,
    normalise_speaker,
    parse_dataset,
    span_score,
)

HERE = Path(__file__).resolve().parent


def fixed(*quotes: tuple[str, str | None]):
    """An extractor that ignores its input and returns these predictions."""
    return lambda _text: [ExtractedQuote(t, 0, len(t), s, None) for t, s in quotes]


def tiny_set():
    return parse_dataset(
        [
            {
                "id": "tiny",
                "text": "unused",
                "quotes": [
                    {"text": "We will win this", "speaker": "Jane Doe", "nested": False},
                    {"text": "Go home", "speaker": None, "nested": False},
                    {"text": "Never again", "speaker": "Tom", "nested": False},
                ],
            }
        ]
    )


def test_evaluation_arithmetic_on_hand_made_set():
    # Gold 3, predicted 4; "we will win this" (case differs) and "Never again!" (covers all of
    # the gold, 12 <= 1.25 * 11 characters) match; "Go home now please" is too long (18 > 8.75).
    # Of the 2 matches only the first has the right speaker.
    figures = evaluate(
        tiny_set(),
        fixed(
            ("we will win this", "jane doe"),
            ("Go home now please", None),
            ("Never again!", None),
            ("Something else", "Tom"),
        ),
    )
    assert (figures.gold, figures.predicted, figures.matched, figures.speaker_right) == (3, 4, 2, 1)
    assert figures.span_precision == pytest.approx(0.5)
    assert figures.span_recall == pytest.approx(2 / 3)
    assert figures.span_f1 == pytest.approx(4 / 7)
    assert figures.speaker_accuracy == pytest.approx(0.5)
    assert figures.e2e_precision == pytest.approx(0.25)
    assert figures.e2e_recall == pytest.approx(1 / 3)
    assert figures.e2e_f1 == pytest.approx(2 / 7)
    assert figures.passages[0].missed == ["Go home"]


def test_each_gold_quote_matches_at_most_once():
    figures = evaluate(tiny_set(), fixed(("Go home", None), ("Go home", None)))
    assert (figures.matched, figures.predicted) == (1, 2)


def test_normalise_ignores_marks_dashes_spacing_and_case():
    assert normalise("“It’s   over” — she\nsaid") == normalise('"it\'s over" - She said')


def test_span_score_thresholds():
    assert span_score("abcdefghij", "abcdefgh") == pytest.approx(0.8)
    assert span_score("abcdefghij", "abcdefg") == 0.0
    assert span_score("abcdefgh", "abcdefgh" + "xyz") == 0.0


def test_speaker_comparison_ignores_case_and_leading_the():
    assert normalise_speaker("The Chancellor") == normalise_speaker("chancellor")
    assert normalise_speaker(None) is None
    assert normalise_speaker("Tom") != normalise_speaker(None)


def test_malformed_dataset_is_rejected_with_a_message():
    with pytest.raises(ValueError, match="passage 0, quote 0"):
        parse_dataset([{"id": "x", "text": "t", "quotes": [{"speaker": "A"}]}])
    with pytest.raises(ValueError, match="JSON list"):
        parse_dataset({"text": "t"})


@pytest.mark.parametrize("name", ["devset.json", "heldout.json"])
def test_quality_targets_hold(name):
    # Only the three figures are compared, so a failure never prints the held-out set's
    # individual misses (reading them would be tuning on it).
    figures = evaluate(parse_dataset(json.loads((HERE / name).read_text(encoding="utf-8"))))
    span_f1, speaker, e2e_f1 = figures.span_f1, figures.speaker_accuracy, figures.e2e_f1
    assert span_f1 >= 0.95
    assert speaker >= 0.92
    assert e2e_f1 >= 0.90


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("heldout_real.json", 0.85),
        ("heldout_real2.json", 0.85),
        ("heldout_real3.json", 0.83),
        ("heldout_real4.json", 0.83),
    ],
)
def test_the_sets_written_like_published_copy_do_not_fall_back(name, floor):
    # The targets (speaker 0.92, end-to-end 0.90) were not met on them when they were written
    # (0.872, 0.896, 0.840 and 0.855 speaker right): these floors only catch a rule that makes
    # real-style copy worse.
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    figures = evaluate(parse_dataset(data))
    span_f1, speaker, e2e_f1 = figures.span_f1, figures.speaker_accuracy, figures.e2e_f1
    assert span_f1 >= 0.95
    assert speaker >= floor
    assert e2e_f1 >= floor


@pytest.mark.parametrize(
    ("name", "passages", "quotes"),
    [
        ("devset.json", 60, 300),
        ("heldout.json", 25, 120),
        ("heldout_real.json", 25, 120),
        ("heldout_real2.json", 20, 120),
        ("heldout_real3.json", 20, 120),
        ("heldout_real4.json", 20, 120),
        ("heldout_real6.json", 20, 120),
        ("heldout_real7.json", 25, 120),
        ("heldout_real8.json", 25, 140),
        ("heldout_real9.json", 20, 100),
        ("heldout_real10.json", 20, 100),
        ("heldout_real11.json", 20, 120),
        ("heldout_real12.json", 20, 120),
        ("heldout_real13.json", 20, 110),
        ("heldout_real14.json", 20, 110),
        ("heldout_real15.json", 20, 120),
        ("heldout_real16.json", 20, 120),
        ("heldout_real17.json", 20, 100),
        ("heldout_real18.json", 20, 100),
        ("heldout_real19.json", 20, 100),
        ("heldout_real20.json", 20, 100),
    ],
)
def test_datasets_are_large_enough_and_golds_are_verbatim(name, passages, quotes):
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    assert len(data) >= passages
    assert sum(len(p["quotes"]) for p in data) >= quotes
    assert len({p["id"] for p in data}) == len(data)
    for passage in data:
        assert all(q["text"] in passage["text"] for q in passage["quotes"])


def test_a_passage_may_name_where_it_was_published():
    data = [
        {"id": "p", "text": '"Yes," she said.', "source": "https://example.com/a", "quotes": []}
    ]
    assert parse_dataset(data)  # the extra field does not trouble the loader
