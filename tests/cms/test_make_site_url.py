"""`make run` and `make serve` on another PORT: the site's own links name that port.

Read from `make -n` (what make would run, nothing run): starting the servers belongs to the
deploy tests, and what CMS_SITE_URL does to the links to the settings and page tests."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def server_line(target: str, **environ: str) -> str:
    """The line of `make -n <target>` that starts the server."""
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "CMS_SITE_URL")}
    result = subprocess.run(
        ["make", "-n", target],
        cwd=REPO,
        env={**env, **environ},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    # `make serve`'s line is continued with a backslash onto the next.
    commands = result.stdout.replace("\\\n", " ").splitlines()
    return next(line for line in commands if "runserver" in line or "deploy/serve.py" in line)


@pytest.mark.parametrize("target", ["run", "serve"])
def test_the_site_url_names_the_port_served_on(target):
    """Before, `PORT=8001 make run` served on 8001 while every canonical link, share link,
    citation, oEmbed answer and robots.txt's sitemap pointed at 127.0.0.1:8000."""
    assert "CMS_SITE_URL='http://127.0.0.1:8001'" in server_line(target, PORT="8001")
    assert "CMS_SITE_URL='http://127.0.0.1:8000'" in server_line(target)


@pytest.mark.parametrize("target", ["run", "serve"])
def test_a_site_url_set_in_the_environment_is_kept(target):
    line = server_line(target, PORT="8001", CMS_SITE_URL="https://desk.example.com")
    assert "CMS_SITE_URL='https://desk.example.com'" in line
