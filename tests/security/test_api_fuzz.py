"""Bad input to the API gets a clear answer, for an editor too: schemathesis generates reads and
writes (POST/PUT/PATCH on quotes and articles, the workflow actions) with an editor's token on a
fresh demo database, and no answer may be a server error or disagree with the schema.

`tests/api/test_schema.py` covers the anonymous reads the same way.
"""

import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Article, Author, Section, Tag
from cms.wsgi import application
from images.models import Image
from quotes.models import Character, Film, Franchise, Outlet, Person, Quote, Source
from tests.api.conftest import WRITER_PERMS, make_user

EXAMPLES_PER_OPERATION = 15
WRITES = {"POST", "PUT", "PATCH"}


@pytest.fixture
def wsgi_in_test_transaction():
    """Call the WSGI app in-process without it closing the test's database connection at the
    end of each request (Django's test client does the same)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield application
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def editor_token(db, django_user_model):
    editor = make_user(
        django_user_model,
        "fuzz-editor",
        [*WRITER_PERMS, "articles.publish_article", "quotes.approve_quote"],
    )
    return Token.objects.create(user=editor).key


def test_an_editor_finds_no_server_error_and_no_schema_violation(
    demo, settings, editor_token, wsgi_in_test_transaction, capsys
):
    settings.CMS_API_USER_RATE = "100000/min"
    settings.CMS_API_ANON_RATE = "100000/min"
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_in_test_transaction)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().path != "/api/v1/auth/token/"  # its lockouts would lock the editor
    ]
    writes = [op for op in operations if op.method.upper() in WRITES]
    assert len(operations) == 39
    assert len(writes) == 14
    headers = {"Authorization": f"Token {editor_token}"}
    # Half the cases aim at records that exist, so writes reach validation and the services.
    existing = {
        "quotes": list(Quote.objects.values_list("pk", flat=True)),
        "articles": list(Article.objects.values_list("pk", flat=True)),
        "sources": list(Source.objects.values_list("pk", flat=True)),
        "images": list(Image.objects.values_list("pk", flat=True)),
        **{
            name: list(model.objects.values_list("slug", flat=True))
            for name, model in [
                ("people", Person),
                ("characters", Character),
                ("films", Film),
                ("franchises", Franchise),
                ("outlets", Outlet),
                ("sections", Section),
                ("tags", Tag),
                ("authors", Author),
            ]
        },
    }
    statuses: dict[int, int] = {}
    started = time.monotonic()
    for operation in operations:

        @given(case=operation.as_strategy(), aim=st.booleans(), pick=st.integers(0, 1000))
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case, aim, pick):
            if aim and case.path_parameters:
                key = next(iter(case.path_parameters))
                choices = existing[case.operation.path.split("/")[3]]
                case.path_parameters[key] = choices[pick % len(choices)]
            response = case.call_and_validate(headers=headers, checks=checks)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        run()
    elapsed = time.monotonic() - started
    cases = sum(statuses.values())
    with capsys.disabled():
        print(f"\nschemathesis as an editor: {cases} cases, {elapsed:.0f} s, statuses {statuses}")
    assert cases >= 5 * len(operations)
    # The writes got through as well as being refused: some 2xx answers to a write.
    assert any(200 <= status < 300 for status in statuses)
    assert any(400 <= status < 500 for status in statuses)
