from django.contrib import admin
from django.utils.html import format_html, format_html_join

from .forms import ImageChangeForm, ImageUploadForm
from .models import Image
from .services import image_create, image_delete, image_update


def thumbnail(image: Image | None, size: int = 80) -> str:
    """The image's smallest square rendition, for lists and choosers."""
    if image is None:
        return "—"
    square = sorted(image.renditions_for("1x1"), key=lambda r: (r.format != "JPEG", r.width))
    if not square:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        square[0].url, size, size, image.alt_text,
    )  # fmt: skip


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "title", "alt_text", "credit", "size", "created_at"]
    list_display_links = ["preview", "title"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["large_preview", "size", "uploaded_by", "created_at", "renditions_list"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_touch(request, obj)

    @staticmethod
    def may_touch(request, obj) -> bool:
        """An image readers see (`published()`) is changed only with `change_public_image`,
        so that a writer's edit of its alt text or crop never goes live unreviewed."""
        if obj is None or request.user.has_perm("images.change_public_image"):
            return True
        return not Image.objects.published().filter(pk=obj.pk).exists()

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ImageChangeForm if obj else ImageUploadForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ImageUploadForm.Meta.fields
        return ["large_preview", *ImageChangeForm.Meta.fields, "size", "uploaded_by",
                "created_at", "renditions_list"]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if change:
            image_update(image=obj, changed=form.changed_data)
        else:
            image_create(image=obj, clean=form.clean_image, by=request.user)

    def delete_model(self, request, obj):
        image_delete(image=obj)

    @admin.display(description="Image")
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description="Preview")
    def large_preview(self, obj):
        return thumbnail(obj, size=240)

    @admin.display(description="Size")
    def size(self, obj):
        return f"{obj.width}×{obj.height} {obj.format}"

    @admin.display(description="Renditions")
    def renditions_list(self, obj):
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((r.url, r.spec) for r in obj.rendition_list())
        )
