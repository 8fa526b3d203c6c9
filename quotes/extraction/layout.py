"""A copy of the text for the engine to read, with layout that carries no meaning taken out.

The copy has the same length as the text, so every offset found in it holds in the text: the
engine reads the copy and returns slices of the text it was given. What is changed:

- odd horizontal spaces (no-break, thin, ideographic ...) and tabs become plain spaces;
- a carriage return before a line feed becomes a space after it (as if the next line were
  indented), a lone one a line feed;
- the line break before a dash that signs the quote closing the line above ('"..."' then
  '— Linda Marsh, Ashford' on a line of its own) becomes a space, as a blank line would not;
- a backslash that escapes a quotation mark (`\\"`, copy scraped from a page's script or feed)
  becomes a space before an opening mark and trades places with a closing one (`whole,\\" said`
  reads `whole," said`), so the quote ends where the words do and the cue after it is read;
  a backslash inside a word (`world\\'s`) is left as it is;
- a soft-wrap line break, inside a paragraph of copy hard-wrapped at a fixed width (wire feeds,
  e-mails, PDFs), becomes a space, so a name or a sentence split over two lines reads whole;
- a backtick opening a quotation closed by an apostrophe (`comfort plate') becomes an opening
  single mark.

A line break is a soft wrap only in a text whose lines show the wrapping: at least two breaks,
and most of them, come after a line the next line's first word would not have fitted on (the
rule any wrapping program follows) with the sentence going on. A text of one-line paragraphs,
a transcript ("KING: ..."), a list, a dateline or a heading on its own line is not joined.
"""

import re

# Tabs and the horizontal spaces other than a plain one (no-break, thin, ideographic ...).
_ODD_SPACE_CHARS = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
ODD_SPACES = str.maketrans(dict.fromkeys(_ODD_SPACE_CHARS, " "))
# A break after a line that ends a sentence, or a line that ends with a colon, is only taken as
# soft in a text whose paragraphs are divided by blank lines.
SENTENCE_END_RE = re.compile(r"[.!?:;\"”’)]\Z")
# A line that opens with a list mark, a speaker's label or a time is never joined to the one
# before it.
OWN_LINE_RE = re.compile(
    r"[ \t]*(?:[-*•‣◦·▪–—][ \t]|\d{1,3}[.)][ \t]|[A-Z][A-Z .'’-]{1,40}:|\d{1,2}[:.]\d\d\b)"
)
BACKTICK_RE = re.compile(r"`(?=[^\s`][^`\n]{0,200}?[^\s`]')")
# The closing mark is matched, not looked behind for, so the regex engine can scan for it
# instead of trying every position; `_spaces_after_mark` gives it back.
SIGN_OFF_BREAK_RE = re.compile(r"[\"”][ \t]*\n(?=[ \t]*[—–][ \t]*[A-Z])")
# Wrapping widths seen in real copy: wire feeds 64-80 columns, e-mail 72-78, PDFs up to ~110.
MIN_WIDTH, MAX_WIDTH = 30, 120
# A backslash escaping a quotation mark, as copy scraped from a script or a feed keeps it.
ESCAPED_MARK_RE = re.compile(r"\\(?=[\"'“”‘’])")


def engine_text(text: str) -> str:
    """`text` with layout that carries no meaning turned into plain spaces; the same length."""
    # in plain ASCII the only odd space is the tab; otherwise one scan of the text per odd
    # space, each far cheaper than a regex testing a class on every character
    if ("\t" in text) if text.isascii() else any(c in text for c in _ODD_SPACE_CHARS):
        text = text.translate(ODD_SPACES)
    if "\r" in text:
        text = text.replace("\r\n", "\n ").replace("\r", "\n")
    if "`" in text:
        text = BACKTICK_RE.sub("‘", text)
    if "\n" in text and ("—" in text or "–" in text):
        text = SIGN_OFF_BREAK_RE.sub(_spaces_after_mark, text)
    if "\\" in text:
        text = _unescape_marks(text)
    if text.count("\n") >= 2:
        text = _unwrap(text)
    return text


def _unescape_marks(text: str) -> str:
    """A backslash before a quotation mark as a space before an opening mark, after a closing one.

    The mark opens after a space, a line break, a bracket or the start of the text, and then the
    backslash is a space; it closes after anything else when no letter or digit follows it, and
    then the mark moves onto the backslash and a space takes its place. One inside a word
    ("world\\'s") is left as it is.
    """
    chars = None
    for match in ESCAPED_MARK_RE.finditer(text):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 2] if at + 2 < len(text) else " "
        chars = chars if chars is not None else list(text)
        if before.isspace() or before in "([{—–":
            chars[at] = " "
        elif not after.isalnum():
            chars[at], chars[at + 1] = text[at + 1], " "
    return "".join(chars) if chars is not None else text


def _spaces_after_mark(match: re.Match) -> str:
    return match.group()[0] + " " * (len(match.group()) - 1)


def _unwrap(text: str) -> str:
    """Turn soft-wrap line breaks into spaces, when the text's lines show they are wrapped."""
    if "\n" not in text.replace("\n\n", ""):
        return text  # every break is next to another: no line of text follows a line of text
    lines = text.split("\n")
    # (break offset, length of the line before, the line after) for each line break followed by
    # a line of text: a break before a blank line ends a paragraph.
    filled = [bool(line.strip()) for line in lines]
    breaks = []
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if filled[i] and filled[i + 1]:
            breaks.append((pos, line.rstrip(), lines[i + 1]))
        pos += 1
    if len(breaks) < 2:
        return text
    width = max(len(before) for _, before, _ in breaks)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return text
    blank_lines = not all(filled)
    soft = []
    going_on = 0
    for at, before, after in breaks:
        first_word = after.split(None, 1)[0]
        if len(before) + 1 + len(first_word) <= width or OWN_LINE_RE.match(after):
            continue  # the next word would have fitted: a line broken on purpose
        ends = bool(SENTENCE_END_RE.search(before))
        going_on += not ends
        if blank_lines or not ends:
            soft.append(at)
    if going_on < 2 or 2 * len(soft) < len(breaks):
        return text
    chars = list(text)
    for at in soft:
        chars[at] = " "
    return "".join(chars)
