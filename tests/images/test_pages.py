"""Images where readers meet them: cards and pages, shared links (`og:image`), JSON-LD,
feeds, and the files themselves (served from var/media with their surrogate keys)."""

import json
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from core.pages import absolute_url
from tests.factories import ArticleFactory, FilmFactory, PersonFactory, QuoteFactory
from tests.images.helpers import stored_image
from tests.images.storages import CountingReader

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def page(client, url) -> tuple[str, dict]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, json.loads(LD.search(html).group(1))


def assert_shared_and_described(client, html, ld, image):
    card = image.social()
    assert meta(html, "og:image") == absolute_url(card.url)
    assert meta(html, "og:image:width") == str(card.width)
    assert meta(html, "og:image:alt") == image.alt_text
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == absolute_url(card.url)
    assert ld["image"] and all(url.startswith("http") for url in ld["image"])
    for url in [meta(html, "og:image"), *ld["image"]]:
        response = client.get(url.removeprefix(absolute_url("")))
        assert response.status_code == 200, url
        assert response["Content-Type"] in ("image/jpeg", "image/png")


def test_article_page_card_and_feed_show_the_lead_image(client):
    image = stored_image(caption="On set", credit="Desk photo")
    article = ArticleFactory(lead_image=image)
    html, ld = page(client, article.get_absolute_url())
    assert ld["@type"] == "NewsArticle"
    assert_shared_and_described(client, html, ld, image)
    assert 'class="figure article__lead-image"' in html and "Desk photo" in html
    listing = client.get("/articles/").content.decode()
    assert 'class="teaser__image"' in listing and 'alt="A red square"' in listing
    feed = client.get("/articles/feed/").content.decode()
    card = image.social()
    enclosure = re.search(r"<enclosure [^>]+>", feed).group(0)
    assert f'url="{absolute_url(card.url)}"' in enclosure
    assert f'length="{card.size}"' in enclosure and 'type="image/jpeg"' in enclosure


def test_film_page_shows_its_poster(client):
    image = stored_image(size=(1000, 1500), alt_text="A drawn poster")
    film = FilmFactory(poster=image)
    html, ld = page(client, film.get_absolute_url())
    assert ld["@type"] == "Movie"
    assert_shared_and_described(client, html, ld, image)
    assert "2x3-" in ld["image"][0]
    assert 'alt="A drawn poster"' in html


def test_person_page_and_their_quotes_show_their_photo(client):
    image = stored_image(alt_text="A drawn portrait")
    person = PersonFactory(photo=image)
    html, ld = page(client, person.get_absolute_url())
    assert ld["@type"] == "Person"
    assert_shared_and_described(client, html, ld, image)
    quote = QuoteFactory(speaker_person=person)
    html, _ = page(client, quote.get_absolute_url())
    assert 'class="quote-page__speaker-photo"' in html
    assert meta(html, "og:image") == absolute_url(image.social().url)


def test_a_page_without_an_image_is_a_summary_card(client):
    html, ld = page(client, ArticleFactory().get_absolute_url())
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") is None and "image" not in ld


def test_a_file_answer_names_its_image_and_is_purged_with_it(
    client, purges, django_capture_on_commit_callbacks
):
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert f"image-{image.pk}" in response["xkey"].split()
    assert "public" in response["Cache-Control"]
    image.credit = "Changed"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert any(f"image-{image.pk}" in keys for keys in purges.purged)


def test_unknown_and_malformed_file_paths_are_404(client):
    image = stored_image()
    FilmFactory(poster=image)
    for url in [
        f"/media/images/{image.key}/orig-9999.jpg",
        f"/media/images/{'0' * 24}/orig-320.jpg",
        f"/media/images/{image.key}/../../secret_key",
        "/media/secret_key",
        f"/media/images/{image.key}/orig-320.svg",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_file_is_streamed_as_it_is_with_its_length_and_etag(client):
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    response = client.get(rendition.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    data = response.getvalue()
    assert data == rendition.file.open("rb").read()
    # Compressed already: never gzipped again, so its length is known and sent.
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == len(data) == rendition.size
    again = client.get(rendition.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert client.get(rendition.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def use_storage(settings, backend: str) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}


def test_a_file_from_disk_is_read_only_to_be_sent(client, settings):
    """Its ETag comes from the storage's size and modified time: a revalidation reads none
    of the file, a full answer reads it once."""
    use_storage(settings, "tests.images.storages.ReadCountingStorage")
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    CountingReader.read_bytes = 0
    response = client.get(rendition.url)
    assert response.getvalue() and CountingReader.read_bytes == rendition.size
    again = client.get(rendition.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert CountingReader.read_bytes == rendition.size


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.files.storage.FileSystemStorage",
        # No modified time: the ETag is the content's digest, as before.
        "tests.images.storages.UntimedStorage",
    ],
)
def test_a_replaced_file_gets_a_new_etag(client, settings, backend):
    use_storage(settings, backend)
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    first = client.get(rendition.url)
    old = first.getvalue()
    # Another file of the same length, as a restore from a backup or a re-encoding may be.
    new = bytes(reversed(old))
    Path(default_storage.path(rendition.file.name)).write_bytes(new)
    again = client.get(rendition.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.getvalue() == new
