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

from tools.loadtest.check import lost_writes, read_figures

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
        parser.add_argument("--port", type=int, default=8190)
        parser.add_argument(
            "--server",
            default=os.environ.get("CMS_LOADTEST_SERVER", "postgres://postgres@127.0.0.1:5432"),
            help="PostgreSQL server URL (no database name); a user that may create databases",
        )
        parser.add_argument("--database", default="quotedesk_loadtest")

    def handle(self, *args, **options) -> None:
        if not 1 <= options["seconds"] <= 600 or not 1 <= options["users"] <= 500:
            raise CommandError("--seconds must be 1-600 and --users 1-500.")
        server = options["server"].rstrip("/")
        database_url = f"{server}/{options['database']}"
        self.recreate_database(server, options["database"])
        with tempfile.TemporaryDirectory(prefix="loadtest-") as folder:
            work = Path(folder)
            env = {
                **os.environ,
                "DATABASE_URL": database_url,
                "DJANGO_DEBUG": "0",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "CMS_VAR_DIR": str(work),
                "CMS_API_ANON_RATE": "1000000/min",
                "CMS_API_USER_RATE": "1000000/min",
                "CMS_LOG_LEVEL": "ERROR",
                "CMS_LOG_FORMAT": "plain",
            }
            self.step("Migrating, loading the demo, collecting static files")
            for command in (
                ["migrate", "--noinput"],
                ["load_demo"],
                ["collectstatic", "--noinput"],
            ):
                self.manage(env, *command)
            config = self.manage(
                env, "shell", "-c", PREPARE.replace("EDITORS", str(options["editors"]))
            )
            config_path = work / "config.json"
            config_path.write_text(config.strip().splitlines()[-1])
            acks_path = work / "acks.jsonl"
            acks_path.touch()
            gunicorn = self.start_gunicorn(env, options["port"], options["workers"], work)
            try:
                self.run_locust(env, options, config_path, acks_path, work / "locust")
            finally:
                gunicorn.send_signal(signal.SIGTERM)
                gunicorn.wait(timeout=30)
            figures = read_figures(work / "locust")
            acked, quotes, problems = lost_writes(acks_path, database_url)
        self.report(options, figures, acked, quotes, problems)
        if figures.failures or figures.server_errors or problems or not acked:
            raise CommandError(
                f"{figures.failures} failed requests ({figures.server_errors} server errors), "
                f"{len(problems)} lost or wrong writes, {acked} writes acknowledged."
            )

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
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--access-logfile",
                "-",
                "--error-logfile",
                str(work / "gunicorn-errors.log"),
            ],  # fmt: skip
            cwd=settings.BASE_DIR,
            env=env,
            stdout=(work / "gunicorn-access.log").open("w"),
            stderr=subprocess.STDOUT,
        )
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

    def run_locust(self, env, options, config_path: Path, acks_path: Path, csv_prefix: Path):
        users = options["users"]
        self.step(f"Running locust: {users} users for {options['seconds']} s")
        result = subprocess.run(
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
                f"http://127.0.0.1:{options['port']}",
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],  # fmt: skip
            env={**env, "LOADTEST_CONFIG": str(config_path), "LOADTEST_ACKS": str(acks_path)},
            capture_output=True,
            text=True,
            timeout=options["seconds"] + 120,
        )
        if not Path(f"{csv_prefix}_stats.csv").exists():
            raise CommandError(f"locust did not run:\n{result.stderr[-2000:]}")

    def report(self, options, figures, acked: int, quotes: int, problems: list[str]) -> None:
        lines = [
            f"Load test: {options['users']} users for {options['seconds']} s "
            f"against gunicorn ({options['workers']} workers) on PostgreSQL",
            f"requests: {figures.requests}   failures: {figures.failures}   "
            f"server errors: {figures.server_errors}   error rate: {figures.error_rate:.3%}",
            f"throughput: {figures.rps:.1f} requests/s   "
            f"latency p50: {figures.p50_ms:.0f} ms   p95: {figures.p95_ms:.0f} ms",
            f"writes acknowledged: {acked} (on {quotes} quotes)   "
            f"lost or wrong in the database: {len(problems)}",
            *problems[:20],
        ]
        self.stdout.write("\n".join(lines))
