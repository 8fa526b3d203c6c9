"""Renditions: the widths and formats pages ask for, crops around the focal point, and the
`{% picture %}` markup that uses them."""

import re

import pytest
from django.template import Context, Template
from PIL import Image as PILImage

from images.models import Image
from images.processing import read_upload
from images.services import image_create, image_update
from tests.images.pictures import (
    animated_gif_bytes,
    metadata_of,
    photo_bytes,
    png_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


def store(data: bytes, name="photo.jpg", **fields) -> Image:
    image = Image(title="A photo", alt_text="A red square", **fields)
    return image_create(image=image, clean=read_upload(upload(data, name)))


def specs(image) -> dict[str, tuple[int, int, str]]:
    return {r.spec: (r.width, r.height, r.format) for r in image.renditions.all()}


def test_a_large_photo_gets_every_width_in_webp_and_jpeg_and_a_social_card(media_root):
    image = store(photo_bytes((2400, 1600)))
    got = specs(image)
    for width in (320, 640, 960, 1280, 1920):
        height = round(1600 * width / 2400)
        assert got[f"orig-{width}.webp"] == (width, height, "WEBP")
        assert got[f"orig-{width}.jpg"] == (width, height, "JPEG")
    assert got["16x9-1280.jpg"] == (1280, 720, "JPEG")
    assert got["2x3-640.webp"] == (640, 960, "WEBP")
    assert got["1x1-320.jpg"] == (320, 320, "JPEG")
    assert got["social-1200.jpg"] == (1200, 675, "JPEG")
    # What is stored is what the row says, in the format its name says.
    for rendition in image.renditions.all():
        meta = metadata_of(media_root / rendition.file.name)
        assert meta["size"] == (rendition.width, rendition.height)
        assert meta["format"] == rendition.format
        assert rendition.file.name.endswith(rendition.spec)


def test_no_rendition_is_wider_than_the_image(media_root):
    image = store(photo_bytes((500, 400)))
    assert max(r.width for r in image.renditions.all()) == 500
    assert specs(image)["orig-500.jpg"] == (500, 400, "JPEG")
    assert "orig-640.jpg" not in specs(image)


def test_transparency_falls_back_to_png(media_root):
    got = specs(store(png_bytes((700, 500), mode="RGBA"), name="logo.png"))
    assert got["orig-640.png"][2] == "PNG"
    assert not any(spec.endswith(".jpg") and not spec.startswith("social") for spec in got)


def test_an_animated_gif_is_kept_as_a_still_of_its_first_frame(media_root):
    """Renditions are stills by design (see README, Images): every frame at every width,
    crop and format would multiply the work and the files, and no page animates a picture."""
    image = store(animated_gif_bytes((480, 320)), name="clip.gif")
    assert (image.format, image.width, image.height) == ("GIF", 480, 320)
    assert {r.format for r in image.renditions.all()} == {"WEBP", "JPEG"}
    for stored in [image.file, *(r.file for r in image.renditions.all())]:
        with PILImage.open(media_root / stored.name) as decoded:
            assert getattr(decoded, "n_frames", 1) == 1, stored.name
            middle = decoded.convert("RGB").getpixel((decoded.width // 2, decoded.height // 2))
        # The first frame (red), not a later one or a blend.
        assert middle == pytest.approx((200, 40, 40), abs=12), stored.name


def test_a_transparent_gif_falls_back_to_png(media_root):
    image = store(animated_gif_bytes((480, 320), transparent=True), name="clip.gif")
    got = specs(image)
    assert got["orig-480.png"] == (480, 320, "PNG") and got["orig-480.webp"][2] == "WEBP"
    with PILImage.open(media_root / image.fallback("orig").file.name) as decoded:
        assert decoded.convert("RGBA").getpixel((10, 10))[3] == 0


def colour_at(path, x, y):
    with PILImage.open(path) as image:
        return image.convert("RGB").getpixel((x, y))


def test_crops_keep_the_focal_point(media_root, django_capture_on_commit_callbacks):
    # A wide photo whose blue mark is in the top-left quarter; a focal point on the mark
    # keeps it in the square crop, one on the right edge loses it.
    image = store(photo_bytes((1600, 400)), focal_x=10, focal_y=10)
    square = image.renditions.get(spec="1x1-320.jpg")
    assert colour_at(media_root / square.file.name, 20, 20)[2] > 150
    image.focal_x = 95
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image, changed=["focal_x"])
    square = image.renditions.get(spec="1x1-320.jpg")
    assert colour_at(media_root / square.file.name, 20, 20)[0] > 150
    # The old crops' files are gone; the whole-image renditions were kept.
    names = {path.name for path in stored_files(media_root)}
    assert square.file.name.rsplit("/", 1)[1] in names
    assert len(names) == image.renditions.count() + 1


def test_picture_tag_gives_srcset_sizes_and_dimensions(media_root):
    image = Image.objects.with_renditions().get(pk=store(photo_bytes((2400, 1600))).pk)
    html = Template(
        '{% load images %}{% picture image "16x9" sizes="(min-width: 50em) 40em, 100vw" %}'
    ).render(Context({"image": image}))
    assert html.startswith("<picture>")
    source = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [entry.rsplit(" ", 1)[1] for entry in source.split(", ")] == [
        "320w", "640w", "960w", "1280w"
    ]  # fmt: skip
    assert all(url.split(" ")[0].endswith(".webp") for url in source.split(", "))
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'width="1280" height="720"' in img
    assert 'loading="lazy"' in img and 'alt="A red square"' in img
    assert 'sizes="(min-width: 50em) 40em, 100vw"' in img
    assert ".jpg 640w" in img


def test_picture_tag_renders_nothing_without_an_image():
    assert Template("{% load images %}{% picture image %}").render(Context({"image": None})) == ""
