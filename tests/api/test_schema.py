"""The OpenAPI schema is valid, lists every operation, and the API keeps to it."""

import inspect

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Article
from cms.api_urls import router
from cms.wsgi import application
from core.api.inputs import RefusesUnknownFields
from core.api.rows import RowSerializer
from tests.api.conftest import client_for
from tests.api.world import build_world
from tests.factories import ArticleFactory, OutletFactory, QuoteFactory, SourceFactory

EXPECTED_OPERATIONS = {
    ("get", "/api/v1/quotes/"),
    ("post", "/api/v1/quotes/"),
    ("get", "/api/v1/quotes/{id}/"),
    ("put", "/api/v1/quotes/{id}/"),
    ("patch", "/api/v1/quotes/{id}/"),
    ("post", "/api/v1/quotes/{id}/approve/"),
    ("post", "/api/v1/quotes/{id}/reject/"),
    ("get", "/api/v1/quotes/random/"),
    ("get", "/api/v1/articles/"),
    ("post", "/api/v1/articles/"),
    ("get", "/api/v1/articles/{id}/"),
    ("put", "/api/v1/articles/{id}/"),
    ("patch", "/api/v1/articles/{id}/"),
    *(
        ("post", f"/api/v1/articles/{{id}}/{action}/")
        for action in ("submit", "publish", "schedule", "unpublish", "archive")
    ),
    *(
        (method, path)
        for resource, key in (
            ("people", "slug"),
            ("characters", "slug"),
            ("films", "slug"),
            ("franchises", "slug"),
            ("outlets", "slug"),
            ("sources", "id"),
            ("sections", "slug"),
            ("tags", "slug"),
            ("authors", "slug"),
            ("images", "id"),
        )
        for method, path in (
            ("get", f"/api/v1/{resource}/"),
            ("get", f"/api/v1/{resource}/{{{key}}}/"),
        )
    ),
    ("post", "/api/v1/auth/token/"),
    ("post", "/api/v1/images/"),
}


@pytest.fixture
def schema_document(api, db):
    response = api.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema_document):
    assert schema_document["openapi"].startswith("3.")
    validate(schema_document)


def test_schema_lists_every_operation(schema_document):
    operations = {
        (method, path)
        for path, item in schema_document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert operations == EXPECTED_OPERATIONS


def test_schema_documents_filters_and_errors(schema_document):
    quotes = schema_document["paths"]["/api/v1/quotes/"]["get"]
    parameters = {p["name"] for p in quotes["parameters"]}
    assert {
        "speaker",
        "character",
        "film",
        "franchise",
        "outlet",
        "via",
        "source",
        "article",
        "status",
        "nested",
        "said_after",
        "said_before",
        "search",
        "ordering",
        "cursor",
        "page_size",
    } <= parameters
    assert {"200", "400", "401", "429"} <= quotes["responses"].keys()
    publish = schema_document["paths"]["/api/v1/articles/{id}/publish/"]["post"]
    assert {"200", "400", "401", "403", "404", "412", "429"} <= publish["responses"].keys()
    random_ = schema_document["paths"]["/api/v1/quotes/random/"]["get"]
    assert {"count", "franchise"} <= {p["name"] for p in random_["parameters"]}


def test_operations_are_described_for_clients_not_by_the_code_s_docstrings(schema_document):
    """The views' docstrings explain the code (caching, list serializers, sampling); only a
    description written for the schema (`extend_schema`) reaches Swagger UI."""
    docstrings = set()
    for _prefix, viewset, _basename in router.registry:
        for owner in viewset.__mro__:
            for member in [owner, *vars(owner).values()]:
                if inspect.getdoc(member):
                    docstrings.add(inspect.getdoc(member))
    described = {
        (method, path): operation["description"]
        for path, operations in schema_document["paths"].items()
        for method, operation in operations.items()
        if operation.get("description")
    }
    assert not {key: text for key, text in described.items() if text in docstrings}
    assert described.keys() == {("post", "/api/v1/auth/token/")}


def test_components_are_not_described_by_the_code_s_base_classes(schema_document):
    """A shape or a body without a docstring of its own has no description: drf-spectacular
    took its base class's, so Swagger UI described QuoteDetail, Film and twenty more as "A
    read-only shape of `.values()` rows (see the module docstring)..."."""
    bases = {inspect.getdoc(RowSerializer), inspect.getdoc(RefusesUnknownFields)}
    components = schema_document["components"]["schemas"]
    assert not {name for name, schema in components.items() if schema.get("description") in bases}
    assert components["SourceHop"]["description"].startswith("One hop of a source chain")
    assert "description" not in components["QuoteDetail"]


def test_docs_are_served_from_our_own_static_files(api, db):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in response.content
    assert b"//cdn" not in response.content
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


@pytest.fixture
def wsgi_in_test_transaction():
    """Call the WSGI app in-process without it closing the test's database connection at the
    end of each request (Django's test client does the same)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield application
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    demo, settings, wsgi_in_test_transaction
):
    """Every read operation, anonymously, with generated parameters (bounded for CI)."""
    settings.CMS_API_ANON_RATE = "100000/min"
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_in_test_transaction)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(operations) == 25
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # Read plain: the WSGI transport does not unzip (see tests/cms/test_compression.py).
            case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=checks)

        run()


def test_answers_link_to_the_operations_on_the_record_they_name(schema_document):
    """OpenAPI links (core.api.openapi_links), which clients and schemathesis's stateful tests
    follow: from a record created or changed, and from a list's first record."""
    paths = schema_document["paths"]
    quote_operations = {
        "quotes_retrieve",
        "quotes_update",
        "quotes_partial_update",
        "quotes_approve_create",
        "quotes_reject_create",
    }
    for answer in (
        paths["/api/v1/quotes/"]["post"]["responses"]["201"],
        paths["/api/v1/quotes/{id}/approve/"]["post"]["responses"]["200"],
    ):
        assert set(answer["links"]) == quote_operations
        assert {link["operationId"] for link in answer["links"].values()} == quote_operations
        assert all(
            link["parameters"] == {"id": "$response.body#/id"} for link in answer["links"].values()
        )
    assert paths["/api/v1/people/"]["get"]["responses"]["200"]["links"] == {
        "people_retrieve": {
            "operationId": "people_retrieve",
            "parameters": {"slug": "$response.body#/results/0/slug"},
        }
    }
    assert "links" not in paths["/api/v1/quotes/"]["post"]["responses"]["400"]


def test_bodies_that_refuse_unknown_fields_say_so_and_the_rest_do_not(schema_document):
    """`additionalProperties: false` on exactly the request bodies whose serializer refuses a
    field it does not take (core.api.inputs), so a generated client is as strict as the server.
    The token endpoint is DRF's own, which ignores extra fields."""
    components = schema_document["components"]["schemas"]
    strict, lenient = set(), set()
    for path, operations in schema_document["paths"].items():
        for method, operation in operations.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                name = content["schema"]["$ref"].rsplit("/", 1)[-1]
                closed = components[name].get("additionalProperties") is False
                (strict if closed else lenient).add((method, path))
    assert lenient == {("post", "/api/v1/auth/token/")}
    assert strict == {operation for operation in EXPECTED_OPERATIONS if operation[0] != "get"} - {
        ("post", "/api/v1/auth/token/")
    }


def test_article_writes_document_the_desk_s_shape_they_answer_with(schema_document, editor_api):
    """Only the desk writes, and every write answers with what the desk reads (the article and
    its `draft`): the schema names that shape, so a typed client can read `draft` from them."""
    components = schema_document["components"]["schemas"]

    def documented(method, path, code):
        content = schema_document["paths"][path][method]["responses"][code]["content"]
        name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        return set(components[name]["properties"])

    in_review = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    live = ArticleFactory()
    detail = "/api/v1/articles/{id}/"
    body = {"title": "T", "slug": "t", "body": "B"}
    answers = {
        ("post", "/api/v1/articles/", "201"): editor_api.post("/api/v1/articles/", body),
        ("put", detail, "200"): editor_api.put(
            f"/api/v1/articles/{in_review.pk}/", {**body, "slug": "t-put"}
        ),
        ("patch", detail, "200"): editor_api.patch(
            f"/api/v1/articles/{in_review.pk}/", {"title": "T2"}
        ),
        ("post", detail + "unpublish/", "200"): editor_api.post(
            f"/api/v1/articles/{in_review.pk}/unpublish/"
        ),
        ("post", detail + "archive/", "200"): editor_api.post(
            f"/api/v1/articles/{live.pk}/archive/"
        ),
    }
    for (method, path, code), response in answers.items():
        assert response.status_code == int(code), (path, response.content)
        assert set(response.json()) == documented(method, path, code), (method, path)


def test_every_list_documents_the_page_sizes_it_takes(schema_document):
    """A page_size outside 1..100 is a 400 (core.api.pagination); the schema said only
    "integer", so a client generated from it could not know the bounds."""
    documented = [
        parameter["schema"]
        for operations in schema_document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "page_size"
    ]
    assert len(documented) == 12
    assert all(
        schema == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
        for schema in documented
    )


def test_a_missing_url_is_null_in_answers_and_nullable_in_the_schema(api, schema_document):
    """A source or outlet without a URL was sent as "" while the schema promised a `uri`: a
    client validating the answer refused it, and one testing for absence tested for null."""
    outlet = OutletFactory(url="")
    source = SourceFactory(outlet=outlet, url="")
    QuoteFactory(source=source)
    expected = {"name": outlet.name, "slug": outlet.slug, "url": None}
    answers = [
        api.get(f"/api/v1/sources/{source.pk}/").json(),
        api.get("/api/v1/sources/").json()["results"][0],
        api.get("/api/v1/quotes/").json()["results"][0]["source_chain"][0],
    ]
    for answer in answers:
        assert answer["url"] is None
        assert answer["outlet"] == expected
    assert api.get(f"/api/v1/outlets/{outlet.slug}/").json()["url"] is None
    schemas = schema_document["components"]["schemas"]
    for name in ("Outlet", "OutletRef", "SourceHop"):
        url = schemas[name]["properties"]["url"]
        assert url["nullable"] is True, name
        assert url["format"] == "uri", name  # and no longer "or an empty string"


def concrete(method: str, path: str, w) -> str:
    """A schema path with its parameters filled from the world (`tests.api.world`): a live
    article to read, a draft to write (every workflow action is open to it)."""
    keys = {
        "/api/v1/quotes/{id}/": w.q1.pk,
        "/api/v1/articles/{id}/": w.a1.pk if method == "get" else w.a2.pk,
        "/api/v1/sources/{id}/": w.s_ew.pk,
    }
    slugs = {
        "people": "alice",
        "characters": "eve",
        "films": "ballet",
        "franchises": "wick",
        "outlets": "ew",
        "sections": "film",
        "tags": "wick",
        "authors": "ann",
    }
    for prefix, key in keys.items():
        if path.startswith(prefix):
            return path.replace("{id}", str(key))
    resource = path.split("/")[3]
    return path.replace("{slug}", slugs.get(resource, "{slug}"))


def test_the_schema_documents_the_304_406_413_415_and_503_the_api_sends(
    schema_document, api, django_user_model, settings
):
    """The schema listed none of them: a client generated from it treated a 304 after
    `If-None-Match`, a 406 for its `Accept`, a 413 or 415 for its body or a 503 while the
    database restarts as undocumented."""
    settings.CMS_MAX_REQUEST_BYTES, settings.CMS_MAX_IMAGE_BYTES = 50, 0
    w = build_world()
    editor_api = client_for(django_user_model.objects.create_superuser("boss", "", "x"))
    operations = [
        (method, path, operation)
        for path, methods in schema_document["paths"].items()
        for method, operation in methods.items()
        if not path.startswith("/api/v1/images/{")  # no image in the world
    ]
    for method, path, operation in operations:
        url = concrete(method, path, w)
        responses = operation["responses"]
        call = getattr(editor_api, method)
        assert {"406", "503"} <= responses.keys(), (method, path)
        assert call(url, HTTP_ACCEPT="application/xml").status_code == 406, (method, path)
        if "requestBody" in operation:
            assert {"413", "415"} <= responses.keys(), (method, path)
            sent = call(url, "text", content_type="text/plain")
            assert sent.status_code == 415, (method, path, sent.content)
            sent = call(url, {"text": "x" * 50}, format="json")
            assert sent.status_code == 413, (method, path, sent.content)
        else:
            assert not {"413", "415"} & responses.keys(), (method, path)
        if method == "get":
            answer = api.get(url)
            assert answer.status_code == 200, (path, answer.content)
            if "304" in responses:
                again = api.get(url, HTTP_IF_NONE_MATCH=answer["ETag"])
                assert again.status_code == 304, path
            else:
                assert not answer.has_header("ETag"), path
        else:
            assert "304" not in responses, (method, path)
    assert "405" in schema_document["info"]["description"]
