import pytest

# Injected by the browser itself before any page script (so the page's CSP does not apply to it):
# records every Content Security Policy violation the page causes.
WATCH_CSP = """
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp_violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched_browser(browser):
    """The headless Chromium of `browser`, recording CSP violations on every page it loads."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_CSP})
    return browser


def csp_violations(driver) -> list[str]:
    return driver.execute_script("return window.__csp_violations || [];")
