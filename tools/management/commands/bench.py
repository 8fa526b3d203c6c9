import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser


def sizes(value: str) -> list[int]:
    try:
        found = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r}: give quote counts like 10000,1000000"
        ) from None
    if not found or any(n < 1 for n in found):
        raise argparse.ArgumentTypeError(f"{value!r}: every size must be at least 1")
    return found


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be at least 1")
    return number


class Command(BaseCommand):
    help = (
        "Benchmark the site and API under gunicorn on PostgreSQL bulk data, against a bare "
        "WSGI floor running the same SQL, at each size (see README: Performance)."
    )
    # The bench serves whatever exists: an endpoint still being written shows as missing.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", type=sizes, default=[10_000, 1_000_000])
        parser.add_argument("--rounds", type=positive, default=7)
        parser.add_argument(
            "--requests", type=positive, default=5, help="Requests per endpoint per round."
        )
        parser.add_argument(
            "--skip-load", action="store_true", help="Reuse bench databases already loaded."
        )
        parser.add_argument(
            "--no-wagtail",
            action="store_true",
            help="Do not build and time the Wagtail peer (var/bench/wagtail-venv).",
        )
        parser.add_argument("--json", help="Also write the results to this JSON file.")
        parser.add_argument("--prepare", help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["prepare"]:
            from tools.bench.prepare import prepare

            Path(options["prepare"]).write_text(json.dumps(prepare(), indent=1, default=str))
            return
        from tools.bench.runner import run

        results = run(
            sizes=options["sizes"],
            rounds=options["rounds"],
            requests=options["requests"],
            skip_load=options["skip_load"],
            out=self.stdout,
            peer=not options["no_wagtail"],
        )
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(results, indent=2, default=str))
