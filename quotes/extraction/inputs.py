"""Read an article for extraction, refusing input that would give meaningless offsets."""

from pathlib import Path
from typing import BinaryIO

MAX_BYTES = 5 * 1024 * 1024
BOM = "\ufeff"


class InputError(ValueError):
    """The input cannot be extracted from; the message says why, for the person running it."""


def read_article(path: str, stdin: BinaryIO | None = None) -> str:
    """Decode a file (or standard input for "-") as UTF-8, keeping line endings as they are.

    Decoding the raw bytes is the same as opening with newline="": "\\r\\n" stays two code
    points, so offsets match the file. A leading byte order mark is dropped and offsets count
    from just after it.
    """
    if path == "-":
        if stdin is None:
            raise InputError("no standard input to read from")
        data = stdin.read(MAX_BYTES + 1)
        name = "standard input"
    else:
        file = Path(path)
        # A folder was "no such file", and a file that cannot be read a traceback.
        if file.is_dir():
            raise InputError(f"{path}: is a folder, not a text file")
        if not file.is_file():
            raise InputError(f"{path}: no such file")
        if file.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: larger than the 5 MB limit")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read it ({exc.strerror})") from None
        name = path
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than the 5 MB limit")
    if not data.strip():
        raise InputError(f"{name}: empty; there is no text to extract quotes from")
    if b"\x00" in data:
        raise InputError(f"{name}: looks binary (contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (bad byte at offset {exc.start})") from None
    return text[1:] if text.startswith(BOM) else text
