"""Editors' text cannot attack readers.

Each payload of `xss.PAYLOADS` is put into every field a reader sees (article, quote, person,
character, film, franchise, outlet, source), with URL payloads in the URL fields, then every page
type that shows them is rendered: pages, lists, search, feeds, JSON-LD and the API. The fast
test reads the HTML; the browser tests load every page in Chromium, with the Content Security
Policy on and with it removed (so the sanitising and escaping alone are proven), and check that
no payload ran.
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from selenium.webdriver.support.ui import WebDriverWait

from . import xss
from .conftest import csp_violations

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "cite"}
SAFE_SCHEMES = {"http", "https", "mailto"}
FORBIDDEN_TAGS = {
    *("iframe", "frame", "frameset", "object", "embed", "base", "applet", "style", "noscript"),
}
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def unsafe_url(value: str) -> bool:
    """True if a browser could take this URL as something other than http(s), mailto or a
    relative link (it drops whitespace and control characters before reading the scheme)."""
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    match = SCHEME_RE.match(compact)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


class Inspector(HTMLParser):
    """Every way a page could run script that its templates did not put there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script_type: str | None = None
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        for name, content in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("srcdoc", "style"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and content and unsafe_url(content):
                self.problems.append(f"<{tag} {name}={content!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = attributes.get("src") or ""
            if attributes.get("type") == "application/ld+json" and not src:
                self.script_type = "ld+json"
                self.json_blocks.append("")
            elif src.startswith("/static/") and not src.startswith("/static/.."):
                self.script_type = "static"
            else:
                self.problems.append(f"<script {attributes}>")
                self.script_type = "other"

    def handle_endtag(self, tag) -> None:
        if tag == "script":
            self.script_type = None

    def handle_data(self, data) -> None:
        if self.script_type == "ld+json":
            self.json_blocks[-1] += data
        elif self.script_type is not None and data.strip():
            self.problems.append(f"script content {data[:60]!r}")


def inspect_html(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    problems = inspector.problems
    allowed_scripts = len(inspector.json_blocks) + html.count('<script src="/static/')
    if html.lower().count("<script") != allowed_scripts:
        problems.append("a <script the parser did not see as allowed")
    for block in inspector.json_blocks:
        try:
            json.loads(block)
        except ValueError:
            problems.append(f"JSON-LD block is not one JSON value: {block[:80]!r}")
    return problems


def inspect_feed(xml: str) -> list[str]:
    """A feed is well-formed XML (no markup broke out), and the HTML its readers render from
    the descriptions and content is as clean as a page."""
    problems = []
    root = ElementTree.fromstring(xml.encode())
    for item in root.iter():
        if item.tag.rsplit("}", 1)[-1] not in {"item", "entry"}:
            continue
        for element in item:
            local = element.tag.rsplit("}", 1)[-1]
            if local in {"description", "content", "summary", "encoded"} and element.text:
                problems += [f"{local}: {p}" for p in inspect_html(element.text)]
            if local == "link" and unsafe_url(element.get("href") or element.text or ""):
                problems.append(f"feed link {element.get('href') or element.text!r}")
    return problems


def inspect_json(body: str) -> list[str]:
    """API answers are JSON with the payloads as plain strings; links in them are never to a
    script URL of our making (the stored URL fields are data, not links, in the API)."""
    json.loads(body)
    return []


def every_url(worlds) -> list[str]:
    urls = [url for world in worlds for url in world.urls]
    urls += xss.shared_pages(worlds)
    return urls


@pytest.fixture
def payload_worlds(db):
    caches["default"].clear()
    worlds = xss.build_all()
    yield worlds
    caches["default"].clear()


def test_the_corpus_is_big_and_covers_every_field():
    assert len(xss.PAYLOADS) >= 45
    assert len(xss.URL_PAYLOADS) >= 8
    assert len({xss.marker(i, f) for i in range(len(xss.PAYLOADS)) for f in xss.FIELDS}) == len(
        xss.PAYLOADS
    ) * len(xss.FIELDS)


def test_no_page_feed_or_api_answer_carries_a_payload_that_could_run(client, payload_worlds):
    problems: dict[str, list[str]] = {}
    checked = 0
    feeds = [f"/people/xss-person-{w.payload_index}/feed/" for w in payload_worlds]
    feeds += [f"/films/xss-{w.payload_index}/feed/" for w in payload_worlds]
    feeds += [
        f"/{kind}/xss-{record}-{w.payload_index}/feed/"
        for w in payload_worlds
        for kind, record in (("sections", "section"), ("tags", "tag"), ("authors", "author"))
    ]
    for url in every_url(payload_worlds) + xss.FEEDS_AND_API + feeds:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
        content_type = response["Content-Type"]
        if "json" in content_type:
            found = inspect_json(body)
        elif "xml" in content_type:
            found = inspect_feed(body)
        else:
            assert content_type.startswith("text/html"), (url, content_type)
            found = inspect_html(body)
            assert "window.__xss_" in body, url
        if found:
            problems[url] = found
        checked += 1
    assert not problems, problems
    assert checked > 8 * len(xss.PAYLOADS)


def test_the_inspector_would_see_an_unescaped_payload():
    """The checks above can fail: raw payloads, as a `|safe` template would print them."""
    raw_html = [p for p in xss.PAYLOADS if "<" in p and not p.startswith(("[", "!", "`", "{"))]
    missed = [p for p in raw_html if not inspect_html(f"<p>{xss.filled(p, 1)}</p>")]
    assert len(raw_html) >= 35
    assert not missed
    assert inspect_html('<a href="javascript:x()">x</a>')
    assert inspect_html('<a href="jav\tascript:x()">x</a>')
    assert not inspect_html('<a href="https://example.com/">x</a><a href="/quotes/">y</a>')


# Fires every handler a reader could trigger by pointing at, focusing or opening things, then
# lists whatever could still run: inline handlers, script URLs, frames and unknown scripts.
PROVOKE_AND_INSPECT = r"""
for (const element of document.querySelectorAll("body *")) {
  for (const type of ["mouseover", "mouseenter", "focus", "focusin", "toggle", "load", "error"]) {
    element.dispatchEvent(new Event(type));
  }
}
const problems = [];
const scheme = (value) => (value || "").replace(/[\x00-\x20]/g, "").toLowerCase();
for (const element of document.querySelectorAll("*")) {
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith("on") || name === "srcdoc" || name === "style") {
      problems.push(`${element.tagName} ${name}`);
    }
    const url = scheme(attribute.value);
    if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(name)
        && /^[a-z][a-z0-9+.\-]*:/.test(url) && !/^(https?|mailto):/.test(url)) {
      problems.push(`${element.tagName} ${name}=${attribute.value}`);
    }
  }
}
for (const tag of ["iframe", "object", "embed", "base", "frame"]) {
  if (document.querySelector(tag)) problems.push(tag);
}
for (const script of document.scripts) {
  const src = script.getAttribute("src") || "";
  if (script.type !== "application/ld+json" && !src.startsWith("/static/")) {
    problems.push(`script ${src || script.text.slice(0, 60)}`);
  }
}
const ran = Object.keys(window).filter((key) => key.startsWith("__xss_"));
return {ran: ran, problems: problems, title: document.title};
"""


def load_every_page_and_check(driver, base: str, worlds, expect_no_violations: bool) -> int:
    ran: dict[str, list[str]] = {}
    problems: dict[str, list[str]] = {}
    loaded = 0
    for url in every_url(worlds):
        driver.get(base + url)
        report = driver.execute_script(PROVOKE_AND_INSPECT)
        # Anything deferred (a timer, an image's error) has had its chance by now.
        report["ran"] += driver.execute_script(
            "return Object.keys(window).filter((k) => k.startsWith('__xss_'));"
        )
        if report["ran"] or xss.PWNED in report["title"]:
            ran[url] = report["ran"]
        if report["problems"]:
            problems[url] = report["problems"]
        if expect_no_violations:
            violations = [v for v in csp_violations(driver) if v.startswith("script-src")]
            if violations:
                problems[url] = problems.get(url, []) + violations
        loaded += 1
    assert not ran, f"payloads ran: {ran}"
    assert not problems, problems
    return loaded


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_a_browser_under_the_csp(watched_browser, live_server):
    caches["default"].clear()
    worlds = xss.build_all()
    loaded = load_every_page_and_check(watched_browser, live_server.url, worlds, True)
    assert loaded >= 8 * len(xss.PAYLOADS)


def reload_live_server_middleware(live_server) -> None:
    """The live server built its middleware chain when it started; rebuild it from the
    current settings (and again when the test is over, from the restored ones)."""
    handler = live_server.thread.httpd.get_app()
    while isinstance(handler, WSGIHandler):  # the static and media files wrappers are too
        handler.load_middleware()
        handler = getattr(handler, "application", None)


@pytest.fixture
def restore_live_server_middleware(live_server):
    yield
    reload_live_server_middleware(live_server)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_live_server_middleware")
def test_no_payload_runs_in_a_browser_even_without_the_csp(
    watched_browser, live_server, settings, client
):
    """Sanitising and escaping alone keep readers safe: the CSP is a second line."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "cms.middleware.ContentSecurityPolicyMiddleware"
    ]
    reload_live_server_middleware(live_server)
    caches["default"].clear()
    worlds = xss.build_all()
    assert "Content-Security-Policy" not in client.get("/").headers
    # Control: without the CSP, an inline handler that got into a page would run and be seen.
    watched_browser.get(live_server.url + "/")
    watched_browser.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__xss_0=1\">')"
    )
    WebDriverWait(watched_browser, 10).until(lambda d: d.execute_script("return window.__xss_0"))
    loaded = load_every_page_and_check(watched_browser, live_server.url, worlds, False)
    assert loaded >= 8 * len(xss.PAYLOADS)
