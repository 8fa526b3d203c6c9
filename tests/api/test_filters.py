"""Each filter of each resource returns exactly the right rows, and anonymous clients only
ever get published ones."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.world import build_world


@pytest.fixture
def world(db):
    return build_world()


def ids(response) -> set:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def slugs(response) -> set:
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


QUOTE_CASES = [
    ("", {"q1", "q2", "q3", "q5"}),
    ("speaker=alice", {"q1"}),
    ("speaker=bob", {"q2"}),
    ("character=eve", {"q3"}),
    ("film=ballet", {"q1", "q5"}),
    ("film=other-film", {"q2", "q5"}),
    ("franchise=wick", {"q1", "q3", "q5"}),
    ("outlet=ew", {"q1", "q3"}),
    ("outlet=agg", {"q2", "q5"}),
    ("via=agg", {"q1", "q3"}),
    ("via=agg2", {"q1", "q3", "q5"}),
    ("via=ew", set()),
    ("article=live", {"q1", "q2"}),
    ("status=verified", {"q1"}),
    ("status=disputed", {"q5"}),
    ("status=unverified", {"q2", "q3"}),
    ("nested=true", {"q3"}),
    ("nested=false", {"q1", "q2", "q5"}),
    ("said_after=2025-01-01", {"q1"}),
    ("said_before=2024-12-31", {"q2"}),
    ("said_after=2024-05-01&said_before=2024-05-01", {"q2"}),
    ("search=zebra", {"q2"}),
    ("speaker=alice&film=ballet&outlet=ew&status=verified", {"q1"}),
]


@pytest.mark.parametrize(("query", "expected"), QUOTE_CASES)
def test_quote_filters_return_exactly_the_published_matches(api, world, query, expected):
    response = api.get(f"/api/v1/quotes/?{query}")
    assert ids(response) == {getattr(world, name).pk for name in expected}


def test_quote_source_filter(api, world):
    assert ids(api.get(f"/api/v1/quotes/?source={world.s_other.pk}")) == {world.q2.pk}


def test_quote_ordering(api, world):
    newest = [row["id"] for row in api.get("/api/v1/quotes/").json()["results"]]
    oldest = [row["id"] for row in api.get("/api/v1/quotes/?ordering=id").json()["results"]]
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(newest)


def test_a_draft_article_is_no_article_to_anonymous_clients(api, world):
    response = api.get("/api/v1/quotes/?article=draft")
    assert response.status_code == 400
    assert "No article with slug “draft”." in response.json()["article"]


def test_editors_see_unpublished_quotes_and_can_filter_them(editor_api, world):
    assert ids(editor_api.get("/api/v1/quotes/?speaker=alice")) == {world.q1.pk, world.q4.pk}
    assert ids(editor_api.get("/api/v1/quotes/?article=draft")) == {world.q5.pk}


def test_writers_see_their_own_pending_quotes_only(writer_api, writer, world):
    world.q6.updated_by = writer
    world.q6.state = "pending"
    world.q6.save()
    assert ids(writer_api.get("/api/v1/quotes/?speaker=bob")) == {world.q2.pk, world.q6.pk}
    assert ids(writer_api.get("/api/v1/quotes/?speaker=alice")) == {world.q1.pk}


def test_anonymous_detail_of_unpublished_quote_is_404(api, world):
    assert api.get(f"/api/v1/quotes/{world.q4.pk}/").status_code == 404
    assert api.get(f"/api/v1/quotes/{world.q6.pk}/").status_code == 404
    assert api.get(f"/api/v1/quotes/{world.q1.pk}/").status_code == 200


def test_nested_quotes_listed_are_published_only(api, world):
    body = api.get(f"/api/v1/quotes/{world.q1.pk}/").json()
    assert [q["id"] for q in body["nested_quotes"]] == [world.q3.pk]
    assert body["speaker"]["type"] == "person"
    assert [hop["outlet"]["slug"] for hop in body["source_chain"]] == ["ew", "agg", "agg2"]
    assert body["links"]["page"] == f"http://testserver/quotes/{world.q1.pk}/"
    nested = api.get(f"/api/v1/quotes/{world.q3.pk}/").json()
    assert nested["speaker"]["type"] == "character"
    assert nested["parent"]["id"] == world.q1.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", {"alice", "bob"}), ("search=ames", {"alice"}), ("film=ballet", {"alice", "bob"})],
)
def test_people_filters(api, world, query, expected):
    assert slugs(api.get(f"/api/v1/people/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"eve", "loner"}),
        ("franchise=wick", {"eve"}),
        ("film=ballet", {"eve"}),
        ("search=lon", {"loner"}),
    ],
)
def test_character_filters(api, world, query, expected):
    assert slugs(api.get(f"/api/v1/characters/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ballet", "other-film"}),
        ("franchise=wick", {"ballet"}),
        ("status=announced", {"other-film"}),
        ("released_after=2025-01-01", {"ballet"}),
        ("released_before=2025-01-01", set()),
        ("person=bob", {"ballet"}),
        ("search=ballet", {"ballet"}),
    ],
)
def test_film_filters(api, world, query, expected):
    assert slugs(api.get(f"/api/v1/films/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ew", "agg", "agg2"}),
        ("kind=aggregator", {"agg", "agg2"}),
        ("search=second", {"agg2"}),
    ],
)
def test_outlet_filters(api, world, query, expected):
    assert slugs(api.get(f"/api/v1/outlets/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"s_agg2", "s_agg", "s_ew", "s_other"}),
        ("outlet=agg", {"s_agg", "s_other"}),
        ("kind=press_release", {"s_other"}),
        ("via=agg2", {"s_agg", "s_ew"}),
        ("via=agg", {"s_ew"}),
    ],
)
def test_source_filters(api, world, query, expected):
    assert ids(api.get(f"/api/v1/sources/?{query}")) == {getattr(world, n).pk for n in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"live", "old"}),
        ("film=ballet", {"live"}),
        ("person=bob", {"old"}),
        ("published_after={cutoff}", {"live"}),
        ("published_before={cutoff}", {"old"}),
        ("published_before=2000-01-01T00:00:00Z", set()),
        ("search=zebras", {"live"}),
        ("status=draft", set()),
    ],
)
def test_article_filters_for_anonymous_clients(api, world, query, expected):
    # "live" went out an hour ago, "old" 400 days ago: the cutoff falls between them.
    cutoff = (timezone.now() - dt.timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert slugs(api.get(f"/api/v1/articles/?{query.format(cutoff=cutoff)}")) == expected


def test_editors_list_drafts(editor_api, world):
    assert slugs(editor_api.get("/api/v1/articles/?status=draft")) == {"draft"}
    assert slugs(editor_api.get("/api/v1/articles/?film=ballet")) == {"live", "draft"}


def test_the_wiseman_query_of_the_brief(api, demo):
    response = api.get(
        "/api/v1/quotes/?speaker=len-wiseman&film=ballerina&outlet=entertainment-weekly"
        "&status=verified"
    )
    results = response.json()["results"]
    assert len(results) == 8
    assert {row["speaker"]["slug"] for row in results} == {"len-wiseman"}
    assert all(
        [hop["outlet"]["slug"] for hop in row["source_chain"]]
        == ["entertainment-weekly", "actionewz"]
        for row in results
    )
