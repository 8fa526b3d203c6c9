"""An upload that meets a full disk (CMS_MEDIA_ROOT on a volume with no space left) saves
nothing: no image row, and no file, not even the one whose write failed half-way, which the
storage leaves behind. The disk is a real tmpfs of a few kilobytes, which only root may
mount: elsewhere the test skips."""

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from images.models import Image
from tests.disks import small_tmpfs
from tests.images.pictures import photo_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(tmp_path, settings):
    with small_tmpfs(tmp_path / "volume", "48k") as volume:
        settings.MEDIA_ROOT = volume / "media"
        yield settings.MEDIA_ROOT


def test_an_upload_onto_a_full_disk_is_a_503_and_leaves_no_file(full_disk, client):
    editor = User.objects.create_superuser("desk", "d@example.com", "pw-long-enough-1")
    token = Token.objects.create(user=editor)
    client.raise_request_exception = False
    response = client.post(
        "/api/v1/images/",
        {"title": "New", "alt_text": "A photo", "file": upload(photo_bytes((1600, 1200)))},
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 503
    assert not Image.objects.exists()
    left = [path for path in full_disk.rglob("*") if path.is_file()]
    assert left == []
