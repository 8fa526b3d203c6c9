"""The bench's Wagtail peer: a minimal Wagtail site (tools/bench/wagtail_peer/) serving the seed
article, built here into its own virtualenv and database, so that the article page can be timed
against Wagtail's in the same rounds (issue 19's target: at least Wagtail's rate).

Wagtail is never a dependency of the quote desk: `build()` installs it into
`var/bench/wagtail-venv` (the newest 8.x on the package index), and when that cannot be done
(no network, no such release) the bench goes on without the peer and says why.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings

PEER_DIR = Path(__file__).resolve().parent / "wagtail_peer"
REQUIREMENT = "wagtail>=8,<9"
DATABASE = "quotedesk_bench_wagtail"
# The seed article's text: the shared seeds beside the repository, else the demo's copy of it.
SEEDS = (
    Path(settings.BASE_DIR).parent / "shared" / "seeds" / "ballerina-wiseman-2025-06-09.txt",
    Path(settings.BASE_DIR) / "articles" / "demo" / "ballerina-wiseman-2025-06-09.txt",
)


@dataclass
class Peer:
    python: Path
    url: str  # its database
    path: str  # the article page's path
    version: str

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        return {**env, "DATABASE_URL": self.url, "DJANGO_SETTINGS_MODULE": "peer_site.settings"}


def run(args: list, *, env: dict | None = None, log) -> str:
    """Run a build step, its output to the log; the step's own error ends the build."""
    done = subprocess.run(
        [str(a) for a in args], env=env, cwd=PEER_DIR, capture_output=True, text=True, check=False
    )
    log.write(done.stdout + done.stderr)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"{Path(str(args[0])).name} {args[1]} ... failed: {tail[0]}")
    return done.stdout


def venv(directory: Path, log) -> tuple[Path, str]:
    """The peer's virtualenv with Wagtail, gunicorn and psycopg (made once, then reused)."""
    python = directory / "bin" / "python"
    probe = [python, "-c", "import wagtail, gunicorn, psycopg; print(wagtail.__version__)"]
    if python.exists():
        found = subprocess.run([str(a) for a in probe], capture_output=True, text=True)
        if found.returncode == 0:
            return python, found.stdout.strip()
    run([sys.executable, "-m", "venv", directory], log=log)
    run(
        [python, "-m", "pip", "install", "--quiet", REQUIREMENT, "gunicorn", "psycopg[binary]"],
        log=log,
    )
    return python, run(probe, log=log).strip()


def build(bench_dir: Path, database_url, out) -> Peer | None:
    """The peer, installed, migrated and loaded with the seed article; None (and the reason
    printed) when it cannot be built."""
    seed = next((path for path in SEEDS if path.exists()), None)
    with (bench_dir / "wagtail-build.log").open("a") as log:
        try:
            if seed is None:
                raise RuntimeError("no seed article text found")
            python, version = venv(bench_dir / "wagtail-venv", log)
            with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
                ).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{DATABASE}"')
            peer = Peer(python, database_url(DATABASE), "", version)
            run([python, "manage.py", "migrate", "--noinput", "-v0"], env=peer.env(), log=log)
            loaded = run([python, "manage.py", "load_seed", seed], env=peer.env(), log=log)
            peer.path = loaded.strip().splitlines()[-1]
        except (RuntimeError, OSError, psycopg.Error) as error:
            out.write(f"-- no Wagtail peer: {error} (see {bench_dir / 'wagtail-build.log'})\n")
            return None
    out.write(f"-- Wagtail peer: Wagtail {version}, {peer.path} on {DATABASE}\n")
    return peer
