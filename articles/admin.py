from functools import partial

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from core.admin import ChosenRecordFilter
from core.admin_history import Side, VersionedAdmin
from core.admin_search import among, search_words
from core.counts import related_count
from core.drafts import draft_of, has_draft
from core.versioning import StaleEditError, needs_review
from quotes.admin import FilmFilter, QuoteAdmin
from quotes.models import Quote

from . import admin_import, admin_views  # noqa: F401 (admin_import registers the import desk)
from .desk import AUTOSAVED, autosave_clear, autosave_offer
from .drafts import (
    LINKS,
    NoDraftError,
    article_draft_publish,
    article_draft_submit,
    draft_article,
    is_public,
    snapshot,
    version_content,
)
from .forms import ArticleAdminForm, FeaturedQuoteForm
from .models import Article, Author, Byline, Correction, FeaturedQuote, Section, Tag
from .services import (
    article_create,
    article_delete,
    article_transition,
    article_update,
    can_edit,
    can_publish,
    correction_publish,
    follow_stories,
)

Status = Article.Status
# The compare view's key for a live article's draft changes.
DRAFT = "draft"
# The list's actions on a live article with draft changes: what submitting or publishing it
# does to the changes.
DRAFT_MOVES = {Status.REVIEW: article_draft_submit, Status.PUBLISHED: article_draft_publish}

for followed in (FeaturedQuote, Byline):  # followed by the article's revisions
    if not reversion.is_registered(followed):
        reversion.register(followed)


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        return [("me", "Mine")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(created_by=request.user)
        return queryset


class StatusFilter(admin.SimpleListFilter):
    """The status as it is now: "Live" is what `published()` holds, so a scheduled article
    whose time has come is listed as live, not scheduled."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("changes", "Live, with draft changes"),
            ("changes-review", "Live, with changes awaiting review"),
            ("changes-scheduled", "Live, with changes scheduled"),
            ("scheduled", "Scheduled"),
            (Status.DRAFT, "Draft"),
            (Status.REVIEW, "In review"),
            (Status.ARCHIVED, "Archived"),
            ("taken-off", "Taken off"),
        ]

    def queryset(self, request, queryset):
        chosen = {
            "live": queryset.live,
            "scheduled": queryset.upcoming,
            "taken-off": queryset.taken_off,
        }
        if self.value() == "changes":
            return queryset.live().filter(has_draft(Article))
        if self.value() == "changes-review":
            return queryset.live().filter(has_draft(Article, is_submitted=True))
        if self.value() == "changes-scheduled":
            return queryset.live().filter(has_draft(Article, go_live_at__isnull=False))
        if self.value() in chosen:
            return chosen[self.value()]()
        if self.value() in {Status.DRAFT, Status.REVIEW, Status.ARCHIVED}:
            return queryset.filter(status=self.value())
        return queryset


class TagFilter(ChosenRecordFilter):
    """`?tag=<id>`: the tag menu listed every tag, as the film menu did."""

    title = "tag"
    parameter_name = "tag"
    model = Tag
    field = "tags"


class PositionedInlineMixin:
    """A new row's position is left blank and filled in after the last one on save
    (`fill_positions`), so rows added together keep the order they were added in rather than
    all being 0."""

    def get_extra(self, request, obj=None, **kwargs):
        # A live article's rows open as new forms, one per row of its draft.
        rows = self.admin_site.get_model_admin(Article).drafted_rows(request, obj, self.model)
        return len(rows) if rows is not None else super().get_extra(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        position = formset.form.base_fields["position"]
        position.required = False
        position.initial = None
        position.help_text = "Blank: after the others."
        return formset


def formset_rows(formset) -> list[tuple[object, int]]:
    """What a drafted inline holds, in order: (record, position) for each row kept. A row
    left as it opened has no cleaned data (Django skips unchanged extra forms), so its
    opening values are what it holds."""
    target = next(name for name in ("quote", "author") if name in formset.form.base_fields)
    model = formset.form.base_fields[target].queryset.model
    rows = []
    for form in formset.forms:
        values = form.cleaned_data if form.has_changed() else form.initial
        if values.get("DELETE") or not values.get(target):
            continue
        rows.append([values[target], values.get("position")])
    by_pk = model.objects.in_bulk([r[0] for r in rows if isinstance(r[0], int)])
    for row in rows:
        row[0] = by_pk.get(row[0], row[0]) if isinstance(row[0], int) else row[0]
    rows = [row for row in rows if not isinstance(row[0], int)]
    following = max((r[1] for r in rows if r[1] is not None), default=-1) + 1
    for row in rows:
        if row[1] is None:
            row[1], following = following, following + 1
    return [tuple(row) for row in sorted(rows, key=lambda row: row[1])]


def fill_positions(rows: list, taken: list[int]) -> None:
    """Give the rows whose position is blank the next positions after `taken`, in order."""
    following = max(taken, default=-1) + 1
    for row in rows:
        if row.position is None:
            row.position = following
            following += 1


class FeaturedQuoteInline(PositionedInlineMixin, admin.TabularInline):
    model = FeaturedQuote
    form = FeaturedQuoteForm
    extra = 0
    fields = ["position", "quote", "quote_state", "quote_verification"]
    readonly_fields = ["quote_state", "quote_verification"]
    autocomplete_fields = ["quote"]
    ordering = ["position", "id"]
    verbose_name = "featured quote"
    verbose_name_plural = "featured quotes, in reading order"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("quote__speaker_person", "quote__speaker_character")
        )

    @admin.display(description="Approval")
    def quote_state(self, obj):
        return obj.quote.get_state_display() if obj.quote_id else "—"

    @admin.display(description="Verification")
    def quote_verification(self, obj):
        return obj.quote.get_verification_status_display() if obj.quote_id else "—"


class BylineInline(PositionedInlineMixin, admin.TabularInline):
    model = Byline
    extra = 0
    fields = ["position", "author"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    verbose_name = "author"
    verbose_name_plural = "authors, in byline order"


class CorrectionInline(admin.StackedInline):
    """Corrections and clarifications, appended for readers to see with their date: editors
    add them (the `articles.add_correction` permission); anyone else only reads them."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at", "created_by"]
    readonly_fields = ["published_at", "created_by"]
    ordering = ["published_at", "id"]
    verbose_name_plural = "corrections and clarifications (public, dated)"


def save_correction_formset(request, formset) -> None:
    """New corrections go through the service (an editor's, dated now); an editor may still
    fix a correction's wording or remove one."""
    for correction in formset.save(commit=False):
        if correction.pk is None:
            correction_publish(
                by=request.user,
                article=correction.article,
                quote=correction.quote,
                kind=correction.kind,
                text=correction.text,
            )
        else:
            correction.save()
    for correction in formset.deleted_objects:
        correction.delete()


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    form = ArticleAdminForm
    history_exclude = ("search_vector",)
    history_follow = ("featured_quotes", "bylines")
    ordering = ["-published_at", "-id"]
    list_display = [
        "title",
        "status_badge",
        "published_at",
        "section",
        "byline",
        "last_change",
        "quote_count",
    ]
    list_select_related = ["updated_by", "section"]
    list_filter = [StatusFilter, AuthorFilter, "section", TagFilter, FilmFilter]
    search_fields = ["title", "standfirst", "body", "bylines__author__name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "tags", "films", "people", "sources"]
    # The image chooser: the library's list, with thumbnails and search, in a pop-up.
    raw_id_fields = ["lead_image"]
    inlines = [BylineInline, FeaturedQuoteInline, CorrectionInline]

    class Media:
        css = {"all": ["quotes/admin_lists.css"]}

    actions = [
        "submit_selected",
        "publish_selected",
        "publish_selected_approving_quotes",
        "unpublish_selected",
        "archive_selected",
    ]
    readonly_fields = ["status", "published_at", "created_by", "updated_by", "updated_at"]
    add_workflow_note = (
        "Save the draft first: the workflow buttons (submit, publish, schedule) then appear "
        "above the form."
    )
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "lead_image"]}),
        ("Where it goes", {"fields": ["section", "tags"]}),
        ("In this story", {"fields": ["films", "people", "sources"]}),
        (
            "Workflow",
            {
                "fields": [
                    "status",
                    "published_at",
                    "unpublish_at",
                    "created_by",
                    "updated_by",
                    "updated_at",
                    "loaded_version",
                ],
                "description": "Use the workflow buttons above to submit, publish, schedule, "
                "unpublish or archive.",
            },
        ),
    ]

    def is_live(self, fields: dict) -> bool:
        return fields.get("status") in {Status.PUBLISHED, Status.SCHEDULED}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(quote_count=related_count(FeaturedQuote, "article"))
            .with_authors()
            .with_is_live()
            .annotate(has_draft=has_draft(Article))
        )

    def get_search_results(self, request, queryset, search_term):
        """`search_fields`, each word matched in the bylines through a subquery: Django's join
        gave an article once per byline, so every search was a DISTINCT over whole articles,
        bodies and all, for the count, the date menu and the page."""
        if not search_term.strip():
            return queryset, False
        matching = Article.objects.all()
        for word in search_words(search_term):
            authors = Author.objects.filter(name__icontains=word)
            matching = matching.filter(
                Q(title__icontains=word)
                | Q(standfirst__icontains=word)
                | Q(body__icontains=word)
                | among("pk", Article.objects.filter(bylines__author__in=authors))
            )
        # As the quotes' search (`QuoteAdmin.get_search_results`): the matches as a subquery,
        # each part from an index (migration 0021's trigrams), combined in one bitmap.
        return queryset.filter(pk__in=matching.values("pk")), False

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # On the add form there are no workflow buttons yet: say when they appear.
        name, options = fieldsets[-1]
        return [*fieldsets[:-1], (name, {**options, "description": self.add_workflow_note})]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            readonly.append("unpublish_at")
        return readonly

    def get_view_on_site_url(self, obj=None):
        # A page readers cannot see yet would be a 404: offer the preview instead.
        if obj is not None and not Article.objects.published().filter(pk=obj.pk).exists():
            return reverse("admin:articles_article_preview", args=[obj.pk])
        return super().get_view_on_site_url(obj)

    # Who may do what: writers their own drafts, editors everything.

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def delete_model(self, request, obj):
        article_delete(articles=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        article_delete(articles=queryset, by=request.user)

    # Columns.

    # The preview beside the status, not in a column of its own: at 1280 px, beside the menu
    # and the filters, every column takes room from the headlines.
    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        url = reverse("admin:articles_article_preview", args=[obj.pk])
        return format_html(
            '{}<br><a href="{}" target="_blank" rel="noopener" class="preview-link">Preview</a>',
            obj.desk_status(),
            url,
        )

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count

    @admin.display(description="Byline")
    def byline(self, obj):
        return obj.byline

    # One column for who changed it last and when: three columns of desk users and dates
    # squeezed the headlines to a word a line.
    @admin.display(description="Last change", ordering="updated_at")
    def last_change(self, obj):
        when = timezone.localtime(obj.updated_at).strftime("%Y-%m-%d %H:%M")
        return f"{when} by {obj.updated_by}" if obj.updated_by else when

    # Saving through the services, so every rule holds whichever door a change comes in by.

    def save_model(self, request, obj, form, change):
        content = {
            name: form.cleaned_data[name]
            for name in (
                "title",
                "slug",
                "standfirst",
                "body",
                "lead_image",
                "section",
                "unpublish_at",
            )
            if name in form.cleaned_data
        }
        if change and form.is_live:
            # Saved with its links and inlines, as draft changes or published, in
            # `save_related`: nothing of a live article is written piecemeal.
            request.desk_content = content
            return
        if change:
            saved = Article.objects.get(pk=obj.pk)
            article_update(
                article=saved,
                by=request.user,
                expected_version=form.cleaned_data["loaded_version"],
                **content,
            )
        else:
            saved = article_create(by=request.user, **content)
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        for name in (
            "status",
            "published_at",
            "version",
            "body_html",
            "created_by_id",
            "updated_by_id",
            "created_at",
            "updated_at",
        ):
            setattr(obj, name, getattr(saved, name))

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            save_correction_formset(request, formset)
            return
        if formset.model in (FeaturedQuote, Byline):
            rows = formset.save(commit=False)
            kept = [
                f.instance
                for f in formset.forms
                if f.instance.pk and f not in formset.deleted_forms
            ]
            fill_positions(rows, [row.position for row in kept if row.position is not None])
            for row in rows:
                row.save()
            for row in formset.deleted_objects:
                row.delete()
            if formset.model is FeaturedQuote:
                # A quote taken out of a story to come no longer waits for its time.
                follow_stories(by=request.user)
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        if change:
            # Saved: the user's autosaved edits are in the article (or its draft) now.
            autosave_clear(article=form.instance, user=request.user)
        if change and form.is_live:
            self.save_live(request, form, formsets)
            return
        super().save_related(request, form, formsets, change)
        # The revision was written when the article row was saved; take it again now that
        # its links and featured quotes are saved too.
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    # A live article's form edits its draft changes: its links, byline and featured quotes
    # open as the draft has them and are saved into it, never straight onto the live rows.

    def drafted_rows(self, request, obj, model) -> list[dict] | None:
        """The inline rows a live article's form opens with (from its draft, or its live
        rows), or None when the inline edits the article's rows as usual."""
        if obj is None or model not in (FeaturedQuote, Byline):
            return None
        cache = getattr(request, "desk_drafted", None)
        if cache is None:
            cache = request.desk_drafted = {}
        restored = getattr(request, "desk_restored", None)
        if restored is not None and is_public(obj):
            cache[obj.pk] = restored
        if obj.pk not in cache:
            draft = draft_of(obj) if is_public(obj) else None
            cache[obj.pk] = (
                draft.data if draft is not None else (snapshot(obj) if is_public(obj) else None)
            )
        data = cache[obj.pk]
        if data is None:
            return None
        if model is FeaturedQuote:
            return [dict(row) for row in data["featured_quotes"]]
        return [{"author": pk, "position": i} for i, pk in enumerate(data["authors"])]

    def extra_sides(self, obj) -> list[Side]:
        draft = draft_of(obj)
        if draft is None:
            return []
        data, current = draft.data, self.current_side(obj)
        fields = {
            **current.fields,
            **{name: data.get(name) for name in ("title", "slug", "standfirst", "body")},
            "unpublish_at": draft_article(obj, data).unpublish_at,
            "section_id": data.get("section"),
            **{name: data.get(name, []) for name in LINKS},
        }
        followed = {
            "featured_quotes": [
                {"article_id": obj.pk, "quote_id": row["quote"], "position": row["position"]}
                for row in data.get("featured_quotes", [])
            ],
            "bylines": [
                {"article_id": obj.pk, "author_id": pk, "position": position}
                for position, pk in enumerate(data.get("authors", []))
            ],
        }
        who = draft.updated_by.get_username() if draft.updated_by else "someone"
        return [Side(DRAFT, f"Draft changes by {who} (not live)", fields, followed)]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        rows = self.drafted_rows(request, obj, inline.model)
        if rows is not None:
            # An unsaved parent: the rows are new forms, checked among themselves only.
            kwargs.update(instance=Article(), initial=rows)
            if inline.model is FeaturedQuote:
                quotes = Quote.objects.in_bulk([row["quote"] for row in rows])
                kwargs["form_kwargs"] = {**kwargs.get("form_kwargs", {}), "quotes": quotes}
        return kwargs

    def save_live(self, request, form, formsets) -> None:
        """Save a live article's form: as its draft changes, or (an editor's "Save and
        publish") straight to readers."""
        publish = "_publish" in request.POST
        rows = {}
        for formset in formsets:
            if formset.model is Correction:
                save_correction_formset(request, formset)
            else:
                rows[formset.model] = formset_rows(formset)
                # Nothing saved from it: the change message lists no rows.
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        article = Article.objects.get(pk=form.instance.pk)
        article_update(
            article=article,
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
            publish=publish,
            featured_quotes=rows.get(FeaturedQuote),
            authors=[author for author, _ in rows[Byline]] if Byline in rows else None,
            **{name: form.cleaned_data[name] for name in LINKS if name in form.cleaned_data},
            **request.desk_content,
        )
        if publish:
            reversion.add_to_revision(Article.objects.get(pk=article.pk))
            self.message_user(request, "Published: readers see the changes now.")
        elif draft_of(article) is None:
            request.desk_unchanged = True
            self.message_user(
                request, "Nothing changed: readers see the live version.", messages.INFO
            )
        else:
            self.message_user(
                request,
                "Saved as draft changes: readers see the live version until an editor "
                "publishes them.",
                messages.WARNING,
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's own "… was changed successfully" would contradict "Nothing changed".
        if getattr(request, "desk_unchanged", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    # Extra views: the workflow buttons and the preview.

    def get_urls(self):
        app, model = self.model._meta.app_label, self.model._meta.model_name
        wrap = self.admin_site.admin_view
        return [
            # Before the "<object_id>/…" patterns, which would take "editor" for an id.
            path(
                "editor/preview/",
                wrap(lambda request: admin_views.body_preview_view(self, request)),
                name=f"{app}_{model}_body_preview",
            ),
            path(
                "editor/quotes/",
                wrap(lambda request: admin_views.quote_search_view(self, request)),
                name=f"{app}_{model}_quote_search",
            ),
            path(
                "editor/images/",
                wrap(lambda request: admin_views.image_search_view(self, request)),
                name=f"{app}_{model}_image_search",
            ),
            path(
                "<path:object_id>/transition/",
                wrap(
                    lambda request, object_id: admin_views.transition_view(self, request, object_id)
                ),
                name=f"{app}_{model}_transition",
            ),
            *(
                path(
                    f"<path:object_id>/{name}/",
                    wrap(partial(view, self)),
                    name=f"{app}_{model}_{name.replace('-', '_')}",
                )
                for name, view in (
                    ("autosave", admin_views.autosave_view),
                    ("presence", admin_views.presence_view),
                    ("preview-links", admin_views.preview_links_view),
                )
            ),
            path(
                "<path:object_id>/comments/",
                wrap(lambda request, object_id: admin_views.comment_view(self, request, object_id)),
                name=f"{app}_{model}_comments",
            ),
            path(
                "<path:object_id>/draft/",
                wrap(lambda request, object_id: admin_views.draft_view(self, request, object_id)),
                name=f"{app}_{model}_draft",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(lambda request, object_id: admin_views.preview_view(self, request, object_id)),
                name=f"{app}_{model}_preview",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if article is not None:
            context["comment_threads"] = admin_views.comment_threads(article)
            context["comment_url"] = reverse("admin:articles_article_comments", args=[article.pk])
        return super().history_view(request, object_id, context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        restored = getattr(request, "desk_restored", None)
        if restored is None:
            return form
        return type(form.__name__, (form,), {"opens_on": restored})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old version of a live article opens the form on it, and saving makes
        it the article's draft changes, for an editor to publish. django-reversion would
        write the old version onto the article's row first, where readers see it at once,
        unreviewed, whatever the save then says. Anything else restores as usual."""
        article = self.get_object(request, unquote(object_id))
        if article is None or not is_public(article) or needs_review(article, request.user):
            return super().revision_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        request.desk_restored = version_content(article, version)
        context = {
            "title": f"Revert {version.object_repr}",
            "revert": True,
            **(extra_context or {}),
        }
        response = self.changeform_view(request, object_id, request.path, context)
        if response.status_code == 200:
            opts = self.opts
            response.template_name = self.revision_form_template or [
                f"reversion/{opts.app_label}/{opts.model_name}/revision_form.html",
                f"reversion/{opts.app_label}/revision_form.html",
                "reversion/revision_form.html",
            ]
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and "autosave_url" in context:
            form = context["adminform"].form
            shown = {name: form[name].value() for name in AUTOSAVED if name in form.fields}
            context["autosave_offer"] = autosave_offer(article=obj, user=request.user, shown=shown)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if article is not None:
            context.update(admin_views.workflow_context(request, article))
        return super().change_view(request, object_id, form_url, context)

    # Actions, each through the workflow service, reporting what they did and what they refused.

    def transition_each(self, request, queryset, to, done: str, **kwargs) -> None:
        moved, refused = 0, []
        for article in queryset:
            try:
                if to in DRAFT_MOVES and article.has_draft and is_public(article):
                    # A live article with changes waiting: submitting or publishing it
                    # means its changes, as the form's buttons do.
                    DRAFT_MOVES[to](article=article, by=request.user, **kwargs)
                else:
                    article_transition(article=article, to=to, by=request.user, **kwargs)
            except (PermissionDenied, ValidationError, StaleEditError, NoDraftError) as error:
                refused.append(f"“{article}”: {admin_views.error_text(error)}")
            else:
                moved += 1
        self.message_user(request, f"{done} {moved} article(s).", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                f"{len(refused)} article(s) not changed. " + " ".join(refused),
                messages.WARNING,
            )

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self.transition_each(request, queryset, Status.REVIEW, "Submitted for review")

    @admin.action(description="Publish selected now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.transition_each(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(
        description="Publish selected now, approving their featured quotes",
        permissions=["publish"],
    )
    def publish_selected_approving_quotes(self, request, queryset):
        self.transition_each(request, queryset, Status.PUBLISHED, "Published", approve_quotes=True)

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        # Said as the action says it: an article in review or archived was not live.
        self.transition_each(request, queryset, Status.DRAFT, "Moved back to draft")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self.transition_each(request, queryset, Status.ARCHIVED, "Archived")


# Sections, tags and authors: editors manage them; writers pick them on the article form.


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    ordering = ["position", "name"]
    list_display = ["name", "slug", "position", "article_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    ordering = ["name"]
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    ordering = ["name", "id"]
    list_display = ["name", "role", "is_organization", "user", "article_count"]
    list_select_related = ["user"]
    list_filter = ["is_organization"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "role", "bio", "is_organization", "user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("bylines"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every correction in one list; each is added from its article's or quote's form."""

    ordering = ["-published_at", "-id"]
    list_display = ["__str__", "kind", "published_at", "created_by"]
    list_select_related = [
        "article",
        "quote__speaker_person",
        "quote__speaker_character",
        "created_by",
    ]
    list_filter = ["kind"]
    search_fields = ["text", "article__title", "quote__text"]
    date_hierarchy = "published_at"
    fields = ["kind", "text", "article", "quote", "published_at", "created_by"]
    readonly_fields = ["article", "quote", "published_at", "created_by"]

    def has_add_permission(self, request):
        return False


class QuoteCorrectionInline(CorrectionInline):
    fk_name = "quote"


admin.site.unregister(Quote)


@admin.register(Quote)
class QuoteWithCorrectionsAdmin(QuoteAdmin):
    """The quote admin with its corrections: they live in this app, which quotes cannot
    import, so the admin is registered again here with their inline added."""

    inlines = [*QuoteAdmin.inlines, QuoteCorrectionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            save_correction_formset(request, formset)
        else:
            super().save_formset(request, form, formset, change)
