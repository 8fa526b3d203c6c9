from pathlib import Path

import pytest

from quotes.extraction import extract_quotes

SEED = (
    Path(__file__).resolve().parents[2] / "articles" / "demo" / "ballerina-wiseman-2025-06-09.txt"
)

EXPECTED = [
    ("She's checked herself into the Continental,", "Len Wiseman", None),
    ("She now understands what her father", "Len Wiseman", None),
    ("I've made a choice. I've got the answers", "Eve", 1),
    ("She has to now deal with the consequences", "Len Wiseman", None),
    ("It is a brutal world.", "Len Wiseman", None),
    ("The Chancellor relates to her", "Len Wiseman", None),
    ("You kill me, you've cut the head of the snake", "The Chancellor", 5),
    ("It comes down to John", "Len Wiseman", None),
    ("And there's an understanding", "Len Wiseman", None),
    ("So he feels for her in that moment.", "Len Wiseman", None),
]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list]:
    text = SEED.read_text(encoding="utf-8")
    return text, extract_quotes(text)


def test_seed_finds_exactly_the_ten_quotes(seed):
    _text, quotes = seed
    assert len(quotes) == len(EXPECTED)


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_seed_quote_text_speaker_and_parent(seed, index):
    text, quotes = seed
    opening, speaker, parent = EXPECTED[index]
    quote = quotes[index]
    assert quote.text.startswith(opening)
    assert quote.text == text[quote.start : quote.end]
    assert quote.speaker == speaker
    assert quote.parent == parent


def test_seed_quote_ends_are_exact(seed):
    _text, quotes = seed
    assert quotes[1].text.endswith("consequences in this world.'")
    assert quotes[3].text.endswith("that Winston [Ian McShane] laid out to her,")
    assert quotes[4].text.endswith("in this [movie].")
    assert quotes[8].text.endswith("what has been destroyed about her life,")


def test_seed_apostrophes_are_not_quotes(seed):
    _text, quotes = seed
    assert not any(q.text.startswith(("Eve is on", "s next")) for q in quotes)
