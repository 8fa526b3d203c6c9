import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.extraction.evaluation import Figures, Passage, benchmark, evaluate, parse_dataset

DEFAULT_DATASET = Path(settings.BASE_DIR) / "tests" / "extraction" / "devset.json"
FIGURE_LINES = (
    ("Span precision", "span_precision"),
    ("Span recall", "span_recall"),
    ("Span F1", "span_f1"),
    ("Speaker right (of matched)", "speaker_accuracy"),
    ("End-to-end precision", "e2e_precision"),
    ("End-to-end recall", "e2e_recall"),
    ("End-to-end F1", "e2e_f1"),
)


class Command(BaseCommand):
    help = (
        "Score quote extraction against a labelled data set (a JSON list of "
        '{"id", "text", "quotes": [{"text", "speaker", "nested"}]}), or time it with --speed.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "dataset", nargs="?", default=str(DEFAULT_DATASET), help="defaults to the dev set"
        )
        parser.add_argument("--verbose", action="store_true", help="list each passage's misses")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--speed",
            "--bench",
            action="store_true",
            help="time extraction over at least 2 MB built from the data set's passages",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        passages = self._load(options["dataset"])
        if options["speed"]:
            size, seconds = benchmark(passages)
            rate = size / 1_000_000 / seconds
            if options["json"]:
                self.stdout.write(json.dumps({"bytes": size, "seconds": seconds, "mb_per_s": rate}))
            else:
                self.stdout.write(f"{size / 1_000_000:.2f} MB in {seconds:.2f} s: {rate:.2f} MB/s")
            return
        figures = evaluate(passages)
        if options["json"]:
            self.stdout.write(json.dumps(figures.as_dict(verbose=options["verbose"]), indent=2))
            return
        self._report(figures, options["verbose"])

    def _load(self, path: str) -> list[Passage]:
        """Refuse a missing, unreadable or misshapen data set with a message, not a traceback."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read it ({exc})") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}: not valid JSON ({exc})") from None
        try:
            return parse_dataset(data)
        except ValueError as exc:
            raise CommandError(f"{path}: {exc}") from None

    def _report(self, figures: Figures, verbose: bool) -> None:
        self.stdout.write(
            f"{figures.gold} gold quotes, {figures.predicted} predicted, {figures.matched} matched"
        )
        for label, attr in FIGURE_LINES:
            self.stdout.write(f"{label:<28} {getattr(figures, attr):.3f}")
        if not verbose:
            return
        for passage in figures.passages:
            self.stdout.write(f"\n{passage.id}")
            for text in passage.missed:
                self.stdout.write(f"  missed:   {text}")
            for text in passage.spurious:
                self.stdout.write(f"  spurious: {text}")
            for text, gold, predicted in passage.wrong_speaker:
                self.stdout.write(f"  speaker:  {text} (gold {gold}, predicted {predicted})")
