"""Versioned edits: every row with a `version` refuses a save over a newer one, names who
changed it and when, and keeps each change as a django-reversion revision."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import reversion
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone

from . import surrogate
from .validation import validate_together


@dataclass
class StaleEditError(Exception):
    """Somebody saved the row after the editor (or API client) loaded it."""

    changed_by: str
    changed_at: datetime | None
    current_version: int

    def __str__(self) -> str:
        when = (
            timezone.localtime(self.changed_at).strftime("%Y-%m-%d %H:%M:%S %Z")
            if (self.changed_at)
            else "an unknown time"
        )
        return (
            f"{self.changed_by} changed this at {when}, after you opened it. Your changes were "
            "not saved: reload to see theirs, then make yours again."
        )


def lock_for_edit(obj: models.Model, expected_version: int | None, *, check=None) -> None:
    """Lock the row and refuse the write if its version moved since the editor loaded it.

    Must run inside a transaction: the row lock (PostgreSQL) or the write lock (SQLite) keeps
    the check and the write together, so two saves of one version cannot both succeed.
    `check(obj)`, when given, runs first, on `obj` refreshed from the locked row: one who may
    not make the change at all is told that (403), not that their copy was stale (412).
    """
    if check is not None:
        type(obj).objects.select_for_update(of=("self",)).filter(pk=obj.pk).exists()
        try:
            obj.refresh_from_db()
        except type(obj).DoesNotExist:
            raise ValidationError("This record has been deleted.") from None
        check(obj)
    current = (
        type(obj)
        .objects.select_for_update(of=("self",))
        .filter(pk=obj.pk)
        .values("version", "updated_at", "updated_by__username")
        .first()
    )
    if current is None:
        raise ValidationError("This record has been deleted.")
    if expected_version is not None and current["version"] != expected_version:
        raise StaleEditError(
            changed_by=current["updated_by__username"] or "Someone",
            changed_at=current["updated_at"],
            current_version=current["version"],
        )


def save_edit(obj: models.Model, *, by, update_fields: list[str] | None = None) -> None:
    """Validate and save one row of a versioned model, bumping its version."""
    obj.version += 1
    obj.updated_by = by
    obj.full_clean()
    if update_fields is not None:
        update_fields = [*update_fields, "version", "updated_by", "updated_at"]
    obj.save(update_fields=update_fields)


def save_edits(objs: list[models.Model], *, by, update_fields: list[str]) -> None:
    """`save_edit` of many rows of one model, changing `update_fields` alone: validated
    together (`core.validation.validate_together`, a fixed number of queries rather than
    `full_clean`'s per row), then each saved, the rows' purges gathered into one
    (`core.surrogate.one_purge`). Run it inside the transaction of the change."""
    if not objs:
        return
    written = [*update_fields, "version", "updated_by", "updated_at"]
    # Their many-to-many relations read together: the history's copy of each row (which
    # django-reversion serializes as it is saved) and its purge read them from there.
    prefetch_related_objects(objs, *[field.name for field in objs[0]._meta.many_to_many])
    for obj in objs:
        obj.version += 1
        obj.updated_by = by
    validate_together(objs, fields=set(written))
    with surrogate.one_purge():
        for obj in objs:
            obj.save(update_fields=written)


@contextmanager
def revision(*, by, comment: str) -> Iterator[None]:
    """Keep the change as a django-reversion revision (who, when, what), whichever door it came
    through. Inside a revision that is already open (the admin's) the change joins it."""
    if reversion.is_active():
        if not reversion.get_comment():
            reversion.set_comment(comment)
        yield
        return
    with reversion.create_revision():
        if by is not None and getattr(by, "is_authenticated", False):
            reversion.set_user(by)
        reversion.set_comment(comment)
        yield


def changed_names(record: models.Model, fields: dict) -> list[str]:
    """The names among `fields` (a service's keyword arguments) whose value differs from
    `record`'s, for a revision's comment: a form or a draft hands the service every field,
    and the history should name only those that changed. Read before the values are set."""
    changed = []
    for name, value in fields.items():
        field = record._meta.get_field(name)
        if field.is_relation:
            value = value.pk if isinstance(value, models.Model) else value
            current = getattr(record, field.attname)
        else:
            current = getattr(record, name)
        if current != value:
            changed.append(name)
    return changed


def kept_through_restore(revision, user) -> list[tuple[type[models.Model], object, dict]]:
    """What restoring `revision` leaves as it is: for each row it holds, the fields its model
    names in `restore_keeps`, as saved now, or their defaults for a row the restore brings
    back; and the whole of a row that `user` may change only through review
    (`restore_needs_review`, e.g. an approved quote in a writer's story). A revision holds
    every row its change touched (a story's schedule and the quotes approved with it), and
    django-reversion writes each whole: the workflow's fields (a story's status and times, a
    quote's approval and embargo) are moved by their services, never by a restore, so that it
    cannot reschedule a story or publish a quote by itself."""
    kept = []
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        pk = model._meta.pk.to_python(version.object_id)
        row = model._default_manager.filter(pk=pk).first()
        if row is not None and needs_review(row, user):
            # What a restore writes: the fields django-reversion keeps (`serialize`).
            names = [field.attname for field in model._meta.concrete_fields if field.serialize]
        else:
            names = list(getattr(model, "restore_keeps", ()))
        if row is None:
            values = {name: model._meta.get_field(name).get_default() for name in names}
        else:
            values = {name: getattr(row, name) for name in names}
        kept.append((model, pk, values))
    return kept


def needs_review(row: models.Model, user) -> bool:
    """Whether `user` may change `row` only through review (its model's
    `restore_needs_review`; a model without one is changed as its admin allows)."""
    check = getattr(row, "restore_needs_review", None)
    return check is not None and check(user)


def put_back(kept: list[tuple[type[models.Model], object, dict]]) -> None:
    """After a restore: the fields `kept_through_restore` kept, as they were; and, once it
    commits, the pages of every row it wrote purged (written raw, they purge nothing)."""
    for model, pk, values in kept:
        rows = model._default_manager.filter(pk=pk)
        if values:
            rows.update(**values)
        record = rows.first()
        if record is not None and hasattr(record, "surrogate_keys"):
            surrogate.purge_on_commit(surrogate.keys_of(record))


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
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                # Browsers send a textarea's lines with CRLF: stored as typed, an untouched
                # body would differ from the saved one in every compare and draft.
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        if self.instance.pk is None:
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded is None:
            raise ValidationError(
                "This form does not say which version it was loaded from: reload the page.",
                code="no_version",
            )
        try:
            self.check_loaded_version(loaded)
        except StaleEditError as error:
            raise ValidationError(str(error), code="stale") from error
        return cleaned

    def check_loaded_version(self, loaded: int) -> None:
        """Raise `StaleEditError` when the row moved on since `loaded`; a form whose edits go
        elsewhere (a live article's draft changes) checks there instead."""
        lock_for_edit(self.instance, loaded)
