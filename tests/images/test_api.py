"""The images API: uploads for editors (multipart, 201 with rendition URLs that work at
once), public images for readers, and images on articles, films and people."""

import io

import pytest
from django.contrib.auth.models import Permission
from PIL import Image as PILImage
from rest_framework.test import APIClient

from images.models import Image
from tests.api.conftest import client_for
from tests.factories import ArticleFactory, FilmFactory, PersonFactory
from tests.images.helpers import stored_image
from tests.images.pictures import (
    GPS_IFD,
    NOT_AN_IMAGE,
    SVG,
    animated_gif_bytes,
    bomb_bytes,
    photo_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/images/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def picture_editor(django_user_model):
    user = django_user_model.objects.create_user("pictures", password="s3cret-pass", is_staff=True)
    for codename in ("add_image", "view_image", "change_article", "view_article", "add_article"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return client_for(user)


def post(client, data: bytes, name="photo.jpg", **fields):
    fields = {"title": "Set photo", "alt_text": "The director on set", **fields}
    return client.post(URL, {"file": upload(data, name), **fields}, format="multipart")


def test_an_editor_uploads_and_fetches_every_rendition_at_once(picture_editor, media_root):
    response = post(picture_editor, photo_bytes((2000, 1200)), credit="Desk", caption="On set")
    assert response.status_code == 201, response.json()
    body = response.json()
    image = Image.objects.get(pk=body["id"])
    assert (body["alt_text"], body["credit"]) == ("The director on set", "Desk")
    assert body["width"] == 2000
    assert image.uploaded_by.username == "pictures"
    urls = {r["spec"]: r for r in body["renditions"]}
    assert {"orig-1920.webp", "orig-1920.jpg", "16x9-640.jpg", "social-1200.jpg"} <= set(urls)
    for rendition in body["renditions"]:
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert rendition["url"].endswith((".jpg", ".webp", ".png"))
        fetched = picture_editor.get(rendition["url"])
        assert fetched.status_code == 200, rendition["url"]
        assert fetched["Content-Type"] == rendition["media_type"]
        with PILImage.open(io.BytesIO(fetched.getvalue())) as decoded:
            assert decoded.size == (rendition["width"], rendition["height"])
            assert GPS_IFD not in decoded.getexif()
    # Not public yet: nothing uses it.
    assert APIClient().get(body["renditions"][0]["url"]).status_code == 404
    assert APIClient().get(URL).json()["results"] == []


def test_an_animated_gif_is_taken_with_still_renditions(picture_editor, media_root):
    response = post(picture_editor, animated_gif_bytes(), name="clip.gif")
    assert response.status_code == 201, response.json()
    urls = [rendition["url"] for rendition in response.json()["renditions"]]
    assert urls and all(url.endswith((".jpg", ".webp")) for url in urls)
    assert all(picture_editor.get(url).status_code == 200 for url in urls)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (SVG, "logo.svg", "SVG"),
        (NOT_AN_IMAGE, "photo.jpg", "not an image"),
        (bomb_bytes(), "bomb.png", "pixels"),
    ],
    ids=["svg", "renamed-non-image", "decompression-bomb"],
)
def test_refusals_are_400s_that_leave_no_file(picture_editor, media_root, data, name, message):
    response = post(picture_editor, data, name=name)
    assert response.status_code == 400
    assert message in " ".join(response.json()["file"])
    assert stored_files(media_root) == [] and not Image.objects.exists()


def test_an_oversized_file_is_a_400_though_within_the_request_limit(
    picture_editor, media_root, settings
):
    data = photo_bytes((2400, 2400))
    settings.CMS_MAX_IMAGE_BYTES = len(data) - 1
    response = post(picture_editor, data)
    assert response.status_code == 400
    assert "larger than the limit" in response.json()["file"][0]
    assert stored_files(media_root) == []


def test_an_image_larger_than_the_general_request_limit_is_taken(
    picture_editor, media_root, settings
):
    data = photo_bytes((2400, 2400))
    settings.CMS_MAX_REQUEST_BYTES = len(data) // 2
    assert post(picture_editor, data).status_code == 201
    # Elsewhere the general limit still holds.
    response = picture_editor.post("/api/v1/articles/", {"title": "x" * len(data)}, format="json")
    assert response.status_code == 413


def test_alt_text_is_required(picture_editor, media_root):
    response = post(picture_editor, photo_bytes(), alt_text="")
    assert response.status_code == 400 and "alt_text" in response.json()
    assert stored_files(media_root) == []


def test_readers_may_not_upload(api, media_root):
    response = post(api, photo_bytes())
    assert response.status_code in (401, 403)
    assert stored_files(media_root) == []


def test_lead_image_is_written_as_an_id_and_read_with_its_renditions(picture_editor):
    image = stored_image()
    response = picture_editor.post(
        "/api/v1/articles/",
        {"title": "With a picture", "slug": "with-a-picture", "body": "Text.",
         "lead_image": image.pk},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    assert response.json()["lead_image"]["id"] == image.pk
    assert response.json()["lead_image"]["renditions"]
    bad = picture_editor.patch(
        f"/api/v1/articles/{response.json()['id']}/", {"lead_image": 999999}, format="json"
    )
    assert bad.status_code in (400, 412) and "lead_image" in str(bad.json())


def test_films_people_and_articles_carry_their_images(api):
    poster, photo, lead = stored_image(), stored_image(), stored_image()
    film, person = FilmFactory(poster=poster), PersonFactory(photo=photo)
    article = ArticleFactory(lead_image=lead)
    assert api.get(f"/api/v1/films/{film.slug}/").json()["poster"]["id"] == poster.pk
    assert api.get(f"/api/v1/people/{person.slug}/").json()["photo"]["id"] == photo.pk
    listed = api.get("/api/v1/articles/").json()["results"][0]
    assert listed["lead_image"]["alt_text"] == "A red square"
    assert api.get(f"/api/v1/articles/{article.pk}/").json()["lead_image"]["id"] == lead.pk
    public = {item["id"] for item in api.get(URL).json()["results"]}
    assert public == {poster.pk, photo.pk, lead.pk}


def test_the_schema_shows_the_id_written_and_the_image_read(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    assert components["ArticleWriteRequest"]["properties"]["lead_image"]["type"] == "integer"
    read = components["ArticleDetail"]["properties"]["lead_image"]
    assert "Image" in str(read)
    upload_body = schema["paths"]["/api/v1/images/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload_body


def test_an_upload_with_a_field_the_endpoint_does_not_take_is_a_400(picture_editor, media_root):
    response = post(picture_editor, photo_bytes((400, 300)), alt="The director on set")
    assert response.status_code == 400
    assert response.json()["alt"][0].startswith("Unknown field.")
    assert not Image.objects.exists()
