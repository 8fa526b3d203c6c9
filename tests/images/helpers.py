from images.models import Image
from images.processing import read_upload
from images.services import image_create
from tests.images.pictures import photo_bytes, upload


def stored_image(size=(1600, 1000), name="photo.jpg", data=None, **fields) -> Image:
    """An image stored through the upload path, with its renditions loaded."""
    fields = {"title": "A photo", "alt_text": "A red square", **fields}
    clean = read_upload(upload(data or photo_bytes(size), name))
    image = image_create(image=Image(**fields), clean=clean)
    return Image.objects.with_renditions().get(pk=image.pk)
