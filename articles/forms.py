"""Forms for editorial content: the admin's, and the site search's."""

from django import forms
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from core.drafts import check_edit_version, draft_of, edit_version
from core.versioning import VersionedModelForm, lock_for_edit

from .drafts import LINKS, SCALARS, is_public
from .models import Article


class ArticleAdminForm(VersionedModelForm):
    """Content only: the status and publication time move through the workflow buttons and
    actions (`articles.services.article_transition`), never through this form."""

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "lead_image",
            "section",
            "tags",
            "films",
            "people",
            "sources",
            "unpublish_at",
        ]
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "slug": "The article's address: /articles/this-slug/. Filled in from the title. "
            "Changing it once the article is live keeps the old address as a redirect.",
            "lead_image": "Pick one from the library (the magnifier opens it, with "
            "thumbnails and search) or upload one there first.",
            "sources": "Every source the article cites; a quote's own source is linked anyway.",
        }

    class Media:
        js = ["articles/desk_editor.js", "articles/desk_paste.js", "articles/desk_live.js"]
        css = {"all": ["articles/desk_editor.css"]}

    # The content a live article's form opens on instead of its draft's (an old version
    # being restored: `ArticleAdmin.revision_view`).
    opens_on: dict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields.get("body")  # absent for someone who may only read the article
        if body is not None:
            body.widget.attrs.update(
                {
                    "data-preview-url": reverse("admin:articles_article_body_preview"),
                    "data-quotes-url": reverse("admin:articles_article_quote_search"),
                    "data-images-url": reverse("admin:articles_article_image_search"),
                }
            )
            body.help_text = (
                "Markdown: use the toolbar, or type it. “Insert quote” adds a quote from the "
                "database as [[quote:123]] on a line of its own; readers see its card while "
                "the quote is published. “Insert image” adds an image from the library as "
                "[[image:45]]: readers see it, with its caption and credit, once the article "
                "is published. The preview beside is what readers will see."
            )
        # A live article's form edits its draft changes: it opens on them, and its version is
        # the draft's (`core.drafts.edit_version`).
        self.is_live = self.instance.pk is not None and is_public(self.instance)
        self.draft = draft_of(self.instance) if self.is_live else None
        data = self.opens_on if self.is_live else None
        if data is None and self.draft is not None:
            data = self.draft.data
        if data is not None:
            self.initial.update({name: data[name] for name in SCALARS if name in data})
            self.initial["unpublish_at"] = (
                parse_datetime(data["unpublish_at"]) if data.get("unpublish_at") else None
            )
            self.initial["section"] = data.get("section")
            if "lead_image" in data:
                # Else the form opens on the live image, and the next save puts it back.
                self.initial["lead_image"] = data["lead_image"]
            self.initial.update({name: data.get(name, []) for name in LINKS})
        if self.is_live and "loaded_version" in self.fields:
            self.fields["loaded_version"].initial = edit_version(self.instance, self.draft)

    def check_loaded_version(self, loaded: int) -> None:
        if not self.is_live:
            return super().check_loaded_version(loaded)
        lock_for_edit(self.instance, None)
        check_edit_version(self.instance, draft_of(self.instance), loaded)


SCHEDULE_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]


class FeaturedQuoteForm(forms.ModelForm):
    """A live article's rows open as new forms holding only a quote's id (from its draft):
    the quote, read once for all the rows by the caller, is set on the row so that the
    inline can say whether it is approved and verified, which decides what may be published."""

    def __init__(self, *args, quotes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        quote = (quotes or {}).get(self.initial.get("quote"))
        if quote is not None and self.instance.quote_id is None:
            self.instance.quote = quote


class TransitionForm(forms.Form):
    """One move through the workflow, posted from the buttons on an article's change form."""

    to = forms.ChoiceField(choices=Article.Status.choices)
    at = forms.DateTimeField(
        required=False,
        input_formats=SCHEDULE_INPUT_FORMATS,
        help_text="For scheduling: when the article goes live.",
    )
    approve_quotes = forms.BooleanField(required=False)
    comment = forms.CharField(
        required=False, max_length=5000, help_text="Sent to whoever the move concerns."
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DraftScheduleForm(forms.Form):
    """When a live article's draft changes go live (in `CMS_TIME_ZONE`)."""

    at = forms.DateTimeField(
        input_formats=SCHEDULE_INPUT_FORMATS,
        error_messages={"required": "Give the time the changes go live."},
    )


class SearchForm(forms.Form):
    """The site search's words. Django's CharField refuses NUL characters, which PostgreSQL
    cannot compare with text."""

    q = forms.CharField(required=False)
