from collections import Counter

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from core.admin import ChosenRecordFilter
from core.admin_history import VersionedAdmin
from core.admin_rows import RowsReadTogetherFormSet, RowsReadTogetherInline
from core.admin_search import among, search_words
from core.counts import CountsForThePageAdmin
from core.drafts import draft_of
from core.slugs import SavesFormerSlugsAdmin

from .forms import QuoteAdminForm
from .held import APPROVE, is_held, record_approve, record_discard, record_hold
from .models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)
from .models.quotes import DOUBTS
from .services import (
    APPROVE_QUOTE,
    quote_confirm_finding,
    quote_create,
    quote_dismiss_finding,
    quote_set_state,
    quote_update,
    quote_verify,
    save_edit,
    source_save,
    verification_for,
)

VERIFICATION_COLOURS = {
    Quote.Verification.UNVERIFIED: "#777",
    Quote.Verification.VERIFIED: "#2a7a2a",
    Quote.Verification.DISPUTED: "#b35900",
    Quote.Verification.MISATTRIBUTED: "#b30000",
}


def save_quote_formset(request, formset) -> None:
    """Quotes edited in an inline get the same bookkeeping as in their own form: who changed
    them, and a new version, so that an open form on one of them sees the change."""
    instances = formset.save(commit=False)
    for quote in formset.deleted_objects:
        quote.delete()
    for quote in instances:
        if quote.pk is None:
            quote.updated_by = request.user
            quote.save()
        else:
            save_edit(quote, by=request.user)
    formset.save_m2m()


class QuoteInlineBase(RowsReadTogetherInline, admin.TabularInline):
    model = Quote
    # Its rows' names on the form (`Quote.__str__` names the speaker).
    row_select_related = ("speaker_person", "speaker_character")
    # Chosen quotes and sources are named by their speakers and outlets.
    choices_select_related = {
        "parent": ("speaker_person", "speaker_character"),
        "source": ("outlet",),
    }
    extra = 0
    fields = ["text", "speaker_person", "speaker_character", "said_on", "state", "verification"]
    readonly_fields = ["state", "verification"]
    autocomplete_fields = ["speaker_person", "speaker_character"]
    show_change_link = True

    class Media:
        css = {"all": ["quotes/admin_inlines.css"]}

    @admin.display(description="Verification")
    def verification(self, obj):
        return verification_badge(obj)

    def has_change_permission(self, request, obj=None):
        # Quotes already on a source or in a quote may be public: only an editor changes them
        # here; a writer adds new ones, which wait for approval.
        return request.user.has_perm(APPROVE_QUOTE)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(APPROVE_QUOTE) and super().has_delete_permission(request, obj)


class NestedQuoteFormSet(RowsReadTogetherFormSet):
    """A line refused for its nesting (`Quote.nesting_problem`) is refused on `parent`, which
    the inline does not show: the message goes above the inline, where the editor reads it."""

    def clean(self):
        super().clean()
        problems = {message for form in self.forms for message in form.errors.get("parent", [])}
        if problems:
            raise ValidationError(sorted(problems))


class NestedQuoteInline(QuoteInlineBase):
    formset = NestedQuoteFormSet
    fk_name = "parent"
    verbose_name = "nested quote"
    verbose_name_plural = "nested quotes (lines quoted inside this one)"
    fields = ["text", "speaker_person", "speaker_character", "source", "state", "verification"]
    autocomplete_fields = ["speaker_person", "speaker_character", "source"]


class SourceQuoteInline(QuoteInlineBase):
    fk_name = "source"
    fields = ["text", "speaker_person", "speaker_character", "parent", "said_on", "state"]
    autocomplete_fields = ["speaker_person", "speaker_character", "parent"]


def verification_badge(quote: Quote):
    badge = format_html(
        '<span style="color:{}" title="{}">{}</span>',
        VERIFICATION_COLOURS.get(quote.verification_status, "#777"),
        quote.verification_note,
        quote.get_verification_status_display(),
    )
    if not quote.finding_status:
        return badge
    return format_html(
        '{} <strong title="{}">(check found: {}; an editor decides)</strong>',
        badge,
        quote.finding_note,
        quote.get_finding_status_display(),
    )


class FindingFilter(admin.SimpleListFilter):
    title = "check's finding"
    parameter_name = "finding"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for an editor")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.exclude(finding_status="")
        return queryset


class FilmFilter(ChosenRecordFilter):
    """`?film=<id>`: the rows about one film (quotes, or articles in their list)."""

    title = "film"
    parameter_name = "film"
    model = Film
    field = "films"


class QuotePersonFilter(ChosenRecordFilter):
    title = "speaker"
    parameter_name = "person"
    model = Person
    field = "speaker_person"


class QuoteCharacterFilter(ChosenRecordFilter):
    title = "character"
    parameter_name = "character"
    model = Character
    field = "speaker_character"


class ViewOnSiteWhenPublic:
    """A ModelAdmin mixin: "View on site" only for a record readers can see (its model's
    `published()`); any other page is a 404."""

    def get_view_on_site_url(self, obj=None):
        if obj is not None and not type(obj).objects.published().filter(pk=obj.pk).exists():
            return None
        return super().get_view_on_site_url(obj)


class HoldsWritersChangesAdmin(ViewOnSiteWhenPublic):
    """A ModelAdmin mixin: a writer's change to a record readers see is kept as draft changes
    (`quotes.held`) for an editor to approve or discard, shown above the form."""

    change_form_template = "admin/quotes/held_change_form.html"
    # Links above the form to the quote list narrowed to the record: (label, the list's
    # `ChosenRecordFilter` parameter or lookup).
    quote_list_links: tuple[tuple[str, str], ...] = ()

    def save_model(self, request, obj, form, change):
        if not change and not request.user.has_perm(APPROVE):
            # A writer's new record: public with the first published thing that uses it (a
            # source always is: `SourceQuerySet.published`).
            obj.held_until_used = True
        if change and is_held(request.user, obj):
            names = {field.name for field in obj._meta.concrete_fields}
            record_hold(
                record=type(obj)._default_manager.get(pk=obj.pk),
                by=request.user,
                changes={n: form.cleaned_data[n] for n in form.changed_data if n in names},
            )
            request.desk_held = True
            self.message_user(
                request,
                "Your change awaits an editor's approval: readers see the record as it was.",
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "desk_held", False):
            for formset in formsets:  # nothing saved: the change message lists no rows
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        draft = draft_of(record) if record is not None else None
        if record is not None:
            quotes = reverse("admin:quotes_quote_changelist")
            context["quote_list_links"] = [
                (label, f"{quotes}?{urlencode({parameter: record.pk})}")
                for label, parameter in self.quote_list_links
            ]
        if draft is not None:
            opts = self.model._meta
            context["held_draft"] = draft
            context["held_rows"] = [
                (opts.get_field(name).verbose_name, getattr(record, name, ""), value)
                for name, value in draft.data.items()
            ]
            context["held_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_held", args=[record.pk]
            )
            context["held_may_approve"] = request.user.has_perm(APPROVE)
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/held/",
                self.admin_site.admin_view(self.held_view),
                name=f"{opts.app_label}_{opts.model_name}_held",
            ),
            *super().get_urls(),
        ]

    def held_view(self, request, object_id):
        """POST `action`: approve or discard the record's changes awaiting approval."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404("No such record.")
        opts = self.model._meta
        back = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        action = request.POST.get("action")
        try:
            if action == "approve":
                record_approve(record=record, by=request.user)
                self.message_user(request, "Approved: readers see the change now.")
            elif action == "discard":
                record_discard(record=record, by=request.user)
                self.message_user(request, "Discarded: the record stays as it was.")
            else:
                raise ValidationError("Choose approve or discard.")
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, f"Nothing changed: {text}", messages.ERROR)
        return redirect(back)


@admin.register(Person)
class PersonAdmin(
    CountsForThePageAdmin, HoldsWritersChangesAdmin, SavesFormerSlugsAdmin, admin.ModelAdmin
):
    quote_list_links = (("Quotes by this person", "person"),)
    related_counts = {"quote_count": (Quote, "speaker_person")}
    ordering = ["sort_name", "name"]
    list_display = ["name", "sort_name", "slug", "quote_count"]
    search_fields = ["name", "sort_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "sort_name", "slug", "aliases", "bio", "photo", "wikidata_id", "imdb_id"]
    raw_id_fields = ["photo"]

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count


@admin.register(Character)
class CharacterAdmin(
    CountsForThePageAdmin, HoldsWritersChangesAdmin, SavesFormerSlugsAdmin, admin.ModelAdmin
):
    related_counts = {"quote_count": (Quote, "speaker_character")}
    quote_list_links = (("Lines spoken by this character", "character"),)
    ordering = ["name"]
    list_display = ["name", "franchise", "quote_count"]
    list_select_related = ["franchise"]
    list_filter = ["franchise"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["franchise"]

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count


@admin.register(Franchise)
class FranchiseAdmin(admin.ModelAdmin):
    ordering = ["name"]
    list_display = ["name", "slug", "film_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=Count("films"))

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, obj):
        return obj.film_count


class CreditInline(RowsReadTogetherInline, admin.TabularInline):
    model = Credit
    row_select_related = ("film", "person", "character")  # `Credit.__str__`
    extra = 0
    fields = ["position", "role", "person", "character"]
    autocomplete_fields = ["person", "character"]


class BoxOfficeFigureInline(RowsReadTogetherInline, admin.TabularInline):
    model = BoxOfficeFigure
    row_select_related = ("film",)  # `BoxOfficeFigure.__str__`
    choices_select_related = {"source": ("outlet",)}  # `Source.__str__`
    extra = 0
    fields = ["kind", "territory", "amount", "currency", "as_of", "is_estimate", "source"]
    autocomplete_fields = ["source"]

    class Media:
        css = {"all": ["quotes/admin_inlines.css"]}


@admin.register(Film)
class FilmAdmin(HoldsWritersChangesAdmin, SavesFormerSlugsAdmin, admin.ModelAdmin):
    # Its own form (inline errors named at the top), which extends the held-changes one.
    change_form_template = "admin/quotes/film/change_form.html"
    quote_list_links = (("Quotes about this film", "film"),)
    list_display = ["title", "release_on", "status", "franchise", "studio"]
    list_select_related = ["franchise", "studio"]
    list_filter = ["status", "franchise"]
    search_fields = ["title", "synopsis"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["franchise", "studio"]
    raw_id_fields = ["poster"]
    date_hierarchy = "release_on"
    inlines = [CreditInline, BoxOfficeFigureInline]


@admin.register(Outlet)
class OutletAdmin(
    CountsForThePageAdmin, HoldsWritersChangesAdmin, SavesFormerSlugsAdmin, admin.ModelAdmin
):
    related_counts = {"source_count": (Source, "outlet")}
    quote_list_links = (("Quotes from this outlet", "source__outlet__id__exact"),)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    ordering = ["name"]
    list_display = ["name", "kind", "url", "source_count"]
    list_filter = ["kind"]
    search_fields = ["name", "url"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


@admin.register(Source)
class SourceAdmin(CountsForThePageAdmin, HoldsWritersChangesAdmin, admin.ModelAdmin):
    related_counts = {"quote_count": (Quote, "source")}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    ordering = ["-published_on", "title"]
    list_display = ["title", "outlet", "kind", "published_on", "via", "has_text", "quote_count"]
    list_select_related = ["outlet", "via__outlet"]
    list_filter = ["kind", "outlet"]
    search_fields = ["title", "outlet__name", "url"]
    autocomplete_fields = ["outlet", "via"]
    date_hierarchy = "published_on"
    fields = ["outlet", "title", "kind", "url", "published_on", "via", "text"]
    inlines = [SourceQuoteInline]

    @admin.display(description="Text stored", boolean=True)
    def has_text(self, obj):
        return bool(obj.text.strip())

    def save_model(self, request, obj, form, change):
        if change and is_held(request.user, obj):
            super().save_model(request, obj, form, change)  # kept for an editor's approval
            return
        source_save(source=obj, by=request.user, text_changed="text" in form.changed_data)

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count

    def save_formset(self, request, form, formset, change):
        if formset.model is Quote:
            save_quote_formset(request, formset)
        else:
            super().save_formset(request, form, formset, change)


def answers_an_action(model_admin, request) -> bool:
    """Whether `changelist_view` answers this request with an action (its response, or a
    redirect back to the list when it names none or nothing selected), never with the list:
    a POST of the action form, with or without its confirmation page's `index`."""
    return (
        request.method == "POST"
        and "_save" not in request.POST
        and ("index" in request.POST or helpers.ACTION_CHECKBOX_NAME in request.POST)
        and bool(model_admin.get_actions(request))
    )


class QuoteChangeList(ChangeList):
    """The quote list's page of rows, with their speakers and sources fetched for that page
    alone: joined into the page's query, they were joined to every quote an OFFSET passes over
    (page 9,000 read 900,000 quotes with their sources and outlets)."""

    # A search matching more quotes than this shows no date menu (see get_results).
    DATE_MENU_MOST_MATCHES = 10_000

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.prefetch_related("speaker_person", "speaker_character", "source__outlet")

    def get_results(self, request):
        """The date menu of a search reads the date of every match, twice (their first and last
        dates, then their years): 1.5 s of a 2.6 s page for a word in 145,000 of a million
        quotes. Past `DATE_MENU_MOST_MATCHES` it is left out until a date is chosen; the
        menu of the whole list, or of a year chosen before searching, is drawn as before.

        An action posted to the list is answered with a redirect or the action's own page,
        never the list (`answers_an_action`): the list's count of its quotes (30-45 ms at a
        million) and its page are not read for it."""
        if answers_an_action(self.model_admin, request):
            self.paginator = self.model_admin.get_paginator(
                request, self.queryset, self.list_per_page
            )
            self.result_count, self.full_result_count = 0, None
            self.result_list = self.queryset.none()
            self.show_full_result_count = self.model_admin.show_full_result_count
            self.show_admin_actions = True
            self.can_show_all = self.multi_page = False
            return
        super().get_results(request)
        prefix = f"{self.date_hierarchy}__"
        date_chosen = any(name.startswith(prefix) for name in self.params)
        if self.query and not date_chosen and self.result_count > self.DATE_MENU_MOST_MATCHES:
            self.date_hierarchy = None


@admin.register(Quote)
class QuoteAdmin(ViewOnSiteWhenPublic, VersionedAdmin):
    form = QuoteAdminForm
    history_exclude = ("search_vector",)  # derived by the database
    list_display = ["__str__", "verification", "state", "embargo", "source", "is_nested"]
    list_select_related = ()  # QuoteChangeList prefetches them (False would join every FK)
    list_filter = [
        "state",
        "verification_status",
        FindingFilter,
        "source__outlet",
        FilmFilter,
        QuotePersonFilter,
        QuoteCharacterFilter,
    ]
    search_fields = [
        "text",
        "speaker_person__name",
        "speaker_character__name",
        "source__title",
        "source__outlet__name",
    ]
    autocomplete_fields = ["speaker_person", "speaker_character", "source", "parent", "films"]
    date_hierarchy = "said_on"
    # "12 results (Show all)" rather than "(1,000,000 total)": Django counts every quote a
    # second time for that, on each page of the list, filtered or not.
    show_full_result_count = False
    search_help_text = (
        "Finds each word in the quote, its speaker, source or outlet. A search with more than "
        f"{QuoteChangeList.DATE_MENU_MOST_MATCHES:,} matches has no date menu: choose a year "
        "first, then search."
    )
    inlines = [NestedQuoteInline]
    # "Show counts" counted each filter's choices over every quote, one outlet at a time.
    show_facets = admin.ShowFacets.NEVER

    class Media:
        css = {"all": ["quotes/admin_lists.css"]}

    actions = [
        "approve_selected",
        "reject_selected",
        "verify_selected",
        "confirm_findings",
        "dismiss_findings",
    ]
    fieldsets = [
        (None, {"fields": ["text", ("speaker_person", "speaker_character"), "parent"]}),
        ("Where it was said", {"fields": ["source", "said_on", "films"]}),
        (
            "Verification",
            {
                "fields": [
                    "verification_check",
                    "verification_status",
                    "verification_note",
                    "verification_set",
                    "finding",
                ],
                "description": "Only the check or an editor sets the status. Disputed and "
                "misattributed quotes need a note saying why.",
            },
        ),
        (
            "Approval",
            {"fields": ["state", "embargo", "updated_by", "updated_at", "loaded_version"]},
        ),
    ]

    def is_live(self, fields: dict) -> bool:
        return fields.get("state") == Quote.State.APPROVED

    def get_changelist(self, request, **kwargs):
        return QuoteChangeList

    def get_search_results(self, request, queryset, search_term):
        """`search_fields`, each word matched through subqueries of people, characters and
        sources: Django's joins put every quote beside its speaker, source and outlet before
        matching, for the count, the date menu and the page alike. Each part of a word's
        match has an index (migration 0016's trigrams, the foreign keys'), which `among`
        lets PostgreSQL combine rather than test every quote."""
        if not search_term.strip():
            return queryset, False
        matching = Quote.objects.all()
        for word in search_words(search_term):
            outlets = Outlet.objects.filter(name__icontains=word)
            sources = Source.objects.filter(
                models.Q(title__icontains=word) | among("outlet", outlets)
            )
            people = Person.objects.filter(name__icontains=word)
            characters = Character.objects.filter(name__icontains=word)
            matching = matching.filter(
                models.Q(text__icontains=word)
                | among("speaker_person", people)
                | among("speaker_character", characters)
                | among("source", sources)
            )
        # The matches as a subquery, not the list's own WHERE: a condition on the quotes
        # themselves let PostgreSQL answer the date menu's MIN and MAX by walking the date
        # index until a match turned up, all million rows for a word found in few quotes.
        return queryset.filter(pk__in=matching.values("pk")), False

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "verification_check",
            "verification_set",
            "finding",
            "embargo",
            "updated_by",
            "updated_at",
        ]
        if not request.user.has_perm(APPROVE_QUOTE):
            readonly += ["state", "verification_status", "verification_note"]
        return readonly

    def has_change_permission(self, request, obj=None):
        # An approved quote may already be public: a writer cannot change its words.
        if (
            obj is not None
            and obj.state == Quote.State.APPROVED
            and not request.user.has_perm(APPROVE_QUOTE)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_approve_permission(self, request):
        return request.user.has_perm(APPROVE_QUOTE)

    @admin.display(description="Verification", ordering="verification_status")
    def verification(self, obj):
        return verification_badge(obj)

    @admin.display(description="Embargo", ordering="public_from")
    def embargo(self, obj):
        """Approved with a story scheduled for later: readers see it only from then."""
        if obj is None or obj.public_from is None or obj.public_from <= timezone.now():
            return "None."
        return format_html("Public from {}", timezone.localtime(obj.public_from))

    @admin.display(description="Nested", boolean=True)
    def is_nested(self, obj):
        return obj.parent_id is not None

    @admin.display(description="Check against source text")
    def verification_check(self, obj):
        if obj is None or obj.pk is None:
            return "Checked when saved: use “Re-check against source text” in the list."
        result, checked, chain = verification_for(obj)
        if result is None:
            return "No stored text on the source or the sources it came through."
        return format_html(
            "<strong>{}</strong> in the text of {}", result.describe().capitalize(), checked
        )

    @admin.display(description="Status set")
    def verification_set(self, obj):
        if obj is None or obj.verified_at is None:
            return "Never set."
        who = obj.verification_set_by or "the check against the source text"
        return format_html("By {}, {}", who, timezone.localtime(obj.verified_at))

    @admin.display(description="Check's finding")
    def finding(self, obj):
        if obj is None or not obj.finding_status:
            return "None waiting."
        return format_html(
            "<strong>{}</strong>: {} (found {}, check run by {}). Confirm or dismiss it with "
            "the actions in the list.",
            obj.get_finding_status_display(),
            obj.finding_note,
            timezone.localtime(obj.finding_at),
            obj.finding_requested_by or "the system",
        )

    def save_model(self, request, obj, form, change):
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in {f.name for f in Quote._meta.concrete_fields}
        }
        if change:
            current = Quote.objects.get(pk=obj.pk)
            was = (current.state, current.verification_status)
            quote_update(
                quote=current,
                by=request.user,
                expected_version=form.cleaned_data["loaded_version"],
                **fields,
            )
            saved = current
        else:
            was = (None, None)
            saved = quote_create(by=request.user, **fields)
        if (saved.state, saved.verification_status) != was:
            self.warn_doubted(request, [saved])
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        for name in (
            "version",
            "updated_by_id",
            "created_at",
            "updated_at",
            "verified_at",
            "verification_set_by_id",
        ):
            setattr(obj, name, getattr(saved, name))

    def save_formset(self, request, form, formset, change):
        if formset.model is Quote:
            save_quote_formset(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def set_state(self, request, quotes, state) -> int | None:
        """`quote_set_state`, a refusal (a quote its own rules refuse) said above the list
        rather than a 500: nothing is changed then."""
        try:
            return quote_set_state(quotes=quotes, state=state, by=request.user)
        except ValidationError as error:
            self.message_user(
                request, f"Nothing changed: {' '.join(error.messages)}", messages.ERROR
            )
            return None

    @admin.action(description="Approve selected quotes", permissions=["approve"])
    def approve_selected(self, request, queryset):
        quotes = list(queryset)
        changed = self.set_state(request, quotes, Quote.State.APPROVED)
        if changed is None:
            return
        self.message_user(
            request,
            f"Approved {changed} quote(s); {len(quotes) - changed} were already approved.",
            messages.SUCCESS,
        )
        self.warn_doubted(request, quotes)

    def warn_doubted(self, request, quotes):
        """Approved, a quote the check found at odds with its source goes out marked as such,
        perhaps without anyone having looked at it again: say which."""
        doubted = [
            q for q in quotes if q.state == Quote.State.APPROVED and q.verification_status in DOUBTS
        ]
        if doubted:
            self.message_user(
                request,
                f"{len(doubted)} approved quote(s) readers will see marked as disputed or "
                f"misattributed against their source: "
                f"{', '.join(f'“{q}”' for q in doubted[:5])}"
                f"{' …' if len(doubted) > 5 else ''}. Reject any that should not go out so.",
                messages.WARNING,
            )

    @admin.action(description="Reject selected quotes", permissions=["approve"])
    def reject_selected(self, request, queryset):
        quotes = list(queryset)
        changed = self.set_state(request, quotes, Quote.State.REJECTED)
        if changed is None:
            return
        self.message_user(
            request,
            f"Rejected {changed} quote(s); {len(quotes) - changed} were already rejected.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Re-check selected quotes against source text", permissions=["change"]
    )
    def verify_selected(self, request, queryset):
        outcomes = Counter()
        for quote in queryset.select_related("source"):
            outcomes[quote_verify(quote=quote, by=request.user).label] += 1
        summary = ", ".join(f"{count} {label}" for label, count in sorted(outcomes.items()))
        self.message_user(
            request, f"Checked {outcomes.total()} quote(s): {summary}.", messages.SUCCESS
        )

    @admin.action(
        description="Confirm the check's finding on selected quotes", permissions=["approve"]
    )
    def confirm_findings(self, request, queryset):
        self.settle_findings(request, queryset, quote_confirm_finding, "Confirmed")

    @admin.action(
        description="Dismiss the check's finding on selected quotes", permissions=["approve"]
    )
    def dismiss_findings(self, request, queryset):
        self.settle_findings(request, queryset, quote_dismiss_finding, "Dismissed")

    def settle_findings(self, request, queryset, service, done: str) -> None:
        quotes = list(queryset.exclude(finding_status=""))
        for quote in quotes:
            service(quote=quote, by=request.user)
        self.message_user(request, f"{done} {len(quotes)} finding(s).", messages.SUCCESS)


@admin.register(BoxOfficeFigure)
class BoxOfficeFigureAdmin(admin.ModelAdmin):
    list_display = [
        "film",
        "kind",
        "territory",
        "amount",
        "currency",
        "as_of",
        "is_estimate",
        "source",
    ]
    list_select_related = ["film", "source__outlet"]
    list_filter = ["kind", "territory", "is_estimate"]
    search_fields = ["film__title", "source__title"]
    autocomplete_fields = ["film", "source"]
    date_hierarchy = "as_of"


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ["__str__", "film", "person", "role", "character", "position"]
    list_select_related = ["film", "person", "character"]
    list_filter = ["role"]
    search_fields = ["film__title", "person__name", "character__name"]
    autocomplete_fields = ["film", "person", "character"]
