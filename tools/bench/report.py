"""What the bench reports: each comparison as the median over rounds of the per-round ratio of
medians, with the rounds' spread, next to its target."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tools.bench.servers import GUNICORN

if TYPE_CHECKING:
    from tools.bench.runner import Endpoint, Size


def per_round(endpoint: Endpoint, back_to_back: bool = False) -> list[float]:
    rounds = endpoint.bursts if back_to_back else endpoint.samples
    return [statistics.median(samples) for samples in rounds]


@dataclass
class Comparison:
    name: str
    numerator: Endpoint | None
    denominator: Endpoint | None
    target: float
    sense: str = "<="  # the ratio must be at most (<=) or at least (>=) the target
    note: str = ""

    def result(self) -> dict:
        """The ratio of the interleaved requests (the target's), and beside it the ratio of
        the same endpoints' requests sent back to back (`back_to_back`), with its verdict."""
        row = {"comparison": self.name, "target": f"{self.sense} {self.target:g}"}
        for end in (self.numerator, self.denominator):
            if end is None or end.status != "ok" or not end.samples:
                reason = "missing" if end is None else end.status
                return {**row, "verdict": f"n/a ({reason})"}
        ratios = self.ratios(back_to_back=False)
        ratio = statistics.median(ratios)
        met = self.met(ratio)
        queries = ""
        if self.note == "same queries":
            same = self.numerator.queries == self.denominator.queries
            met = met and same
            queries = f"queries {self.denominator.queries} -> {self.numerator.queries}"
        row = {
            **row,
            "ratio": ratio,
            "spread": [min(ratios), max(ratios)],
            "verdict": "met" if met else "NOT met",
            "note": queries,
        }
        if self.numerator.bursts and self.denominator.bursts:
            burst = statistics.median(self.ratios(back_to_back=True))
            row["back_to_back"] = {"ratio": burst, "verdict": verdict(self.met(burst))}
        return row

    def ratios(self, *, back_to_back: bool) -> list[float]:
        return [
            a / b
            for a, b in zip(
                per_round(self.numerator, back_to_back),
                per_round(self.denominator, back_to_back),
                strict=True,
            )
        ]

    def met(self, ratio: float) -> bool:
        return ratio <= self.target if self.sense == "<=" else ratio >= self.target


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def comparisons(sizes: list[Size], endpoints: list[Endpoint]) -> list[Comparison]:
    index = {(e.key, e.size.quotes): e for e in endpoints}

    def get(key: str, size: Size) -> Endpoint | None:
        return index.get((key, size.quotes))

    found = []
    for size in sizes:
        at = f"@{size.label}"
        for name in ("quotes", "articles", "films", "people"):
            found.append(
                Comparison(
                    f"api {name} / floor {at}",
                    get(f"api {name}", size),
                    get(f"floor {name}", size),
                    2.5,
                )
            )
        found.append(
            Comparison(
                f"deep page / first page {at}",
                get("api quotes deep", size),
                get("api quotes", size),
                1.25,
            )
        )
        for kind in ("api", "page"):
            found.append(
                Comparison(
                    f"{kind} search common / rare {at}",
                    get(f"{kind} search common", size),
                    get(f"{kind} search rare", size),
                    10,
                )
            )
        found.append(
            Comparison(
                f"article: Varnish hit rate / uncached {at}",
                get("page article", size),
                get("varnish article", size),
                20,
                sense=">=",
            )
        )
        found.append(
            Comparison(
                f"article, gzip: Varnish hit rate / uncached {at}",
                get("page article gzip", size),
                get("varnish article gzip", size),
                20,
                sense=">=",
            )
        )
        for kind in ("home", "quote", "person", "film"):
            found.append(
                Comparison(
                    f"page {kind} / page article {at}",
                    get(f"page {kind}", size),
                    get("page article", size),
                    1.5,
                )
            )
    # Request rates: the article page's over the Wagtail peer's serving the seed article (the
    # peer's time over the article page's), at the largest size; 2x is the next step.
    largest = sizes[-1]
    for target, step in ((1, ""), (2, ", next step")):
        found.append(
            Comparison(
                f"article / wagtail (rate{step}) @{largest.label}",
                get("wagtail article", largest),
                get("page article", largest),
                target,
                sense=">=",
            )
        )
    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        keys = [e.key for e in endpoints if e.size is small and not e.floor]
        for key in keys:
            if key.startswith(("api ", "page ")):
                found.append(
                    Comparison(
                        f"{key}: {big.label} / {small.label}",
                        get(key, big),
                        get(key, small),
                        1.25,
                        note="same queries",
                    )
                )
    return found


def report(sizes: list[Size], endpoints: list[Endpoint], rounds, requests, out) -> dict:
    results = [c.result() for c in comparisons(sizes, endpoints)]
    out.write(
        f"\n== quote desk bench: {rounds} rounds x {requests} requests per endpoint, "
        f"gunicorn {' '.join(GUNICORN)}, DEBUG off\n\n"
    )
    # Each cell: the median of the interleaved requests, then of the back-to-back ones.
    header = f"{'endpoint':<28}" + "".join(f"{s.label + ' ms, b2b (queries)':>28}" for s in sizes)
    out.write(header + "\n")
    keys = list(dict.fromkeys(e.key for e in endpoints))
    table = {}
    for key in keys:
        line = f"{key:<28}"
        for size in sizes:
            endpoint = next((e for e in endpoints if e.key == key and e.size is size), None)
            if endpoint is None:
                cell = "-"
            elif endpoint.status != "ok" or not endpoint.samples:
                cell = endpoint.status
            else:
                ms = statistics.median(per_round(endpoint)) * 1000
                plain = endpoint.floor or endpoint.varnish or endpoint.peer
                queries = "" if plain else f" ({endpoint.queries})"
                burst = (
                    statistics.median(per_round(endpoint, True)) * 1000 if endpoint.bursts else 0
                )
                cell = f"{ms:.1f}, {burst:.1f}{queries}"
                table.setdefault(key, {})[size.label] = {
                    "ms": ms,
                    "back_to_back_ms": burst,
                    "queries": endpoint.queries,
                    "path": endpoint.path,
                }
            line += f"{cell:>28}"
        out.write(line + "\n")
    out.write(
        f"\n{'comparison':<44}{'ratio':>8}  {'spread':<15}{'target':<10}{'verdict':<9}"
        "back to back\n"
    )
    for row in results:
        if "ratio" in row:
            spread = f"[{row['spread'][0]:.2f}-{row['spread'][1]:.2f}]"
            burst = row.get("back_to_back")
            burst = f"{burst['ratio']:.2f}x {burst['verdict']}" if burst else "-"
            out.write(
                f"{row['comparison']:<44}{row['ratio']:>7.2f}x  {spread:<15}{row['target']:<10}"
                f"{row['verdict']:<9}{burst}  {row['note']}\n"
            )
        else:
            out.write(
                f"{row['comparison']:<44}{'':>8}  {'':<15}{row['target']:<10}{row['verdict']}\n"
            )
    out.write("\n")
    extra = {}
    for size in sizes:
        copy = size.load.get("copy")
        if copy:
            met = "met" if copy["ratio"] >= 1 / 3 else "NOT met"
            out.write(
                f"bulk load @{size.label}: seed_bulk {size.load['quote_rate']:,.0f} quotes/s, "
                f"COPY {copy['rate']:,.0f} rows/s: {copy['ratio']:.2f}x (target >= 0.33: {met}); "
                f"whole load {size.load['seconds']['total']:.0f}s\n"
            )
        for key, found in size.prepared.get("explain", {}).items():
            verdict = "a Seq Scan" if found["seq_scan_on_quote"] else "no Seq Scan"
            out.write(f"EXPLAIN {key} @{size.label}: {verdict} on quotes_quote (target: none)\n")
        targets = size.prepared.get("targets", {})
        deep = size.prepared["endpoints"].get("api quotes deep", {})
        out.write(
            f"targets @{size.label}: person {targets.get('person')} "
            f"({targets.get('person_quotes')} quotes), film {targets.get('film')} "
            f"({targets.get('film_quotes')} quotes), "
            f"deep page {deep.get('page', '-')} of the quote stream, words "
            f"{targets.get('rare_word')!r} / {targets.get('common_word')!r}\n"
        )
        extra[size.label] = {
            "load": size.load,
            "targets": targets,
            "explain": size.prepared.get("explain", {}),
        }
    return {"endpoints": table, "comparisons": results, "sizes": extra}
