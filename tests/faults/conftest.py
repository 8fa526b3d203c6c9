"""Faults survived, with real parts: the test's own PostgreSQL cluster (initdb) and its own
redis-server, on free ports, served by gunicorn, never the machine's shared services.

They run under CI (`CI` set), once, in the PostgreSQL pass, and fail there when PostgreSQL's
server binaries or redis-server are missing; elsewhere they skip (they take a minute).
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Anonymous API requests a minute per address, low enough to show the throttle counting.
ANON_RATE = 8


@pytest.fixture(scope="module", autouse=True)
def in_ci_postgresql_pass():
    if not os.environ.get("CI"):
        pytest.skip("fault tests run under CI (set CI=1): they start their own servers")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass")


@pytest.fixture(scope="module")
def static_root(in_ci_postgresql_pass, request):
    """The session's collected static files, asked for once the module is known to run
    (collecting takes a while, and session fixtures would come before the skip)."""
    return request.getfixturevalue("collected_static")


def require(path: str | None, what: str) -> str:
    if not path:
        pytest.fail(f"CI is set but {what} is missing")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


def as_postgres(*command: str) -> list[str]:
    """PostgreSQL refuses to run as root: its tools run as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


class Cluster:
    """A PostgreSQL cluster of the test's own, which it may stop and start."""

    def __init__(self, bindir: str, workdir: Path) -> None:
        self.bindir = bindir
        self.data = workdir / "pgdata"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, *args: str, check: bool = True) -> None:
        # The server's output goes to a file: a pipe would stay open as long as it runs.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data.parent}"
        log = str(self.data.parent / "postgres.log")
        subprocess.run(
            as_postgres(
                f"{self.bindir}/pg_ctl", "-D", str(self.data), "-l", log, "-o", options, *args
            ),
            check=check,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def start(self) -> None:
        self.ctl("-w", "start")

    def stop(self) -> None:
        self.ctl("-w", "-m", "fast", "stop")


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="qd-faults-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(workdir):
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb")]
    bindir = os.path.dirname(
        require(initdb[-1], "PostgreSQL's initdb (apt-get install postgresql)")
    )
    cluster = Cluster(bindir, workdir)
    subprocess.run(
        as_postgres(f"{bindir}/initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.ctl("-m", "immediate", "stop", check=False)


class Redis:
    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def redis(workdir):
    server = Redis(require(shutil.which("redis-server"), "redis-server"), workdir)
    try:
        server.start()
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.stop()


@pytest.fixture(scope="module")
def app(cluster, redis, workdir, static_root):
    """gunicorn (2 workers) on the test's own PostgreSQL and Redis, migrated, DEBUG off."""
    (workdir / "var").mkdir()
    (workdir / "var" / "static").symlink_to(static_root, target_is_directory=True)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "REDIS_URL": redis.url,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CMS_VAR_DIR": str(workdir / "var"),
        "CMS_LOG_FORMAT": "plain",
        "CMS_API_ANON_RATE": f"{ANON_RATE}/min",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO, env=env, check=True, timeout=600,
    )  # fmt: skip
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--no-control-socket"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for_port(port)
        yield App(f"http://127.0.0.1:{port}", workdir / "gunicorn.log")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


class App:
    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log

    def get(self, path: str) -> tuple[int, dict, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
