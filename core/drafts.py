"""Draft changes of live records, one mechanism for every kind of record.

A change to a record readers already see is stored apart (`core.models.DraftChange`), so
pages, feeds, the sitemap, search and the API's public reads keep the live version until an
editor publishes the draft. Each app says what a draft of its records holds and applies it
through its own services; this module finds, saves and discards drafts and keeps their
versions, which carry on from the record's so that one `If-Match` check covers both.

An editor may schedule a draft (`draft_schedule`): it goes live at its time with no job to
run. `ScheduledDraftsMiddleware` reads, once a request, when what readers see next changes
by the clock (the one query `core.surrogate` caps shared caches with, scheduled drafts among
its times); a request that comes at or after a draft's time makes it live (through the app's
own publish service, registered in `go_live`) before its view reads anything. Every response
a shared cache keeps expires by that time, so the first reader after it reaches the app and
sees the change."""

import logging
from collections.abc import Callable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from . import surrogate
from .models import DraftChange
from .versioning import StaleEditError, lock_for_edit

logger = logging.getLogger("core.drafts")

# How each app makes a scheduled draft of its records live: model -> apply(record, draft).
go_live: dict[type[models.Model], Callable] = {}


def drafts_of(model: type[models.Model]) -> models.QuerySet:
    return DraftChange.objects.filter(content_type=ContentType.objects.get_for_model(model))


def draft_of(record: models.Model) -> DraftChange | None:
    return drafts_of(type(record)).filter(object_id=record.pk).first()


def has_draft(model: type[models.Model], **filters) -> Exists:
    """An annotation: whether each row of `model` has draft changes waiting (those matching
    `filters`, e.g. submitted for review, when given)."""
    return Exists(drafts_of(model).filter(object_id=OuterRef("pk"), **filters))


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
    # Changed after an editor scheduled it: what goes live must be what the editor saw.
    draft.go_live_at = draft.scheduled_by = None
    draft.version = current + 1
    draft.updated_by = by
    draft.save()
    return draft


def draft_discard(*, record: models.Model) -> bool:
    deleted, _ = drafts_of(type(record)).filter(object_id=record.pk).delete()
    return bool(deleted)


@transaction.atomic
def draft_schedule(*, record: models.Model, by, at: datetime) -> DraftChange:
    """Set the record's draft changes to go live at `at` (the app checks who may)."""
    if at is None or at <= timezone.now():
        raise ValidationError({"at": "Schedule for a time in the future."})
    type(record)._default_manager.select_for_update().filter(pk=record.pk).exists()
    draft = drafts_of(type(record)).select_for_update().filter(object_id=record.pk).first()
    if draft is None:
        raise ValidationError("There are no draft changes to schedule.")
    draft.go_live_at, draft.scheduled_by = at, by
    draft.save(update_fields=["go_live_at", "scheduled_by", "updated_at"])
    return draft


def draft_unschedule(*, record: models.Model) -> bool:
    """Take the record's draft changes off the schedule, kept; False when none was on it."""
    drafts = drafts_of(type(record)).filter(object_id=record.pk, go_live_at__isnull=False)
    return bool(drafts.update(go_live_at=None, scheduled_by=None))


def scheduled_drafts(now: datetime) -> list[models.QuerySet]:
    """For `core.surrogate.scheduled_changes`: every scheduled draft's time, those already
    past too (a draft due now)."""
    scheduled = DraftChange.objects.filter(go_live_at__isnull=False)
    return [scheduled.annotate(moment=F("go_live_at")).values_list("moment", flat=True)]


def make_live(draft_id: int, now: datetime) -> None:
    """Make one due draft live through its app's service. The record is locked before the
    draft, as every draft write does; a draft another request made live first is gone. A
    draft the service refuses (its slug taken since, say) leaves the schedule, kept, and the
    refusal is logged: a request never fails for it."""
    draft = DraftChange.objects.filter(pk=draft_id).select_related("content_type").first()
    if draft is None:
        return
    model = draft.content_type.model_class()
    if model not in go_live:  # nothing to make it live with: off the schedule
        DraftChange.objects.filter(pk=draft_id).update(go_live_at=None)
        return
    try:
        with transaction.atomic():
            record = model._default_manager.select_for_update().filter(pk=draft.object_id).first()
            draft = (
                DraftChange.objects.select_for_update()
                .filter(pk=draft_id, go_live_at__lte=now)
                .first()
            )
            if record is not None and draft is not None:
                go_live[model](record, draft)
    except (ValidationError, PermissionDenied, StaleEditError, IntegrityError) as error:
        logger.error("Scheduled draft changes %s were not made live: %s", draft_id, error)
        DraftChange.objects.filter(pk=draft_id).update(go_live_at=None)


def next_change_after_due_drafts(now: datetime) -> datetime | None:
    """The next scheduled change (one query), after making live the drafts due by `now`."""
    moment = surrogate.next_scheduled_change(now)
    if moment is None or moment > now:
        return moment
    due = DraftChange.objects.filter(go_live_at__lte=now).order_by("go_live_at", "pk")
    for draft_id in due.values_list("pk", flat=True):
        make_live(draft_id, now)
    return surrogate.next_scheduled_change(now)


class ScheduledDraftsMiddleware:
    """Before the view reads anything, reads when what readers see next changes by the clock
    (one query, which `core.surrogate` then caps shared caches with) and makes live the drafts
    whose time has come (see the module)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        try:
            moment = next_change_after_due_drafts(timezone.now())
        except DatabaseError:  # unreachable: the view's own query answers 503
            moment = surrogate.UNKNOWN
        token = surrogate.seen_next_change.set(moment)
        try:
            return self.get_response(request)
        finally:
            surrogate.seen_next_change.reset(token)
