"""Reading uploads safely and drawing renditions, with Pillow.

An upload is judged by its content, never its name: Pillow must recognise it as one of the
formats we keep, its pixel count is checked from the header before anything is decoded (a
decompression bomb is a small file that decodes to gigabytes), and the whole file is decoded
once before a byte is stored. What is stored is re-encoded from the pixels alone, turned the way
its EXIF orientation says: no EXIF, XMP, comment or text chunk survives (GPS above all).
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Pillow format name -> (media type, file extension) of what we accept and keep.
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
EXTENSIONS = {ext: media_type for media_type, ext in FORMATS.values()}
ACCEPT = ",".join(media_type for media_type, _ in FORMATS.values())


@dataclass
class CleanImage:
    """An upload that passed every check: its pixels, upright, with no metadata."""

    pixels: PILImage.Image
    format: str

    @property
    def width(self) -> int:
        return self.pixels.width

    @property
    def height(self) -> int:
        return self.pixels.height

    @property
    def has_alpha(self) -> bool:
        return self.pixels.mode in ("RGBA", "LA")

    def encoded(self, image_format: str | None = None, pixels=None) -> bytes:
        return encode(pixels or self.pixels, image_format or self.format)


def refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def read_upload(upload) -> CleanImage:
    """The checked, upright, metadata-free pixels of `upload` (a Django file), or a
    ValidationError on `file` saying why it is refused."""
    limit = settings.CMS_MAX_IMAGE_BYTES
    if upload.size is None or upload.size > limit:
        raise refuse(f"The file is larger than the limit of {limit // (1024 * 1024)} MB.")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"<svg" in head.lower() or b"<?xml" in head.lower():
        raise refuse("SVG files are not accepted: upload a JPEG, PNG, WebP or GIF.")
    max_pixels = settings.CMS_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns, then raises, past its own limit; both are a refusal here.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as probe:
                image_format = probe.format
                width, height = probe.size
                if image_format not in FORMATS:
                    raise refuse(
                        f"{image_format} images are not accepted: upload a JPEG, PNG, WebP or GIF."
                    )
                if width * height > max_pixels:
                    raise refuse(
                        f"The image is {width}×{height} pixels; the limit is {max_pixels:,} "
                        "pixels in all."
                    )
                probe.verify()
            upload.seek(0)
            with PILImage.open(upload) as source:
                source.load()
                pixels = upright(source)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise refuse(f"The image has more than {max_pixels:,} pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise refuse("The file is not an image we can read (JPEG, PNG, WebP or GIF).") from None
    finally:
        upload.seek(0)
    return CleanImage(pixels=pixels, format=image_format)


def read_original(image) -> CleanImage:
    """The stored original of `image` (already checked and clean when it was stored)."""
    with image.file.open("rb") as stored, PILImage.open(stored) as source:
        source.load()
        return CleanImage(pixels=upright(source), format=source.format)


def upright(source: PILImage.Image) -> PILImage.Image:
    """The pixels turned as the EXIF orientation says, in a mode every output format takes,
    with every piece of metadata dropped (a new `info`, the colour profile alone kept)."""
    turned = ImageOps.exif_transpose(source)
    if turned.mode in ("P", "PA", "1", "L", "LA", "I", "I;16", "F", "CMYK", "RGBX"):
        has_alpha = "transparency" in source.info or turned.mode in ("PA", "LA")
        turned = turned.convert("RGBA" if has_alpha else "RGB")
    elif turned.mode not in ("RGB", "RGBA"):
        turned = turned.convert("RGB")
    icc = source.info.get("icc_profile")
    turned.info = {"icc_profile": icc} if icc else {}
    return turned


def encode(pixels: PILImage.Image, image_format: str) -> bytes:
    """`pixels` written in `image_format`, carrying nothing but the pixels (and colour profile)."""
    if image_format == "JPEG" and pixels.mode != "RGB":
        pixels = pixels.convert("RGB")
    options = {"JPEG": {"quality": 85, "optimize": True, "progressive": True},
               "WEBP": {"quality": 82, "method": 4},
               "PNG": {"optimize": True},
               "GIF": {}}[image_format]  # fmt: skip
    icc = pixels.info.get("icc_profile")
    if icc and image_format in ("JPEG", "WEBP", "PNG"):
        options["icc_profile"] = icc
    out = io.BytesIO()
    pixels.save(out, format=image_format, **options)
    return out.getvalue()


def crop_box(width: int, height: int, ratio: tuple[int, int] | None, focal: tuple[float, float]):
    """The largest box of `ratio` inside a `width`×`height` image, centred on the focal point
    (fractions of the width and height) as far as the edges allow."""
    if ratio is None:
        return (0, 0, width, height)
    rw, rh = ratio
    box_w, box_h = width, round(width * rh / rw)
    if box_h > height:
        box_w, box_h = round(height * rw / rh), height
    left = min(max(round(focal[0] * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal[1] * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def resized(pixels: PILImage.Image, box, width: int) -> PILImage.Image:
    left, top, right, bottom = box
    height = max(1, round((bottom - top) * width / (right - left)))
    out = pixels.resize((width, height), PILImage.Resampling.LANCZOS, box=box)
    out.info = dict(pixels.info)
    return out
