"""History for the editors' desk: django-reversion revisions, compared field by field.

`VersionedAdmin` is the base of the admins whose rows carry a `version` (articles and quotes):
revisions come from django-reversion's `VersionAdmin` (history list, revert and recover views);
this module adds a field-by-field compare view and keeps the stale-edit check honest when an old
revision is restored.
"""

import difflib
from dataclasses import dataclass

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

from .versioning import kept_through_restore, needs_review, put_back

CURRENT = "current"
LIVE = "live"

# Columns every save changes by itself: comparing them tells an editor nothing.
BOOKKEEPING = {"id", "version", "updated_at", "updated_by", "created_at", "created_by", "body_html"}


@dataclass
class Side:
    """One side of a comparison: a stored revision or the row as it is now."""

    key: str
    label: str
    fields: dict
    followed: dict[str, list[dict]]
    version: Version | None = None


@dataclass
class Row:
    label: str
    old: SafeString
    new: SafeString
    changed: bool


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts with the words removed from the old marked <del> and those added <ins>."""
    a, b = old.split(" "), new.split(" ")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        old_words, new_words = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old_words)
            right.append(new_words)
            continue
        if i2 > i1:
            left.append(f"<del>{old_words}</del>")
        if j2 > j1:
            right.append(f"<ins>{new_words}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (escaped above)


class VersionedAdmin(VersionAdmin):
    """A `VersionAdmin` with a compare view, for models with `version` and `updated_by`.

    The model is registered with django-reversion from `history_exclude` and `history_follow`
    (`register_history`), so the compare view knows what each revision holds."""

    history_latest_first = True
    history_exclude: tuple[str, ...] = ()
    history_follow: tuple[str, ...] = ()
    object_history_template = "admin/desk/object_history.html"
    compare_template = "admin/desk/compare.html"

    def is_live(self, fields: dict) -> bool:
        """Whether a stored revision was what readers saw; each admin says what that means."""
        return False

    def extra_sides(self, obj) -> list[Side]:
        """Sides besides the revisions and the row as it is (a live record's draft changes)."""
        return []

    @admin.display(description="Version")
    def loaded_version(self, obj):
        # Shown instead of the form's hidden field to someone who may only view the row.
        return obj.version if obj is not None else "—"

    # Restoring an old revision.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion restores the whole old row before showing the form, its version
        # number included. Keep the live version so the form's stale check compares with what
        # is really saved, and a restore is a new version rather than a step back.
        record = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if record is not None and needs_review(record, request.user):
            # Written onto the row, the old version would skip the review its changes wait for.
            messages.error(
                request,
                f"“{record}” is live or scheduled: only an editor may restore an old version. "
                "Compare the versions and copy what you need into your changes, or ask an editor.",
            )
            return redirect(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
                object_id,
            )
        request.desk_live_version = (
            self.model._default_manager.filter(pk=unquote(object_id))
            .values("version", "updated_by_id", "updated_at")
            .first()
        )
        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        if version is not None:
            request.desk_kept = kept_through_restore(version.revision, request.user)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).select_related("revision").first()
        if version is not None:
            request.desk_kept = kept_through_restore(version.revision, request.user)
        return super().recover_view(request, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        live = getattr(request, "desk_live_version", None)
        if live is not None and object_id is not None:
            self.model._default_manager.filter(pk=unquote(object_id)).update(**live)
        put_back(getattr(request, "desk_kept", []))
        return super().changeform_view(request, object_id, form_url, extra_context)

    # Comparing revisions.

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        context = {
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
                args=[object_id],
            ),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such record.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")
        )
        sides = {CURRENT: self.current_side(obj)}
        sides.update((side.key, side) for side in self.extra_sides(obj))
        for version in versions:
            sides[str(version.pk)] = self.version_side(obj, version)
        live = next((v for v in versions if self.is_live(v.field_dict)), None)
        if live is not None:
            sides[LIVE] = Side(
                LIVE,
                f"What is live: {sides[str(live.pk)].label}",
                sides[str(live.pk)].fields,
                sides[str(live.pk)].followed,
                live,
            )

        # By default: what is live against now, or else the revision before the latest.
        if live is not None and live != versions[0]:
            default_old = LIVE
        else:
            default_old = str(versions[1].pk) if versions[1:] else CURRENT
        old_key = request.GET.get("from") or default_old or CURRENT
        new_key = request.GET.get("to") or CURRENT
        if old_key not in sides or new_key not in sides:
            raise Http404("No such revision of this record.")
        old, new = sides[old_key], sides[new_key]
        rows = self.compare_rows(old, new)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "object_id": object_id,
            "title": f"Compare revisions of {obj}",
            "choices": [(side.key, side.label) for side in sides.values()],
            "old": old,
            "new": new,
            "rows": rows,
            "changed_count": sum(row.changed for row in rows),
            "show_all": request.GET.get("all") == "1",
            "restore_url": (
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                    args=[object_id, old.version.pk],
                )
                if old.version is not None and self.has_change_permission(request, obj)
                else None
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    def __init__(self, model, admin_site):
        # Registered here, before django-reversion's admin would register the model with its
        # own defaults, so that revisions hold what the compare view reads.
        if not reversion.is_registered(model):
            reversion.register(model, exclude=self.history_exclude, follow=self.history_follow)
        super().__init__(model, admin_site)

    def compared_fields(self) -> list[models.Field]:
        opts = self.model._meta
        return [
            field
            for field in [*opts.concrete_fields, *opts.many_to_many]
            if field.name not in BOOKKEEPING
            and field.name not in self.history_exclude
            and not (field.many_to_many and field.remote_field.through._meta.auto_created is False)
        ]

    def current_side(self, obj) -> Side:
        fields = {}
        for field in self.compared_fields():
            if field.many_to_many:
                fields[field.attname] = [o.pk for o in getattr(obj, field.name).all()]
            else:
                fields[field.attname] = getattr(obj, field.attname)
        followed = {}
        for name in self.history_follow:
            followed[name] = [
                {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
                for row in getattr(obj, name).all()
            ]
        return Side(CURRENT, "Now, as saved in the database", fields, followed)

    def version_side(self, obj, version: Version) -> Side:
        revision = version.revision
        who = revision.user.get_username() if revision.user else "someone"
        when = timezone.localtime(revision.date_created).strftime("%Y-%m-%d %H:%M:%S")
        comment = revision.get_comment() or "no comment"
        followed = {}
        for name in self.history_follow:
            relation = self.model._meta.get_field(name)
            related_model, fk = relation.related_model, relation.field.attname
            followed[name] = [
                v.field_dict
                for v in revision.version_set.get_for_model(related_model).order_by("pk")
                if str(v.field_dict.get(fk)) == str(obj.pk)
            ]
        return Side(
            str(version.pk), f"{when} by {who}: {comment}", version.field_dict, followed, version
        )

    def compare_rows(self, old: Side, new: Side) -> list[Row]:
        rows = []
        for field in self.compared_fields():
            before = old.fields.get(field.attname)
            after = new.fields.get(field.attname)
            if field.many_to_many:
                changed = sorted(map(str, before or [])) != sorted(map(str, after or []))
            else:
                changed = before != after
            left, right = display(field, before), display(field, after)
            is_text = isinstance(field, models.TextField | models.CharField)
            if changed and is_text and not field.choices:
                left, right = word_diff(str(before or ""), str(after or ""))
            rows.append(Row(str(field.verbose_name).capitalize(), left, right, changed))
        for name in self.history_follow:
            relation = self.model._meta.get_field(name)
            before = related_rows(relation, old.followed.get(name, []))
            after = related_rows(relation, new.followed.get(name, []))
            rows.append(
                Row(
                    str(relation.related_model._meta.verbose_name_plural).capitalize(),
                    list_html(before),
                    list_html(after),
                    before != after,
                )
            )
        return rows


def display(field: models.Field, value) -> SafeString:
    """A stored value as an editor reads it: names for links, labels for choices."""
    if value in (None, "", []):
        return mark_safe("—")
    if field.many_to_many:
        objects = field.related_model._default_manager.filter(pk__in=value)
        return list_html(sorted(str(o) for o in objects) or [f"#{pk}" for pk in value])
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return format_html("{}", related if related is not None else f"#{value} (deleted)")
    if field.choices:
        return format_html("{}", dict(field.flatchoices).get(value, value))
    if (
        isinstance(value, str)
        and hasattr(field, "to_python")
        and field.get_internal_type() in {"DateTimeField"}
    ):
        value = field.to_python(value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    return format_html("{}", value)


def related_rows(relation, rows: list[dict]) -> list[str]:
    """Rows of a followed relation (an article's featured quotes) as one line each."""
    model = relation.related_model
    back = relation.field.attname
    lines = []
    for data in sorted(rows, key=lambda d: (d.get("position", 0), d.get("id") or 0)):
        parts = []
        for field in model._meta.concrete_fields:
            if field.attname in {"id", back}:
                continue
            parts.append(f"{field.verbose_name}: {display(field, data.get(field.attname))}")
        lines.append(mark_safe("; ".join(parts)))  # noqa: S308 (each part escaped by display)
    return lines


def list_html(items: list) -> SafeString:
    if not items:
        return mark_safe("—")
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))
