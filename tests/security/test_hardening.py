"""The production settings pass Django's deployment checks, and every public page carries the
security headers and a Content Security Policy that forbids inline scripts."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from quotes.models import Character, Film, Outlet, Person, Quote, Source

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CMS_", "DATABASE_URL"))
    }
    env.update(
        CMS_HTTPS="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="desk.example.com",
        DJANGO_DEBUG="0",
        CMS_VAR_DIR=str(tmp_path),
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_production(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout


def test_check_deploy_complains_without_https(tmp_path):
    """The test above can fail: the same check without CMS_HTTPS reports the HTTPS settings."""
    env = production_env(tmp_path)
    del env["CMS_HTTPS"]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # HSTS


PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
# The admin's templates need collected static files; plain storage stands in for the manifest.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(HTTP_HOST="desk.example.com")
plain = client.get("/robots.txt")
secure = client.get("/robots.txt", secure=True)
login = client.get("/admin/login/", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "secure_status": secure.status_code,
    "secure_headers": dict(secure.headers),
    "csrf_cookie_secure": bool(login.cookies["csrftoken"]["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
}))
"""


def test_production_answers_over_https_only_with_hsts_and_secure_cookies(tmp_path):
    result = manage(production_env(tmp_path), "shell", "-c", PRODUCTION_PROBE)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain_status"] == 301
    assert probe["plain_location"] == "https://desk.example.com/robots.txt"
    assert probe["secure_status"] == 200
    headers = probe["secure_headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert probe["csrf_cookie_secure"] is True
    assert probe["session_cookie_secure"] is True
    assert probe["session_cookie_httponly"] is True


def test_no_hsts_over_plain_http_in_development(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def public_pages() -> list[str]:
    """One URL of every public page type, from the demo."""
    article = Article.objects.published().first()
    quote = Quote.objects.published().first()
    return [
        reverse("articles:home"),
        reverse("articles:article-list"),
        article.get_absolute_url(),
        reverse("articles:search") + "?q=eve",
        reverse("quotes:quote-list"),
        quote.get_absolute_url(),
        Person.objects.filter(slug="len-wiseman").get().get_absolute_url(),
        Character.objects.first().get_absolute_url(),
        Film.objects.first().get_absolute_url(),
        Outlet.objects.first().get_absolute_url(),
        Source.objects.first().get_absolute_url(),
        "/no-such-page/",
    ]


def test_every_public_page_type_sends_the_security_headers_and_a_strict_csp(client, demo):
    pages = public_pages()
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        policy = csp_directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], (url, policy)
        assert policy["style-src"] == ["'self'"], (url, policy)
        assert policy["default-src"] == ["'self'"], (url, policy)
        assert policy["object-src"] == ["'none'"], (url, policy)
        assert policy["frame-ancestors"] == ["'none'"], (url, policy)
        assert policy["base-uri"] == ["'self'"], (url, policy)
    assert len(pages) == 12


@pytest.mark.parametrize("url", ["/admin/login/", "/api/v1/docs/", "/api/v1/quotes/"])
def test_no_area_allows_inline_scripts(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_api_docs_load_their_settings_from_a_url_not_an_inline_script(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    assert '<script src="/api/v1/docs/?script="></script>' in page
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
    assert b"/api/v1/schema/" in script.content


@pytest.mark.parametrize(
    "url", ["/", "/quotes/", "/admin/login/", "/api/v1/docs/", "/api/v1/redoc/", "/api/v1/quotes/"]
)
def test_the_policy_built_once_per_area_is_the_library_s(client, db, url, settings):
    """`ContentSecurityPolicyMiddleware` keeps each area's headers; django-csp's own
    `process_response` must give the same ones, report-only policy included."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.middleware import ContentSecurityPolicyMiddleware

    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-report/"}
    }
    for _ in range(2):  # built, then kept
        request = RequestFactory().get(url)
        ours = ContentSecurityPolicyMiddleware(lambda r: None).process_response(
            request, HttpResponse()
        )
        request = RequestFactory().get(url)
        library = CSPMiddleware.process_response(
            ContentSecurityPolicyMiddleware(lambda r: None), request, HttpResponse()
        )
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
            assert ours[header] == library[header], (url, header)
    assert client.get(url)["Content-Security-Policy"] == ours["Content-Security-Policy"]


def test_a_view_s_own_policy_and_a_nonce_still_take_the_library_s_way(db, settings):
    from csp.constants import NONCE
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.middleware import ContentSecurityPolicyMiddleware

    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**policy["DIRECTIVES"], "script-src": ["'self'", NONCE]}
    }
    middleware = ContentSecurityPolicyMiddleware(lambda r: None)
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://images.example.com"]}
    request = RequestFactory().get("/")
    middleware.process_request(request)
    header = middleware.process_response(request, response)["Content-Security-Policy"]
    assert "https://images.example.com" in csp_directives(header)["img-src"]
    request = RequestFactory().get("/")
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    header = middleware.process_response(request, HttpResponse())["Content-Security-Policy"]
    assert f"'nonce-{nonce}'" in csp_directives(header)["script-src"]
