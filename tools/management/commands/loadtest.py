import argparse
import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tools.loadtest.check import failure_reason, lost_writes, read_events, read_figures
from tools.loadtest.faults import FAULTS, fault_verdict

LOCUSTFILE = Path(__file__).resolve().parents[2] / "loadtest" / "locustfile.py"

# Run inside the fresh database (manage.py shell -c): editors with tokens, and what the
# scenario reads and writes.
PREPARE = """
import json
from django.contrib.auth.models import Group, Permission, User
from rest_framework.authtoken.models import Token
from articles.models import Article
from quotes.models import Person, Quote, Source
perms = Permission.objects.filter(codename__in=[
    "add_quote", "change_quote", "view_quote", "approve_quote",
    "add_article", "change_article", "view_article", "publish_article"])
tokens = []
for n in range(EDITORS):
    user = User.objects.create_user(f"load-editor-{n}", is_staff=True)
    user.user_permissions.set(perms)
    tokens.append(Token.objects.create(user=user).key)
print(json.dumps({
    "tokens": tokens,
    "articles": list(Article.objects.published().values_list("slug", flat=True)),
    "quotes": list(Quote.objects.published().values_list("pk", flat=True)),
    "speaker": Person.objects.order_by("pk").values_list("slug", flat=True).first(),
    "source": Source.objects.order_by("pk").values_list("pk", flat=True).first(),
}))
"""


class Command(BaseCommand):
    help = (
        "Load test: a fresh PostgreSQL database with the demo, gunicorn on 127.0.0.1, locust "
        "headless with readers and API editors; then checks every acknowledged write."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--users", type=int, default=20)
        parser.add_argument("--editors", type=int, default=3, help="editor accounts (tokens)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--port", type=int, help="gunicorn's port (default: a free one)")
        parser.add_argument(
            "--server",
            default=os.environ.get("CMS_LOADTEST_SERVER", "postgres://postgres@127.0.0.1:5432"),
            help="PostgreSQL server URL (no database name); a user that may create databases",
        )
        parser.add_argument("--database", default="quotedesk_loadtest")
        parser.add_argument(
            "--topology",
            action="store_true",
            help="against deploy/topology.py (Varnish, two gunicorn nodes, a PostgreSQL primary "
            "and its replica, Redis, all of its own): kills a node and stops the replica midway",
        )
        parser.add_argument(
            "--fault",
            choices=sorted(FAULTS),
            help="on a PostgreSQL cluster and a redis-server of its own (not --server): restart "
            "PostgreSQL, or SIGKILL gunicorn workers mid-request, while the load runs",
        )
        # Tests: static files collected beforehand, linked rather than collected again.
        parser.add_argument("--static-from", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if not 1 <= options["seconds"] <= 600 or not 1 <= options["users"] <= 500:
            raise CommandError("--seconds must be 1-600 and --users 1-500.")
        if options["topology"] and options["fault"]:
            raise CommandError("--fault runs without --topology (which has its own faults).")
        if options["topology"]:
            self.handle_topology(options)
            return
        with tempfile.TemporaryDirectory(prefix="loadtest-") as folder:
            work = Path(folder)
            with self.database(options, work) as (database_url, services_env, cluster):
                env = {
                    **os.environ,
                    "DATABASE_URL": database_url,
                    "DJANGO_DEBUG": "0",
                    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                    "CMS_VAR_DIR": str(work / "var"),
                    **services_env,
                    **LOAD_ENV,
                }
                self.step("Migrating, loading the demo, collecting static files")
                self.manage(env, "migrate", "--noinput")
                self.manage(env, "load_demo")
                try:
                    load_topology().link_or_collect_static(env, options["static_from"])
                except RuntimeError as exc:
                    raise CommandError(str(exc)) from None
                self.write_config(env, options, work)
                port = options["port"] or load_topology().free_port()
                gunicorn = self.start_gunicorn(env, port, options["workers"], work)
                locust = fault = None
                try:
                    locust = self.run_locust(env, options, f"http://127.0.0.1:{port}", work)
                    if options["fault"]:
                        fault = FAULTS[options["fault"]](self.step, options["seconds"], time.time())
                        fault.run(gunicorn, cluster)
                    locust.wait(options["seconds"] + 120)
                finally:
                    if locust is not None and locust.poll() is None:
                        locust.terminate()  # the fault went wrong: stop the load too
                        locust.wait(timeout=30)
                    gunicorn.send_signal(signal.SIGTERM)
                    gunicorn.wait(timeout=30)
                self.check_ran(work)
                figures = read_figures(work / "locust")
                events = read_events(work / "events.jsonl")
                writes = lost_writes(work / "acks.jsonl", database_url)
        if fault is not None:
            lines, verdict = fault_verdict(fault, options, events, figures, writes)
            self.stdout.write("\n".join(lines))
            if verdict:
                raise CommandError(verdict)
            return
        self.report(options, figures, writes, events.stale_reads)
        failed = failure_reason(
            writes,
            failures=figures.failures,
            server_errors=figures.server_errors,
            stale_reads=events.stale_reads,
        )
        if failed:
            raise CommandError(failed)

    @contextlib.contextmanager
    def database(self, options, work: Path):
        """(database URL, environment for the app, cluster or None): a fresh database on
        --server; for a fault, a PostgreSQL cluster and a redis-server of the run's own, which
        it may stop, never the machine's shared ones."""
        if not options["fault"]:
            server = options["server"].rstrip("/")
            self.recreate_database(server, options["database"])
            yield f"{server}/{options['database']}", {}, None
            return
        topology = load_topology()
        missing = topology.postgres_missing()
        if missing:
            raise CommandError(missing)
        work.chmod(0o755)  # PostgreSQL runs as its own user under it
        self.step("Starting a PostgreSQL cluster and a redis-server of the run's own")
        cluster = redis = None
        try:
            try:
                cluster = topology.init_primary(work / "pg")
                cluster.psql("CREATE DATABASE quotedesk")
                redis, redis_port = topology.start_redis(work)
            except (RuntimeError, TimeoutError, OSError) as exc:
                raise CommandError(f"Could not start PostgreSQL or Redis: {exc}") from None
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
            yield cluster.url("quotedesk"), {"REDIS_URL": redis_url}, cluster
        finally:
            if redis is not None:
                redis.terminate()
                redis.wait(timeout=30)
            if cluster is not None:
                cluster.stop("immediate")

    def handle_topology(self, options) -> None:
        """The same scenario through Varnish, on two nodes and a replica. A quarter of the way
        in the replica stops for a fifth of the run; halfway, a node is killed (SIGKILL)."""
        topology = load_topology()
        seconds = options["seconds"]
        with tempfile.TemporaryDirectory(prefix="loadtest-topology-") as folder:
            work = Path(folder)
            work.chmod(0o755)  # PostgreSQL runs as its own user under it
            stack = topology.Topology(work / "topology", nodes=2, workers=options["workers"])
            try:
                self.step("Starting Varnish, 2 nodes, PostgreSQL primary and replica, Redis")
                try:
                    stack.start(extra_env=LOAD_ENV, static_root=options["static_from"])
                except (RuntimeError, TimeoutError, OSError) as exc:
                    raise CommandError(f"The topology did not start: {exc}") from None
                self.write_config(stack.env, options, work)
                self.step(f"Running locust: {options['users']} users for {seconds} s")
                locust = self.run_locust(stack.env, options, stack.url, work)
                start = time.time()
                moments = {}
                first = min(stack.node_processes)
                for at, what, action in (
                    (seconds * 0.25, "replica stopped", stack.standby.stop),
                    (seconds * 0.45, "replica started", stack.standby.start),
                    (seconds * 0.5, "node killed", lambda: stack.kill_node(first)),
                ):
                    time.sleep(max(0.0, start + at - time.time()))
                    action()
                    moments[what] = time.time()
                    self.step(f"{what} at {moments[what] - start:.0f} s")
                locust.wait(seconds + 120)
                end = time.time()
                writes = lost_writes(work / "acks.jsonl", stack.primary.url("quotedesk"))
            finally:
                stack.stop()
            self.check_ran(work)
            figures = read_figures(work / "locust")
            events = read_events(work / "events.jsonl")
        killed = moments["node killed"]
        lines = [
            f"Load test on the topology: Varnish, 2 gunicorn nodes ({options['workers']} workers "
            f"each), PostgreSQL primary and replica, Redis; {options['users']} users for "
            f"{seconds} s",
            "events: "
            + ", ".join(f"{what} at {moment - start:.0f} s" for what, moment in moments.items()),
            f"requests: {events.requests}   failed: {sum(events.failed_by_status.values())}   "
            f"failed by status: {events.failed_by_status or 'none'} (0: no answer)",
            f"stale reads after an unpublish returned: {events.stale_reads}",
            f"throughput: {events.throughput(start, killed):.1f} requests/s with 2 nodes, "
            f"{events.throughput(killed, end):.1f} with 1 node   "
            f"latency p50: {figures.p50_ms:.0f} ms   p95: {figures.p95_ms:.0f} ms",
            *writes.summary(),
        ]
        self.stdout.write("\n".join(lines))
        # Failed requests are expected here (the node killed); writes and reads are checked.
        failed = failure_reason(writes, stale_reads=events.stale_reads)
        if failed:
            raise CommandError(failed)

    def check_ran(self, work: Path) -> None:
        if not Path(f"{work / 'locust'}_stats.csv").exists():
            log = (work / "locust.log").read_text()[-2000:]
            raise CommandError(f"locust did not run:\n{log}")

    def write_config(self, env: dict, options, work: Path) -> None:
        config = self.manage(
            env, "shell", "-c", PREPARE.replace("EDITORS", str(options["editors"]))
        )
        (work / "config.json").write_text(config.strip().splitlines()[-1])

    def step(self, message: str) -> None:
        self.stderr.write(f"loadtest: {message}")

    def recreate_database(self, server: str, name: str) -> None:
        if not name.replace("_", "").isalnum():
            raise CommandError(f"{name!r} is not a plain database name.")
        try:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc:
            raise CommandError(f"Cannot create the database {name} on {server}: {exc}") from None

    def manage(self, env: dict, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise CommandError(f"manage.py {args[0]} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def start_gunicorn(self, env: dict, port: int, workers: int, work: Path):
        self.step(f"Starting gunicorn on 127.0.0.1:{port} ({workers} workers x 4 threads)")
        try:
            process = load_topology().start_node(env, port, work / "gunicorn.log", workers)
        except (RuntimeError, TimeoutError) as exc:
            raise CommandError(f"gunicorn did not start: {exc}") from None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    return process
            except OSError:
                if process.poll() is not None:
                    raise CommandError("gunicorn exited on start.") from None
                time.sleep(0.3)
        process.terminate()
        raise CommandError("gunicorn did not answer /healthz within 30 s.")

    def run_locust(self, env, options, host: str, work: Path) -> subprocess.Popen:
        """locust, headless, in the background: its figures in work/locust_*.csv, every request
        in work/events.jsonl, every acknowledged write in work/acks.jsonl."""
        users = options["users"]
        (work / "acks.jsonl").touch()
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 5)),
                "--run-time",
                f"{options['seconds']}s",
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--csv",
                str(work / "locust"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],  # fmt: skip
            env={
                **env,
                "LOADTEST_CONFIG": str(work / "config.json"),
                "LOADTEST_ACKS": str(work / "acks.jsonl"),
                "LOADTEST_EVENTS": str(work / "events.jsonl"),
            },
            stdout=(work / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )

    def report(self, options, figures, writes, stale_reads) -> None:
        lines = [
            f"Load test: {options['users']} users for {options['seconds']} s "
            f"against gunicorn ({options['workers']} workers) on PostgreSQL",
            f"requests: {figures.requests}   failures: {figures.failures}   "
            f"server errors: {figures.server_errors}   error rate: {figures.error_rate:.3%}",
            f"throughput: {figures.rps:.1f} requests/s   "
            f"latency p50: {figures.p50_ms:.0f} ms   p95: {figures.p95_ms:.0f} ms",
            f"stale reads after an unpublish returned: {stale_reads}",
            *writes.summary(),
        ]
        self.stdout.write("\n".join(lines))


# The app's environment under load: throttles out of the way, errors only in the logs.
LOAD_ENV = {
    "CMS_API_ANON_RATE": "1000000/min",
    "CMS_API_USER_RATE": "1000000/min",
    # The load test's editors are its own accounts, signing in with a password many times from
    # one address: no second factor, no login throttle.
    "CMS_REQUIRE_2FA": "0",
    "CMS_LOGIN_RATE": "1000000/hour",
    "CMS_LOG_LEVEL": "ERROR",
    "CMS_LOG_FORMAT": "plain",
}


def load_topology():
    """deploy/topology.py (deploy/ is not a package)."""
    path = settings.BASE_DIR / "deploy" / "topology.py"
    spec = importlib.util.spec_from_file_location("deploy_topology", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
