"""The benchmark: the project under gunicorn, as production serves it, against its floors.

For each size (10 thousand and a million quotes by default) the runner
1. loads a database `quotedesk_bench_<size>` with `seed_bulk` (unless `--skip-load` finds one),
   timing PostgreSQL's own COPY of the same quote rows alongside;
2. prepares, inside Django: the pages to hit, each endpoint's status and query count, the SQL of
   each API list (for the floor), the deep page's cursor, EXPLAIN of the search queries;
3. serves the project (`gunicorn cms.wsgi -w 2 -k gthread --threads 1`, DEBUG off, the cache
   off), the floor app (`tools/bench/floor.py`, same settings), and the project with the
   cache on behind the repository's Varnish, for every size at once,
then times every endpoint of every size in interleaved rounds (each round hits each endpoint
`requests` times round-robin over keep-alive `http.client` connections from this process),
and reports each comparison as the median over rounds of the per-round ratio of medians, with
the rounds' spread, next to its target. Every server is stopped (by its process group id)
before it returns, whatever happens.
"""

import contextlib
import http.client
import importlib.util
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
BENCH_DIR = Path(settings.VAR_DIR) / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GUNICORN = ["-w", "2", "-k", "gthread", "--threads", "1", "--keep-alive", "60"]
# Debian puts varnishd in /usr/sbin, which is not on every user's PATH.
VARNISH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def deploy_serve():
    """deploy/serve.py, which knows how to start the repository's Varnish (deploy/ is not a
    package: it ships with the repository, not the installed code)."""
    spec = importlib.util.spec_from_file_location("deploy_serve", BASE_DIR / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1_000 == 0:
        return f"{size // 1_000}k"
    return str(size)


def server_url() -> str:
    """The PostgreSQL server of DATABASE_URL (when it is PostgreSQL), or the local default."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


def database_url(name: str) -> str:
    parts = urlsplit(server_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def manage(*args: str, env: dict, stdout=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        check=True,
        stdout=stdout,
    )


@dataclass
class Size:
    quotes: int
    name: str = ""
    url: str = ""
    load: dict = field(default_factory=dict)
    prepared: dict = field(default_factory=dict)
    port: int = 0
    floor_port: int = 0
    varnish_port: int = 0

    def __post_init__(self) -> None:
        self.name = f"quotedesk_bench_{label(self.quotes)}"
        self.url = database_url(self.name)

    @property
    def label(self) -> str:
        return label(self.quotes)

    def env(self) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "CMS_VAR_DIR": str(BENCH_DIR / "var"),
            # The bench is one client hammering the API: production's per-client throttle
            # would answer 429 after two minutes' worth of requests.
            "CMS_API_ANON_RATE": "100000000/min",
            "CMS_LOG_LEVEL": "ERROR",
            # Every answer is made by the application: the HTTP cache's own figures come from
            # the Varnish endpoints, served by a server of their own (`Servers.varnish`).
            "CMS_CACHE_ENABLED": "0",
        }


def database_exists(size: Size) -> bool:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [size.name]).fetchone()
    if not found:
        return False
    try:
        with psycopg.connect(size.url) as conn:
            return conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0] > 0
    except psycopg.Error:
        return False


def load(size: Size, out) -> None:
    report = BENCH_DIR / f"{size.name}.load.json"
    out.write(f"-- loading {size.quotes:,} quotes into {size.name}\n")
    out.flush()
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{size.name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{size.name}"')
    env = size.env()
    manage("migrate", "--noinput", "-v0", env=env)
    manage(
        "seed_bulk",
        f"--quotes={size.quotes}",
        "--seed=1",
        "--compare-copy",
        f"--report={report}",
        env=env,
    )


def prepare(size: Size) -> None:
    out = BENCH_DIR / f"{size.name}.prepared.json"
    manage("bench", "--prepare", str(out), env=size.env())
    size.prepared = json.loads(out.read_text())
    report = BENCH_DIR / f"{size.name}.load.json"
    size.load = json.loads(report.read_text()) if report.exists() else {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Servers:
    """Every gunicorn started here, each in its own process group, stopped on exit."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    def start(self, app: str, port: int, env: dict, log: Path) -> None:
        handle = log.open("ab")
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", app, *GUNICORN, "-b", f"127.0.0.1:{port}"],
                env=env,
                cwd=BASE_DIR,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )
        )

    def wait_ready(self, ports: list[int], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for port in ports:
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/robots.txt")
                    conn.getresponse().read()
                    conn.close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"no server answered on port {port}") from None
                    if any(p.poll() is not None for p in self.processes):
                        raise RuntimeError(
                            "a gunicorn exited at start; see var/bench/*.log"
                        ) from None
                    time.sleep(0.2)

    def varnish(self, backend_port: int, port: int, workdir: Path, log: Path) -> None:
        """The repository's Varnish (deploy/serve.py's way of starting it) on `port`, in front of
        the server on `backend_port`."""
        serve = deploy_serve()
        varnishd = serve.find_varnishd(VARNISH_PATH)
        if varnishd is None:
            raise RuntimeError("varnishd not found: apt-get install varnish varnish-modules")
        workdir.mkdir(parents=True, exist_ok=True)
        workdir.chmod(0o755)
        top = workdir / "top.vcl"
        top.write_text(serve.top_vcl(backend_port=backend_port, probe_url=None))
        command = serve.varnishd_command(
            varnishd=varnishd,
            listen=f"127.0.0.1:{port}",
            workdir=workdir / "n",
            admin=f"127.0.0.1:{free_port()}",
            vcl_file=top,
            storage="64M",
        )
        handle = log.open("ab")
        self.processes.append(
            subprocess.Popen(command, stdout=handle, stderr=handle, start_new_session=True)
        )

    def stop(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes = []


class Connection:
    """A keep-alive HTTP/1.1 connection; reopened if the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str, headers: dict) -> tuple[int, float]:
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
                response = self.conn.getresponse()
                response.read()
                return response.status, time.perf_counter() - started
            except (http.client.HTTPException, OSError):
                self.conn.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


@dataclass
class Endpoint:
    key: str  # e.g. "api quotes"
    size: Size
    path: str
    expect: int = 200
    headers: dict = field(default_factory=dict)
    floor: bool = False
    varnish: bool = False  # through Varnish, in front of the application with the cache on
    queries: int | None = None
    status: str = "ok"
    samples: list[list[float]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.key} @{self.size.label}"

    def url(self) -> str:
        return self.path


def endpoints_for(size: Size) -> list[Endpoint]:
    found = []
    for key, probed in size.prepared["endpoints"].items():
        endpoint = Endpoint(
            key, size, probed["path"], headers=probed.get("headers", {}), queries=probed["queries"]
        )
        if probed["status"] == 404:
            endpoint.status = "missing"
        elif probed["status"] != endpoint.expect:
            endpoint.status = f"status {probed['status']}"
        found.append(endpoint)
        if key.startswith("api ") and f"/floor/{key[4:]}/" in size.prepared["floor"]:
            found.append(Endpoint(f"floor {key[4:]}", size, f"/floor/{key[4:]}/", floor=True))
        if key == "page article":
            found.append(Endpoint("varnish article", size, probed["path"], varnish=True))
    return found


def measure(endpoints: list[Endpoint], rounds: int, requests: int, out) -> None:
    connections: dict[int, Connection] = {}

    def connection_for(endpoint: Endpoint) -> Connection:
        port = endpoint.size.floor_port if endpoint.floor else endpoint.size.port
        if endpoint.varnish:
            port = endpoint.size.varnish_port
        if port not in connections:
            connections[port] = Connection(port)
        return connections[port]

    live = [e for e in endpoints if e.status == "ok"]
    for endpoint in live:  # warm-up: caches, connections, prepared plans
        for _ in range(2):
            status, _ = connection_for(endpoint).get(endpoint.url(), endpoint.headers)
        if status != endpoint.expect:
            endpoint.status = "missing" if status == 404 else f"status {status}"
    live = [e for e in live if e.status == "ok"]
    for number in range(1, rounds + 1):
        started = time.perf_counter()
        timings: dict[str, list[float]] = {e.name: [] for e in live}
        for _ in range(requests):
            for endpoint in live:
                status, seconds = connection_for(endpoint).get(endpoint.url(), endpoint.headers)
                if status != endpoint.expect:
                    endpoint.status = f"status {status}"
                timings[endpoint.name].append(seconds)
        for endpoint in live:
            endpoint.samples.append(timings[endpoint.name])
        out.write(f"-- round {number}/{rounds}: {time.perf_counter() - started:.1f}s\n")
        out.flush()


def per_round(endpoint: Endpoint) -> list[float]:
    return [statistics.median(samples) for samples in endpoint.samples]


@dataclass
class Comparison:
    name: str
    numerator: Endpoint | None
    denominator: Endpoint | None
    target: float
    sense: str = "<="  # the ratio must be at most (<=) or at least (>=) the target
    note: str = ""

    def result(self) -> dict:
        row = {"comparison": self.name, "target": f"{self.sense} {self.target:g}"}
        for end in (self.numerator, self.denominator):
            if end is None or end.status != "ok" or not end.samples:
                reason = "missing" if end is None else end.status
                return {**row, "verdict": f"n/a ({reason})"}
        ratios = [
            a / b
            for a, b in zip(per_round(self.numerator), per_round(self.denominator), strict=True)
        ]
        ratio = statistics.median(ratios)
        met = ratio <= self.target if self.sense == "<=" else ratio >= self.target
        queries = ""
        if self.note == "same queries":
            same = self.numerator.queries == self.denominator.queries
            met = met and same
            queries = f"queries {self.denominator.queries} -> {self.numerator.queries}"
        return {
            **row,
            "ratio": ratio,
            "spread": [min(ratios), max(ratios)],
            "verdict": "met" if met else "NOT met",
            "note": queries,
        }


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
    header = f"{'endpoint':<28}" + "".join(f"{s.label + ' ms (queries)':>22}" for s in sizes)
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
                plain = endpoint.floor or endpoint.varnish
                queries = "" if plain else f" ({endpoint.queries})"
                cell = f"{ms:.1f}{queries}"
                table.setdefault(key, {})[size.label] = {
                    "ms": ms,
                    "queries": endpoint.queries,
                    "path": endpoint.path,
                }
            line += f"{cell:>22}"
        out.write(line + "\n")
    out.write(f"\n{'comparison':<44}{'ratio':>8}  {'spread':<15}{'target':<10}verdict\n")
    for row in results:
        if "ratio" in row:
            spread = f"[{row['spread'][0]:.2f}-{row['spread'][1]:.2f}]"
            out.write(
                f"{row['comparison']:<44}{row['ratio']:>7.2f}x  {spread:<15}{row['target']:<10}"
                f"{row['verdict']}  {row['note']}\n"
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


def run(*, sizes: list[int], rounds: int, requests: int, skip_load: bool, out) -> dict:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    chosen = [Size(n) for n in sorted(sizes)]
    # Pages with DEBUG off need the static files manifest (in the bench's own CMS_VAR_DIR).
    manage("collectstatic", "--noinput", "-v0", env=chosen[0].env())
    for size in chosen:
        if not (skip_load and database_exists(size)):
            load(size, out)
        out.write(f"-- preparing {size.name}\n")
        out.flush()
        prepare(size)
    servers = Servers()
    try:
        for size in chosen:
            size.port, size.floor_port = free_port(), free_port()
            spec = BENCH_DIR / f"{size.name}.floor.json"
            spec.write_text(
                json.dumps({"dsn": size.url, "endpoints": size.prepared["floor"]}, indent=1)
            )
            log = BENCH_DIR / f"{size.name}.log"
            servers.start("cms.wsgi", size.port, size.env(), log)
            servers.start(
                "tools.bench.floor:application",
                size.floor_port,
                {**size.env(), "BENCH_FLOOR_SPEC": str(spec)},
                log,
            )
            # The same application with the cache on, behind Varnish.
            cached_port, size.varnish_port = free_port(), free_port()
            servers.start("cms.wsgi", cached_port, {**size.env(), "CMS_CACHE_ENABLED": "1"}, log)
            servers.wait_ready([cached_port])
            servers.varnish(
                cached_port, size.varnish_port, BENCH_DIR / f"varnish-{size.label}", log
            )
        servers.wait_ready([p for s in chosen for p in (s.port, s.floor_port, s.varnish_port)])
        endpoints = [e for size in chosen for e in endpoints_for(size)]
        measure(endpoints, rounds, requests, out)
    finally:
        servers.stop()
    return report(chosen, endpoints, rounds, requests, out)
