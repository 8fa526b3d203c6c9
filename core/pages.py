"""What every public page shares: its <head> metadata, capped pagination, and the surrogate
keys and `Cache-Control: public` that let the HTTP cache in front keep it."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, wraps

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import models
from django.http import Http404
from django.utils.cache import patch_cache_control

from core import compiled
from core.numbers import whole_number
from core.surrogate import add_lists, add_records

COUNT_CAP = 200
MAX_PAGE = 100_000


@dataclass
class PageMeta:
    """What the <head> says about a page: title, description, its Open Graph type, and the
    image a shared link shows (an `images.Image` with its renditions loaded, or None)."""

    title: str
    description: str = "Quotes as sourced, verifiable records: who said it, where, and how we know."
    og_type: str = "website"
    image: object = None
    # Where the page sits below the home page, as (name, path) pairs ending with the page itself;
    # empty: the page sits right below the home page, named by its title.
    trail: tuple[tuple[str, str], ...] = ()


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


class PageMetaMixin:
    site_name = "Quote desk"

    def get_page_meta(self) -> PageMeta:
        return PageMeta(title=self.site_name)

    def get_structured_data(self) -> dict | None:
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = self.get_page_meta()
        context["structured_data"] = self.get_structured_data()
        return context


# --- what a page shows -------------------------------------------------------------------


class Linked(list):
    """Records a page only names and links to (an article body's quotes, linked to their
    permalinks): `shown_records` yields them alone, not what their cards would show."""


def shown_records(parts: Iterable, *, seen: set | None = None) -> Iterator[models.Model]:
    """Every record in `parts` (records, lists of them, `Page`s), each with the records already
    loaded through its foreign keys (`select_related`, a source chain) and those it says it
    shows besides (`shown_with()`, e.g. a quote's prefetched films): what its card shows.
    The records of a `Linked` list are yielded alone."""
    seen = set() if seen is None else seen
    for part in parts:
        if isinstance(part, Linked):
            for record in part:
                key = (record._meta.label_lower, record.pk)
                if key not in seen:
                    seen.add(key)
                    yield record
        elif isinstance(part, Page):
            yield from shown_records(part.object_list, seen=seen)
        elif isinstance(part, models.Model):
            yield from loaded_records(part, seen=seen)
        elif isinstance(part, list | tuple):
            yield from shown_records(part, seen=seen)


def loaded_records(record: models.Model, *, seen: set) -> Iterator[models.Model]:
    """`record`, then every record loaded with it, depth first. `is_cached()` (what the related
    descriptor itself asks before querying) keeps this free of queries."""
    key = (record._meta.label_lower, record.pk)
    if key in seen:
        return
    seen.add(key)
    yield record
    for field in record._meta.concrete_fields:
        if field.many_to_one and field.is_cached(record):
            related = getattr(record, field.name)
            if related is not None:
                yield from loaded_records(related, seen=seen)
    shown_with = getattr(record, "shown_with", None)
    if shown_with is not None:
        yield from shown_records(list(shown_with()), seen=seen)


class PublicPageMixin:
    """A page anyone may see. Its answer says `Cache-Control: public` and names what it shows
    (`shown()`, and the lists of `listed_models` a new record may join), so the HTTP cache in
    front keeps it until one of those records changes (`core.surrogate`)."""

    listed_models: tuple[type[models.Model], ...] = ()

    def shown(self) -> list:
        """The records the page shows (records, lists, pages), loaded once for the render."""
        return []

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            add_records(shown_records(self.shown()))
            add_lists(*self.listed_models)
            patch_cache_control(response, public=True)
        return response


class PublicDetailMixin(PublicPageMixin):
    """A public detail page: its object, loaded once, is the first thing it shows."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    def shown(self) -> list:
        return [self.object, *self.also_shown()]

    def also_shown(self) -> list:
        return []


class KeptObjectMixin:
    """A detail view (before `DetailView`) whose object is read by a statement kept compiled
    (`core.compiled`): `get_queryset()` filtered by the URL's pk or slug, compiled once per
    process, so the queryset must not depend on the request (a public one: `published()`).
    `object_related` names the to-one relations read with it (every step of a path),
    `object_related_columns` the columns read of some of them (`core.compiled.instances`), and
    `object_prefetch` what is then prefetched on it. Building and compiling the detail query
    at each view cost more than its database time on the busiest pages."""

    object_related: tuple[str, ...] = ()
    object_related_columns: dict[str, tuple[str, ...]] = {}
    object_prefetch: tuple[str, ...] = ()

    def get_object(self, queryset=None):
        if self.pk_url_kwarg in self.kwargs:
            field, value = "pk", self.kwargs[self.pk_url_kwarg]
        else:
            field, value = self.slug_field, self.kwargs[self.slug_url_kwarg]
        model = self.model
        found = compiled.instances(
            ("detail", type(self).__module__, type(self).__qualname__, field),
            model,
            lambda keys: self.get_queryset().filter(**{f"{field}__in": keys}),
            [value],
            related=self.object_related,
            related_columns=self.object_related_columns,
        )
        if not found:
            raise Http404(f"No {model._meta.verbose_name} found.")
        if self.object_prefetch:
            models.prefetch_related_objects(found, *self.object_prefetch)
        return found[0]


# --- pagination ----------------------------------------------------------------------------


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows past the end of the page asked for.

    An exact count of a popular film's 35,000 quotes reads all of them; a reader needs to know
    there are many, and to reach the next pages. `is_capped` says the true count is larger
    (templates then say "more than"). The counting subquery drops the list's order: any rows
    up to the cap count the same, and with the order kept PostgreSQL settled on a generic plan
    for the prepared statement, which cannot use the partial index whose state is a parameter:
    a person's capped count took 6 ms against 1 ms without the order (at 1M quotes)."""

    def __init__(self, object_list, per_page, *, number: int, cap=None):
        super().__init__(object_list, per_page)
        cap = COUNT_CAP if cap is None else cap
        self.counted_up_to = max(number, 1) * per_page + cap

    @cached_property
    def counted(self) -> int:
        """Rows counted: at most `counted_up_to + 1`, one more than shown telling "more"."""
        return self.object_list.order_by()[: self.counted_up_to + 1].count()

    @property
    def count(self) -> int:
        return min(self.counted, self.counted_up_to)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.counted_up_to


def page_number(request) -> int:
    """`?page=` as ListView reads it (1 when absent); a 404 when it is no page number in ASCII
    digits (int() alone reads "２", " 2" and "1_0" as pages, each a duplicate URL of one)."""
    asked = request.GET.get("page")
    number = 1 if not asked else whole_number(asked)
    if number is None or not 1 <= number <= MAX_PAGE:
        raise Http404("No such page.")
    return number


def paginate(request, queryset, per_page: int = 20) -> Page:
    """A page of `queryset` from `?page=`, as ListView would (a bad page number is a 404), its
    rows loaded and its count capped (see `CappedPaginator`)."""
    number = page_number(request)
    paginator = CappedPaginator(queryset, per_page, number=number)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page.") from error
    page.object_list = list(page.object_list)
    return page


# Pages of a keyed list whose statements are kept compiled (`paginate_keyed`): the first few,
# which most readers see; later pages' ids and counts are compiled at each request, as any
# queryset is (kept, each page would be one more statement in every process).
COMPILED_PAGES = 5


def paginate_keyed(
    request,
    key: str,
    model: type[models.Model],
    build,
    keys: list,
    *,
    related=(),
    columns=None,
    related_columns=None,
    per_page: int = 20,
) -> Page:
    """`paginate(request, build(keys))` for a list keyed by a record (a film's quotes): the
    page's ids and the capped count (the ids counted, as `CappedPaginator.counted` counts),
    then its rows by id as instances with their to-one `related` records, reading only
    `columns` and `related_columns` (`core.compiled.instances`). The rows' statement, and for
    the first `COMPILED_PAGES` pages the ids' and the count's, are compiled once per process:
    building and compiling the querysets was most of a film page's time above its database
    (docs/performance.md)."""
    number = page_number(request)
    paginator = CappedPaginator([], per_page, number=number)
    limit = paginator.counted_up_to + 1
    start = (number - 1) * per_page

    def counted(keys: list):
        return build(keys).order_by()[:limit].values("pk")

    # The page's ids first, then its rows by id: the list's query, planned for each record
    # (its best index is partial), joins three tables; the rows' query, which joins the
    # relations a card shows, keeps one plan (docs/performance.md).
    def page_ids(keys: list):
        return build(keys)[start : start + per_page].values("pk")

    kept = number <= COMPILED_PAGES
    # A cached_property, given its value.
    paginator.counted = len(
        compiled.keyed_rows((key, "count", limit), counted, keys) if kept else counted(keys)
    )
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404("No such page.") from error
    if kept:
        found_ids = compiled.keyed_rows((key, "page", start, per_page), page_ids, keys)
    else:
        found_ids = page_ids(keys)
    ids = [row["pk"] for row in found_ids]
    found = {
        record.pk: record
        for record in compiled.instances(
            (key, "rows"),
            model,
            lambda ids: model._default_manager.filter(pk__in=ids),
            ids,
            related=related,
            columns=columns,
            related_columns=related_columns,
        )
    }
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def public_lists(*models):
    """For a function view (a feed, the sitemap) whose answer anyone may see and that lists
    records of `models`: any change to one of them purges it."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                add_lists(*models)
                patch_cache_control(response, public=True)
            return response

        return wrapped

    return decorator
