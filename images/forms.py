"""The admin's upload form: the file is judged by its content (`processing.read_upload`)."""

from django import forms

from .models import Image
from .processing import ACCEPT, read_upload

TEXT_FIELDS = ["title", "alt_text", "caption", "credit", "licence", "focal_x", "focal_y"]


class ImageUploadForm(forms.ModelForm):
    """A plain file input: browsers take a file dropped on it as well as one picked."""

    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT, "class": "image-drop"}),
        help_text="JPEG, PNG, WebP or GIF: drop it here or pick it. Location and camera data "
        "are removed; the picture is turned upright.",
    )

    class Meta:
        model = Image
        fields = ["file", *TEXT_FIELDS]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.clean_image = read_upload(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from None
        return upload

    def full_clean(self):
        super().full_clean()
        # A browser never fills a file input back in, so a good file sent with another field's
        # error is gone from the page that asks for the fix: say so where the file was.
        if self.is_bound and self.errors and "file" not in self.errors and self.files.get("file"):
            self.add_error(
                "file",
                "Choose the file again: it is not kept while another field needs correcting.",
            )


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = TEXT_FIELDS
        widgets = {"caption": forms.Textarea(attrs={"rows": 2})}
