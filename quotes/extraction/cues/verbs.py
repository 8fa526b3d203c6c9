"""The verbs of speech and report as regexes (`SPEECH_RE`, `REPORT_RE`), built by
`word_pattern` as tries so the engine never backtracks across the word lists. The cue readers
and attribution search with them, and `titles.py` builds its own with `word_pattern`.
"""

import re

from ..lexicon import AUXILIARIES, REPORT_VERBS, SPEECH_PHRASES, SPEECH_VERBS


def word_pattern(words: frozenset[str]) -> str:
    """An alternation of `words` as a trie, so the regex engine never backtracks across them.

    A space in a word matches any run of spaces.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


VERB_ALT = word_pattern(SPEECH_VERBS | SPEECH_PHRASES)
REPORT_ALT = word_pattern(REPORT_VERBS | SPEECH_PHRASES)
AUX_ALT = word_pattern(AUXILIARIES)
SPEECH_RE = re.compile(rf"\b(?:{VERB_ALT})\b")
REPORT_RE = re.compile(rf"\b(?:{REPORT_ALT})\b")
