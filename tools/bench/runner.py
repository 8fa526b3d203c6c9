"""The benchmark: the project under gunicorn, as production serves it, against its floors.

For each size (10 thousand and a million quotes by default) the runner
1. loads a database `quotedesk_bench_<size>` with `seed_bulk` (unless `--skip-load` finds one),
   timing PostgreSQL's own COPY of the same quote rows alongside;
2. prepares, inside Django: the pages to hit, each endpoint's status and query count, the SQL of
   each API list (for the floor), the deep page's cursor, EXPLAIN of the search queries;
3. serves the project (`gunicorn cms.wsgi -w 2 -k gthread --threads 1`, DEBUG off, the cache
   off), the floor app (`tools/bench/floor.py`, same settings), and the project with the
   cache on behind the repository's Varnish, for every size at once,
and, at the largest size, the Wagtail peer (`tools/bench/peer.py`: a Wagtail site serving the
seed article, under the same gunicorn settings; skipped, with the reason printed, when it cannot
be built), then times every endpoint of every size in interleaved rounds (each round hits each
endpoint `requests` times round-robin over keep-alive `http.client` connections from this process),
and reports each comparison as the median over rounds of the per-round ratio of medians, with
the rounds' spread, next to its target. Every server is stopped (by its process group id)
before it returns, whatever happens.
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings

from tools.bench import peer as wagtail
from tools.bench.report import report
from tools.bench.servers import Connection, Servers, free_port

BASE_DIR = Path(settings.BASE_DIR)
BENCH_DIR = Path(settings.VAR_DIR) / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GZIP = {"Accept-Encoding": "gzip"}


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


@dataclass
class Endpoint:
    key: str  # e.g. "api quotes"
    size: Size
    path: str
    expect: int = 200
    headers: dict = field(default_factory=dict)
    floor: bool = False
    varnish: bool = False  # through Varnish, in front of the application with the cache on
    peer: bool = False  # the Wagtail peer (`tools/bench/peer.py`)
    port: int = 0  # the server's port when it is neither the size's project nor its floor
    queries: int | None = None
    status: str = "ok"
    samples: list[list[float]] = field(default_factory=list)
    # The same endpoint's requests sent back to back, each round (see `measure`).
    bursts: list[list[float]] = field(default_factory=list)

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
            # The same page asked for as every browser asks, accepting gzip: Django compresses it
            # and Varnish serves its stored gzip object as it is, where for the plain client it
            # unzips it on every hit.
            found.append(Endpoint("page article gzip", size, probed["path"], headers=GZIP))
            found.append(
                Endpoint("varnish article gzip", size, probed["path"], headers=GZIP, varnish=True)
            )
    return found


def measure(endpoints: list[Endpoint], rounds: int, requests: int, out) -> None:
    connections: dict[int, Connection] = {}

    def connection_for(endpoint: Endpoint) -> Connection:
        port = endpoint.size.floor_port if endpoint.floor else endpoint.size.port
        if endpoint.varnish:
            port = endpoint.size.varnish_port
        port = endpoint.port or port
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
        # Each endpoint's requests again, one straight after another: interleaved, a request
        # finds the server idle for the length of a sweep, and on a virtual machine waking it
        # costs about half a millisecond, which is most of a cache hit's time.
        for endpoint in live:
            connection = connection_for(endpoint)
            connection.get(endpoint.url(), endpoint.headers)
            burst = []
            for _ in range(requests):
                status, seconds = connection.get(endpoint.url(), endpoint.headers)
                if status != endpoint.expect:
                    endpoint.status = f"status {status}"
                burst.append(seconds)
            endpoint.bursts.append(burst)
        out.write(f"-- round {number}/{rounds}: {time.perf_counter() - started:.1f}s\n")
        out.flush()


def serve_peer(peer: wagtail.Peer | None, size: Size, servers: Servers, reason: str) -> Endpoint:
    """The Wagtail peer's article page, served and ready, as an endpoint of `size` (timed in the
    same rounds as that size's pages); an endpoint marked skipped when there is no peer."""
    endpoint = Endpoint("wagtail article", size, peer.path if peer else "", peer=True)
    if peer is None:
        endpoint.status = f"skipped: {reason}"
        return endpoint
    endpoint.port = free_port()
    process = servers.start(
        "peer_site.wsgi:application",
        endpoint.port,
        peer.env(),
        BENCH_DIR / "wagtail.log",
        python=peer.python,
        cwd=wagtail.PEER_DIR,
    )
    try:
        servers.wait_ready([endpoint.port])
    except RuntimeError:
        servers.stop_one(process)
        endpoint.status = "skipped: did not start (var/bench/wagtail.log)"
    return endpoint


def run(
    *, sizes: list[int], rounds: int, requests: int, skip_load: bool, out, peer: bool = True
) -> dict:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    chosen = [Size(n) for n in sorted(sizes)]
    # Pages with DEBUG off need the static files manifest (in the bench's own CMS_VAR_DIR).
    manage("collectstatic", "--noinput", "-v0", env=chosen[0].env())
    for size in chosen:
        if not (skip_load and database_exists(size)):
            load(size, out)
        else:  # a database loaded by older code: its tables as this code expects them
            manage("migrate", "--noinput", "-v0", env=size.env())
        out.write(f"-- preparing {size.name}\n")
        out.flush()
        prepare(size)
    reason = "--no-wagtail"
    built = wagtail.build(BENCH_DIR, database_url, out) if peer else None
    if peer and built is None:
        reason = "could not be built"
    servers = Servers()
    try:
        for size in chosen:
            size.port, size.floor_port = free_port(), free_port()
            spec = BENCH_DIR / f"{size.name}.floor.json"
            floor_spec = {
                "dsn": size.url,
                **size.prepared["session"],
                "endpoints": size.prepared["floor"],
            }
            spec.write_text(json.dumps(floor_spec, indent=1))
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
        endpoints.append(serve_peer(built, chosen[-1], servers, reason))
        measure(endpoints, rounds, requests, out)
    finally:
        servers.stop()
    return report(chosen, endpoints, rounds, requests, out)
