"""Sections, tags and authors: a reader moves between them, and each lists only what is
published, a page at a time, with a feed; the article page offers related reading."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, Section
from articles.querysets import related_reading
from articles.roles import EDITORS
from tests.admin.conftest import make_user
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    FilmFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#?]+)', html))


def test_a_reader_moves_from_the_ballerina_article_to_its_section_tag_and_author(client, demo):
    article = client.get(demo.get_absolute_url()).content.decode()
    assert {"/sections/film/", "/tags/ballerina/", "/authors/quote-desk-staff/"} <= links(article)

    for url, heading in [
        ("/sections/film/", "<h1>Film</h1>"),
        ("/tags/ballerina/", "<h1>Ballerina</h1>"),
        ("/authors/quote-desk-staff/", "<h1>Quote desk staff</h1>"),
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert heading in html, url
        assert demo.get_absolute_url() in links(html), url
        assert f'{url}feed/"' in html, url  # its feed is linked, and exists
        assert client.get(f"{url}feed/").status_code == 200


def test_the_desk_s_author_page_says_it_is_the_desk(client, demo):
    html = client.get("/authors/quote-desk-staff/").content.decode()
    assert "The desk" in html
    assert "every quote is a sourced, verifiable record" in html


def test_the_navigation_shows_the_sections_in_order(client, db):
    SectionFactory(name="Music", slug="music", position=2)
    SectionFactory(name="Film", slug="film", position=0)
    SectionFactory(name="TV", slug="tv", position=1)
    for url in ["/", "/quotes/", "/articles/"]:
        html = client.get(url).content.decode()
        nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
        assert re.findall(r'href="/sections/([a-z]+)/"', nav) == ["film", "tv", "music"], url


def test_a_new_section_purges_every_page_showing_the_navigation(
    client, db, purges, django_capture_on_commit_callbacks
):
    response = client.get("/quotes/")
    assert "section-list" in response["xkey"].split()
    with django_capture_on_commit_callbacks(execute=True):
        SectionFactory(slug="tv")
    assert "section-list" in purges.purged_keys()


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("/sections/the-section/", "section"),
        ("/tags/the-tag/", "tag"),
        ("/authors/the-author/", "author"),
    ],
)
def test_each_list_shows_only_published_articles_newest_first(client, db, url, link):
    section = SectionFactory(slug="the-section")
    tag = TagFactory(slug="the-tag")
    author = AuthorFactory(slug="the-author")
    now = timezone.now()
    states = [
        ("older", "published", now - dt.timedelta(days=2)),
        ("newer", "published", now - dt.timedelta(days=1)),
        ("draft", "draft", None),
        ("review", "review", None),
        ("scheduled", "scheduled", now + dt.timedelta(days=1)),
        ("archived", "archived", now - dt.timedelta(days=3)),
    ]
    for name, status, published_at in states:
        article = ArticleFactory(
            title=f"Story {name}", status=status, published_at=published_at, section=section
        )
        article.tags.add(tag)
        BylineFactory(article=article, author=author)
    html = client.get(url).content.decode()
    titles = re.findall(r"Story (\w+)", html)
    assert titles == ["newer", "older"], link
    feed = ET.fromstring(client.get(f"{url}feed/").content)
    assert [item.findtext("title") for item in feed.iter("item")] == ["Story newer", "Story older"]


def test_lists_are_paginated_like_the_others(client, db):
    section = SectionFactory(slug="film")
    for n in range(23):
        ArticleFactory(
            title=f"Numbered {n}",
            section=section,
            published_at=timezone.now() - dt.timedelta(hours=n + 1),
        )
    first = client.get("/sections/film/")
    second = client.get("/sections/film/?page=2")
    assert first.content.decode().count("Numbered ") == 20
    assert second.content.decode().count("Numbered ") == 3
    assert 'rel="next"' in first.content.decode()
    assert client.get("/sections/film/?page=3").status_code == 404
    assert client.get("/sections/film/?page=x").status_code == 404


def test_unknown_sections_tags_and_authors_are_404s(client, db):
    for url in ["/sections/nope/", "/tags/nope/", "/authors/nope/", "/tags/nope/feed/"]:
        assert client.get(url).status_code == 404, url


def test_a_tag_is_public_once_a_published_article_carries_it(client, db):
    tag = TagFactory(slug="soon")
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.tags.add(tag)
    assert client.get("/tags/soon/").status_code == 404
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get("/tags/soon/").status_code == 200


def test_the_byline_names_every_author_in_order_each_linked(client, db):
    article = ArticleFactory()
    for position, (name, slug) in enumerate([("Ann Lee", "ann"), ("Bo Roy", "bo"), ("Cy", "cy")]):
        BylineFactory(
            article=article, author=AuthorFactory(name=name, slug=slug), position=position
        )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        'By <a href="/authors/ann/" rel="author">Ann Lee</a>, '
        '<a href="/authors/bo/" rel="author">Bo Roy</a> and '
        '<a href="/authors/cy/" rel="author">Cy</a>'
    ) in html
    listed = Article.objects.for_list().get(pk=article.pk)
    assert listed.byline == "Ann Lee, Bo Roy and Cy"


def test_a_list_of_teasers_names_their_authors_so_a_renamed_author_purges_it(client, demo):
    desk = demo.bylines.get().author
    for url in ["/", "/articles/", "/films/ballerina/", "/sections/film/"]:
        assert f"author-{desk.pk}" in client.get(url)["xkey"].split(), url


def test_structure_pages_are_shared_and_name_what_they_show(client, demo):
    section = Section.objects.get(slug="film")
    response = client.get("/sections/film/")
    keys = set(response["xkey"].split())
    assert {f"section-{section.pk}", "article-list", f"article-{demo.pk}"} <= keys
    assert "public" in response["Cache-Control"]


# --- related reading ------------------------------------------------------------------------


def related_titles(client, article) -> list[str]:
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'id="reading-heading".*?</section>', html, re.S)
    return re.findall(r'<a href="/articles/[^"]+/">([^<]+)</a>', block.group(0)) if block else []


def test_related_reading_shares_the_most_first_and_only_published(client, db):
    film, other_film = FilmFactory(), FilmFactory()
    person, tag = PersonFactory(), TagFactory()
    article = ArticleFactory(title="The story")
    article.films.add(film, other_film)
    article.people.add(person)
    article.tags.add(tag)
    now = timezone.now()

    def make(title, *, films=(), people=(), tags=(), hours=1, **fields):
        fields.setdefault("published_at", now - dt.timedelta(hours=hours))
        related = ArticleFactory(title=title, **fields)
        related.films.add(*films)
        related.people.add(*people)
        related.tags.add(*tags)
        return related

    make("Shares three", films=[film, other_film], tags=[tag], hours=50)
    make("Shares two", films=[film], people=[person], hours=40)
    make("Shares one, newer", tags=[tag], hours=2)
    make("Shares one, older", films=[other_film], hours=30)
    make("Shares one, oldest", people=[person], hours=60)
    make("Shares nothing", films=[FilmFactory()])
    make("Draft sharing all", films=[film], tags=[tag], status="draft", published_at=None)
    assert related_titles(client, article) == [
        "Shares three",
        "Shares two",
        "Shares one, newer",
        "Shares one, older",
    ]


@pytest.mark.parametrize("size", [2, 9])
def test_related_reading_runs_two_queries_whatever_it_finds(
    client, db, django_assert_num_queries, size
):
    film, tag = FilmFactory(), TagFactory()
    article = ArticleFactory()
    article.films.add(film)
    article.tags.add(tag)
    for _ in range(size):
        related = ArticleFactory(section=SectionFactory())
        related.films.add(film)
        related.tags.add(tag)
    # Article, featured quotes (none: no films or chains to read), films, people, sources,
    # bylines, tags, corrections, related reading (the shared links, the public candidates),
    # nav, next scheduled change.
    with django_assert_num_queries(12):
        response = client.get(article.get_absolute_url())
    assert len(response.context["related_articles"]) == min(size, 4)


def test_related_reading_ranks_every_article_sharing_links_before_it_keeps_a_pool(db):
    """The pool is the best scored, not the newest: an old article sharing two links still
    wins over more newer ones sharing one than the pool holds; drafts in it are passed over."""
    film, tag = FilmFactory(), TagFactory()
    article = ArticleFactory()
    now = timezone.now()
    old = ArticleFactory(title="Old, shares two", published_at=now - dt.timedelta(days=30))
    old.films.add(film)
    old.tags.add(tag)
    newer = {}
    for hours in range(5, 0, -1):  # the newest last, as articles are written
        newer[hours] = ArticleFactory(published_at=now - dt.timedelta(hours=hours))
        newer[hours].films.add(film)
    draft = ArticleFactory(status="draft", published_at=None)
    draft.films.add(film)
    draft.tags.add(tag)
    found = related_reading(article, films=[film.pk], people=[], tags=[tag.pk], limit=3, pool=4)
    assert [one.pk for one in found] == [old.pk, newer[1].pk, newer[2].pk]


def test_publishing_an_article_purges_the_pages_whose_related_reading_it_may_join(
    client, db, purges, django_capture_on_commit_callbacks
):
    film = FilmFactory()
    article = ArticleFactory()
    article.films.add(film)
    assert "article-list" in client.get(article.get_absolute_url())["xkey"].split()
    draft = ArticleFactory(status="draft", published_at=None)
    draft.films.add(film)
    purges.purged = []
    editor = make_user("edith", EDITORS)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, by=editor)
    assert "article-list" in purges.purged_keys()
    assert related_titles(client, article) == [draft.title]
