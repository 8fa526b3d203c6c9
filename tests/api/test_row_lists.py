"""The SQL read path of the anonymous lists (`cms.api_rows`) answers with exactly the JSON of the
serializer path, page after page, forwards and backwards, and knows when to step aside."""

import base64
from contextlib import contextmanager, nullcontext
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from articles.api_rows import ArticleRows
from articles.models import Article
from cms.api import JSONRenderer
from cms.api_read import CompiledReadMixin
from cms.api_rows import RowListMixin
from quotes.api_rows import FilmRows, PersonRows, QuoteRows
from tests.api.world import build_world
from tests.factories import ArticleFactory, FilmFactory, PersonFactory, QuoteFactory

from .conftest import client_for

ROW_LISTS = {"quotes": QuoteRows, "articles": ArticleRows, "films": FilmRows, "people": PersonRows}


@contextmanager
def serializer_path():
    RowListMixin.enabled = CompiledReadMixin.enabled = False
    try:
        yield
    finally:
        RowListMixin.enabled = CompiledReadMixin.enabled = True


@pytest.fixture
def rows_read(monkeypatch):
    """How many pages each `RowList` answered: the SQL path must really be taken."""
    answered = dict.fromkeys(ROW_LISTS, 0)
    for name, row_list in ROW_LISTS.items():
        original = row_list.represent

        def represent(self, rows, request, _name=name, _original=original):
            answered[_name] += 1
            return _original(self, rows, request)

        monkeypatch.setattr(row_list, "represent", represent)
    return answered


@pytest.fixture
def varied(db):
    """The test world, bulk data in every workflow state, and the awkward cases: namesakes
    and same-titled films (ties on the cursor's field), text a JSON encoder must escape,
    aliases with blank lines, stray spaces and every kind of line break,
    articles scheduled in the past and in the future."""
    call_command(
        "seed_bulk",
        "--quotes=150",
        "--articles=90",
        "--people=70",
        "--films=70",
        "--seed=3",
        verbosity=0,
    )
    build_world()  # after the bulk load: its COPY alters tables, refused after other writes
    PersonFactory(name="Ana Lee", slug="ana-lee-1")
    PersonFactory(
        name="Ana Lee", slug="ana-lee-2", aliases="  A. Lee \r\n\n\t\nAnnie\u2028Lee\x0bL.\r"
    )
    FilmFactory(title="Same Title", slug="same-title-1", franchise=None, studio=None)
    FilmFactory(title="Same Title", slug="same-title-2")
    QuoteFactory(text='Line\u2028sep "quoted" \\ back \x01 é ☃ 😀')
    now = timezone.now()
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=now - timedelta(hours=1))
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + timedelta(days=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=1))


def walk(client, url: str) -> list[dict]:
    """Every page from `url` to the end by `next`, then back to the start by `previous`."""
    pages = []
    while url:
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        pages.append(response.json())
        url = pages[-1]["next"]
    url = pages[-1]["previous"]
    while url:
        cache.clear()
        pages.append(client.get(url).json())
        url = pages[-1]["previous"]
    return pages


@pytest.mark.parametrize("name", ROW_LISTS)
@pytest.mark.parametrize("page_size", [3, 100])
def test_every_page_is_the_same_json_both_ways(api, varied, rows_read, name, page_size):
    url = f"/api/v1/{name}/?page_size={page_size}"
    from_rows = walk(api, url)
    assert rows_read[name] == len(from_rows)
    with serializer_path():
        from_serializers = walk(api, url)
    assert rows_read[name] == len(from_rows)  # the serializer path did not read rows
    assert from_rows == from_serializers
    assert from_rows[0]["results"], name
    if page_size == 3:
        assert len(from_rows) > 4, "the data should give several pages each way"


@pytest.mark.parametrize("name", ["quotes", "articles", "films"])
@pytest.mark.parametrize("variant", ["another time zone", "other formats"])
def test_dates_are_the_same_json_both_ways_whatever_the_zone_and_formats(
    api, varied, rows_read, settings, name, variant
):
    """The row path hands the driver's dates over as they come only where DRF would give the
    same: in UTC with ISO 8601. Elsewhere it converts them, as DRF's fields do."""
    if variant == "another time zone":
        settings.TIME_ZONE = "America/Los_Angeles"
    else:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DATETIME_FORMAT": "%d/%m/%Y %H:%M:%S %z",
            "DATE_FORMAT": "%d %b %Y",
        }
    url = f"/api/v1/{name}/?page_size=100"
    from_rows = walk(api, url)
    assert rows_read[name] == len(from_rows)
    with serializer_path():
        assert walk(api, url) == from_rows
    field = {"quotes": "said_on", "articles": "published_at", "films": "release_on"}[name]
    shown = [row[field] for page in from_rows for row in page["results"] if row[field]]
    assert shown
    if variant == "another time zone" and name == "articles":
        assert all(value.endswith(("-07:00", "-08:00")) for value in shown)
    if variant == "other formats":
        assert all("-" not in value[:10] for value in shown)


def test_the_rows_show_what_the_data_hold(api, varied):
    """Beyond agreeing with the serializers: nested quotes, relayed sources, missing studios
    and aliases on lines of every kind are there to compare, and nothing unpublished is."""
    quotes = [row for page in walk(api, "/api/v1/quotes/?page_size=100") for row in page["results"]]
    assert any(row["nested_quotes"] for row in quotes)
    assert any(row["parent"] for row in quotes)
    assert any(len(row["source_chain"]) > 2 for row in quotes)
    assert any("\u2028" in row["text"] for row in quotes)
    from quotes.models import Quote

    published = set(Quote.objects.published().values_list("pk", flat=True))
    assert {row["id"] for row in quotes} == published
    assert Quote.objects.exclude(pk__in=published).exists()
    articles = [r for p in walk(api, "/api/v1/articles/?page_size=100") for r in p["results"]]
    assert {row["id"] for row in articles} == set(
        Article.objects.published().values_list("pk", flat=True)
    )
    assert Article.objects.exclude(pk__in=[row["id"] for row in articles]).exists()
    films = [row for page in walk(api, "/api/v1/films/?page_size=100") for row in page["results"]]
    assert any(row["studio"] is None for row in films)
    assert any(row["franchise"] for row in films)
    people = [row for page in walk(api, "/api/v1/people/?page_size=100") for row in page["results"]]
    (awkward,) = [row for row in people if row["slug"] == "ana-lee-2"]
    assert awkward["aliases"] == ["A. Lee", "Annie", "Lee", "L."]


@pytest.mark.parametrize(
    "query",
    [
        "?page_size=5&status=verified",  # a filter
        "?page_size=5&format=api",  # the browsable API
    ],
)
def test_anything_but_a_plain_json_page_takes_the_serializers(api, varied, rows_read, query):
    response = api.get(f"/api/v1/quotes/{query}")
    assert response.status_code == 200
    assert rows_read["quotes"] == 0


def test_staff_take_the_serializers_and_see_unpublished_rows(editor, varied, rows_read):
    response = client_for(editor).get("/api/v1/quotes/?page_size=100")
    assert response.status_code == 200
    assert rows_read["quotes"] == 0
    assert any(row["id"] for row in response.json()["results"])


@pytest.mark.parametrize("name", ROW_LISTS)
@pytest.mark.parametrize("position", ["abc", "\x00", "99999999999999999999999", "2026-13-45"])
def test_a_forged_cursor_is_a_400_on_both_paths(api, varied, name, position):
    if name in ("films", "people") and position != "\x00":
        return  # any text is a title or a name to compare with
    cursor = base64.b64encode(f"p={position}".encode()).decode()
    for path in (nullcontext(), serializer_path()):
        with path:
            response = api.get(f"/api/v1/{name}/", {"cursor": cursor})
        assert response.status_code == 400, (name, position, response.content[:200])
        assert response.json() == {"cursor": ["Invalid cursor."]}


@pytest.mark.parametrize("page_size", [3, 60])
@pytest.mark.parametrize(
    "name,queries", [("quotes", 5), ("articles", 2), ("films", 2), ("people", 2)]
)
def test_a_page_costs_the_same_queries_whatever_its_size(
    api, varied, rows_read, name, queries, page_size, django_assert_num_queries
):
    # The rows and (quotes) films, parents with nested lines, source chains; then the
    # cache's next-publication lookup.
    with django_assert_num_queries(queries):
        response = api.get(f"/api/v1/{name}/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
    assert rows_read[name] == 1


def test_the_json_renderer_gives_drf_s_bytes():
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    data = {
        "text": 'Line\u2028sep\u2029 "q" \\ \x01\x1f\x7f é ☃ 😀 </script>',
        "when": timezone.now(),
        "day": timezone.now().date(),
        "amount": Decimal("12.50"),
        "lazy": gettext_lazy("Published"),
        "nested": [{"a": None, "b": True, "c": 1.5, "d": 10**15}],
    }
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)
    assert JSONRenderer().render(data, "application/json; indent=2") == DRFJSONRenderer().render(
        data, "application/json; indent=2"
    )
    assert JSONRenderer().render(None) == b""


@pytest.mark.parametrize(
    "text",
    [
        "Only a line\u2028separator",
        "Only a paragraph\u2029separator",
        "\u2029Both\u2028, at the ends\u2028",
        "Look-alikes: \u201ccurly\u201d \u2014 \u2019 \u2027 \u202a, é © ¨ \u00a8\u00a9",
        "Plain text",
    ],
)
def test_the_json_renderer_escapes_separators_as_drf_does(text):
    data = {"results": [{"text": text, "links": {"page": "https://example.com/\u00e9/"}}]}
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


@pytest.mark.parametrize("name", ROW_LISTS)
def test_the_demo_is_the_same_json_both_ways(api, demo, rows_read, name):
    """The shipped demo (Len Wiseman on Ballerina): nested lines, a source relayed via
    ActioNewz.com, films, published and draft articles."""
    url = f"/api/v1/{name}/?page_size=4"
    from_rows = walk(api, url)
    assert rows_read[name] == len(from_rows)
    with serializer_path():
        assert walk(api, url) == from_rows
    assert from_rows[0]["results"]
