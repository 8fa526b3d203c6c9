"""Uploads are judged by their content; what is stored carries no metadata, turned upright."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from images.models import Image
from images.processing import read_upload
from images.services import image_create
from tests.images.pictures import (
    GPS_IFD,
    NOT_AN_IMAGE,
    SVG,
    bomb_bytes,
    metadata_of,
    photo_bytes,
    png_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/image/add/"


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("picture-editor", "p@example.com", "pw-long-enough-1")
    client.force_login(user)
    return client


def form(data: bytes, name="photo.jpg", **fields) -> dict:
    return {"file": upload(data, name), "title": "A photo", "alt_text": "A red square",
            "focal_x": 50, "focal_y": 50, **fields}  # fmt: skip


def store(data: bytes, name="photo.jpg", **texts) -> Image:
    texts = {"title": "A photo", "alt_text": "A red square", **texts}
    return image_create(image=Image(**texts), clean=read_upload(upload(data, name)))


def test_a_phone_photo_is_stored_upright_with_no_exif_anywhere(media_root):
    # Orientation 6: the camera was turned; the picture is shown rotated 90° clockwise.
    image = store(photo_bytes((1600, 900), orientation=6))
    assert (image.width, image.height, image.format) == (900, 1600, "JPEG")
    files = stored_files(media_root)
    assert len(files) == 1 + image.renditions.count() > 10
    for path in files:
        meta = metadata_of(path)
        assert GPS_IFD not in meta["exif"], path
        assert meta["exif"] == {}, path
        assert not meta["info"] & {"exif", "xmp", "comment", "XML:com.adobe.xmp"}, path
    original = metadata_of(media_root / image.file.name)
    assert original["size"] == (900, 1600)


def test_the_format_is_read_from_the_content_not_the_name():
    image = store(png_bytes(), name="looks-like.jpg")
    assert image.format == "PNG"
    assert image.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (SVG, "logo.svg", "SVG"),
        (SVG, "logo.png", "SVG"),
        (NOT_AN_IMAGE, "renamed.jpg", "not an image"),
        (bomb_bytes(), "bomb.png", "pixels"),
    ],
    ids=["svg", "svg-renamed", "renamed-non-image", "decompression-bomb"],
)
def test_each_refusal_is_a_field_error_and_leaves_no_file(media_root, data, name, message):
    with pytest.raises(ValidationError) as refused:
        store(data, name=name)
    assert message in " ".join(refused.value.message_dict["file"])
    assert stored_files(media_root) == []
    assert not Image.objects.exists()


def test_an_oversized_file_is_refused(settings, media_root):
    settings.CMS_MAX_IMAGE_BYTES = 50_000
    data = photo_bytes((2000, 2000))
    assert len(data) > 50_000
    with pytest.raises(ValidationError) as refused:
        store(data)
    assert "larger than the limit" in refused.value.message_dict["file"][0]
    assert stored_files(media_root) == []


def test_a_failed_save_deletes_every_file_already_written(media_root, monkeypatch):
    from images import services

    drawn = []
    real = services.Rendition.save

    def fail_on_fifth(self, *args, **kwargs):
        drawn.append(self)
        if len(drawn) == 5:
            raise RuntimeError("the database went away")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(services.Rendition, "save", fail_on_fifth)
    with pytest.raises(RuntimeError):
        store(photo_bytes())
    assert stored_files(media_root) == []
    assert not Image.objects.exists()


def test_alt_text_is_required(media_root):
    with pytest.raises(ValidationError) as refused:
        store(photo_bytes(), alt_text="")
    assert "alt_text" in refused.value.message_dict
    assert stored_files(media_root) == []


def test_admin_upload_stores_the_image_with_its_renditions(admin_client, media_root):
    data = photo_bytes(orientation=6)
    response = admin_client.post(ADD_URL, form(data, credit="Desk", focal_x=30, focal_y=40))
    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get()
    assert image.uploaded_by.username == "picture-editor"
    assert (image.width, image.height) == (900, 1600)
    assert image.renditions.filter(spec__endswith=".webp").exists()
    assert all(GPS_IFD not in metadata_of(path)["exif"] for path in stored_files(media_root))


def test_a_file_sent_back_with_another_fields_error_asks_to_be_chosen_again(
    admin_client, media_root
):
    """A browser never fills a file input back in: the editor who fixes the alt text must be
    told at the file that it is empty again, not find out from a second refusal."""
    response = admin_client.post(ADD_URL, form(photo_bytes(), alt_text=""))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "alt_text" in errors
    assert "Choose the file again" in str(errors["file"])
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("data", "name"),
    [(SVG, "logo.svg"), (NOT_AN_IMAGE, "x.jpg"), (bomb_bytes(), "bomb.png")],
    ids=["svg", "renamed-non-image", "decompression-bomb"],
)
def test_admin_refusals_are_form_errors(admin_client, media_root, data, name):
    response = admin_client.post(ADD_URL, form(data, name))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"]
    assert stored_files(media_root) == []
    assert not Image.objects.exists()


def test_admin_takes_an_image_larger_than_the_general_request_limit(
    admin_client, settings, media_root
):
    data = photo_bytes((2400, 2400))
    settings.CMS_MAX_REQUEST_BYTES = len(data) // 2
    response = admin_client.post(ADD_URL, form(data))
    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_admin_refuses_an_image_over_the_image_limit_with_a_form_error(
    admin_client, settings, media_root
):
    data = photo_bytes((2400, 2400))
    settings.CMS_MAX_IMAGE_BYTES = len(data) - 1
    response = admin_client.post(ADD_URL, form(data))
    assert response.status_code == 200
    assert "larger than the limit" in str(response.context["adminform"].form.errors["file"])
    assert stored_files(media_root) == []
