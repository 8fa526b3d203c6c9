import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tools.seed.bulk import Progress, copy_baseline, seed_bulk


def count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a whole number.") from None
    if number < 0:
        raise CommandError(f"{value!r} is negative; counts are zero or more.")
    return number


class Command(BaseCommand):
    help = (
        "Generate a large, realistic, reproducible dataset (quotes, people, films, sources, "
        "articles) for performance work: COPY on PostgreSQL, batched inserts elsewhere."
    )
    # Loading data needs the models only, not the URLconf or the API settings that the checks
    # import (as `migrate`, it skips them).
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quotes", type=str, required=True, help="How many quotes.")
        parser.add_argument("--articles", type=str, help="How many articles (default quotes/25).")
        parser.add_argument("--people", type=str, help="How many people (default quotes/40).")
        parser.add_argument("--films", type=str, help="How many films (default quotes/400).")
        parser.add_argument("--seed", type=str, default="1", help="Random seed (default 1).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete existing content rows first."
        )
        parser.add_argument(
            "--compare-copy",
            action="store_true",
            help="PostgreSQL: also time COPY of the same quote rows and print the ratio.",
        )
        parser.add_argument("--report", help="Write the load figures to this JSON file.")

    def handle(self, *args, **options) -> None:
        quotes = count(options["quotes"])
        if quotes < 1:
            raise CommandError("--quotes must be at least 1.")
        extra = {
            name: count(options[name])
            for name in ("articles", "people", "films")
            if options[name] is not None
        }
        if extra.get("people") == 0 or extra.get("films") == 0:
            raise CommandError("--people and --films must be at least 1.")
        seed = count(options["seed"])
        if options["compare_copy"] and connection.vendor != "postgresql":
            raise CommandError("--compare-copy needs PostgreSQL.")
        # The progress bar redraws its line: written as given, unstyled.
        self.stderr.ending, self.stderr.style_func = "", None
        report = seed_bulk(
            quotes=quotes,
            seed=seed,
            reset=options["reset"],
            progress=Progress(self.stderr, enabled=options["verbosity"] > 0),
            **extra,
        )
        self.stdout.write(self.style.SUCCESS(f"Loaded {report.summary()}."))
        figures = {
            "counts": report.counts,
            "seconds": report.seconds,
            "quote_rate": report.quote_rate,
        }
        if options["compare_copy"]:
            with tempfile.TemporaryDirectory() as folder:
                baseline = copy_baseline(report.quote_rows, str(Path(folder) / "quotes.copy"))
            ratio = report.quote_rate / baseline["rate"] if baseline["rate"] else 0.0
            figures["copy"] = {**baseline, "ratio": ratio}
            verdict = "met" if ratio >= 1 / 3 else "NOT met"
            self.stdout.write(
                f"COPY of the same {baseline['rows']:,} quote rows: "
                f"{baseline['rate']:,.0f} rows/s; "
                f"seed_bulk: {report.quote_rate:,.0f} rows/s = {ratio:.2f}x COPY's rate "
                f"(target >= 0.33: {verdict})."
            )
        if options["report"]:
            Path(options["report"]).write_text(json.dumps(figures, indent=2))
