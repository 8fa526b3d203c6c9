"""The floor: a bare WSGI app running the very SQL a Django API list runs, and nothing else.

`bench` captures the statements each API list endpoint executes (through Django's test client),
each with its parameters as Django sent them, and writes them to a JSON spec:
`{"dsn": ..., "endpoints": {"/floor/quotes/": [{"sql": ..., "params": [...]}, ...]}}`.
This app, served by the same gunicorn settings as the project, replays an endpoint's
statements with psycopg on one connection per worker, binding the parameters on the server as
Django does, and encodes the rows with orjson: a
`COUNT(*)` as `count`, the first other statement's rows as `results` (a list of objects), the
rest (prefetches) under `related`.
No routing, middleware, ORM, serializer or template: whatever the project spends above this is
the framework's share.

Its connection takes the project's session options (`jit=off`, the join limit) and
`prepare_threshold`, so both plan the same SQL the same way and keep the same plans.

Run: `BENCH_FLOOR_SPEC=/path/spec.json gunicorn tools.bench.floor:application`.
"""

import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import orjson
import psycopg

SPEC = json.loads(Path(os.environ["BENCH_FLOOR_SPEC"]).read_text(encoding="utf-8"))
DECODE = {"datetime": datetime.fromisoformat, "date": date.fromisoformat, "decimal": Decimal}


def decode(value):
    """A parameter as `tools.bench.prepare.encode` wrote it."""
    if isinstance(value, dict) and len(value) == 1:
        ((kind, text),) = value.items()
        return DECODE[kind](text)
    return value


# Each endpoint's statements as (sql, params), decoded once.
ENDPOINTS: dict[str, list[tuple[str, list]]] = {
    path: [(s["sql"], [decode(v) for v in s["params"]]) for s in statements]
    for path, statements in SPEC["endpoints"].items()
}
_connection: psycopg.Connection | None = None


def connection() -> psycopg.Connection:
    """One autocommit connection per worker process, kept like Django's CONN_MAX_AGE does."""
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(
            SPEC["dsn"],
            autocommit=True,
            options=SPEC.get("options", ""),
            prepare_threshold=SPEC.get("prepare_threshold"),
        )
    return _connection


def default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError


def rows_of(cursor: psycopg.Cursor, sql: str, params: list) -> list[dict]:
    cursor.execute(sql, params or None)
    if cursor.description is None:
        return []
    names = [column.name for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def application(environ, start_response):
    statements = ENDPOINTS.get(environ.get("PATH_INFO", ""))
    if statements is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no such floor endpoint"]
    payload = {"count": None, "results": None, "related": []}
    with connection().cursor() as cursor:
        for sql, params in statements:
            rows = rows_of(cursor, sql, params)
            if sql.startswith("SELECT COUNT(*)") and len(rows) == 1:
                payload["count"] = next(iter(rows[0].values()))
            elif payload["results"] is None:
                payload["results"] = rows
            else:
                payload["related"].append(rows)
    body = orjson.dumps(payload, default=default)
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
