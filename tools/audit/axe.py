"""Run axe-core on public pages in headless Chromium at a phone's and a desktop's width and print
each page's violations (and what axe could not decide). Exits non-zero on any violation.

    python tools/audit/axe.py AXE_MIN_JS BASE_URL PATH [PATH ...]

axe-core is not a dependency: install it from npm outside the repository (docs/lighthouse.md).
"""

import os
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTHS = {"mobile": 412, "desktop": 1350}
RUN = """const done = arguments[arguments.length - 1];
axe.run(document).then(r => done({
  violations: r.violations.map(v => [v.id, v.impact, v.nodes.length]),
  incomplete: r.incomplete.map(v => [v.id, v.impact, v.nodes.length]),
}));"""


def main(axe_js: str, base: str, paths: list[str]) -> int:
    source = Path(axe_js).read_text(encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for flag in ("--headless", "--no-sandbox"):
        options.add_argument(flag)
    found = 0
    for label, width in WIDTHS.items():
        driver = webdriver.Chrome(
            options=options,
            service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")),
        )
        try:
            driver.set_window_size(width, 900)
            for path in paths:
                driver.get(base.rstrip("/") + path)
                driver.execute_script(source)
                result = driver.execute_async_script(RUN)
                found += len(result["violations"])
                print(label, path, "violations:", result["violations"], "to review:",
                      result["incomplete"])  # fmt: skip
        finally:
            driver.quit()
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
