import argparse
import datetime as dt
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.importing import article_import
from quotes.extraction.inputs import InputError, read_article


def parse_date(value: str) -> dt.date:
    """argparse turns ArgumentTypeError into its usage message and exit status 2; a
    CommandError raised while parsing escaped run_from_argv as a traceback."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-06-09") from None


class Command(BaseCommand):
    help = (
        "Import an article as a draft with its quotes proposed for review. FILE is UTF-8 text, "
        "or - for standard input. Importing the same article again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--title", required=True)
        parser.add_argument("--outlet", required=True, help="Where the words were first said.")
        parser.add_argument("--url", default="", help="URL of that first source.")
        parser.add_argument("--via-outlet", default="", help="The outlet that printed the text.")
        parser.add_argument("--via-url", default="", help="URL of the text as printed.")
        parser.add_argument("--published-on", type=parse_date, default=None)

    def handle(self, *args, **options) -> None:
        if options["via_url"] and not options["via_outlet"]:
            raise CommandError("--via-url needs --via-outlet.")
        try:
            text = read_article(options["file"], stdin=sys.stdin.buffer)
            result = article_import(
                text=text,
                title=options["title"],
                outlet=options["outlet"],
                url=options["url"],
                via_outlet=options["via_outlet"],
                via_url=options["via_url"],
                published_on=options["published_on"],
            )
        except InputError as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(result.summary())
