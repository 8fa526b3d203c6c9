"""A primary that accepts connections but never answers (a hung server, a host whose packets
are dropped after the handshake) must not hold a request or a command for ever: the connect
timeout (`CMS_DATABASE_CONNECT_TIMEOUT`) turns it into the same failure as a stopped server,
a 503 for readers and a non-zero exit for the operator.

The server here is a real listening socket that never speaks, which is what libpq meets when
PostgreSQL is stopped with SIGSTOP or its host stalls; it needs nothing installed.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Far above the connect timeout below, far below the "for ever" it replaces.
WAIT = 30


@pytest.fixture
def silent_server():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def run(code_or_command: list[str], port: int, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/quotedesk",
        "CMS_DATABASE_CONNECT_TIMEOUT": "2",
        "CMS_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings",
    }
    env.pop("DATABASE_REPLICA_URLS", None)
    try:
        return subprocess.run(
            [sys.executable, *code_or_command], cwd=REPO, env=env, capture_output=True,
            text=True, timeout=WAIT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"still waiting for the silent database after {WAIT} s: no connect timeout")


def test_a_command_against_a_silent_database_fails_within_the_timeout(silent_server, tmp_path):
    result = run(["manage.py", "ensure_admin"], silent_server, tmp_path)
    assert result.returncode != 0
    assert "timeout expired" in result.stderr


def test_healthz_of_a_silent_database_is_a_503_within_the_timeout(silent_server, tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz', HTTP_HOST='localhost')\n"
        "print(response.status_code, response.content.decode())\n"
    )
    result = run(["-c", code], silent_server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("503 "), result.stdout


def test_healthz_logs_why_the_database_is_unavailable(tmp_path):
    """Once the probe has taken the node out, /healthz is the only request the app still gets:
    its 503 must say why in the log (refused, timed out, a wrong password), not only in a
    status code."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "print(Client().get('/healthz', HTTP_HOST='localhost').status_code)\n"
    )
    result = run(["-c", code], port, tmp_path)
    assert result.stdout.strip() == "503", result.stderr
    warnings = [line for line in result.stderr.splitlines() if '"logger": "cms.views"' in line]
    assert warnings, result.stderr
    assert "Connection refused" in warnings[0]


@pytest.mark.parametrize("command", [["migrate"], ["ensure_admin"], ["load_demo"]])
def test_a_command_against_a_stopped_database_says_why_in_a_line_and_exits_1(command, tmp_path):
    """The operator at the console gets the database's reason, not forty lines of traceback
    ending in it; `--traceback` still shows the trace."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = run(["manage.py", *command], port, tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Connection refused" in result.stderr
    assert f"manage.py {command[0]}: the database failed:" in result.stderr
    traced = run(["manage.py", *command, "--traceback"], port, tmp_path)
    assert traced.returncode == 1
    assert "Traceback" in traced.stderr
