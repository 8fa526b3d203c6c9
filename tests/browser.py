"""A real headless Chromium for the tests that must see what a reader or an editor sees.

Tests marked `browser` skip with a reason where Chromium is absent, except where
CMS_REQUIRE_BROWSER=1 (CI sets it), where they fail instead, so CI always runs them.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def find_chromium() -> tuple[str | None, str | None]:
    binary = (
        os.environ.get("CHROMIUM_BIN")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    driver = os.environ.get("CHROMEDRIVER_BIN") or shutil.which("chromedriver")
    return binary, driver


def require_chromium() -> tuple[str, str]:
    binary, driver = find_chromium()
    if binary and driver:
        return binary, driver
    reason = "headless Chromium is not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CMS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CMS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@contextmanager
def chrome_driver(width: int = 1280, height: int = 900):
    """A Selenium WebDriver on headless Chromium, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = require_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
