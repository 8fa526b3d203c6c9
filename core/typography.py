"""Smart typography for editors' plain text: curly quotes and apostrophes, dashes, ellipses.

Editors type on keyboards: straight quotes, hyphens between spaced words, three dots. Readers
should see typeset text, so the text is converted where its HTML is produced (the Markdown
renderer, and the template filter for plain-text fields such as quotes and headlines). Only
text is changed, never markup: callers pass text nodes, not HTML.
"""

import re

# A quote mark opens after the start of the text, a space, an opening bracket or a dash, or
# another opening mark ("'Tis" inside “…”); anywhere else it closes (or is an apostrophe).
OPENS_AFTER = " \t\n\r([{\u2018\u201c\u2013\u2014"

SINGLE, DOUBLE = "\u2018\u2019", "\u201c\u201d"

RULES = [
    (re.compile(r"---"), "\u2014"),  # em dash
    (re.compile(r"--"), "\u2013"),  # en dash
    (re.compile(r"(?<=\s)-(?=\s)"), "\u2013"),  # a spaced hyphen is a dash: "3 - Parabellum"
    (re.compile(r"(?<=\b\d{4})-(?=\d{4}\b)"), "\u2013"),  # year ranges: 2019–2023
    (re.compile(r"\.\.\."), "\u2026"),
    (re.compile(r"'(?=\d\ds\b)"), "\u2019"),  # decades: ’90s
]


def smarten(text: str, before: str = "") -> str:
    """`text` typeset. `before` is the character that precedes it in the document, if any (the
    end of the previous text node), so that a quote mark right after inline markup reads the
    way it does in the sentence."""
    if "-" in text or "." in text or "'" in text:
        for pattern, replacement in RULES:
            text = pattern.sub(replacement, text)
    if "'" not in text and '"' not in text:
        return text
    out = []
    previous = before
    for char in text:
        if char in "'\"":
            opens = previous == "" or previous in OPENS_AFTER
            pair = SINGLE if char == "'" else DOUBLE
            char = pair[0] if opens else pair[1]
        out.append(char)
        previous = char
    return "".join(out)
