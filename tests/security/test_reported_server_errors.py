"""The server errors an adversarial pass found with a few lines of curl (issue 18), each now a
clear 4xx. Those that only PostgreSQL turned into a 500 (it refuses NUL characters and
over-long values where SQLite stores them) run in the PostgreSQL pass."""

from xml.etree import ElementTree

import jsonschema
import pytest
from django.db import connection

from tests.api.conftest import WRITER_PERMS, client_for, make_user
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="only PostgreSQL refused this with a 500"
)
LONG_USERNAME = "u" * 300


@pytest.mark.parametrize("url", ["/api/v1/quotes/", "/api/v1/people/", "/api/v1/articles/"])
def test_an_unknown_parameter_named_like_a_format_string_is_a_400(client, url):
    response = client.get(url, {"a%s": "1", "b%(x)s": "2"})
    assert response.status_code == 400
    body = response.json()
    assert body["a%s"][0].startswith("Unknown parameter “a%s”.")
    assert body["b%(x)s"][0].startswith("Unknown parameter “b%(x)s”.")


def test_a_filter_message_with_parameters_is_still_formatted(client):
    response = client.get("/api/v1/quotes/", {"speaker": "nobody"})
    assert response.json() == {"speaker": ["No person with slug “nobody”."]}


@postgresql_only
@pytest.mark.parametrize("kind", ["", "articles", "quotes", "people", "films"])
def test_a_nul_character_in_a_search_is_a_400_with_the_form_error(client, kind):
    response = client.get("/search/", {"q": "a\x00b", **({"type": kind} if kind else {})})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


DEEP = "[" * 1100 + "]" * 1100


@pytest.mark.parametrize("url", ["/api/v1/quotes/", "/api/v1/articles/"])
def test_an_editor_sending_a_deeply_nested_json_body_gets_a_400(django_user_model, url):
    editor = make_user(django_user_model, "deep-editor", WRITER_PERMS)
    response = client_for(editor).post(url, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_the_token_endpoint_refuses_a_deeply_nested_json_body_with_a_400(client):
    response = client.post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


@postgresql_only
def test_the_token_endpoint_refuses_an_over_long_username_with_a_400(client):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": LONG_USERNAME, "password": "guess"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["username"] == ["Ensure this field has no more than 150 characters."]


@postgresql_only
def test_the_admin_login_refuses_an_over_long_username_with_a_form_error(client):
    response = client.post("/admin/login/", {"username": LONG_USERNAME, "password": "guess"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("nul-root", password="x"))
    return client


@postgresql_only
@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?status=%00",
        "/admin/articles/article/?q=a%00b",
        "/admin/quotes/quote/?a%00=1",
        "/admin/autocomplete/?term=a%00b&app_label=articles&model_name=article&field_name=tags",
    ],
)
def test_a_nul_character_in_an_admin_address_is_a_400(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()


def test_the_admin_still_sends_a_stranger_to_its_login_page(client):
    response = client.get("/admin/articles/article/?status=%00")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_token_endpoints_400_for_an_unreadable_body_matches_the_published_schema(client):
    document = client.get("/api/v1/schema/?format=json").json()
    operation = document["paths"]["/api/v1/auth/token/"]["post"]
    schema = operation["responses"]["400"]["content"]["application/json"]["schema"]
    validator = jsonschema.Draft4Validator({**schema, "components": document["components"]})
    unreadable = client.post("/api/v1/auth/token/", "{not json", content_type="application/json")
    wrong = client.post(
        "/api/v1/auth/token/", {"username": "x", "password": "y"}, content_type="application/json"
    )
    for response in (unreadable, wrong):
        assert response.status_code == 400
        assert not list(validator.iter_errors(response.json())), response.json()
    assert "detail" in unreadable.json() and "non_field_errors" in wrong.json()


def rss_titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [
        item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")
    ]


def test_rss_titles_are_plain_text_without_markup(client):
    ArticleFactory(title="<em>Ballerina</em> &amp; Eve <b>return</b>")
    QuoteFactory(text="It was <b>loud</b>.", speaker_person__name="Len <i>Wiseman</i>")
    assert rss_titles(client, "/articles/feed/") == ["Ballerina & Eve return"]
    assert rss_titles(client, "/quotes/feed/") == ["Len Wiseman: “It was loud.”"]


def test_a_title_written_as_escaped_markup_does_not_become_markup(client):
    ArticleFactory(title="Tom &lt;script&gt;alert(1)&lt;/script&gt; & Jerry")
    (title,) = rss_titles(client, "/articles/feed/")
    assert "<" not in title and ">" not in title


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_empty_to_field_in_the_admin_is_a_400(staff_client, method):
    """Found by tests/security/test_url_fuzz.py: Django looked the empty name up as a field."""
    from articles.models import Section

    section = Section.objects.create(name="Film", slug="film")
    url = f"/admin/articles/section/{section.pk}/change/"
    response = getattr(staff_client, method)(
        url + "?_to_field=" if method == "get" else url,
        {} if method == "get" else {"_to_field": ""},
    )
    assert response.status_code == 400
