"""Whole numbers a client types (a page size, a count, a version, a width in pixels)."""

# More than any count, size or version here; below the 4,300 digits int() refuses to read.
MOST_DIGITS = 18


def whole_number(text: str | None) -> int | None:
    """`text` as a whole number when it is one in ASCII digits, else None. `str.isdigit()` also
    takes "５" or "٥", which int() reads, and int() raises ValueError past 4,300 digits: both
    were let through to it, and the second was a 500."""
    if not text or len(text) > MOST_DIGITS or not text.isascii() or not text.isdigit():
        return None
    return int(text)
