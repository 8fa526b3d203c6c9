"""Images on an S3-compatible store, through django-storages, against a real S3 API: moto's
server mode, started here on a free port.

Under CI (the `CI` variable set) this runs once, in the PostgreSQL pass, and fails rather than
skips when moto's server is missing; elsewhere it skips when it is missing.
"""

import io
import os
import socket
import urllib.request

import pytest
from PIL import Image as PILImage

from cms.settings import media_storage
from images.models import Image
from images.services import image_delete
from tests.images.helpers import stored_image
from tests.images.pictures import GPS_IFD

pytestmark = pytest.mark.django_db

BUCKET = "quotedesk-media"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3_server():
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
    yield f"http://127.0.0.1:{port}"
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
        "AWS_DEFAULT_ACL": "public-read",
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


def test_images_round_trip_through_s3(
    s3, s3_server, media_root, django_capture_on_commit_callbacks
):
    image = stored_image(size=(1800, 1200))
    stored = keys(s3)
    assert image.file.name in stored
    assert {r.file.name for r in image.rendition_list()} <= stored
    assert len(stored) == 1 + len(image.rendition_list())
    assert not media_root.exists() or not any(media_root.rglob("*.*"))
    # Each rendition's URL is the store's own, fetchable as it is, free of metadata.
    for rendition in image.rendition_list():
        assert rendition.url.startswith(f"{s3_server}/{BUCKET}/images/{image.key}/")
        with urllib.request.urlopen(rendition.url, timeout=30) as response:
            data = response.read()
            cache_control = response.headers.get("Cache-Control", "")
        with PILImage.open(io.BytesIO(data)) as decoded:
            assert decoded.size == (rendition.width, rendition.height)
            assert decoded.format == rendition.format
            assert GPS_IFD not in decoded.getexif()
        assert "immutable" in cache_control
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=Image.objects.get(pk=image.pk))
    assert keys(s3) == set()


def test_pages_may_load_images_from_the_bucket():
    from cms.settings import media_origin

    assert media_origin({}) is None
    s3 = {"CMS_MEDIA_STORAGE": "s3"}
    assert media_origin({**s3, "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}) == (
        "http://127.0.0.1:9000"
    )
    assert media_origin({**s3, "AWS_S3_CUSTOM_DOMAIN": "img.example.com"}) == (
        "https://img.example.com"
    )
    assert media_origin(s3) == "https://*.amazonaws.com"
