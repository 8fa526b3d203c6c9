"""Admin forms for the quote database."""

from django import forms
from django.core.exceptions import ValidationError

from .models import Quote
from .services import StaleEditError, lock_for_edit


class VersionedModelForm(forms.ModelForm):
    """A form for a row with a `version`: it carries the version it was loaded at and refuses
    to save over a newer one, naming who changed the row and when.

    The check locks the row; the admin runs the whole change view in one transaction, so the
    lock holds until the save, and two stale saves cannot both pass. The refused form is shown
    again with the user's input intact.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded is None:
            raise ValidationError(
                "This form does not say which version it was loaded from: reload the page.",
                code="no_version",
            )
        try:
            lock_for_edit(self.instance, loaded)
        except StaleEditError as error:
            raise ValidationError(str(error), code="stale") from error
        return cleaned


class QuoteAdminForm(VersionedModelForm):
    class Meta:
        model = Quote
        fields = Quote.EDITABLE_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "speaker_person": "Who said it; leave empty for a line spoken by a film character.",
            "state": "Only approved quotes are ever public.",
            "verification_status": "Set by “Re-check against source text”, or by hand.",
            "verification_note": "Where and how it was checked; required when disputed or "
            "misattributed.",
            "said_on": "When the words were said, if known (not when they were printed).",
        }
