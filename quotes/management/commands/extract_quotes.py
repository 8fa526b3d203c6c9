import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.extraction import extract_quotes
from quotes.extraction.inputs import InputError, read_article


class Command(BaseCommand):
    help = (
        "Print the direct quotations of an article as JSON, with code point offsets into the "
        "UTF-8 text (after any byte order mark). Writes nothing to the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a UTF-8 text file, or - for standard input")

    def handle(self, *args: object, **options: str) -> None:
        try:
            text = read_article(options["file"], sys.stdin.buffer)
        except InputError as exc:
            raise CommandError(str(exc)) from None
        quotes = [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "parent": q.parent,
            }
            for q in extract_quotes(text)
        ]
        self.stdout.write(json.dumps({"quotes": quotes}, ensure_ascii=False, indent=2))
