"""What the bench measures on one database, worked out inside Django before any server starts.

`prepare()` picks the pages to hit (the busiest published article, quote, person and film),
requests every endpoint once through Django's test client to learn its status and query count,
captures the SQL of each API list for the floor app, constructs the cursor of the deep page,
and EXPLAINs the search queries. The runner calls it through `manage.py bench --prepare FILE`
with `DATABASE_URL` pointing at the bench database.
"""

import base64
import json
import re
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlencode, urlsplit

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from articles.models import Article
from quotes.models import Quote
from tools.seed.vocabulary import COMMON_WORD, RARE_WORDS

API_LISTS = ("quotes", "articles", "films", "people")
PAGE_SIZE = 50
DEEP_PAGE = 10_000


def api_list(name: str) -> str:
    return f"/api/v1/{name}/?page_size={PAGE_SIZE}"


def targets() -> dict:
    """The heaviest public objects of each kind: the pages most likely to show scale."""
    article = (
        Article.objects.published()
        .annotate(n=Count("featured_quotes"))
        .order_by("-n", "-published_at")
        .first()
    )
    quote = (
        Quote.objects.published()
        .filter(parent__isnull=True, nested_quotes__isnull=False)
        .order_by("-id")
        .first()
    ) or Quote.objects.published().order_by("-id").first()
    person = (
        Quote.objects.published()
        .filter(speaker_person__isnull=False)
        .values("speaker_person__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    film = (
        Quote.objects.published()
        .exclude(films=None)
        .values("films__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return {
        "article": article.get_absolute_url() if article else None,
        "quote": quote.get_absolute_url() if quote else None,
        "person": f"/people/{person['speaker_person__slug']}/" if person else None,
        "person_quotes": person["n"] if person else 0,
        "film": f"/films/{film['films__slug']}/" if film else None,
        "film_quotes": film["n"] if film else 0,
        "source": quote.source.get_absolute_url() if quote else None,
        "rare_word": RARE_WORDS[0],
        "common_word": COMMON_WORD,
    }


def endpoints(found: dict) -> dict[str, str]:
    paths = {f"api {name}": api_list(name) for name in API_LISTS}
    paths["page home"] = "/"
    for kind in ("article", "quote", "person", "film", "source"):
        if found.get(kind):
            paths[f"page {kind}"] = found[kind]
    # Feeds sort by creation where the pages sort by date said: each has its own index.
    paths["page quote feed"] = "/quotes/feed/"
    if found["film"]:
        paths["page film feed"] = f"{found['film']}feed/"
    for label, word in (("rare", found["rare_word"]), ("common", found["common_word"])):
        paths[f"api search {label}"] = f"/api/v1/quotes/?{urlencode({'search': word})}"
        paths[f"page search {label}"] = f"/search/?{urlencode({'q': word})}"
    return paths


def probe(client: Client, path: str, **headers) -> dict:
    """Status, query count and SQL of one request, through the whole Django stack. The SQL is
    each statement with its parameters written in, as the floor replays it (a statement that
    bound its parameters on the server is logged by Django with `$1` placeholders)."""
    statements, bound = [], []

    def record(execute, sql, params, many, context):
        statements.append(literal(sql, params))
        bound.append({"sql": sql, "params": [encode(value) for value in params or ()]})
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(record):
        response = client.get(path, headers=headers)
    return {
        "path": path,
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "sql": statements,
        "bound": bound,
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
        "body": response.content if response.status_code == 200 else b"",
    }


def encode(value):
    """A parameter as JSON, tagged where JSON has no such type, for the floor to rebuild."""
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def literal(sql: str, params) -> str:
    if not params or connection.vendor != "postgresql":
        return sql
    return connection.ops.compose_sql(sql, params)


def deep_page(client: Client, first: dict) -> dict | None:
    """The URL of the 10,000th page of the quote stream (or the last full one, if there are fewer),
    built the way DRF's CursorPagination encodes a position: base64 of `p=<position>`."""
    if first["status"] != 200:
        return None
    data = json.loads(first["body"])
    next_url = data.get("next") or ""
    params = parse_qs(urlsplit(next_url).query)
    try:
        match = resolve("/api/v1/quotes/")
    except Resolver404:
        return None
    view_class = match.func.cls
    view = view_class(**match.func.initkwargs)
    view.action = "list"
    view.args, view.kwargs, view.format_kwarg = (), {}, None
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    view.request = Request(APIRequestFactory().get("/api/v1/quotes/"))
    queryset = view.get_queryset()
    total = queryset.count()
    page = min(DEEP_PAGE, total // PAGE_SIZE)  # the last full page, if there are fewer
    if page < 2:
        return None
    offset = (page - 1) * PAGE_SIZE - 1  # the last row of the page before
    if "cursor" in params:
        ordering = getattr(view.pagination_class, "ordering", "-id")
        ordering = ordering if isinstance(ordering, str) else ordering[0]
        field = ordering.lstrip("-")
        position = queryset.order_by(ordering).values_list(field, flat=True)[offset]
        cursor = base64.b64encode(urlencode({"p": str(position)}).encode("ascii")).decode()
        path = f"{api_list('quotes')}&{urlencode({'cursor': cursor})}"
    elif "page" in params:
        path = f"{api_list('quotes')}&page={page}"
    else:
        return None
    return {"path": path, "page": page, "total": total}


def explain(statements: list[str]) -> dict:
    """EXPLAIN of each statement reading the quote table: is any a sequential scan of it?"""
    plans = []
    with connection.cursor() as cursor:
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT") or "quotes_quote" not in sql:
                continue
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    seq = [plan for plan in plans if re.search(r"Seq Scan on quotes_quote\b", plan)]
    return {"seq_scan_on_quote": bool(seq), "plans": plans}


def prepare() -> dict:
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    found = targets()
    # How the project's connections run (`jit=off`, the join limit, the prepare threshold):
    # the floor's connection runs the same way, or it would plan the same SQL otherwise.
    options = connection.settings_dict.get("OPTIONS", {})
    session = {
        "options": options.get("options", ""),
        "prepare_threshold": options.get("prepare_threshold"),
    }
    result = {"targets": found, "endpoints": {}, "floor": {}, "explain": {}, "session": session}
    for key, path in endpoints(found).items():
        result["endpoints"][key] = probe(client, path)
    first = result["endpoints"]["api quotes"]
    deep = deep_page(client, first)
    if deep:
        result["endpoints"]["api quotes deep"] = {**probe(client, deep["path"]), **deep}
    for name in API_LISTS:
        probed = result["endpoints"][f"api {name}"]
        if probed["status"] == 200:
            result["floor"][f"/floor/{name}/"] = probed["bound"]
    for key in ("api search common", "page search common", "api search rare", "page search rare"):
        probed = result["endpoints"].get(key)
        if probed and probed["status"] == 200 and connection.vendor == "postgresql":
            result["explain"][key] = explain(probed["sql"])
    for probed in result["endpoints"].values():
        probed.pop("body", None)
        probed.pop("bound", None)
    return result
