"""Surrogate keys: every public response names the records it shows, and every write purges
the responses that showed (or now list) what it changed, from every HTTP cache in front.

Reading: views, feeds, sitemaps and serializers name the records they show (`add_records`,
`add_keys`, kept for the request being answered); `SharedCacheMiddleware` writes them in the
`xkey` header of a response a shared cache may keep, and caps how long it may keep it at the
next scheduled change (a scheduled article going live), so no page outlives what it shows with
no job to run.

Writing: a model whose changes readers see defines `surrogate_keys()` (its own key, the
keys of the pages that list it, and those of the records readers may start or stop seeing with
it: `PublicRecord.makes_public`). Saves, deletes and relation changes of such models are
purged through `core.purge` once the transaction commits and the read replicas have replayed
it (`core.replicas`); a save that moves a record to other related records purges what the
stored row named as well. The purge goes to the cache (see `deploy/README.md` for the race with a
fetch that began before the commit).
"""

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

from core import compiled, purge, replicas

HEADER = "xkey"
# What a shared cache may keep: pages, and the permanent redirects of old slugs
# (`core.slugs`), which name their record so that its next change purges them too. Errors,
# 404s included, are never kept: a record made after one is asked for must show at once.
SHARED_STATUSES = (200, 301)
# The keys of the response being made, set by the middleware for each request.
shown_keys: ContextVar[set[str] | None] = ContextVar("shown_keys", default=None)
# Each app registers when what it shows changes by the clock alone: a callable taking `now`
# and giving querysets of one column of times, `moment` (best an indexed column); the earliest
# of all of them is read in one query (`next_scheduled_change`). A time already past means a
# change is due now.
scheduled_changes: list[Callable[[datetime], list[QuerySet]]] = []
# The next scheduled change as this request found it before its view ran (`core.drafts`).
UNKNOWN = object()
seen_next_change: ContextVar = ContextVar("seen_next_change", default=UNKNOWN)


def record_key(obj) -> str:
    return f"{obj._meta.model_name}-{obj.pk}"


def list_key(model) -> str:
    """The key of every page listing records of `model`, which a new record may join."""
    return f"{model._meta.model_name}-list"


# --- reading -------------------------------------------------------------------------------


def add_keys(keys: Iterable[str]) -> None:
    shown = shown_keys.get()
    if shown is not None:
        shown.update(keys)


def add_records(records: Iterable) -> None:
    add_keys(record_key(obj) for obj in records if obj is not None)


def add_record(obj) -> None:
    """`add_records` of one record: what a serializer calls for each record it writes."""
    shown = shown_keys.get()
    if shown is not None:
        shown.add(f"{obj._meta.model_name}-{obj.pk}")


def add_lists(*models) -> None:
    add_keys(list_key(model) for model in models)


def next_scheduled_change(now: datetime) -> datetime | None:
    """The earliest time any app's `scheduled_changes` names, in one query compiled once per
    process (`core.compiled`): on every request, its building cost more than its answer."""
    if not scheduled_changes:
        return None
    row = compiled.statement("core.surrogate.next_change", next_change_query).fetch_one(now)
    return compiled.as_moment(row[0]) if row else None


def next_change_query() -> QuerySet:
    at = compiled.now()
    parts = [part.order_by() for find in scheduled_changes for part in find(at)]
    if connection.features.supports_slicing_ordering_in_compound:
        # Each part's earliest, read from its index, rather than every time to come.
        parts = [part.order_by("moment")[:1] for part in parts]
    union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return union.order_by("moment")[:1]


def shared_cache_seconds(keys: set[str]) -> int:
    """How long a shared cache may keep a response made now: `CMS_CACHE_SECONDS`, cut at the
    next scheduled change when it shows content (names records); 0 when that cannot be
    known."""
    now = timezone.now()
    seconds = settings.CMS_CACHE_SECONDS
    if not keys:
        return seconds
    moment = seen_next_change.get()
    try:
        moment = next_scheduled_change(now) if moment is UNKNOWN else moment
    except DatabaseError:
        return 0
    if moment is not None:
        seconds = min(seconds, math.floor((moment - now).total_seconds()))
    return max(0, seconds)


def is_anonymous(request) -> bool:
    """Decided from the request alone: no session cookie, no credentials."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def marked_public(response) -> bool:
    directives = {
        part.strip().split("=")[0].lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


class SharedCacheMiddleware:
    """Turns a view's `Cache-Control: public` into what a shared cache (Varnish, a CDN) needs:
    `s-maxage` and the `xkey` header, for anonymous GETs answered 200 (or 301, see
    `SHARED_STATUSES`) without a cookie. Any
    other response a view marked public is made private: nothing a signed-in user sees, and
    nothing that sets a cookie, is ever kept. With `CMS_CACHE_ENABLED=0` nothing is."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        # The keys are gathered only for an answer a shared cache may keep: walking what a
        # page shows is work no other answer needs.
        shareable = (
            settings.CMS_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and is_anonymous(request)
        )
        keys: set[str] | None = set() if shareable else None
        token = shown_keys.set(keys)
        try:
            response = self.get_response(request)
        finally:
            shown_keys.reset(token)
        if not marked_public(response):
            return response
        seconds = 0
        if shareable and response.status_code in SHARED_STATUSES and not response.cookies:
            seconds = shared_cache_seconds(keys)
        if seconds < 1:
            del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        if keys:
            response[HEADER] = " ".join(sorted(keys))
        return response


# --- writing -------------------------------------------------------------------------------


def keys_of(instance) -> set[str]:
    return set(instance.surrogate_keys())


def by_model(records: Iterable) -> dict[type, list]:
    """`records` grouped by their model, in their order."""
    groups: dict[type, list] = {}
    for record in records:
        groups.setdefault(type(record), []).append(record)
    return groups


def keys_of_records(records: Iterable) -> set[str]:
    """The keys of every record of `records`, read for each model's records together
    (`PublicRecord.surrogate_keys_of`): a fixed number of queries, not a walk a record."""
    unique = {record_key(record): record for record in records}
    keys: set[str] = set()
    for model, group in by_model(unique.values()).items():
        keys |= set(model.surrogate_keys_of(group))
    return keys


class Gathered:
    """The writes of a `one_purge()` block: the keys already known, the records saved (their
    keys read together at the end), and those saved without writing what they point at, whose
    stored pointers are compared at the end (see `record_saving`)."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.saved: list = []
        self.unmoved: list = []


# The `one_purge()` block being run, if any.
gathering: ContextVar[Gathered | None] = ContextVar("gathering", default=None)


@contextmanager
def one_purge() -> Iterator[None]:
    """Within the block, saves of public records (and any other purge) are gathered: their
    keys are read for all of them together when it ends (`keys_of_records`) and purged in one
    call once the transaction commits, rather than read record by record and purged once a
    record. Run it inside the transaction of the writes (a block that fails purges nothing: its
    writes are rolled back). A block within another joins it."""
    if gathering.get() is not None:
        yield
        return
    gathered = Gathered()
    token = gathering.set(gathered)
    try:
        yield
    finally:
        gathering.reset(token)
    keys = gathered.keys | keys_of_records(gathered.saved) | moved_keys(gathered.unmoved)
    purge_on_commit(keys)


def moved_keys(records: list) -> set[str]:
    """Of `records`, saved without writing their `listed_on` and `makes_public` columns: the
    keys of the stored rows that point elsewhere than the records in memory (one query a
    model), which the saves leave as they are."""
    stale = []
    for model, group in by_model(records).items():
        columns = relation_columns(group[0])
        stored = model._base_manager.in_bulk([record.pk for record in group])
        for record in group:
            row = stored.get(record.pk)
            if points_elsewhere(row, record, columns):
                stale.append(row)
    return keys_of_records(stale)


def purge_on_commit(keys: set[str]) -> None:
    gathered = gathering.get()
    if gathered is not None:
        gathered.keys |= keys
        return
    if keys:
        transaction.on_commit(lambda: purge_replayed(sorted(keys)))


def purge_replayed(keys: list[str]) -> None:
    """The purge, once the read replicas have the write (core.replicas): a page fetched again
    right after it must not come from a replica that still has the old rows."""
    replicas.wait_until_replayed()
    purge.purge(keys)


# The keys of a record's stored row, kept by `record_saving` for `record_changed`.
KEYS_BEFORE = "_surrogate_keys_before"


def relation_columns(instance) -> list[str]:
    """The columns of `instance`'s `listed_on` and `makes_public` relations."""
    names = [*instance.listed_on, *instance.makes_public]
    fields = [instance._meta.get_field(name) for name in names]
    return [field.attname for field in fields if field.concrete and not field.many_to_many]


def record_saving(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Before a save of a stored record that points elsewhere (another speaker, source, photo):
    the keys of what the stored row points at, which the save may hide (a photo only this
    person showed) or no longer list it (the former speaker's page). In a `one_purge()`
    block, a save writing none of those columns leaves the stored row's pointers as they
    are: they are compared for all such records at the end of the block, in one query."""
    if raw or instance._state.adding or not hasattr(instance, "surrogate_keys"):
        return
    columns = relation_columns(instance)
    if not columns:
        return
    gathered = gathering.get()
    if gathered is not None and update_fields is not None:
        fields = [instance._meta.get_field(name) for name in update_fields]
        if not {field.attname for field in fields} & set(columns):
            gathered.unmoved.append(instance)
            return
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    if points_elsewhere(stored, instance, columns):
        setattr(instance, KEYS_BEFORE, keys_of(stored))


def points_elsewhere(stored, record, columns: list[str]) -> bool:
    """Whether the stored row of `record` (None: none is stored) points elsewhere than the
    record in memory through one of `columns`."""
    return stored is not None and any(
        getattr(stored, column) != getattr(record, column) for column in columns
    )


def record_changed(sender, instance, **kwargs) -> None:
    if not hasattr(instance, "surrogate_keys") or kwargs.get("raw"):
        return
    before = instance.__dict__.pop(KEYS_BEFORE, set())
    gathered = gathering.get()
    if gathered is not None and "created" in kwargs:  # a save: its keys read at the end
        gathered.keys |= before
        gathered.saved.append(instance)
        return
    purge_on_commit(keys_of(instance) | before)


# The pks a `clear()` is about to unlink, kept by `relation_changed` at `pre_clear` for its
# `post_clear`, which names none.
CLEARED = "_surrogate_cleared"


def relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A many-to-many change: the record's pages, and each related record's (a quote added to
    a film shows on the film's page), with what a related record readers see only through
    its uses shows (a film taken off the one public quote about it hides its poster)."""
    if not hasattr(instance, "surrogate_keys"):
        return
    if action == "pre_clear":
        setattr(instance, CLEARED, linked_pks(sender, instance, reverse, model))
    if not action.startswith("post_"):
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop(CLEARED, set())
    keys = keys_of(instance)
    keys.update(f"{model._meta.model_name}-{pk}" for pk in pk_set or ())
    if pk_set and hasattr(model, "surrogate_keys"):
        keys |= turning_keys(model._base_manager.filter(pk__in=pk_set), {record_key(instance)})
    purge_on_commit(keys)


def linked_pks(sender, instance, reverse, model) -> set:
    """The pks of the `model` records linked to `instance` through the relation whose through
    model is `sender`, read from either end (`reverse`: the relation is declared on `model`)."""
    declared_on = model if reverse else type(instance)
    field = next(
        field
        for field in declared_on._meta.get_fields()
        if field.many_to_many and field.concrete and field.remote_field.through is sender
    )
    if reverse:
        linked = model._base_manager.filter(**{field.name: instance.pk})
    else:
        linked = getattr(instance, field.name).all()
    return set(linked.values_list("pk", flat=True))


def connect_signals() -> None:
    pre_save.connect(record_saving, dispatch_uid="core.surrogate.saving")
    post_save.connect(record_changed, dispatch_uid="core.surrogate.saved")
    post_delete.connect(record_changed, dispatch_uid="core.surrogate.deleted")
    m2m_changed.connect(relation_changed, dispatch_uid="core.surrogate.related")


class PublicRecord:
    """For a model whose changes readers see: a save, a delete or a relation change purges the
    pages that show it (its own key) and those that list it (`list_key`, and the records
    named by `listed_on`, foreign keys whose pages list it: a credit is listed on its film's
    and its person's pages).

    `makes_public` names the relations (to-one or many-to-many) to records readers see
    because they see this one: a quote's speaker, films and source, a person's photo, a
    source's outlet. Those of them readers see only while something public uses them
    (`shown_by_use()`: a source, an image, a person a writer added) may start or stop being
    public with any write to this one, and so with it what they make public in turn: their
    keys are purged too (`turning_keys`)."""

    listed_on: tuple[str, ...] = ()
    makes_public: tuple[str, ...] = ()

    def shown_by_use(self) -> bool:
        """Whether readers see this record only while something public uses it (its
        `published()` asks its uses), so that a write to one of those may show or hide it."""
        return False

    def surrogate_keys(self) -> set[str]:
        return self.own_keys() | turning_keys(self.made_public(), {record_key(self)})

    @classmethod
    def surrogate_keys_of(cls, records: list) -> set[str]:
        """The keys of each of `records` (saved together, `core.surrogate.one_purge`); a
        model whose keys read more than its relations reads them for all at once here."""
        keys: set[str] = set()
        for record in records:
            keys |= record.surrogate_keys()
        return keys

    def own_keys(self) -> set[str]:
        """Its own key, its list's, and those of the pages listing it (`listed_on`)."""
        keys = {record_key(self), list_key(type(self))}
        for name in self.listed_on:
            field = self._meta.get_field(name)
            value = getattr(self, field.attname)
            if value is not None:
                keys.add(f"{field.related_model._meta.model_name}-{value}")
        return keys

    def made_public(self) -> list:
        """The records of `makes_public`, read now (a write, not a page, asks) unless
        `load_made_public` loaded them."""
        records = []
        for name in self.makes_public:
            field = self._meta.get_field(name)
            if field.many_to_many:
                if self.pk is not None:
                    records += getattr(self, name).all()
            elif getattr(self, field.attname) is not None:
                records.append(getattr(self, name))
        return records


def load_made_public(records: list) -> None:
    """The records each of `records` makes public (`makes_public`), loaded for all of them
    together: a query a relation of each model, not one a record."""
    for model, group in by_model(records).items():
        for name in model.makes_public:
            field = model._meta.get_field(name)
            rows = [record for record in group if record.pk is not None or not field.many_to_many]
            if rows:
                prefetch_related_objects(rows, name)


def turning_keys(records: Iterable, seen: set[str]) -> set[str]:
    """The keys to purge for `records` that readers see only through their uses, which a write
    to a record using them may show or hide: their own keys and lists (a record now public
    joins them), and in turn those of what they make public (a held person's photo), each
    record once (`seen`, so a looped via chain ends). Read a level at a time: what the
    records of one level make public is loaded together (`load_made_public`)."""
    keys: set[str] = set()
    level = list(records)
    while level:
        turning = []
        for record in level:
            key = record_key(record)
            if key in seen or not record.shown_by_use():
                continue
            seen.add(key)
            turning.append(record)
        load_made_public(turning)
        level = []
        for record in turning:
            keys |= record.own_keys()
            level += record.made_public()
    return keys
