"""API representations of images: read with their renditions, uploaded as multipart."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.api.links import LinksField, RecordSerializer

from .models import Image, Rendition
from .processing import ACCEPT, read_upload


class RenditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The file, ready to fetch.")
    media_type = serializers.CharField(read_only=True, help_text="image/webp, image/jpeg…")

    class Meta:
        model = Rendition
        fields = ["spec", "url", "width", "height", "media_type"]

    def get_url(self, rendition) -> str:
        url = rendition.url
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request and url.startswith("/") else url


class ImageSerializer(RecordSerializer):
    """An image as pages use it: its texts, size and every rendition (`spec` is
    `<crop>-<width>.<ext>`, crop one of orig, 16x9, 2x3, 1x1, social)."""

    links = LinksField("image-detail", lookup="pk", page_lookup=None)
    renditions = RenditionSerializer(source="rendition_list", many=True, read_only=True)

    class Meta:
        model = Image
        fields = [
            "id", "title", "alt_text", "caption", "credit", "licence", "width", "height",
            "focal_x", "focal_y", "renditions", "links",
        ]  # fmt: skip


class ImageUploadSerializer(serializers.ModelSerializer):
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
