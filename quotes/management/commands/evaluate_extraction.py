import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.extraction.evaluation import (
    LAYOUTS,
    Figures,
    Passage,
    benchmark,
    evaluate,
    in_layout,
    parse_dataset,
)

DATASETS = Path(settings.BASE_DIR) / "tests" / "extraction"
# The set whose misses may be read and tuned on, then the sets that are only ever scored: one
# in our own style and twenty written, each before the engine was changed for it, to read like
# published copy. Sets of published copy that cannot be redistributed are scored by naming
# their file.
DEFAULT_SETS = {
    "dev": DATASETS / "devset.json",
    "held-out": DATASETS / "heldout.json",
    "held-out-real": DATASETS / "heldout_real.json",
    "held-out-real-2": DATASETS / "heldout_real2.json",
    "held-out-real-3": DATASETS / "heldout_real3.json",
    "held-out-real-4": DATASETS / "heldout_real4.json",
    "held-out-real-5": DATASETS / "heldout_real5.json",
    "held-out-real-6": DATASETS / "heldout_real6.json",
    "held-out-real-7": DATASETS / "heldout_real7.json",
    "held-out-real-8": DATASETS / "heldout_real8.json",
    "held-out-real-9": DATASETS / "heldout_real9.json",
    "held-out-real-10": DATASETS / "heldout_real10.json",
    "held-out-real-11": DATASETS / "heldout_real11.json",
    "held-out-real-12": DATASETS / "heldout_real12.json",
    "held-out-real-13": DATASETS / "heldout_real13.json",
    "held-out-real-14": DATASETS / "heldout_real14.json",
    "held-out-real-15": DATASETS / "heldout_real15.json",
    "held-out-real-16": DATASETS / "heldout_real16.json",
    "held-out-real-17": DATASETS / "heldout_real17.json",
    "held-out-real-18": DATASETS / "heldout_real18.json",
    "held-out-real-19": DATASETS / "heldout_real19.json",
    "held-out-real-20": DATASETS / "heldout_real20.json",
}
TUNABLE = frozenset({"dev"})
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
        '{"id", "text", "quotes": [{"text", "speaker", "nested"}]}), or time it with --speed. '
        "With no data set, scores the dev set and the held-out sets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "dataset",
            nargs="?",
            help="a data set's file, or the name of one in tests/extraction (dev, held-out, "
            "held-out-real, held-out-real-2 ...); without one, the dev and held-out sets",
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="list each passage's misses (of the dev set only, when no data set is named)",
        )
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--speed",
            "--bench",
            action="store_true",
            help="time extraction (CPU time, one core) over about 2 MB built from the passages "
            "of the data set, or of the dev set",
        )
        parser.add_argument(
            "--layouts",
            action="store_true",
            help="score each set again under each layout its copy may arrive in (straight or "
            "curly quotes, one line per paragraph, hard-wrapped, CRLF, no-break spaces, "
            "indented): speaker right, span F1 and end-to-end F1 only",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The report heads each set with its name ("held-out set"): that name was "no such file".
        if options["dataset"] in DEFAULT_SETS and not Path(options["dataset"]).exists():
            options["dataset"] = str(DEFAULT_SETS[options["dataset"]])
        if options["speed"]:
            if options["dataset"]:
                passages = self._load(options["dataset"])
            else:
                passages = [p for name in TUNABLE for p in self._load(str(DEFAULT_SETS[name]))]
            self._speed(passages, options)
            return
        if options["layouts"]:
            if options["dataset"]:
                sets = {options["dataset"]: self._load(options["dataset"])}
            else:
                sets = {name: self._load(str(path)) for name, path in DEFAULT_SETS.items()}
            self._layouts(sets, options["json"])
            return
        if options["dataset"]:
            figures = evaluate(self._load(options["dataset"]))
            if options["json"]:
                data = figures.as_dict(verbose=options["verbose"])
                self.stdout.write(json.dumps(data, indent=2))
            else:
                self._report(figures, options["verbose"])
            return
        # The held-out set's misses are never listed by default: reading them is tuning on it.
        results = {name: evaluate(self._load(str(path))) for name, path in DEFAULT_SETS.items()}
        if options["json"]:
            data = {
                name: figures.as_dict(verbose=options["verbose"] and name in TUNABLE)
                for name, figures in results.items()
            }
            self.stdout.write(json.dumps(data, indent=2))
            return
        for name, figures in results.items():
            self.stdout.write(f"{name} set ({DEFAULT_SETS[name].name})")
            self._report(figures, options["verbose"] and name in TUNABLE)
            self.stdout.write("")

    def _layouts(self, sets: dict[str, list[Passage]], as_json: bool) -> None:
        """Figures only, never misses: the held-out sets are scored here too."""
        results = {
            name: {layout: evaluate(in_layout(passages, layout)) for layout in LAYOUTS}
            for name, passages in sets.items()
        }
        if as_json:
            data = {
                name: {
                    layout: {
                        "speaker_accuracy": f.speaker_accuracy,
                        "span_f1": f.span_f1,
                        "e2e_f1": f.e2e_f1,
                    }
                    for layout, f in by_layout.items()
                }
                for name, by_layout in results.items()
            }
            self.stdout.write(json.dumps(data, indent=2))
            return
        for name, by_layout in results.items():
            self.stdout.write(f"{name}: layout, speaker right, span F1, end-to-end F1")
            for layout, f in by_layout.items():
                self.stdout.write(
                    f"  {layout:<18} {f.speaker_accuracy:.3f}  {f.span_f1:.3f}  {f.e2e_f1:.3f}"
                )
            self.stdout.write("")

    def _speed(self, passages: list[Passage], options: dict[str, Any]) -> None:
        size, seconds = benchmark(passages)
        rate = size / 1_000_000 / seconds
        if options["json"]:
            self.stdout.write(json.dumps({"bytes": size, "seconds": seconds, "mb_per_s": rate}))
        else:
            self.stdout.write(
                f"{size / 1_000_000:.2f} MB in {seconds:.2f} s of CPU time: {rate:.2f} MB/s"
            )

    def _load(self, path: str) -> list[Passage]:
        """Refuse a missing, unreadable or misshapen data set with a message, not a traceback."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(
                f"{path}: no such file, nor a set's name ({', '.join(DEFAULT_SETS)})"
            ) from None
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
