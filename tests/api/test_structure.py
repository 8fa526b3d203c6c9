"""The API's sections, tags and authors, the article filters on them (strict, like the
others), and what an article shows and accepts of them."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    from tests.api.world import build_world

    return build_world()


def slugs(response) -> list:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section=film", {"live"}),
        ("section=tv", {"old"}),
        ("tag=wick", {"live"}),
        ("author=ann", {"live", "old"}),
        ("author=ben", {"live"}),
        ("section=film&tag=wick&author=ann", {"live"}),
        ("section=tv&tag=wick", set()),
    ],
)
def test_article_filters_by_section_tag_and_author(api, world, query, expected):
    assert set(slugs(api.get(f"/api/v1/articles/?{query}"))) == expected


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        ("section=music", "section", "No section with slug “music”."),
        ("tag=nope", "tag", "No tag with slug “nope”."),
        ("author=nobody", "author", "No author with slug “nobody”."),
        ("section=film&section=tv", "section", "Give “section” once."),
        ("sektion=film", "sektion", "Unknown parameter"),
    ],
)
def test_unknown_sections_tags_and_authors_are_a_400(api, world, query, name, message):
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert message in str(response.json()[name])


def test_a_tag_only_drafts_carry_is_unknown_to_readers_and_known_to_editors(api, editor_api, world):
    assert api.get("/api/v1/articles/?tag=secret").status_code == 400
    assert set(slugs(editor_api.get("/api/v1/articles/?tag=secret"))) == {"draft"}


def test_sections_tags_and_authors_are_listed_and_read_by_slug(api, world):
    assert slugs(api.get("/api/v1/sections/")) == ["film", "tv"]
    assert slugs(api.get("/api/v1/tags/")) == ["wick"]  # not the draft's secret tag
    # The desk's own profile, which the migrations create, is an author too.
    assert slugs(api.get("/api/v1/authors/")) == ["ann", "ben", "quote-desk-staff"]
    author = api.get("/api/v1/authors/ann/").json()
    assert author["name"] == "Ann Author" and author["is_organization"] is False
    assert author["links"]["page"].endswith("/authors/ann/")
    assert api.get("/api/v1/sections/film/").json()["links"]["page"].endswith("/sections/film/")
    assert api.get("/api/v1/tags/secret/").status_code == 404
    assert slugs(api.get("/api/v1/authors/?is_organization=true")) == ["quote-desk-staff"]
    assert api.get("/api/v1/sections/?bogus=1").status_code == 400
    assert slugs(api.get("/api/v1/authors/?search=byl")) == ["ben"]


def test_the_lists_are_cursor_paginated(api, world):
    first = api.get("/api/v1/authors/?page_size=1").json()
    assert [row["slug"] for row in first["results"]] == ["ann"]
    second = api.get(first["next"]).json()
    assert [row["slug"] for row in second["results"]] == ["ben"]


def test_an_article_shows_its_section_tags_authors_in_order_and_corrections(api, world):
    row = next(r for r in api.get("/api/v1/articles/").json()["results"] if r["slug"] == "live")
    assert row["section"]["slug"] == "film"
    assert [author["slug"] for author in row["authors"]] == ["ben", "ann"]
    assert row["byline"] == "Ben Byline and Ann Author"
    detail = api.get(f"/api/v1/articles/{world.a1.pk}/").json()
    assert [tag["slug"] for tag in detail["tags"]] == ["wick"]
    assert detail["corrections"] == [
        {
            "id": world.c1.pk,
            "kind": "correction",
            "text": "We misspelt the zebra's name.",
            "published_at": detail["corrections"][0]["published_at"],
        }
    ]
    assert detail["corrections"][0]["published_at"]


def test_an_editor_writes_section_tags_and_authors_by_slug(editor_api, world):
    response = editor_api.post(
        "/api/v1/articles/",
        {
            "title": "New",
            "slug": "new",
            "body": "Text.",
            "section": "tv",
            "tags": ["wick"],
            "authors": ["ann", "ben"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["section"]["slug"] == "tv"
    assert [author["slug"] for author in body["authors"]] == ["ann", "ben"]
    article = Article.objects.get(slug="new")
    response = editor_api.patch(
        f"/api/v1/articles/{article.pk}/", {"authors": ["ben", "ann"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["byline"] == "Ben Byline and Ann Author"
    assert [a.slug for a in Article.objects.with_authors().get(pk=article.pk).author_list()] == [
        "ben",
        "ann",
    ]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"byline": "By Someone"}, "byline"),
        ({"authors": ["nobody"]}, "authors"),
        ({"section": "music"}, "section"),
        ({"tags": ["nope"]}, "tags"),
    ],
)
def test_bad_structure_in_a_write_is_a_400_naming_the_field(editor_api, world, payload, field):
    response = editor_api.patch(f"/api/v1/articles/{world.a1.pk}/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_renaming_a_live_article_through_the_api_keeps_its_old_url(editor_api, api, world):
    response = editor_api.patch(f"/api/v1/articles/{world.a1.pk}/", {"slug": "live-2"})
    assert response.status_code == 200, response.content
    # A live article's change is a draft until published.
    assert api.get("/articles/live/").status_code == 200
    published = editor_api.post(f"/api/v1/articles/{world.a1.pk}/publish/")
    assert published.status_code == 200, published.content
    assert api.get("/articles/live/")["Location"] == "/articles/live-2/"
    taken = editor_api.patch(f"/api/v1/articles/{world.a3.pk}/", {"slug": "live"})
    assert taken.status_code == 400
    assert "slug" in taken.json()
