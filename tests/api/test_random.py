import pytest

from quotes import querysets
from quotes.models import Quote
from tests.api.world import build_world
from tests.factories import QuoteFactory


@pytest.fixture
def world(db):
    return build_world()


def test_one_random_published_quote_by_default(api, world):
    response = api.get("/api/v1/quotes/random/")
    assert response.status_code == 200
    (quote,) = response.json()
    assert quote["id"] in {world.q1.pk, world.q2.pk, world.q3.pk, world.q5.pk}


def test_random_is_never_cached_nor_revalidated(api, world):
    response = api.get("/api/v1/quotes/random/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_random_honours_filters(api, world):
    for _ in range(10):
        rows = api.get("/api/v1/quotes/random/?franchise=wick&count=50").json()
        assert {row["id"] for row in rows} == {world.q1.pk, world.q3.pk, world.q5.pk}
    assert [r["id"] for r in api.get("/api/v1/quotes/random/?speaker=bob").json()] == [world.q2.pk]


def test_random_never_gives_unpublished_quotes(api, world):
    seen = set()
    for _ in range(10):
        seen |= {row["id"] for row in api.get("/api/v1/quotes/random/?count=10").json()}
    assert seen == {world.q1.pk, world.q2.pk, world.q3.pk, world.q5.pk}


@pytest.mark.parametrize("desk", ["editor_api", "writer_api"])
def test_random_gives_the_desk_published_quotes_only(request, world, writer, desk):
    """The desk's list holds what it may edit too (pending and rejected quotes); a random quote
    is a published one whoever asks, as the schema and the README say."""
    own = QuoteFactory(state=Quote.State.PENDING, updated_by=writer)
    QuoteFactory(state=Quote.State.REJECTED)
    client = request.getfixturevalue(desk)
    assert own.pk in {
        row["id"] for row in client.get("/api/v1/quotes/?page_size=100").json()["results"]
    }
    rows = client.get("/api/v1/quotes/random/?count=50").json()
    assert {row["id"] for row in rows} == {world.q1.pk, world.q2.pk, world.q3.pk, world.q5.pk}


def test_random_with_no_match_is_an_empty_list(api, world):
    assert api.get("/api/v1/quotes/random/?via=ew").json() == []


def test_random_probes_ids_on_large_sets(api, world, monkeypatch):
    monkeypatch.setattr(querysets, "RANDOM_ID_LIST_CAP", 2)
    QuoteFactory.create_batch(5)
    rows = api.get("/api/v1/quotes/random/?count=3&nested=false").json()
    assert len({row["id"] for row in rows}) == len(rows) >= 1
    assert all(row["parent"] is None for row in rows)
    assert world.q4.pk not in {row["id"] for row in rows}


def test_a_random_john_wick_quote_from_the_demo(api, demo):
    (quote,) = api.get("/api/v1/quotes/random/?franchise=john-wick").json()
    assert "ballerina" in {film["slug"] for film in quote["films"]}
