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


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = TEXT_FIELDS
        widgets = {"caption": forms.Textarea(attrs={"rows": 2})}
