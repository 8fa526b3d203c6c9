import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def skip_unless_postgres_pass_under_ci() -> None:
    """CI runs the suite on SQLite and again on PostgreSQL; tests of served processes run once."""
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass")


def pytest_runtest_setup(item):
    """A headless Chromium is one of the real parts CI starts: browser tests run once, in
    the PostgreSQL pass, as the tests of served processes do."""
    if item.get_closest_marker("browser"):
        skip_unless_postgres_pass_under_ci()


@pytest.fixture(scope="session")
def collected_static():
    """Static files collected once for every app process the tests start with DEBUG off
    (which needs the manifest; compressing every file takes a while): tests/deploy,
    tests/faults, tests/api/test_schema_live.py."""
    # Session fixtures are set up before the tests' own skips: skip here first.
    skip_unless_postgres_pass_under_ci()
    var = Path(tempfile.mkdtemp(prefix="quotedesk-static-"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO, env={**os.environ, "CMS_VAR_DIR": str(var)}, check=True, timeout=600,
    )  # fmt: skip
    yield var / "static"
    shutil.rmtree(var, ignore_errors=True)


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests render templates without running collectstatic, so the manifest storage of
    production (hashed names) is swapped for the plain one."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded images go to a directory of the test's own, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def second_factor_waived(settings):
    """Tests sign editors in with `force_login` or a password alone; two-factor sign-in is
    waived for them as for the local demo (`CMS_REQUIRE_2FA=0`). The tests of two-factor
    sign-in (tests/security/test_two_factor.py) turn it back on."""
    settings.CMS_REQUIRE_2FA = False


@pytest.fixture
def demo(db):
    from articles.demo import load_demo

    load_demo()
    from articles.models import Article

    return Article.objects.get(slug="ballerina-len-wiseman-whats-next-for-eve")


@pytest.fixture
def browser():
    """A headless Chromium WebDriver (skips, or fails under CMS_REQUIRE_BROWSER=1, if absent)."""
    from tests.browser import chrome_driver

    with chrome_driver() as driver:
        yield driver


@pytest.fixture
def purges(settings):
    """What writes purge from the HTTP cache, recorded (`tests.purging`)."""
    from tests.purging import RecordingPurgeBackend

    settings.CMS_PURGE_BACKEND = "tests.purging.RecordingPurgeBackend"
    settings.CMS_PURGE_REPEAT_SECONDS = 0
    RecordingPurgeBackend.purged = []
    return RecordingPurgeBackend


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the API throttles' counters)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
