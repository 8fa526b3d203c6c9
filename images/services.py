"""Writes of the media library: storing a checked upload with its renditions, redrawing the
crops when the focal point moves, and deleting an image with its files."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from .models import Image, Rendition
from .processing import FORMATS, CleanImage, crop_box, read_original, resized
from .renditions import Spec, specs_for

logger = logging.getLogger(__name__)


def image_create(*, image: Image, clean: CleanImage, by=None) -> Image:
    """Store `image` (an unsaved Image with its texts filled in) from `clean`, a checked
    upload (`processing.read_upload`), with every rendition. All or nothing: if any step
    fails, the rows roll back and the image's files are deleted (`discard_folder`), so no
    half-written image is ever left in storage."""
    image.width, image.height, image.format = clean.width, clean.height, clean.format
    image.uploaded_by = by
    image.full_clean(exclude=["file"])
    specs = specs_for(clean.width, clean.height, has_alpha=clean.has_alpha)
    written: list = []  # draw_renditions' list; the folder is what is deleted on failure
    try:
        with transaction.atomic():
            name = f"original.{FORMATS[clean.format][1]}"
            image.file.save(name, ContentFile(clean.encoded()), save=False)
            written.append(image.file)
            image.save()
            draw_renditions(image, clean, specs, written)
    except BaseException:
        discard_folder(image)
        raise
    return image


def discard_folder(image: Image) -> None:
    """Delete every file of a new image whose upload failed: all of them are in its own folder,
    including the one whose write failed half-way (a full disk), which no list of written files
    holds. Never raises, so the upload's own error is the one reported; what cannot be deleted
    (the store is down) is logged for the operator to delete."""
    folder = f"images/{image.key}"
    storage = image.file.storage
    try:
        names = storage.listdir(folder)[1]
    except FileNotFoundError:
        return
    except Exception as exc:
        logger.error(
            "A failed upload may have left files in %s; listing it failed (%s): delete them "
            "once the store is back",
            folder,
            exc,
        )
        return
    for name in names:
        try:
            storage.delete(f"{folder}/{name}")
        except Exception as exc:
            logger.error("A failed upload left %s/%s (deleting it failed: %s)", folder, name, exc)


def image_update(*, image: Image, changed: list[str]) -> Image:
    """Save `image`'s texts and focal point; when the focal point moved, redraw its crops
    from the stored original (the whole-image renditions do not depend on it), under new
    names, so that no cache or store keeps the old crop under the new one's name."""
    image.full_clean(exclude=["file"])
    if not {"focal_x", "focal_y"} & set(changed):
        image.save()
        return image
    clean = read_original(image)
    specs = [
        spec
        for spec in specs_for(image.width, image.height, has_alpha=clean.has_alpha)
        if spec.ratio is not None
    ]
    crops = {spec.crop for spec in specs}
    old = [rendition for rendition in image.renditions.all() if rendition.crop in crops]
    version = f"{image.focal_x}-{image.focal_y}"
    written: list = []
    try:
        with transaction.atomic():
            image.save()
            Rendition.objects.filter(pk__in=[rendition.pk for rendition in old]).delete()
            draw_renditions(image, clean, specs, written, version=version)
    except BaseException:
        delete_files(written)
        raise
    transaction.on_commit(lambda: delete_files([rendition.file for rendition in old]))
    return image


def draw_renditions(
    image: Image, clean: CleanImage, specs: list[Spec], written: list, *, version: str = ""
) -> None:
    """Draw, store and record each of `specs`; each stored file is appended to `written`."""
    for spec in specs:
        box = crop_box(clean.width, clean.height, spec.ratio, image.focal_point)
        pixels = resized(clean.pixels, box, spec.width)
        rendition = Rendition(
            image=image, spec=spec.name, width=pixels.width, height=pixels.height,
            format=spec.format,
        )  # fmt: skip
        stem, extension = spec.name.rsplit(".", 1)
        name = f"{stem}-f{version}.{extension}" if version else spec.name
        data = clean.encoded(spec.format, pixels)
        rendition.size = len(data)
        rendition.file.save(name, ContentFile(data), save=False)
        written.append(rendition.file)
        rendition.save()


def image_delete(*, image: Image) -> None:
    """Delete the image, its renditions and, once that is committed, their files. An image
    still used by an article, a film or a person cannot be deleted (PROTECT)."""
    files = [image.file, *(rendition.file for rendition in image.renditions.all())]
    with transaction.atomic():
        image.delete()
    transaction.on_commit(lambda: delete_files(files))


def delete_files(files) -> None:
    for stored in files:
        stored.storage.delete(stored.name)
