"""schemathesis against a live server: gunicorn, started by the test with DEBUG off, serving
the test's PostgreSQL database over HTTP. An editor gets a token from the token endpoint, then
every operation (writes included) is fuzzed on its own, and schemathesis's stateful tests follow
the schema's OpenAPI links: a quote or article created, then read, changed, approved, published
through the id its answer named. No server error, nothing the schema does not describe.

PostgreSQL pass only: the app process must see the test's data, which an in-memory SQLite
database cannot share. The in-process runs (tests/api/test_schema.py,
tests/security/test_api_fuzz.py) fuzz deeper, on both engines.
"""

import json
import os
import sys
import urllib.request
from contextlib import contextmanager

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.db import connection, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.roles import EDITORS, sync_roles
from tests.deploy.conftest import topology

EXAMPLES_PER_OPERATION = 4
SCENARIOS = 25
STEPS_PER_SCENARIO = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PASSWORD = "live-fuzz-pass-9271"


@contextmanager
def snapshot_of_the_database():
    """A copy of every table's rows and every sequence's value, in a schema of its own, and a
    function that puts them back. Each stateful scenario starts from the same rows: Hypothesis
    checks that a scenario it replays draws as it did, and a draw follows the answers to the
    calls before it, which the writes of earlier scenarios would change (a Flaky error)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'S' AND n.nspname = current_schema()"
        )
        sequences = {}
        for (name,) in cursor.fetchall():
            cursor.execute(f'SELECT last_value, is_called FROM "{name}"')
            sequences[name] = cursor.fetchone()
        cursor.execute("DROP SCHEMA IF EXISTS fuzz_snapshot CASCADE; CREATE SCHEMA fuzz_snapshot")
        for table in tables:
            cursor.execute(f'CREATE TABLE fuzz_snapshot."{table}" AS TABLE "{table}"')

    def restore():
        # Django makes PostgreSQL's foreign keys deferred: checked at the commit, rows all back.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in tables))
            for table in tables:
                cursor.execute(f'INSERT INTO "{table}" TABLE fuzz_snapshot."{table}"')
            for name, (value, called) in sequences.items():
                cursor.execute("SELECT setval(%s, %s, %s)", [f'"{name}"', value, called])

    try:
        yield restore
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA fuzz_snapshot CASCADE")


@pytest.fixture
def live_app(transactional_db, demo, tmp_path, request):
    """gunicorn (2 workers) on the test's own database, whose rows the test commits
    (transactional_db) so that the app's connections see them."""
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL (the PostgreSQL pass): the app shares the test database")
    # Asked for after the skip: collecting takes a while.
    collected_static = request.getfixturevalue("collected_static")
    database = connection.settings_dict
    port = topology.free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "DATABASE_CONN_MAX_AGE": "0",  # the test database is flushed, then dropped, after
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CMS_VAR_DIR": str(tmp_path / "var"),
        "CMS_LOG_FORMAT": "plain",
        # The test's own editor signs in with a password; the throttles would stop the fuzz.
        "CMS_REQUIRE_2FA": "0",
        "CMS_API_ANON_RATE": "1000000/min",
        "CMS_API_USER_RATE": "1000000/min",
        "CMS_LOGIN_RATE": "1000000/hour",
    }
    env.pop("REDIS_URL", None)  # the throttles' counters in the app's own memory
    topology.link_or_collect_static(env, collected_static)
    log = tmp_path / "gunicorn.log"
    process = topology.start_node(env, port, log, workers=2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        topology.kill_node(process)
        print(log.read_text()[-3000:], file=sys.stderr)


@pytest.fixture
def editor_token(live_app, django_user_model):
    """A token from the token endpoint, over HTTP, for an Editor (every permission of the desk)."""
    sync_roles()
    editor = django_user_model.objects.create_user("live-editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    request = urllib.request.Request(
        f"{live_app}/api/v1/auth/token/",
        data=json.dumps({"username": "live-editor", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def test_every_operation_and_every_link_over_http_gives_no_server_error_or_violation(
    live_app, editor_token, capsys
):
    # Read plain: compression has its own tests (tests/cms/test_compression.py).
    headers = {"Authorization": f"Token {editor_token}", "Accept-Encoding": "identity"}
    schema = schemathesis.openapi.from_url(f"{live_app}/api/v1/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 40
    statuses: dict[str, dict[int, int]] = {"operations": {}, "links": {}}
    writes_done = []

    def count(phase: str, case, status: int) -> None:
        statuses[phase][status] = statuses[phase].get(status, 0) + 1
        if case.method.upper() != "GET" and 200 <= status < 300:
            writes_done.append(case.operation.label)

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def each(case):
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            count("operations", case, response.status_code)

        each()

    class Linked(schema.as_state_machine()):
        def setup(self):
            restore()

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def after_call(self, response, case):
            count("links", case, response.status_code)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, headers=headers)

    with snapshot_of_the_database() as restore:
        Linked.run(
            settings=hypothesis_settings(
                max_examples=SCENARIOS,
                stateful_step_count=STEPS_PER_SCENARIO,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],
            )
        )
    with capsys.disabled():
        print(f"\nschemathesis over HTTP as an editor: {statuses}, writes done: {writes_done}")
    assert sum(statuses["operations"].values()) >= 2 * len(operations)
    # The links led to records (a list's first, a record created or changed), and writes were
    # carried out as well as refused.
    assert statuses["links"].get(200, 0) > 0
    assert writes_done
