"""The admin's import desk: paste an article, then review every proposed quote on one screen."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from quotes.models import Person

from .importing import (
    MAX_TEXT_CHARS,
    SpeakerIndex,
    article_import,
    proposal_accept,
    proposal_reject,
    proposal_set_span,
    proposal_set_speaker,
)
from .models import ArticleImport, QuoteProposal

CONTEXT_CHARS = 80
LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    """One row of the review screen. A proposed speaker already on file comes preselected, and
    an unknown one's name stands ready as the new person's: accepting the row is enough. The
    span is set by selecting the words in the passage (`admin_import.js` fills start and end)."""

    new_person_name = forms.CharField(
        max_length=200,
        required=False,
        label="or new person",
        help_text="Created when you save, if nobody on the desk has this name.",
    )

    class Meta:
        model = QuoteProposal
        fields = ["person", "character", "new_person_name", "start", "end", "decision"]
        widgets = {"start": forms.HiddenInput, "end": forms.HiddenInput}

    def __init__(self, *args, speakers: SpeakerIndex | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        proposal = self.instance
        if proposal.pk is None or proposal.person_id or proposal.character_id:
            return
        if not proposal.speaker_name:
            return
        known = speakers.match(proposal.speaker_name) if speakers is not None else None
        if known is None:
            self.initial["new_person_name"] = proposal.speaker_name
        else:
            self.initial["person" if isinstance(known, Person) else "character"] = known.pk

    def clean(self):
        data = super().clean()
        if "new_person_name" not in self.changed_data and (
            data.get("person") or data.get("character")
        ):
            # The proposed name was only standing ready: a chosen record replaces it.
            data["new_person_name"] = ""
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
    fields = [
        "in_context",
        "speaker",
        "person",
        "character",
        "new_person_name",
        "span",
        "start",
        "end",
        "nested_in",
        "decision",
    ]
    readonly_fields = ["in_context", "speaker", "span", "nested_in"]
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

    @admin.display(description="Speaker")
    def speaker(self, proposal: QuoteProposal) -> str:
        """Who said it as things stand: the speaker chosen, which replaces the name extraction
        proposed, or the proposed name until one is chosen."""
        chosen = proposal.person or proposal.character
        if chosen is not None:
            return format_html('<strong class="speaker-name">{}</strong>', chosen.name)
        if proposal.speaker_name:
            return format_html(
                '<span class="speaker-name">{}</span> <span class="help">proposed, not chosen'
                "</span>",
                proposal.speaker_name,
            )
        return format_html(
            '<span class="speaker-name">{}</span> <span class="help">{}</span>', "—", "none found"
        )

    @admin.display(description="Span")
    def span(self, proposal: QuoteProposal) -> str:
        return format_html(
            '<button type="button" class="button use-selection">{}</button>'
            '<span class="span-note help" aria-live="polite"></span>',
            "Use selected text",
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
    readonly_fields = ["article_link", "source", "created_at", "created_by", "passage"]
    fields = readonly_fields
    inlines = [ProposalInline]

    class Media:
        css = {"all": ["articles/admin_import.css"]}
        js = ["admin/js/jquery.init.js", "articles/admin_import.js"]

    @admin.display(description="Passage")
    def passage(self, record: ArticleImport) -> str:
        """The article's text, a line to an element that knows where it starts in the text, so
        that a selection maps to the text's own offsets however its lines end (CRLF or LF)."""
        body = record.article.body
        lines = format_html_join(
            "\n",
            '<span class="import-passage__line" data-start="{}">{}</span>',
            passage_lines(body),
        )
        return format_html(
            '<div class="import-passage" data-length="{}">{}</div><p class="help">Select a '
            "quote's words here, then press “Use selected text” in its row.</p>",
            len(body),
            lines,
        )

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

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProposalInline):
            kwargs["form_kwargs"] = {"speakers": SpeakerIndex()}
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The review table needs the page's whole width: no navigation sidebar here.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request) -> bool:
        # Pasting leads straight to the review screen: whoever may not review the import
        # (writers) is not offered it, rather than left on a 403 with a draft already made.
        return request.user.has_perms(
            ["articles.add_article", "quotes.add_quote", "articles.change_articleimport"]
        )

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


def passage_lines(body: str):
    """Each line of `body` with the offset of its first character."""
    start = 0
    for match in LINE_BREAK.finditer(body):
        yield start, body[start : match.start()]
        start = match.end()
    yield start, body[start:]


def apply_review(form: ProposalForm, by) -> list[str]:
    """Apply one row of the review screen; returns what it did, for the message. The row is
    compared with the proposal as stored, not with what the form showed: a preselected speaker
    or a proposed name standing ready is applied when the row is accepted."""
    data = form.cleaned_data
    proposal = QuoteProposal.objects.select_related("article_import__article").get(
        pk=form.instance.pk
    )
    done = []
    if (data["start"], data["end"]) != (proposal.start, proposal.end):
        proposal_set_span(proposal=proposal, start=data["start"], end=data["end"], by=by)
        done.append("span fixed")
    person, character = data.get("person"), data.get("character")
    name = data.get("new_person_name", "").strip()
    decision = data.get("decision")
    chosen = (person or character) and (person, character) != (
        proposal.person,
        proposal.character,
    )
    named = (
        name
        and not (person or character)
        and ("new_person_name" in form.changed_data or decision == QuoteProposal.Decision.ACCEPTED)
    )
    if chosen or named:
        proposal_set_speaker(
            proposal=proposal, by=by, person=person, character=character, new_person_name=name
        )
        done.append("speaker set")
    if decision != proposal.decision:
        if decision == QuoteProposal.Decision.ACCEPTED:
            proposal_accept(proposal=proposal, by=by)
            done.append("accepted")
        elif decision == QuoteProposal.Decision.REJECTED:
            proposal_reject(proposal=proposal, by=by)
            done.append("rejected")
    return done
