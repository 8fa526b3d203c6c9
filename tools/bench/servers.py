"""The servers the bench times: gunicorn (the project, the floor) and the repository's Varnish,
each in its own process group so that stopping the group stops it whatever happens, and the
keep-alive connections the runner times them over."""

import contextlib
import http.client
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = ["-w", "2", "-k", "gthread", "--threads", "1", "--keep-alive", "60"]
GUNICORN += ["--no-control-socket"]  # several run at once; gunicorn's default socket is per user
# Debian puts varnishd in /usr/sbin, which is not on every user's PATH.
VARNISH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def deploy_serve():
    """deploy/serve.py, which knows how to start the repository's Varnish (deploy/ is not a
    package: it ships with the repository, not the installed code)."""
    spec = importlib.util.spec_from_file_location("deploy_serve", BASE_DIR / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Servers:
    """Every gunicorn started here, each in its own process group, stopped on exit."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    def start(
        self, app: str, port: int, env: dict, log: Path, *, python=sys.executable, cwd=BASE_DIR
    ) -> subprocess.Popen:
        """gunicorn serving `app` (with the bench's settings) under `python`, from `cwd`."""
        handle = log.open("ab")
        self.processes.append(
            subprocess.Popen(
                [str(python), "-m", "gunicorn", app, *GUNICORN, "-b", f"127.0.0.1:{port}"],
                env=env,
                cwd=cwd,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )
        )
        return self.processes[-1]

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
        top = serve.top_vcl(backend_port=backend_port, probe_url=None)
        self.processes.append(
            serve.start_varnishd(varnishd, top=top, workdir=workdir, port=port, log=log)
        )

    def stop_one(self, process: subprocess.Popen) -> None:
        """Stop one server (its process group) and forget it."""
        terminate(process)
        wait_or_kill(process)
        self.processes.remove(process)

    def stop(self) -> None:
        for process in self.processes:
            terminate(process)
        for process in self.processes:
            wait_or_kill(process)
        self.processes = []


def terminate(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)


def wait_or_kill(process: subprocess.Popen) -> None:
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


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
