"""API representations of images: read with their renditions, uploaded as multipart."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.api.inputs import RefusesUnknownFields
from core.api.rows import MethodField, Related, RelatedList, RowLinks, RowSerializer

from .models import Image, Rendition
from .presentation import absolute_media_url, media_url
from .processing import ACCEPT, read_upload


class RenditionSerializer(RowSerializer):
    url = MethodField("file", help_text="The file, ready to fetch.")
    media_type = MethodField("format", help_text="image/webp, image/jpeg…")

    class Meta(RowSerializer.Meta):
        model = Rendition
        fields = ["spec", "url", "width", "height", "media_type"]
        surrogate_key = False  # the image's key stands for its files

    @staticmethod
    def get_url(row, context) -> str:
        url = media_url(row["file"])
        request = context.get("request")
        return request.build_absolute_uri(url) if request else absolute_media_url(url)

    @staticmethod
    def get_media_type(row, context) -> str:
        return f"image/{row['format'].lower()}"


class ImageSerializer(RowSerializer):
    """An image as pages use it: its texts, size and every rendition (`spec` is
    `<crop>-<width>.<ext>`, crop one of orig, 16x9, 2x3, 1x1, social)."""

    links = RowLinks("image-detail", lookup="pk", page_lookup=None)
    renditions = RelatedList(
        child=RenditionSerializer(),
        related=Related(Rendition.objects.all, link="image_id"),
    )

    class Meta(RowSerializer.Meta):
        model = Image
        fields = [
            "id", "title", "alt_text", "caption", "credit", "licence", "width", "height",
            "focal_x", "focal_y", "renditions", "links",
        ]  # fmt: skip


class ImageUploadSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    """A new image, sent as multipart/form-data. The file is judged by its content (JPEG, PNG,
    WebP or GIF; no SVG; at most CMS_MAX_IMAGE_BYTES and CMS_MAX_IMAGE_PIXELS)."""

    file = serializers.FileField(write_only=True, help_text=f"One of {ACCEPT}.")

    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "caption", "credit", "licence", "focal_x", "focal_y"]
        extra_kwargs = {"focal_x": {"max_value": 100}, "focal_y": {"max_value": 100}}

    def validate_file(self, upload):
        try:
            self.clean_image = read_upload(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["file"]) from None
        return upload
