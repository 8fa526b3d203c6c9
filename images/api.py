"""The media library's API: public images for everyone, every image for those who may see the
library, and uploads (multipart) for those who may add images. Uploads go through
`images.services`."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api.caching import PublicReadMixin
from core.api.rows import RowReadMixin

from .filters import ImageFilterSet
from .models import Image
from .serializers import ImageSerializer, ImageUploadSerializer
from .services import image_create


def image_queryset(user):
    """Images a reader may see (`published()`); the whole library for those who may see it."""
    if user.is_authenticated and user.has_perm("images.view_image"):
        return Image.objects.all()
    return Image.objects.published()


@extend_schema_view(
    list=extend_schema(summary="Images that published records use, newest first."),
    retrieve=extend_schema(summary="One image with its renditions."),
    create=extend_schema(
        summary="Upload an image (multipart/form-data).",
        request={"multipart/form-data": ImageUploadSerializer},
        responses={201: ImageSerializer},
    ),
)
class ImageViewSet(
    PublicReadMixin,
    RowReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ImageFilterSet
    cursor_ordering = ("-created_at", "-id")
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return image_queryset(self.request.user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        return ImageUploadSerializer if self.action == "create" else ImageSerializer

    def create(self, request, *args, **kwargs):
        upload = ImageUploadSerializer(data=request.data, context=self.get_serializer_context())
        upload.is_valid(raise_exception=True)
        fields = {k: v for k, v in upload.validated_data.items() if k != "file"}
        try:
            image = image_create(image=Image(**fields), clean=upload.clean_image, by=request.user)
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        # Its uploader sees it even when no published record uses it yet.
        data = self.present(image.pk, ImageSerializer, Image.objects.all())
        return Response(data, status=status.HTTP_201_CREATED)
