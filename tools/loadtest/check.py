"""After a load test: every write the server acknowledged is in the database, as acknowledged,
and the figures of locust's run."""

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg


@dataclass
class Figures:
    requests: int
    failures: int
    rps: float
    p50_ms: float
    p95_ms: float
    server_errors: int

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


def read_figures(csv_prefix: Path) -> Figures:
    with open(f"{csv_prefix}_stats.csv", newline="") as file:
        total = next(row for row in csv.DictReader(file) if row["Name"] == "Aggregated")
    server_errors = 0
    failures_path = Path(f"{csv_prefix}_failures.csv")
    if failures_path.exists():
        with open(failures_path, newline="") as file:
            for row in csv.DictReader(file):
                if re.search(r"\b5\d\d\b", row["Error"]):
                    server_errors += int(row["Occurrences"])
    return Figures(
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        rps=float(total["Requests/s"]),
        p50_ms=float(total["50%"]),
        p95_ms=float(total["95%"]),
        server_errors=server_errors,
    )


@dataclass
class Writes:
    """The acknowledged writes of a run, checked against the database."""

    acknowledged: int
    quotes: int
    # Quotes not stored as last acknowledged: a lost or a wrong write.
    problems: list[str]
    # Quotes stored at a later version than any answer acknowledged: a write that committed
    # while its answer failed (the database or the worker went away after the commit). Not
    # lost: its client's next write with the old If-Match gets a 412 and rereads.
    unacknowledged: list[str]

    def summary(self) -> list[str]:
        return [
            f"writes acknowledged: {self.acknowledged} (on {self.quotes} quotes)   "
            f"lost or wrong in the database: {len(self.problems)}   "
            f"committed without an answer: {len(self.unacknowledged)}",
            *self.problems[:20],
        ]


def failure_reason(
    writes: Writes, *, failures: int = 0, server_errors: int = 0, stale_reads: int = 0
):
    """Why a run fails, naming only what went wrong (None: it passed). Every count was listed
    whatever failed, so a run too short to write anything ended in a line of zeros."""
    reasons = []
    if failures or server_errors:
        reasons.append(f"{failures} failed requests ({server_errors} server errors)")
    if writes.problems:
        reasons.append(f"{len(writes.problems)} lost or wrong writes")
    if stale_reads:
        reasons.append(f"{stale_reads} stale reads")
    if not writes.acknowledged:
        reasons.append(
            "no write was acknowledged, so none could be checked "
            "(give the run more --seconds or --users)"
        )
    return "; ".join(reasons) or None


def lost_writes(acks_path: Path, database_url: str) -> Writes:
    """Each quote's last acknowledged version must be the one in the database, with the
    acknowledged text and state, or a later one that no answer acknowledged."""
    latest: dict[int, dict] = {}
    count = 0
    for line in acks_path.read_text().splitlines():
        ack = json.loads(line)
        count += 1
        if ack["id"] not in latest or ack["version"] > latest[ack["id"]]["version"]:
            latest[ack["id"]] = ack
    problems, unacknowledged = [], []
    with psycopg.connect(database_url) as connection:
        rows = {
            pk: (version, text, state)
            for pk, version, text, state in connection.execute(
                "SELECT id, version, text, state FROM quotes_quote WHERE id = ANY(%s)",
                [list(latest)],
            )
        }
    for pk, ack in latest.items():
        expected = (ack["version"], ack["text"], ack["state"])
        stored = rows.get(pk)
        if stored is not None and stored[0] > ack["version"]:
            unacknowledged.append(f"quote {pk}: acknowledged {expected}, stored {stored}")
        elif stored != expected:
            problems.append(f"quote {pk}: acknowledged {expected}, stored {stored}")
    return Writes(count, len(latest), problems, unacknowledged)


@dataclass
class Events:
    """Every request of a run, from the events file the locustfile writes."""

    times: list[float]
    failed_by_status: dict[int, int]
    stale_reads: int
    failed_times: list[float]
    # 503 answers, and how many of them said when to come back (Retry-After).
    unavailable: int = 0
    unavailable_with_retry_after: int = 0
    # "status name" -> failed requests, to say which requests failed unexpectedly.
    failed_requests: Counter = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.times)

    def throughput(self, start: float, end: float) -> float:
        """Requests a second that began within [start, end)."""
        if end <= start:
            return 0.0
        return sum(start <= t < end for t in self.times) / (end - start)

    def since(self, moment: float) -> tuple[int, int]:
        """(requests, failed requests) that began at or after `moment`."""
        return sum(t >= moment for t in self.times), sum(t >= moment for t in self.failed_times)


def read_events(path: Path) -> Events:
    events = Events([], {}, 0, [])
    failed = Counter()
    for line in path.read_text().splitlines():
        event = json.loads(line)
        events.times.append(event["t"])
        if event["failed"]:
            failed[event["status"]] += 1
            events.failed_times.append(event["t"])
            events.failed_requests[f"{event['status']} {event['name']}"] += 1
        events.stale_reads += bool(event.get("stale"))
        if event["status"] == 503:
            events.unavailable += 1
            events.unavailable_with_retry_after += bool(event.get("retry_after"))
    events.failed_by_status = dict(sorted(failed.items()))
    return events
