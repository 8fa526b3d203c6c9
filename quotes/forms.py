"""Admin forms for the quote database."""

from django import forms

from core.versioning import VersionedModelForm

from .models import Quote


class QuoteAdminForm(VersionedModelForm):
    class Meta:
        model = Quote
        fields = Quote.EDITABLE_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "speaker_person": "Who said it; leave empty for a line spoken by a film character.",
            "state": "Only approved quotes are ever public.",
            "verification_status": "Set by “Re-check against source text”, or by an editor.",
            "verification_note": "Where and how it was checked; required when disputed or "
            "misattributed.",
            "said_on": "When the words were said, if known (not when they were printed).",
        }
