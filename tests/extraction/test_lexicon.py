"""The word lists other modules build their rules from: each list defined once."""

from quotes.extraction.attribution import MY_KIN_RE
from quotes.extraction.lexicon import (
    GENDERED_NOUNS,
    INDIRECT_SPEECH_VERBS,
    KIN_NOUNS,
    KIN_SEX,
    REPORT_VERBS,
)
from quotes.extraction.titles import REPORTED_VERB_RE


def test_every_kin_word_is_a_kin_noun_of_its_sex():
    for word, sex in KIN_SEX.items():
        assert word in KIN_NOUNS, word
        assert GENDERED_NOUNS[word] == sex, word


def test_informal_and_older_kin_words_have_their_sex():
    for word in ["mam", "gran", "nan", "grandma", "aunt"]:
        assert GENDERED_NOUNS[word] == "f", word
    for word in ["grandad", "uncle"]:
        assert GENDERED_NOUNS[word] == "m", word


def test_my_kin_is_read_from_the_kin_words():
    for word in KIN_SEX:
        match = MY_KIN_RE.search(f"I rang my {word} and said")
        assert match is not None and match.group(1) == word, word
    assert MY_KIN_RE.search("I rang my grandson") is None


def test_indirect_speech_verbs_are_report_verbs():
    assert INDIRECT_SPEECH_VERBS <= REPORT_VERBS


def test_the_reported_words_test_reads_the_lexicon():
    for verb in INDIRECT_SPEECH_VERBS:
        assert REPORTED_VERB_RE.search(f"She {verb} that"), verb
    assert REPORTED_VERB_RE.search("She read the script for") is None
