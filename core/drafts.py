"""Draft changes of live records, one mechanism for every kind of record.

A change to a record readers already see is stored apart (`core.models.DraftChange`), so
pages, feeds, the sitemap, search and the API's public reads keep the live version until an
editor publishes the draft. Each app says what a draft of its records holds and applies it
through its own services; this module finds, saves and discards drafts and keeps their
versions, which carry on from the record's so that one `If-Match` check covers both."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, OuterRef

from .models import DraftChange
from .versioning import StaleEditError, lock_for_edit


def drafts_of(model: type[models.Model]) -> models.QuerySet:
    return DraftChange.objects.filter(content_type=ContentType.objects.get_for_model(model))


def draft_of(record: models.Model) -> DraftChange | None:
    return drafts_of(type(record)).filter(object_id=record.pk).first()


def has_draft(model: type[models.Model]) -> Exists:
    """An annotation: whether each row of `model` has draft changes waiting."""
    return Exists(drafts_of(model).filter(object_id=OuterRef("pk")))


def edit_version(record: models.Model, draft: DraftChange | None) -> int:
    """The version a client edits: its draft's while one is open, else the record's (0 for a
    record that keeps no version)."""
    return draft.version if draft is not None else getattr(record, "version", 0)


def is_versioned(model: type[models.Model]) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def check_edit_version(record: models.Model, draft, expected_version: int | None) -> None:
    """Refuse an edit made from an older draft (or record) than the one saved now."""
    current = edit_version(record, draft)
    if expected_version is not None and expected_version != current:
        who = draft.updated_by if draft is not None else getattr(record, "updated_by", None)
        raise StaleEditError(
            changed_by=who.get_username() if who is not None else "Someone",
            changed_at=draft.updated_at
            if draft is not None
            else getattr(record, "updated_at", None),
            current_version=current,
        )


@transaction.atomic
def draft_write(*, record: models.Model, by, data: dict, expected_version: int | None):
    """Store `data` as the record's draft, refusing a write over a newer draft (or a newer
    record) than the client loaded. The record's row is locked first, so two writers of one
    draft queue up and the second is told the first was there."""
    model = type(record)
    if is_versioned(model):
        lock_for_edit(record, None)
        record.refresh_from_db(fields=["version", "updated_at", "updated_by"])
    else:
        model._default_manager.select_for_update().filter(pk=record.pk).exists()
    draft = drafts_of(model).select_for_update().filter(object_id=record.pk).first()
    check_edit_version(record, draft, expected_version)
    current = edit_version(record, draft)
    if draft is None:
        draft = DraftChange(record=record, created_by=by)
    draft.data = data
    draft.version = current + 1
    draft.updated_by = by
    draft.save()
    return draft


def draft_discard(*, record: models.Model) -> bool:
    deleted, _ = drafts_of(type(record)).filter(object_id=record.pk).delete()
    return bool(deleted)
