"""Forms for editorial content: the admin's, and the site search's."""

from django import forms

from core.versioning import VersionedModelForm

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


class TransitionForm(forms.Form):
    """One move through the workflow, posted from the buttons on an article's change form."""

    to = forms.ChoiceField(choices=Article.Status.choices)
    at = forms.DateTimeField(
        required=False,
        input_formats=[
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ],
        help_text="For scheduling: when the article goes live.",
    )
    approve_quotes = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SearchForm(forms.Form):
    """The site search's words. Django's CharField refuses NUL characters, which PostgreSQL
    cannot compare with text."""

    q = forms.CharField(required=False)
