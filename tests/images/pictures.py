"""Image files made for the tests: photos with camera metadata, and files to be refused."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_bytes(size=(1600, 900), *, orientation: int = 1, gps: bool = True, fmt="JPEG") -> bytes:
    """A photo as a phone writes it: EXIF with a GPS position and an orientation tag."""
    image = PILImage.new("RGB", size, (200, 40, 40))
    # A mark in the top-left corner, to see which way the stored image is turned.
    image.paste((10, 10, 200), (0, 0, size[0] // 4, size[1] // 4))
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_bytes(size=(400, 300), mode="RGBA") -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, size, (0, 120, 0, 128) if mode == "RGBA" else (0, 120, 0)).save(out, "PNG")
    return out.getvalue()


def bomb_bytes() -> bytes:
    """A small PNG that would decode to 400 million pixels."""
    out = io.BytesIO()
    PILImage.new("1", (20_000, 20_000)).save(out, "PNG", optimize=True)
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
NOT_AN_IMAGE = b"%PDF-1.4\n" + b"this is not a picture at all\n" * 50


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def metadata_of(data_or_path) -> dict:
    """What metadata a stored file carries: EXIF tags, and Pillow's `info` keys."""
    with PILImage.open(data_or_path) as image:
        return {"exif": dict(image.getexif()), "info": set(image.info), "size": image.size,
                "format": image.format}  # fmt: skip


def animated_gif_bytes(size=(480, 320), frames=3, *, transparent=False) -> bytes:
    """An animated GIF, each frame a different colour; with `transparent`, a transparent
    background colour as GIFs have it (a palette index)."""
    colours = [(200, 40, 40), (40, 200, 40), (40, 40, 200), (200, 200, 40)]
    images = [PILImage.new("RGB", size, colours[n % len(colours)]) for n in range(frames)]
    palette = [image.convert("P", palette=PILImage.Palette.ADAPTIVE) for image in images]
    options = {"transparency": 0} if transparent else {}
    out = io.BytesIO()
    palette[0].save(
        out, "GIF", save_all=True, append_images=palette[1:], duration=100, loop=0, **options
    )
    return out.getvalue()
