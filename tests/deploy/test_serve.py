"""deploy/serve.py: Varnish in front of gunicorn, both stopped together."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.conftest import REPO, VARNISH_PATH, require_varnishd, serve

SERVE = [sys.executable, str(REPO / "deploy" / "serve.py"), "--wsgi-app", "tests.deploy.wsgi_app"]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        # Gone, or being reaped as it was read: /proc then answers ESRCH, not ENOENT.
        return False


def processes() -> dict[int, tuple[int, int, str]]:
    """pid -> (parent pid, process group, command line) of every process."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[int(entry)] = (int(fields[1]), int(fields[2]), command)
    return found


def descendants(pid: int) -> dict[int, str]:
    table = processes()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, _, command) in table.items():
            if ppid == parent and child not in found:
                found[child] = command
                todo.append(child)
    return found


def in_group(pgid: int) -> list[int]:
    return [pid for pid, (_, group, _) in processes().items() if group == pgid and alive(pid)]


def wait_gone(pids, timeout=15.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := [pid for pid in pids if alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture
def launched(shared_tmp):
    """deploy/serve.py on a free port in its own process group, serving the trivial app."""
    require_varnishd()
    port = serve.free_port()
    env = {**os.environ, "PATH": VARNISH_PATH, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    env["CMS_VAR_DIR"] = str(shared_tmp)
    env["CMS_VARNISH_STORAGE"] = "16M"
    for name in ("CMS_VARNISH_URLS", "CMS_BEHIND_PROXY", "CMS_BIND", "CMS_VARNISH_PURGERS"):
        env.pop(name, None)
    log = (shared_tmp / "serve.log").open("w")
    launcher = subprocess.Popen(
        SERVE, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if launcher.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"serve.py did not serve:\n{(shared_tmp / 'serve.log').read_text()}")
        time.sleep(0.2)
    yield launcher, port
    # The whole group, even once the launcher is gone: a test that fails leaves nothing behind.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(launcher.pid, signal.SIGKILL)
    launcher.wait()
    log.close()


def test_serve_answers_through_varnish_and_stops_with_its_process_group(launched):
    launcher, port = launched

    answers = []
    for _ in range(2):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/page", headers={"X-Forwarded-For": "203.0.113.9"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            answers.append((response.headers["X-Cache"], json.load(response)))
    assert [cache for cache, _ in answers] == ["MISS", "HIT"]
    assert answers[0][1] == {
        "x_forwarded_for": "127.0.0.1",
        "CMS_VARNISH_URLS": f"http://127.0.0.1:{port}",
        "CMS_BEHIND_PROXY": "1",
    }
    children = descendants(launcher.pid)
    commands = " ".join(children.values())
    assert "varnishd" in commands and "gunicorn" in commands

    os.killpg(launcher.pid, signal.SIGTERM)

    assert launcher.wait(30) == 0
    assert wait_gone(children) == []
    assert in_group(launcher.pid) == []


def test_gunicorn_answers_on_a_control_socket_of_its_own_which_the_launcher_prints(
    launched, shared_tmp
):
    """gunicorn's default control socket is one per user (~/.gunicorn/gunicorn.ctl): a second
    gunicorn on the machine took it over, and `gunicornc` then managed the wrong server."""
    launcher, port = launched
    socket_path = shared_tmp / f"gunicorn-{port}.ctl"
    gunicornc = Path(sys.executable).parent / "gunicornc"  # installed beside gunicorn
    # The command as printed runs: a bare `gunicornc` was not found outside the virtualenv.
    # The launcher prints it once its own poll finds Varnish answering, which can come after
    # the first test's requests did (a CI run on a slow machine read the log too early).
    printed = f"{gunicornc} -s {socket_path}"
    deadline = time.monotonic() + 30
    while printed not in (shared_tmp / "serve.log").read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert printed in (shared_tmp / "serve.log").read_text()
    shown = subprocess.run(
        [str(gunicornc), "-s", str(socket_path), "-c", "show workers", "-j"],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    workers = json.loads(shown.stdout)
    gunicorn_pids = {
        pid for pid, command in descendants(launcher.pid).items() if "gunicorn" in command
    }
    assert {worker["pid"] for worker in workers["workers"]} <= gunicorn_pids
    assert len(workers["workers"]) == 1  # WEB_CONCURRENCY


def test_a_launcher_killed_outright_takes_varnishd_and_gunicorn_with_it(launched):
    """varnishd as root changes user for its jail, which cleared its parent-death signal: it
    outlived a SIGKILLed launcher and kept the port, so the supervisor's restart failed."""
    launcher, port = launched
    children = descendants(launcher.pid)
    assert "varnishd" in " ".join(children.values())

    os.kill(launcher.pid, signal.SIGKILL)
    launcher.wait(10)

    assert wait_gone(children) == []
    with socket.socket() as again:  # nothing listens there any more (TIME_WAIT aside)
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


@pytest.mark.parametrize("dying", ["gunicorn", "varnishd"])
def test_when_either_child_dies_the_other_is_stopped_and_serve_fails(launched, dying):
    launcher, _ = launched
    children = descendants(launcher.pid)
    [child] = [
        pid
        for pid, command in children.items()
        if dying in command and processes()[pid][0] == launcher.pid
    ]

    os.kill(child, signal.SIGKILL)

    assert launcher.wait(30) != 0
    assert wait_gone(children) == []


def test_serve_without_varnishd_says_so_and_starts_nothing(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path), "PORT": str(serve.free_port())}

    result = subprocess.run(SERVE, cwd=REPO, env=env, capture_output=True, text=True, timeout=30)

    assert result.returncode != 0
    assert "varnishd not found" in result.stderr and "make run" in result.stderr
    assert "gunicorn" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "setting",
    [
        {"CMS_VARNISH_PURGERS": "10.0.0.300"},
        {"PORT": "eighty"},
        {"PORT": "0"},
        {"PORT": "99999"},
        {"PORT": "-5"},
        {"CMS_VARNISH_PROXY_PORT": "70000"},
        {"WEB_CONCURRENCY": ""},
        {"WEB_CONCURRENCY": "four"},
        {"WEB_CONCURRENCY": "0"},
        {"CMS_BIND": "192.0.2.1"},  # an address of no interface here (TEST-NET-1)
        {"CMS_BIND": "no-such-host.invalid"},
        {"CMS_BIND": "127.0.0.1:8000"},
        {"CMS_VARNISH_STORAGE": "lots"},
        {"CMS_VARNISH_STORAGE": "256Q"},
        {"CMS_VARNISH_STORAGE": "0"},
    ],
)
def test_a_bad_setting_is_named_and_starts_nothing(shared_tmp, setting):
    require_varnishd()
    env = {**os.environ, "PATH": VARNISH_PATH, "CMS_VAR_DIR": str(shared_tmp)}
    env.update({"PORT": str(serve.free_port()), **setting})  # a free PORT, unless it is the test

    result = subprocess.run(SERVE, cwd=REPO, env=env, capture_output=True, text=True, timeout=30)

    assert result.returncode == 1
    assert result.stderr.startswith("Cannot serve:")
    assert next(iter(setting)) in result.stderr
    assert "gunicorn" not in result.stdout + result.stderr


def test_a_port_in_use_is_named_and_starts_nothing(shared_tmp):
    """Before, the launcher found the other listener answering, said "Serving on" that port,
    then failed when varnishd could not bind it."""
    require_varnishd()
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        env = {**os.environ, "PATH": VARNISH_PATH, "CMS_VAR_DIR": str(shared_tmp)}
        env["PORT"] = str(port)

        result = subprocess.run(
            SERVE, cwd=REPO, env=env, capture_output=True, text=True, timeout=30
        )

    assert result.returncode == 1
    assert result.stderr.startswith(f"Cannot serve: PORT {port} on 127.0.0.1:")
    assert "in use" in result.stderr
    assert "gunicorn" not in result.stdout + result.stderr
    assert "Serving on" not in result.stdout
