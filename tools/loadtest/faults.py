"""The load test's faults (`manage.py loadtest --fault NAME`): what is done to the running
service while locust's users keep going, and what must hold afterwards besides the load test's
own check that every acknowledged write is in the database.

- `postgres-restart`: PostgreSQL stops (fast shutdown: sessions are cut) for a tenth of the run,
  at least 3 s, then starts. Meanwhile every request must get a 503 with Retry-After; from the
  moment it is back every request must succeed, served by the same gunicorn master and workers.
- `worker-kill`: three times, a gunicorn worker is killed (SIGKILL) while it is busy with a
  request. Only requests that worker was serving may go unanswered; gunicorn's master starts a
  new worker and the service goes on.
"""

import os
import signal
import time
from pathlib import Path

# How long to look for a busy worker before killing one anyway, and how often.
BUSY_WAIT_SECONDS = 5.0
BUSY_SAMPLE_SECONDS = 0.03
# A worker younger than this may still be importing the app: busy, but not with a request.
BOOTED_SECONDS = 8.0


def workers(master_pid: int) -> list[int]:
    """The gunicorn master's worker processes (Linux /proc: their parent is the master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == master_pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def age(pid: int) -> float:
    """Seconds since the process started (0 if it is gone)."""
    try:
        started = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except OSError:
        return 0.0
    return uptime - started / os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid: int) -> int:
    """User and system CPU time a process has used, in clock ticks (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def busy_worker(master_pid: int) -> tuple[int, bool]:
    """(a worker, whether it was seen busy): an idle gthread worker sleeps in its poll loop,
    so one whose CPU time moves between two samples is serving a request (once it has booted)."""
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while time.monotonic() < deadline:
        pids = [pid for pid in workers(master_pid) if age(pid) >= BOOTED_SECONDS]
        before = {pid: cpu_ticks(pid) for pid in pids}
        time.sleep(BUSY_SAMPLE_SECONDS)
        for pid in pids:
            if cpu_ticks(pid) > before[pid]:
                return pid, True
    return workers(master_pid)[0], False


def unexpected(events, expected: set[int]) -> dict[str, int]:
    """Failed requests by status and name, but for the statuses the fault explains."""
    return {
        request: count
        for request, count in events.failed_requests.items()
        if int(request.split()[0]) not in expected
    }


class Fault:
    name = ""

    def __init__(self, step, seconds: int, start: float) -> None:
        self.step = step
        self.seconds = seconds
        self.start = start
        self.moments: dict[str, float] = {}
        self.problems: list[str] = []

    def wait_until(self, fraction: float) -> None:
        time.sleep(max(0.0, self.start + self.seconds * fraction - time.time()))

    def mark(self, what: str) -> float:
        now = self.moments[what] = time.time()
        self.step(f"{what} at {now - self.start:.0f} s")
        return now

    def timeline(self) -> str:
        return ", ".join(f"{what} at {at - self.start:.0f} s" for what, at in self.moments.items())

    def run(self, gunicorn, cluster) -> None:
        raise NotImplementedError

    def lines(self, events) -> list[str]:
        """The fault's own figures; `self.problems` collects what must not happen."""
        raise NotImplementedError


class PostgresRestart(Fault):
    name = "postgres-restart"

    def run(self, gunicorn, cluster) -> None:
        self.master = gunicorn.pid
        self.workers_before = workers(gunicorn.pid)
        self.wait_until(0.4)
        cluster.stop("fast")
        self.mark("PostgreSQL stopped")
        time.sleep(max(3.0, self.seconds * 0.1))
        cluster.start()
        self.back = self.mark("PostgreSQL started")
        self.wait_until(0.9)
        self.alive = gunicorn.poll() is None
        self.workers_after = workers(gunicorn.pid)

    def lines(self, events) -> list[str]:
        after, failed_after = events.since(self.back)
        statuses = set(events.failed_by_status)
        same = self.alive and self.workers_after == self.workers_before
        if statuses - {503}:
            self.problems.append(f"failed answers other than 503: {unexpected(events, {503})}")
        if not events.unavailable:
            self.problems.append("no request got a 503 while PostgreSQL was down")
        if events.unavailable_with_retry_after != events.unavailable:
            self.problems.append("a 503 without Retry-After")
        if failed_after or not after:
            self.problems.append(f"{failed_after} of {after} requests failed once it was back")
        if not same:
            self.problems.append(
                f"gunicorn restarted: workers {self.workers_before} then {self.workers_after}"
            )
        return [
            f"503 answers with Retry-After: {events.unavailable_with_retry_after} of "
            f"{events.unavailable}",
            f"after PostgreSQL was back: {after} requests, {failed_after} failed   "
            f"gunicorn: {'the same master and workers throughout' if same else 'restarted'}",
        ]


class WorkerKill(Fault):
    name = "worker-kill"
    KILLS = (0.3, 0.45, 0.6)

    def run(self, gunicorn, cluster) -> None:
        self.busy = 0
        for fraction in self.KILLS:
            self.wait_until(fraction)
            pid, busy = busy_worker(gunicorn.pid)
            os.kill(pid, signal.SIGKILL)
            self.busy += busy
            self.mark(f"worker {pid} killed{' mid-request' if busy else ' (seen idle)'}")
        self.last = time.time()
        self.wait_until(0.9)
        self.alive = gunicorn.poll() is None
        self.workers_after = workers(gunicorn.pid)

    def lines(self, events) -> list[str]:
        unanswered = events.failed_by_status.get(0, 0)
        if set(events.failed_by_status) - {0}:
            self.problems.append(f"failed answers other than none: {unexpected(events, {0})}")
        if not self.alive or not self.workers_after:
            self.problems.append("gunicorn did not go on with new workers")
        # Requests begun after a kill may still reach the dead worker's kept-alive connection
        # only until the client notices; a few seconds on, everything must be answered.
        after, failed_after = events.since(self.last + 5)
        if failed_after or not after:
            self.problems.append(f"{failed_after} of {after} requests failed after the kills")
        return [
            f"workers killed: {len(self.KILLS)} ({self.busy} seen busy with a request)   "
            f"requests left without an answer: {unanswered}   "
            f"workers afterwards: {len(self.workers_after)}",
            f"from 5 s after the last kill: {after} requests, {failed_after} failed",
        ]


FAULTS = {fault.name: fault for fault in (PostgresRestart, WorkerKill)}


def fault_verdict(fault: Fault, options, events, figures, writes):
    """(the report's lines, what went wrong or "")."""
    own = fault.lines(events)
    lines = [
        f"Load test with a fault ({fault.name}): gunicorn ({options['workers']} workers) on a "
        f"PostgreSQL cluster and a redis-server of its own; {options['users']} users for "
        f"{options['seconds']} s",
        f"events: {fault.timeline()}",
        f"requests: {events.requests}   failed: {sum(events.failed_by_status.values())}   "
        f"failed by status: {events.failed_by_status or 'none'} (0: no answer)",
        *own,
        f"stale reads after an unpublish returned: {events.stale_reads}",
        f"throughput: {figures.rps:.1f} requests/s   "
        f"latency p50: {figures.p50_ms:.0f} ms   p95: {figures.p95_ms:.0f} ms",
        *writes.summary(),
        *writes.unacknowledged[:5],
        *fault.problems,
    ]
    wrong = [*fault.problems]
    if writes.problems:
        wrong.append(f"{len(writes.problems)} lost or wrong writes")
    if events.stale_reads:
        wrong.append(f"{events.stale_reads} stale reads")
    if not writes.acknowledged:
        wrong.append("no write acknowledged")
    return lines, "; ".join(wrong)
