"""The admin's import desk: paste an article, then review every proposed quote on one screen."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .importing import (
    MAX_TEXT_CHARS,
    article_import,
    proposal_accept,
    proposal_reject,
    proposal_set_span,
    proposal_set_speaker,
)
from .models import ArticleImport, QuoteProposal

CONTEXT_CHARS = 80


class PasteForm(forms.Form):
    title = forms.CharField(max_length=300)
    outlet = forms.CharField(
        max_length=200, help_text="Where the words were first said, e.g. Entertainment Weekly."
    )
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="URL",
        help_text="Of that first source, if any.",
    )
    via_outlet = forms.CharField(
        max_length=200,
        required=False,
        help_text="The outlet that printed this text, if it relayed the interview "
        "(e.g. ActioNewz.com).",
    )
    via_url = forms.URLField(required=False, assume_scheme="https", label="Via URL")
    published_on = forms.DateField(required=False, help_text="YYYY-MM-DD")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        max_length=MAX_TEXT_CHARS,
        strip=False,
        help_text="Paste the article's text as printed, paragraphs separated by blank lines.",
    )

    def clean(self):
        data = super().clean()
        if data.get("via_url") and not data.get("via_outlet"):
            self.add_error("via_outlet", "Name the outlet the via URL belongs to.")
        return data


class ProposalForm(forms.ModelForm):
    new_person_name = forms.CharField(
        max_length=200,
        required=False,
        label="or new person",
        help_text="Creates the person if nobody on the desk has this name.",
    )

    class Meta:
        model = QuoteProposal
        fields = ["person", "character", "new_person_name", "start", "end", "decision"]

    def clean(self):
        data = super().clean()
        chosen = [data.get("person"), data.get("character"), data.get("new_person_name")]
        if sum(bool(x) for x in chosen) > 1:
            raise ValidationError("Choose one speaker: a person, a character or a new name.")
        start, end = data.get("start"), data.get("end")
        body = self.instance.article_import.article.body
        if start is not None and end is not None and not (0 <= start < end <= len(body)):
            self.add_error("end", f"The span must lie within the text (0 to {len(body)}).")
        if data.get("decision") == QuoteProposal.Decision.ACCEPTED and not any(chosen):
            self.add_error("decision", "Say who said it before accepting this quote.")
        return data


class ProposalInline(admin.TabularInline):
    model = QuoteProposal
    form = ProposalForm
    fk_name = "article_import"
    extra = 0
    can_delete = False
    fields = ["in_context", "speaker_name", "nested_in", *ProposalForm.Meta.fields]
    readonly_fields = ["in_context", "speaker_name", "nested_in"]
    autocomplete_fields = ["person", "character"]
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Quote in its context")
    def in_context(self, proposal: QuoteProposal) -> str:
        body = proposal.article_import.article.body
        before = body[max(0, proposal.start - CONTEXT_CHARS) : proposal.start]
        after = body[proposal.end : proposal.end + CONTEXT_CHARS]
        return format_html(
            "…{}<mark>{}</mark>{}…", before, body[proposal.start : proposal.end], after
        )

    @admin.display(description="Nested in")
    def nested_in(self, proposal: QuoteProposal) -> str:
        return f"#{proposal.parent.position + 1}" if proposal.parent_id else "—"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article_import__article", "parent", "person", "character")
        )


@admin.register(ArticleImport)
class ArticleImportAdmin(admin.ModelAdmin):
    list_display = ["article", "source", "created_at", "created_by", "to_review"]
    list_select_related = ["article", "source__outlet", "created_by"]
    search_fields = ["article__title", "source__title", "source__outlet__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["article_link", "source", "created_at", "created_by"]
    fields = readonly_fields
    inlines = [ProposalInline]

    class Media:
        css = {"all": ["articles/admin_import.css"]}

    @admin.display(description="To review")
    def to_review(self, record: ArticleImport) -> int:
        return record.pending_count

    @admin.display(description="Draft article")
    def article_link(self, record: ArticleImport) -> str:
        url = reverse("admin:articles_article_change", args=[record.article_id])
        return format_html('<a href="{}">{}</a> ({})', url, record.article.title,
                           record.article.get_status_display())  # fmt: skip

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(pending_count=Count("proposals", filter=Q(proposals__decision="pending")))
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return request.user.has_perms(["articles.add_article", "quotes.add_quote"])

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PasteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = article_import(**form.cleaned_data, by=request.user)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                level = messages.SUCCESS if result.created else messages.WARNING
                self.message_user(request, result.summary(), level)
                return redirect("admin:articles_articleimport_change", result.article_import.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import an article",
            "form": form,
            "opts": self.model._meta,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/articleimport/paste.html", context)

    def save_formset(self, request, form, formset, change) -> None:
        """Each changed proposal goes through the import services, never a bare save."""
        counts: dict[str, int] = {}
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        with transaction.atomic():
            for proposal_form in formset.forms:
                if proposal_form.has_changed():
                    for what in apply_review(proposal_form, request.user):
                        counts[what] = counts.get(what, 0) + 1
                    formset.changed_objects.append(
                        (proposal_form.instance, proposal_form.changed_data)
                    )
        if counts:
            done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
            self.message_user(request, f"Review saved: {done}.", messages.SUCCESS)


def apply_review(form: ProposalForm, by) -> list[str]:
    """Apply one row of the review screen; returns what it did, for the message."""
    data, changed = form.cleaned_data, set(form.changed_data)
    proposal = QuoteProposal.objects.select_related("article_import__article").get(
        pk=form.instance.pk
    )
    done = []
    if {"start", "end"} & changed:
        proposal_set_span(proposal=proposal, start=data["start"], end=data["end"], by=by)
        done.append("span fixed")
    if {"person", "character", "new_person_name"} & changed and (
        data.get("person") or data.get("character") or data.get("new_person_name")
    ):
        proposal_set_speaker(
            proposal=proposal,
            by=by,
            person=data.get("person"),
            character=data.get("character"),
            new_person_name=data.get("new_person_name", ""),
        )
        done.append("speaker set")
    if "decision" in changed:
        if data["decision"] == QuoteProposal.Decision.ACCEPTED:
            proposal_accept(proposal=proposal, by=by)
            done.append("accepted")
        elif data["decision"] == QuoteProposal.Decision.REJECTED:
            proposal_reject(proposal=proposal, by=by)
            done.append("rejected")
    return done
