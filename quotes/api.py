"""API viewsets of the quote database, registered on the router in `cms/api_urls.py`.

Anonymous clients see `Quote.objects.published()` only; staff see what they may edit besides
(editors everything, writers the unapproved quotes they wrote). Writes call `quotes.services`.
"""

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.caching import PublicReadMixin
from core.api.conditional import VersionedDetailMixin, expected_version
from core.api.permissions import CanChange
from core.api.rows import RowReadMixin
from core.filters import visible_to
from core.numbers import whole_number
from core.slugs import moved_permanently, moved_record

from . import services
from .filters import (
    CharacterFilterSet,
    FilmFilterSet,
    FranchiseFilterSet,
    OutletFilterSet,
    PersonFilterSet,
    QuoteFilterSet,
    SourceFilterSet,
)
from .models import Character, Film, Franchise, Outlet, Person, Quote, Source
from .querysets import sample_ids
from .serializers import (
    CharacterSerializer,
    FilmSerializer,
    FranchiseSerializer,
    OutletSerializer,
    PersonSerializer,
    QuoteDetailSerializer,
    QuoteListSerializer,
    QuoteStateSerializer,
    QuoteWriteSerializer,
    SourceSerializer,
)

RANDOM_MAX = 50


def quote_visibility(user) -> Q | None:
    """Which unpublished quotes a user may see; None for every quote (an editor)."""
    if not (user.is_authenticated and user.is_staff):
        return Q(pk__in=[])
    if user.has_perm(services.APPROVE_QUOTE):
        return None
    if user.has_perm("quotes.change_quote"):
        return Q(state=Quote.State.PENDING, updated_by=user)
    return Q(pk__in=[])


def quote_queryset(user):
    visible = quote_visibility(user)
    if visible is None:
        return Quote.objects.all()
    if not (user.is_authenticated and user.is_staff):
        # The same rows as below, without `id IN (SELECT …)`, which the planner handles badly.
        return Quote.objects.published()
    return Quote.objects.filter(Q(pk__in=Quote.objects.published().values("pk")) | visible)


COUNT_PARAMETER = OpenApiParameter(
    "count",
    {"type": "integer", "minimum": 1, "maximum": RANDOM_MAX, "default": 1},
    description=f"How many quotes (1 to {RANDOM_MAX}).",
)


@extend_schema_view(
    list=extend_schema(summary="Quotes, newest first, with speaker, source chain and films."),
    retrieve=extend_schema(summary="One quote with its provenance."),
    create=extend_schema(
        summary="Create a quote (a draft awaiting approval, unless you are an editor).",
        request=QuoteWriteSerializer,
        responses={201: QuoteDetailSerializer},
    ),
    update=extend_schema(
        summary="Replace a quote's fields.",
        request=QuoteWriteSerializer,
        responses={200: QuoteDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some of a quote's fields.",
        request=QuoteWriteSerializer,
        responses={200: QuoteDetailSerializer},
    ),
)
class QuoteViewSet(
    PublicReadMixin,
    VersionedDetailMixin,
    RowReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = QuoteFilterSet
    extra_query_params = {"random": ("count",)}
    # Marked uncacheable (`random`): no ETag, so the schema documents no 304 for it.
    never_cached_actions = ("random",)

    def get_queryset(self):
        return quote_queryset(self.request.user).order_by("-id")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return QuoteWriteSerializer
        if self.action == "list" or self.action == "random":
            return QuoteListSerializer
        return QuoteDetailSerializer

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if isinstance(serializer, QuoteWriteSerializer):
            # A parent is one of the quotes this client reads: another's would come back in
            # `parent`, words and all, under a link that is a 404 to them.
            serializer.fields["parent"].queryset = self.get_queryset()
        return serializer

    def detail_response(self, quote, code=status.HTTP_200_OK):
        self.versioned_object = quote
        return Response(self.present(quote.pk, QuoteDetailSerializer), status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("version", None)
        films = fields.pop("films", ())
        quote = services.quote_create(by=request.user, films=films, **fields)
        return self.detail_response(quote, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        quote = self.get_object()
        if not self.may_edit(quote):
            raise exceptions.PermissionDenied(
                "Writers can edit only the quotes they wrote that await approval."
            )
        version = expected_version(request)
        serializer = self.get_serializer(
            quote, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("version", None)
        films = fields.pop("films", None)
        quote = services.quote_update(
            quote=quote, by=request.user, expected_version=version, films=films, **fields
        )
        return self.detail_response(quote)

    def may_edit(self, quote) -> bool:
        user = self.request.user
        if user.has_perm(services.APPROVE_QUOTE):
            return True
        return quote.state == Quote.State.PENDING and quote.updated_by_id == user.pk

    @extend_schema(
        summary="Random published quotes, honouring the list's filters.",
        parameters=[COUNT_PARAMETER],
        responses={200: QuoteListSerializer(many=True)},
    )
    @action(detail=False, pagination_class=None)
    def random(self, request):
        """Random published quotes within the filters, drawn without sorting or counting
        them (`sample_ids`)."""
        count = random_count(request)
        # Published quotes whoever asks: the desk's list holds its pending and rejected ones
        # too, which no random quote (a widget, a quote of the day) should draw.
        chosen = sample_ids(self.filter_queryset(Quote.objects.published()), count)
        rows = self.get_queryset().filter(pk__in=chosen).values(*QuoteListSerializer.columns())
        by_id = {row["id"]: row for row in rows}
        quotes = [by_id[pk] for pk in chosen if pk in by_id]
        response = Response(
            QuoteListSerializer(quotes, many=True, context={"request": request}).data
        )
        # Each request draws again: without this no header forbade a browser or a CDN (one
        # that stores what says nothing) to answer the next request with this draw.
        add_never_cache_headers(response)
        return response

    @extend_schema(
        summary="Approve a quote (editors).",
        request=QuoteStateSerializer,
        responses={200: QuoteDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def approve(self, request, pk=None):
        return self.set_state(Quote.State.APPROVED)

    @extend_schema(
        summary="Reject a quote (editors).",
        request=QuoteStateSerializer,
        responses={200: QuoteDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def reject(self, request, pk=None):
        return self.set_state(Quote.State.REJECTED)

    def set_state(self, state: str):
        quote = self.get_object()
        # Read as every other write's body is, so a field it does not take (or a body that is
        # no object) is a 400 with nothing written, as the schema's QuoteStateRequest says.
        QuoteStateSerializer(data=self.request.data).is_valid(raise_exception=True)
        version = expected_version(self.request)
        with transaction.atomic():
            services.lock_for_edit(
                quote, version, check=lambda _: services.require_may_decide(self.request.user)
            )
            services.quote_set_state(quotes=[quote], state=state, by=self.request.user)
        return self.detail_response(quote)


def random_count(request) -> int:
    count = whole_number(request.query_params.get("count", "1"))
    if count is None or not 1 <= count <= RANDOM_MAX:
        raise exceptions.ValidationError(
            {"count": [f"Give a whole number from 1 to {RANDOM_MAX}."]}
        )
    return count


class ReadOnlyViewSet(
    PublicReadMixin, VersionedDetailMixin, RowReadMixin, viewsets.ReadOnlyModelViewSet
):
    """Reference records: readable by anyone; edited in the admin. A kind with `published()`
    shows readers only those; the desk (who may view the kind) sees every one."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        # All of a kind, from its manager: `published()` built once per process.
        return visible_to(self.request.user, self.queryset.model._default_manager)

    def retrieve(self, request, *args, **kwargs):
        # A renamed record's old address answers with a 301 to its current one.
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            record = moved_record(self.get_queryset(), kwargs.get(self.lookup_field))
            if record is None:
                raise
        url = self.reverse_action("detail", kwargs={self.lookup_field: record.slug})
        return moved_permanently(request, url, record)


@extend_schema_view(
    list=extend_schema(summary="People who said something or made a film."),
    retrieve=extend_schema(summary="One person."),
)
class PersonViewSet(ReadOnlyViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    # Ordered to the last tie: two people may share a name, and a cursor's offset counts ties.
    cursor_ordering = ("sort_name", "name", "id")


@extend_schema_view(
    list=extend_schema(summary="Film characters."),
    retrieve=extend_schema(summary="One character."),
)
class CharacterViewSet(ReadOnlyViewSet):
    queryset = Character.objects.all()
    serializer_class = CharacterSerializer
    filterset_class = CharacterFilterSet
    # To the last tie, as people: two characters may share a name.
    cursor_ordering = ("name", "id")


@extend_schema_view(
    list=extend_schema(summary="Films."), retrieve=extend_schema(summary="One film.")
)
class FilmViewSet(ReadOnlyViewSet):
    queryset = Film.objects.all()
    serializer_class = FilmSerializer
    filterset_class = FilmFilterSet
    cursor_ordering = ("title", "id")


@extend_schema_view(
    list=extend_schema(summary="Franchises."), retrieve=extend_schema(summary="One franchise.")
)
class FranchiseViewSet(ReadOnlyViewSet):
    queryset = Franchise.objects.all()
    serializer_class = FranchiseSerializer
    filterset_class = FranchiseFilterSet
    cursor_ordering = ("name", "id")  # names may repeat


@extend_schema_view(
    list=extend_schema(summary="Outlets: publishers, aggregators, studios…"),
    retrieve=extend_schema(summary="One outlet."),
)
class OutletViewSet(ReadOnlyViewSet):
    queryset = Outlet.objects.all()
    serializer_class = OutletSerializer
    filterset_class = OutletFilterSet
    cursor_ordering = ("name", "id")  # names may repeat


@extend_schema_view(
    list=extend_schema(summary="Sources, newest record first, each with its via chain."),
    retrieve=extend_schema(summary="One source with its via chain."),
)
class SourceViewSet(ReadOnlyViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    # By id (newest record first): `published_on` may be NULL, which a cursor cannot hold.
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_to(self.request.user, Source.objects)
