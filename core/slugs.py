"""Old links keep working: when a record's slug changes, the slug it leaves is kept as a
`FormerSlug`, and its detail page answers a request under that slug with a permanent redirect
(301) to where the record lives now, through any number of changes. A slug once used stays
with its record: no other record of the same kind may take it, since links shared under it
lead to the first.

Writes: `record_save()` (the admins of records with no service of their own) and the
articles' services call `slug_retire()` after saving. Reads: `FollowsFormerSlugs` on a
detail view. The redirect names the record's surrogate key and may be kept by a shared
cache, so the purge that follows any later change of the record (another rename, a
withdrawal) reaches it too.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core.models import FormerSlug
from core.surrogate import add_records


def former_owner_id(model, slug: str, *, other_than=None) -> int | None:
    """The id of the record of `model` that once had `slug`, if another than `other_than`."""
    kind = ContentType.objects.get_for_model(model)
    owners = FormerSlug.objects.filter(content_type=kind, slug=slug)
    if other_than is not None:
        owners = owners.exclude(object_id=other_than)
    return owners.values_list("object_id", flat=True).first()


def taken_message(model, slug: str) -> str:
    noun = model._meta.verbose_name
    return (
        f"“{slug}” was the address of another {noun}, and old links to it still lead there. "
        "Choose another slug."
    )


class KeepsFormerSlugs:
    """For a model whose old slugs redirect: validation refuses a slug that another record of
    the same kind once had. (Each such model also declares
    `former_slugs = GenericRelation("core.FormerSlug")`, so a deleted record's slugs go
    with it.)"""

    def clean(self) -> None:
        super().clean()
        if self.slug and former_owner_id(type(self), self.slug, other_than=self.pk):
            raise ValidationError({"slug": taken_message(type(self), self.slug)})


def slug_retire(*, record, slug: str | None) -> None:
    """Keep `slug`, which `record` has just left (already saved under its new slug), as one
    of its former slugs. Nothing to do when the slug did not change, or was already one of
    the record's own."""
    if not slug or slug == record.slug:
        return
    kind = ContentType.objects.get_for_model(record)
    owner = former_owner_id(type(record), slug)
    if owner is None:
        FormerSlug.objects.create(content_type=kind, object_id=record.pk, slug=slug)
    elif owner != record.pk:
        raise ValidationError({"slug": taken_message(type(record), slug)})


@transaction.atomic
def record_save(*, record) -> None:
    """Save `record` (validated by its form), keeping the slug it leaves, if it changes one."""
    previous = None
    if record.pk is not None:
        previous = (
            type(record)
            ._default_manager.select_for_update()
            .filter(pk=record.pk)
            .values_list("slug", flat=True)
            .first()
        )
    record.save()
    slug_retire(record=record, slug=previous)


class SavesFormerSlugsAdmin:
    """A ModelAdmin mixin: saving through `record_save`, so a renamed record keeps its old
    links."""

    def save_model(self, request, obj, form, change) -> None:
        record_save(record=obj)


class FollowsFormerSlugs:
    """A detail view mixin (before `PublicDetailMixin`): a slug that no record has now but
    that a record of the view's queryset once had answers with a 301 to that record's page,
    keeping the query string. The queryset decides who may be found (`published()` for
    articles), so an old slug never leads to an unpublished record."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if getattr(self, "object", None) is not None:
                raise  # the record was found; the 404 is about something else (a page number)
            record = moved_record(self.get_queryset(), self.kwargs.get(self.slug_url_kwarg))
            if record is None:
                raise
        return moved_permanently(request, record.get_absolute_url(), record)


class FollowsFormerSlugsFeed:
    """A `Feed` mixin for the feed of one record (`records()` finds it by `slug`): under a
    slug the record once had, a 301 to its feed under the slug it has now (`url_name`), so
    readers' subscriptions survive a rename."""

    url_name = ""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            record = moved_record(self.records(), kwargs.get("slug"))
            if record is None:
                raise
        return moved_permanently(request, reverse(self.url_name, args=[record.slug]), record)


def moved_record(queryset, slug):
    """The record of `queryset` that once had `slug`, or None. The queryset decides who may
    be found (`published()` for articles), so an old slug never leads to a hidden record."""
    if not slug or not issubclass(queryset.model, KeepsFormerSlugs):
        return None
    kind = ContentType.objects.get_for_model(queryset.model)
    owners = FormerSlug.objects.filter(content_type=kind, slug=slug).values("object_id")
    return queryset.filter(pk__in=owners).first()


def moved_permanently(request, url: str, record) -> HttpResponsePermanentRedirect:
    """A 301 to `url`, keeping the query string, that a shared cache may keep until the
    record's next purge."""
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    response = HttpResponsePermanentRedirect(url)
    add_records([record])
    patch_cache_control(response, public=True)
    return response
