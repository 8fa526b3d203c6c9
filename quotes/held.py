"""A writer's change to a person, character, film, outlet or source that readers already see waits
as draft changes (`core.drafts`, the mechanism live articles use) until an editor approves
it; an editor's change, and a change to a record readers do not see yet, goes straight in."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse

from core.drafts import draft_discard, draft_of, draft_write
from core.notifications import notify
from core.slugs import record_save

APPROVE = "quotes.approve_quote"


def is_held(user, record: models.Model) -> bool:
    """Whether this user's change to this record waits for an editor."""
    if record.pk is None or user.has_perm(APPROVE):
        return False
    published = getattr(type(record).objects, "published", None)
    # A kind of record without `published()` is shown to readers whole.
    return published is None or published().filter(pk=record.pk).exists()


def as_json(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def record_hold(*, record: models.Model, by, changes: dict):
    """Keep `changes` (field name → value, as a form cleans them) as the record's draft
    changes, over any that wait already; tell the editors."""
    concrete = {field.name for field in record._meta.concrete_fields}
    unknown = set(changes) - concrete
    if unknown:
        raise ValidationError(f"Not fields of {record._meta.verbose_name}: {sorted(unknown)}")
    draft = draft_of(record)
    data = {**(draft.data if draft is not None else {})}
    data.update({name: as_json(value) for name, value in changes.items()})
    draft = draft_write(record=record, by=by, data=data, expected_version=None)
    approvers = get_user_model().objects.with_perm(
        APPROVE, backend="django.contrib.auth.backends.ModelBackend"
    )
    notify(
        recipients=approvers,
        message=f"{by.get_username()} changed {record._meta.verbose_name} “{record}”: "
        "it awaits your approval",
        url=change_url(record),
        by=by,
    )
    return draft


@transaction.atomic
def record_approve(*, record: models.Model, by) -> models.Model:
    """Apply the record's draft changes (editors), validated as any save is."""
    if not by.has_perm(APPROVE):
        raise PermissionDenied("Only an editor can approve changes.")
    draft = draft_of(record)
    if draft is None:
        raise ValidationError("There are no changes awaiting approval.")
    for name, value in draft.data.items():
        field = record._meta.get_field(name)
        setattr(record, field.attname, value if field.is_relation else field.to_python(value))
    record.full_clean()
    if hasattr(record, "slug"):
        record_save(record=record)
    else:
        record.save()
    draft_discard(record=record)
    notify(
        recipients=[draft.created_by, draft.updated_by],
        message=f"{by.get_username()} approved your change to “{record}”",
        url=change_url(record),
        by=by,
    )
    return record


def record_discard(*, record: models.Model, by) -> bool:
    if not by.has_perm(APPROVE):
        raise PermissionDenied("Only an editor can discard changes awaiting approval.")
    return draft_discard(record=record)


def change_url(record: models.Model) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
