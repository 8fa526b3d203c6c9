"""Every URL pattern of the site, the API and the admin, called as a stranger, a writer and an
editor with generated query parameters (names and values: `%`, NUL, lone surrogates sent as the
invalid UTF-8 a client really can send, very long, repeated, empty) and generated bodies (deeply
nested, huge, of the wrong type or content type): no answer is a server error, and every API
error is a JSON object saying what was wrong.

schemathesis (tests/api/test_schema.py, test_api_fuzz.py) fuzzes the API's documented
parameters and bodies; this reaches what a schema does not describe: parameter *names*, pages,
feeds and the admin. Bounded (a few examples per pattern and person) so it adds a minute or two
to each pass of the suite.
"""

import json
import re
from urllib.parse import quote_from_bytes

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import Article, Author, Section, Tag
from articles.roles import EDITORS, WRITERS, sync_roles
from quotes.models import Character, Film, Franchise, Outlet, Person, Quote, Source

pytestmark = pytest.mark.django_db

EXAMPLES_PER_PATTERN = 3
# The model a public or API address names by the segment before its key.
PLURALS = {
    "articles": Article,
    "sections": Section,
    "tags": Tag,
    "authors": Author,
    "quotes": Quote,
    "people": Person,
    "characters": Character,
    "films": Film,
    "franchises": Franchise,
    "outlets": Outlet,
    "sources": Source,
}
# Parameter names the views really read, so that generated values reach their code.
KNOWN_NAMES = [
    "q", "type", "page", "cursor", "page_size", "format", "status", "ordering", "o", "p", "e",
    "term", "app_label", "model_name", "field_name", "next", "speaker", "film", "person",
    "section", "tag", "search", "count", "said_after", "published_after", "state", "verification",
    "_changelist_filters", "_popup", "_to_field", "all", "slug", "id", "pk", "kind",
]  # fmt: skip
TOKEN = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\(([^)]*)\)")


def url_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def model_for(route: str, before: str):
    """The model whose key fills a parameter: named by the admin's app label and model name, or
    by the plural segment before the parameter."""
    parts = route.split("/")
    if parts[0] == "admin" and len(parts) > 3:
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None
    segments = [s for s in before.replace("^", "").split("/") if s]
    return PLURALS.get(segments[-1]) if segments else None


def concrete(route: str) -> str:
    """`route` with each parameter replaced by a real value where one exists."""

    def value(match) -> str:
        name = match.group(1) or match.group(2) or ""
        if name == "format":
            return "json"
        if name == "app_label":
            return "articles"
        if name == "url":
            return "nope/"
        if name == "content_type_id":
            return str(ContentType.objects.get_for_model(Article).pk)
        if match.group(3) == r"\d+":
            return "1"
        model = model_for(route, route[: match.start()])
        if route.startswith("admin/r/"):
            model = Article
        record = model.objects.order_by("pk").first() if model else None
        if record is None:
            return "1"
        return str(getattr(record, "slug", None) if name == "slug" else record.pk)

    path = TOKEN.sub(value, route)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + path


def percent(text: str) -> str:
    """As a client sends it: every byte escaped, lone surrogates as the bytes UTF-8 would give
    them (invalid UTF-8 on the wire)."""
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


NASTY = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.sampled_from("%s\x00\ud800\udfff&=+;#?/\\'\"<>{}[]() é€"), max_size=12),
    st.sampled_from(["", "%", "%s", "%(x)s", "%%", "\x00", "a\x00b", "\ud800", "-1", "0", "1e309"]),
    st.integers(min_value=1000, max_value=20000).map(lambda n: "x" * n),
    st.sampled_from(["nope", "true", "2025-13-45", "9" * 30, "1,2", "null", "[]"]),
)
NAMES = st.one_of(st.sampled_from(KNOWN_NAMES), NASTY)
QUERIES = st.lists(st.tuples(NAMES, NASTY), max_size=6).map(
    lambda pairs: "&".join(f"{percent(name)}={percent(value)}" for name, value in pairs)
)
# Raw query strings too: stray `%`, no `=`, a parameter repeated.
RAW_QUERIES = st.sampled_from(
    ["%", "%zz=1", "a%", "q", "=", "&&&", "q=1&q=2&q=3", "page=1&page=2", "%00=%00", "q=%ff%fe"]
)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), NASTY),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(NAMES, children, max_size=4)
    ),
    max_leaves=12,
)
BODIES = st.one_of(
    JSON_VALUES.map(lambda v: ("application/json", json.dumps(v).encode())),
    st.integers(min_value=500, max_value=3000).map(
        lambda n: ("application/json", nested(n).encode())
    ),
    st.sampled_from(
        [
            ("application/json", b"{"),
            ("application/json", b'{"title": "\xff\xfe"}'),
            ("application/json", b"\x00"),
            ("application/json", b'"' + b"x" * 2_000_000 + b'"'),
            ("application/x-www-form-urlencoded", b"%=%&a=%00&b=%ff"),
            ("multipart/form-data", b"--x\r\n\r\n"),
            ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
            ("text/plain", b"hello"),
            ("application/xml", b"<a>"),
            ("", b"\xff"),
        ]
    ),
    QUERIES.map(lambda q: ("application/x-www-form-urlencoded", q.encode())),
)


def make_staff(username: str, group: str) -> User:
    sync_roles()
    user = User.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


# API addresses that answer in other formats than JSON (OpenAPI YAML, Swagger UI, ReDoc).
NOT_JSON = ("/api/v1/schema", "/api/v1/docs", "/api/v1/redoc")


def check(response, path: str) -> None:
    status = response.status_code
    assert status < 500, f"{status} for {path}"
    if status == 405:
        assert response["Allow"], path
    elif 400 <= status < 500:
        assert response.content, f"{status} with no body for {path}"
        if path.startswith("/api/") and not path.startswith(NOT_JSON) and status != 404:
            assert response["Content-Type"].startswith("application/json"), path
            assert isinstance(json.loads(response.content), dict), path


@pytest.mark.parametrize("person", ["stranger", "writer", "editor"])
def test_no_generated_request_to_any_address_is_a_server_error(demo, settings, person, capsys):
    settings.CMS_API_ANON_RATE = settings.CMS_API_USER_RATE = "100000/min"
    settings.CMS_LOGIN_RATE = "100000/hour"
    user = {
        "stranger": None,
        "writer": lambda: make_staff("fuzz-writer", WRITERS),
        "editor": lambda: make_staff("fuzz-editor", EDITORS),
    }[person]
    user = user() if user else None
    client = Client(raise_request_exception=True)
    paths = [concrete(route) for route in url_patterns()]
    statuses: dict[int, int] = {}

    for path in paths:

        @given(
            path=st.just(path),
            query=st.one_of(QUERIES, RAW_QUERIES),
            method=st.sampled_from(["get", "post", "put", "patch", "delete"]),
            body=BODIES,
        )
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_PATTERN,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(path, query, method, body):
            if user is not None:
                client.force_login(user)  # a generated POST may have signed the user out
            content_type, data = body
            target = f"{path}?{query}" if query else path
            if method == "get":
                response = client.get(target)
            else:
                response = getattr(client, method)(target, data, content_type=content_type)
            check(response, target[:200])
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        run()
    with capsys.disabled():
        print(f"\nURL fuzz as {person}: {len(paths)} patterns, statuses {sorted(statuses.items())}")
    assert len(paths) >= 200
    assert sum(statuses.values()) >= len(paths) * EXAMPLES_PER_PATTERN
