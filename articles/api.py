"""The articles API: published articles for everyone, drafts for those who may edit them, and
the editorial workflow as POST actions. Every write goes through `articles.services`."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.caching import PublicReadMixin
from core.api.conditional import VersionedDetailMixin, expected_version
from core.api.errors import Conflict, ErrorSerializer
from core.api.permissions import CanChange
from core.api.rows import RowReadMixin
from core.drafts import draft_of
from quotes.api import ReadOnlyViewSet

from . import services
from .drafts import (
    NoDraftError,
    article_draft_publish,
    article_draft_schedule,
    article_draft_submit,
    is_public,
)
from .filters import (
    ArticleFilterSet,
    AuthorFilterSet,
    SectionFilterSet,
    TagFilterSet,
    may_see_every_tag,
)
from .models import Article, Author, Section, Tag
from .serializers import (
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleStaffDetailSerializer,
    ArticleWriteSerializer,
    AuthorSerializer,
    PublishSerializer,
    ScheduleSerializer,
    SectionSerializer,
    TagSerializer,
    TransitionSerializer,
)


def article_queryset(user):
    """Published articles; staff also see what they may edit (editors all, writers their own
    drafts and the articles they have submitted for review)."""
    published = Article.objects.published()
    if not (user.is_authenticated and user.is_staff):
        return published
    if services.can_publish(user):
        return Article.objects.all()
    if user.has_perm("articles.change_article"):
        own = Q(created_by=user, status__in=[Article.Status.DRAFT, Article.Status.REVIEW])
        return Article.objects.filter(Q(pk__in=published.values("pk")) | own)
    return published


# Only the desk writes, and a write answers with what the desk reads (`detail_response`).
def transition_schema(summary: str, request=TransitionSerializer):
    return extend_schema(
        summary=summary, request=request, responses={200: ArticleStaffDetailSerializer}
    )


@extend_schema_view(
    list=extend_schema(summary="Articles, latest first."),
    retrieve=extend_schema(summary="One article with its films, people, sources and quotes."),
    create=extend_schema(
        summary="Create a draft article.",
        request=ArticleWriteSerializer,
        responses={201: ArticleStaffDetailSerializer},
    ),
    update=extend_schema(
        summary="Replace an article's content.",
        request=ArticleWriteSerializer,
        responses={200: ArticleStaffDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some of an article's content.",
        request=ArticleWriteSerializer,
        responses={200: ArticleStaffDetailSerializer},
    ),
)
class ArticleViewSet(
    PublicReadMixin,
    VersionedDetailMixin,
    RowReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = ArticleFilterSet

    @property
    def cursor_ordering(self) -> tuple[str, ...]:
        """Readers see the newest published first. Staff lists hold drafts, which have no
        publication time for a cursor to stand on: newest record first."""
        user = self.request.user
        return ("-id",) if user.is_authenticated and user.is_staff else ("-published_at", "-id")

    def get_queryset(self):
        return article_queryset(self.request.user).order_by("-published_at", "-id")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ArticleWriteSerializer
        if self.action == "list":
            return ArticleListSerializer
        return self.detail_serializer_class()

    def is_desk(self) -> bool:
        """Whether the client may edit articles: it reads their draft changes too."""
        return self.request.user.has_perm("articles.change_article")

    def detail_serializer_class(self):
        return ArticleStaffDetailSerializer if self.is_desk() else ArticleDetailSerializer

    def track_version(self, article, pk) -> None:
        """The version the ETag carries and `If-Match` is checked against: the article's, or,
        for the desk, its draft changes' while there are some (they are what it edits)."""
        self.versioned_object, self.draft = article, None
        if self.is_desk():
            self.draft = draft_of(Article(pk=pk))
            if self.draft is not None:
                self.versioned_object = self.draft

    def get_object(self):
        article = super().get_object()
        self.track_version(article, article["id"] if self.reads_rows() else article.pk)
        return article

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "draft": getattr(self, "draft", None)}

    def detail_response(self, article, code=status.HTTP_200_OK):
        self.track_version(article, article.pk)
        return Response(self.present(article.pk, self.detail_serializer_class()), status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("version", None)
        article = services.article_create(by=request.user, **fields)
        return self.detail_response(article, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        article = self.get_object()
        version = expected_version(request)
        serializer = self.get_serializer(
            article, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("version", None)
        article = services.article_update(
            article=article, by=request.user, expected_version=version, **fields
        )
        return self.detail_response(article)

    def transition(self, to: str, serializer_class=TransitionSerializer):
        article = self.get_object()
        version = expected_version(self.request)
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        options = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        article = services.article_transition(
            article=article, to=to, by=self.request.user, expected_version=version, **options
        )
        return self.detail_response(article)

    @extend_schema(
        summary="Submit a draft for review (its writer, or an editor); on a live article, its "
        "draft changes (409 when there are none).",
        request=TransitionSerializer,
        responses={200: ArticleStaffDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def submit(self, request, pk=None):
        article = self.get_object()
        if not is_public(article):
            return self.transition(Article.Status.REVIEW)
        # A live article: its draft changes go to review.
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            article_draft_submit(
                article=article,
                by=request.user,
                comment=serializer.validated_data.get("comment", ""),
            )
        except NoDraftError as error:
            raise Conflict(str(error)) from error
        return self.detail_response(article)

    @extend_schema(
        summary="Publish now (editors); on a live article, publish its draft changes.",
        request=PublishSerializer,
        responses={200: ArticleStaffDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def publish(self, request, pk=None):
        article = self.get_object()
        if not is_public(article):
            return self.transition(Article.Status.PUBLISHED, PublishSerializer)
        version = expected_version(request)
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            article = article_draft_publish(
                article=article,
                by=request.user,
                approve_quotes=serializer.validated_data["approve_quotes"],
                expected_version=version,
                comment=serializer.validated_data.get("comment", ""),
            )
        except NoDraftError as error:
            raise Conflict(str(error)) from error
        return self.detail_response(article)

    @extend_schema(
        summary="Schedule for a future time (editors); on a live article, schedule its draft "
        "changes to go live then (409 when there are none).",
        request=ScheduleSerializer,
        responses={200: ArticleStaffDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def schedule(self, request, pk=None):
        article = self.get_object()
        if not is_public(article):
            return self.transition(Article.Status.SCHEDULED, ScheduleSerializer)
        version = expected_version(request)
        serializer = ScheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        options = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        try:
            article_draft_schedule(
                article=article, by=request.user, expected_version=version, **options
            )
        except NoDraftError as error:
            raise Conflict(str(error)) from error
        return self.detail_response(article)

    @transition_schema("Take back to draft (editors; writers may withdraw their submission).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def unpublish(self, request, pk=None):
        return self.transition(Article.Status.DRAFT)

    @transition_schema("Archive a published article (editors).")
    @action(detail=True, methods=["post"], permission_classes=[CanChange])
    def archive(self, request, pk=None):
        return self.transition(Article.Status.ARCHIVED)


@extend_schema_view(
    list=extend_schema(summary="Sections (Film, TV, Music…), in the navigation's order."),
    retrieve=extend_schema(summary="One section."),
)
class SectionViewSet(ReadOnlyViewSet):
    queryset = Section.objects.all()
    serializer_class = SectionSerializer
    filterset_class = SectionFilterSet
    cursor_ordering = ("name",)


@extend_schema_view(
    list=extend_schema(summary="Tags that published articles carry."),
    retrieve=extend_schema(summary="One tag."),
)
class TagViewSet(ReadOnlyViewSet):
    serializer_class = TagSerializer
    filterset_class = TagFilterSet
    cursor_ordering = ("name",)

    def get_queryset(self):
        if may_see_every_tag(self.request.user):
            return Tag.objects.all()
        return Tag.objects.published()


@extend_schema_view(
    list=extend_schema(summary="Authors: the people (and the desk) that bylines name."),
    retrieve=extend_schema(summary="One author."),
)
class AuthorViewSet(ReadOnlyViewSet):
    queryset = Author.objects.all()
    serializer_class = AuthorSerializer
    filterset_class = AuthorFilterSet
    # Ordered to the last tie: two authors may share a name.
    cursor_ordering = ("name", "id")
