"""Images on an S3-compatible store, through django-storages, against a real S3 API: moto's
server mode, started here on a free port. The bucket is private: readers fetch every file from
the site itself (`/media/...`, `images.views.media`), which answers only while the image is
public, so that a file taken down is gone from its URL.

Under CI (the `CI` variable set) this runs once, in the PostgreSQL pass, and fails rather than
skips when moto's server is missing; elsewhere it skips when it is missing.
"""

import io
import json
import logging
import os
import re
import socket
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from PIL import Image as PILImage
from rest_framework.authtoken.models import Token

from articles.models import Article
from articles.services import article_unpublish
from cms.settings import media_storage
from images.models import Image
from images.services import image_delete
from tests.factories import ArticleFactory, FilmFactory
from tests.images.helpers import stored_image
from tests.images.pictures import GPS_IFD, photo_bytes, upload

pytestmark = pytest.mark.django_db

BUCKET = "quotedesk-media"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3_server(moto_server):
    return moto_server[1]


@pytest.fixture
def moto_server():
    """moto's S3 API and its URL; a test may stop it to see what a dead store does."""
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass")
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        reason = "moto's server is not installed (pip install 'moto[server]')"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}")
        pytest.skip(reason)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield server, f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    """The settings' own S3 storage (`cms.settings.media_storage`), from the variables an
    operator sets, on a fresh bucket."""
    import boto3

    environ = {
        "CMS_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_server,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}
    return client


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def stored_bytes(client, name: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=name)["Body"].read()


def body(response) -> bytes:
    """A file answer's bytes, streamed (`FileResponse`) or not."""
    return response.getvalue()


IMAGE_URLS = re.compile(r'(?:src|srcset)="([^"]+)"')


def image_urls(html: str) -> set[str]:
    """Every URL of an `<img src>` or a `srcset` (its candidates, without their widths)."""
    urls = set()
    for value in IMAGE_URLS.findall(html):
        urls.update(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
    return urls


def test_images_round_trip_through_s3(
    s3, s3_server, client, media_root, django_capture_on_commit_callbacks
):
    image = stored_image(size=(1800, 1200))
    film = FilmFactory(poster=image)
    stored = keys(s3)
    assert image.file.name in stored
    assert {r.file.name for r in image.rendition_list()} <= stored
    assert len(stored) == 1 + len(image.rendition_list())
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
    # Each rendition's URL is the site's own, served from the bucket through the site, free
    # of metadata, streamed with its length and an ETag that a revalidation matches.
    for rendition in image.rendition_list():
        assert rendition.url == f"/media/images/{image.key}/{rendition.file.name.split('/')[-1]}"
        response = client.get(rendition.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.status_code == 200, rendition.url
        assert response.streaming
        data = body(response)
        assert data == stored_bytes(s3, rendition.file.name)
        assert int(response["Content-Length"]) == len(data) == rendition.size
        assert "Content-Encoding" not in response
        assert response["Content-Type"] == rendition.media_type
        assert "public" in response["Cache-Control"]
        assert f"image-{image.pk}" in response["xkey"].split()
        with PILImage.open(io.BytesIO(data)) as decoded:
            assert decoded.size == (rendition.width, rendition.height)
            assert decoded.format == rendition.format
            assert GPS_IFD not in decoded.getexif()
        again = client.get(rendition.url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert again["ETag"] == response["ETag"]
    film.delete()
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=Image.objects.get(pk=image.pk))
    assert keys(s3) == set()


def test_a_public_image_on_s3_is_served_by_the_site_and_taken_down_with_its_article(
    s3, s3_server, client, settings, purges, django_capture_on_commit_callbacks
):
    settings.CMS_CACHE_ENABLED = False
    image = stored_image(alt_text="A photo on S3")
    article = ArticleFactory(lead_image=image, body=f"Before.\n\n[[image:{image.pk}]]\n\nAfter.")
    bucket_host = urlsplit(s3_server).netloc

    html = client.get(article.get_absolute_url()).content.decode()
    urls = image_urls(html)
    files = {url for url in urls if f"/images/{image.key}/" in url}
    assert files, "the page shows no rendition"
    assert all(url.startswith("/media/") for url in files), files
    for url in files:
        response = client.get(url)
        assert response.status_code == 200, url
        assert body(response) == stored_bytes(s3, url.removeprefix("/media/"))

    # No page, feed, sitemap or API answer names the bucket: every file is the site's own.
    answers = {
        article.get_absolute_url(): html,
        **{
            url: client.get(url).content.decode()
            for url in [
                "/",
                "/articles/",
                "/articles/feed/",
                "/sitemap-articles.xml",
                "/api/v1/images/",
                f"/api/v1/images/{image.pk}/",
                "/api/v1/articles/",
                f"/api/v1/articles/{article.pk}/",
            ]
        },
    }
    for url, text in answers.items():
        assert bucket_host not in text and BUCKET not in text, url
        assert f"/media/images/{image.key}/" in text, url
    api_urls = [
        rendition["url"]
        for rendition in json.loads(answers[f"/api/v1/images/{image.pk}/"])["renditions"]
    ]
    assert api_urls and all(url.startswith("http://testserver/media/") for url in api_urls)

    # Taken down: its article unpublished, the image is no longer public, and its files are
    # 404s to a reader at the very URLs they had; an editor still sees them.
    editor = User.objects.create_superuser("desk", "d@example.com", "pw-long-enough-1")
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=Article.objects.get(pk=article.pk), by=editor)
    # Varnish drops the files with the image's surrogate key, which their answers named.
    assert any(f"image-{image.pk}" in keys for keys in purges.purged)
    assert not Image.objects.published().filter(pk=image.pk).exists()
    for url in files:
        assert client.get(url).status_code == 404, url
    client.force_login(editor)
    for url in files:
        response = client.get(url)
        assert response.status_code == 200, url
        assert body(response) == stored_bytes(s3, url.removeprefix("/media/"))
    admin = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert bucket_host not in admin
    assert any(url.startswith("/media/images/") for url in image_urls(admin))


def test_a_file_missing_from_the_bucket_is_a_404(s3, client):
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    s3.delete_object(Bucket=BUCKET, Key=rendition.file.name)
    assert client.get(rendition.url).status_code == 404


def test_pages_load_images_from_the_site_alone():
    from cms import settings as project

    assert project.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    options = media_storage(
        {
            "CMS_MEDIA_STORAGE": "s3",
            "AWS_S3_CUSTOM_DOMAIN": "img.example.com",
            "AWS_DEFAULT_ACL": "public-read",
            "AWS_QUERYSTRING_AUTH": "0",
        }
    )["OPTIONS"]
    # The bucket stays private and never gives a URL of its own to anyone.
    assert not options.get("custom_domain")
    assert not options.get("default_acl")


def test_with_the_store_down_images_and_uploads_are_503s_and_nothing_is_saved(
    s3, moto_server, client, caplog
):
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    editor = User.objects.create_superuser("desk", "d@example.com", "pw-long-enough-1")
    token = Token.objects.create(user=editor)
    moto_server[0].stop()
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR):
        # A reader of a public image.
        response = client.get(rendition.url)
        assert response.status_code == 503
        # The words give the wait the header gives.
        wait = response["Retry-After"]
        assert f"Images cannot be stored or read just now. Try again in {wait} seconds." in (
            response.content.decode()
        )
        # An API client's upload: the API's error format.
        response = client.post(
            "/api/v1/images/",
            {"title": "New", "alt_text": "A photo", "file": upload(photo_bytes((800, 600)))},
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        assert response.status_code == 503
        assert "Images cannot be stored or read" in response.json()["detail"]
        # An editor's upload in the admin.
        client.force_login(editor)
        response = client.post(
            "/admin/images/image/add/",
            {"title": "New", "alt_text": "A photo", "file": upload(photo_bytes((800, 600))),
             "focal_x": 50, "focal_y": 50},
        )  # fmt: skip
        assert response.status_code == 503

    assert list(Image.objects.values_list("pk", flat=True)) == [image.pk]
    failures = [r for r in caplog.records if "Media storage unavailable" in r.getMessage()]
    assert len(failures) == 3
    assert "EndpointConnectionError" in failures[0].getMessage()
    assert not [r for r in caplog.records if getattr(r, "status_code", None) == 500]


def test_a_store_that_never_answers_is_a_503_within_the_timeout(client, settings):
    """An S3 API that accepts connections and then says nothing (a hung MinIO, a stalled
    host): botocore's defaults (60 s to connect, 60 s a read, five attempts) held the request
    for minutes; CMS_MEDIA_TIMEOUT bounds each attempt. A real socket that never answers."""
    image = stored_image()
    FilmFactory(poster=image)
    rendition = image.fallback("16x9")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        environ = {
            "CMS_MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{silent.getsockname()[1]}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test-key",
            "AWS_SECRET_ACCESS_KEY": "test-secret",
            "CMS_MEDIA_TIMEOUT": "1",
        }
        settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}
        client.raise_request_exception = False
        started = time.monotonic()
        response = client.get(rendition.url)
    assert response.status_code == 503
    # Two attempts of a second each, and the time to build the client.
    assert time.monotonic() - started < 15
