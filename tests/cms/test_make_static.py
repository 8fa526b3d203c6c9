"""`make run` and `make serve` collect static files only when they are missing or out of date.

Read from `make -n` with a stamp and a var directory of the test's own (nothing is run)."""

import os
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed(tmp_path):
    """An install stamp newer than pyproject.toml, as `make install` leaves it."""
    stamp = tmp_path / "installed-stamp"
    stamp.touch()
    now = time.time()
    os.utime(stamp, (now, now))
    return stamp


def planned(target: str, stamp: Path, var_dir: Path) -> str:
    env = {**os.environ, "CMS_VAR_DIR": str(var_dir)}
    result = subprocess.run(
        ["make", "-n", target, f"STAMP={stamp}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def collected(var_dir: Path, mtime: float) -> None:
    manifest = var_dir / "static" / "staticfiles.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{}")
    os.utime(manifest, (mtime, mtime))


@pytest.mark.parametrize("target", ["run", "serve"])
def test_static_files_are_collected_when_there_are_none(tmp_path, installed, target):
    assert "collectstatic" in planned(target, installed, tmp_path / "var")


@pytest.mark.parametrize("target", ["run", "serve"])
def test_static_files_are_not_collected_again_when_nothing_changed(tmp_path, installed, target):
    """Before, each `make run` compressed every file again: about 40 s of CPU, in silence."""
    collected(tmp_path / "var", installed.stat().st_mtime + 10)
    plan = planned(target, installed, tmp_path / "var")
    assert "collectstatic" not in plan
    assert "pip install" not in plan


def test_static_files_are_collected_again_after_an_install(tmp_path, installed):
    collected(tmp_path / "var", installed.stat().st_mtime - 10)
    assert "collectstatic" in planned("run", installed, tmp_path / "var")
