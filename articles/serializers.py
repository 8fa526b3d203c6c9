"""API representations of articles (a list row, a full article, what an editor may send) and
of sections, tags and authors."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import SlugRelatedField
from core.api.inputs import RefusesUnknownFields
from core.api.rows import MethodField, Related, RelatedList, RowLinks, RowSerializer
from images.models import Image
from images.serializers import ImageSerializer
from quotes.models import Film, Person, Quote, Source
from quotes.serializers import FilmRefSerializer, QuoteListSerializer, SourceHopSerializer

from .models import Article, Author, Byline, Correction, FeaturedQuote, Section, Tag
from .models.structure import join_names
from .rendering import article_body


class SectionSerializer(RowSerializer):
    links = RowLinks("section-detail")

    class Meta(RowSerializer.Meta):
        model = Section
        fields = ["id", "name", "slug", "description", "links"]


class SectionRefSerializer(RowSerializer):
    links = RowLinks("section-detail")

    class Meta(RowSerializer.Meta):
        model = Section
        fields = ["name", "slug", "links"]


class TagSerializer(RowSerializer):
    links = RowLinks("tag-detail")

    class Meta(RowSerializer.Meta):
        model = Tag
        fields = ["id", "name", "slug", "links"]


class TagRefSerializer(RowSerializer):
    links = RowLinks("tag-detail")

    class Meta(RowSerializer.Meta):
        model = Tag
        fields = ["name", "slug", "links"]


class AuthorSerializer(RowSerializer):
    links = RowLinks("author-detail")

    class Meta(RowSerializer.Meta):
        model = Author
        fields = ["id", "name", "slug", "role", "bio", "is_organization", "links"]


class AuthorRefSerializer(RowSerializer):
    links = RowLinks("author-detail")

    class Meta(RowSerializer.Meta):
        model = Author
        fields = ["name", "slug", "is_organization", "links"]


class CorrectionSerializer(RowSerializer):
    class Meta(RowSerializer.Meta):
        model = Correction
        fields = ["id", "kind", "text", "published_at"]


class PersonRefSerializer(RowSerializer):
    links = RowLinks("person-detail")

    class Meta(RowSerializer.Meta):
        model = Person
        fields = ["name", "slug", "links"]


def linked(relation, child: RowSerializer, order: tuple[str, ...], **kwargs) -> RelatedList:
    """An article's records of a many-to-many `relation`, read through its link table."""
    target = relation.field.related_model._meta.model_name
    return RelatedList(
        child=child,
        related=Related(
            lambda: relation.through.objects.order_by(
                *(f"{'-' if o[0] == '-' else ''}{target}__{o.lstrip('-')}" for o in order)
            ),
            link="article_id",
            prefix=f"{target}__",
        ),
        **kwargs,
    )


class ArticleListSerializer(RowSerializer):
    links = RowLinks("article-detail", lookup="pk", page_lookup="slug")
    section = SectionRefSerializer(read_only=True, allow_null=True)
    authors = RelatedList(
        child=AuthorRefSerializer(),
        related=Related(
            lambda: Byline.objects.order_by("position", "id"),
            link="article_id",
            prefix="author__",
        ),
        help_text="In byline order.",
    )
    byline = MethodField(help_text="The authors' names as printed (“A, B and C”).")
    lead_image = ImageSerializer(read_only=True, allow_null=True)

    class Meta(RowSerializer.Meta):
        model = Article
        fields = [
            "id",
            "title",
            "slug",
            "standfirst",
            "lead_image",
            "section",
            "authors",
            "byline",
            "status",
            "published_at",
            "updated_at",
            "links",
        ]

    @staticmethod
    def get_byline(row, context) -> str:
        return join_names([author["name"] for author in row[("authors",)]])


class ArticleDetailSerializer(ArticleListSerializer):
    was_updated = MethodField("published_at", "updated_at")
    tags = linked(Article.tags, TagRefSerializer(), ("name", "id"))
    corrections = RelatedList(
        child=CorrectionSerializer(),
        related=Related(
            lambda: Correction.objects.published().order_by("published_at", "id"),
            link="article_id",
        ),
        help_text="Published corrections and clarifications, oldest first.",
    )
    films = linked(Article.films, FilmRefSerializer(), ("title", "id"))
    people = linked(Article.people, PersonRefSerializer(), ("sort_name", "name", "id"))
    sources = linked(Article.sources, SourceHopSerializer(), ("-published_on", "title", "id"))
    featured_quotes = RelatedList(
        child=QuoteListSerializer(),
        related=Related(
            lambda: FeaturedQuote.objects.filter(quote__in=Quote.objects.published()).order_by(
                "position", "id"
            ),
            link="article_id",
            prefix="quote__",
        ),
        help_text="The quotes it features, in order (published ones only).",
    )
    body_html = MethodField(
        "body_html",
        help_text="The body as its page shows it: each quote reference ([[quote:N]]) as the "
        "quote's card while the quote is public, else nothing.",
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "body",
            "body_html",
            "was_updated",
            "tags",
            "corrections",
            "films",
            "people",
            "sources",
            "featured_quotes",
            "version",
            "created_at",
        ]

    @staticmethod
    def get_was_updated(row, context) -> bool:
        return Article(published_at=row["published_at"], updated_at=row["updated_at"]).was_updated

    @staticmethod
    def get_body_html(row, context) -> str:
        # The page's rendering (and its surrogate keys), not a second one.
        return article_body(row["body_html"])[0]


class FeaturedRowSerializer(serializers.Serializer):
    quote = serializers.IntegerField(help_text="The quote's id.")
    position = serializers.IntegerField()


class ArticleDraftSerializer(serializers.Serializer):
    """A live article's draft changes: its content as it will be once published, in the
    shape `ArticleWriteSerializer` takes, with the draft's version (what `If-Match` names)."""

    title = serializers.CharField()
    slug = serializers.CharField()
    standfirst = serializers.CharField()
    body = serializers.CharField()
    unpublish_at = serializers.DateTimeField(allow_null=True)
    section = serializers.CharField(allow_null=True, help_text="The section's slug.")
    tags = serializers.ListField(child=serializers.CharField())
    authors = serializers.ListField(child=serializers.CharField(), help_text="In byline order.")
    films = serializers.ListField(child=serializers.CharField())
    people = serializers.ListField(child=serializers.CharField())
    sources = serializers.ListField(child=serializers.IntegerField())
    featured_quotes = FeaturedRowSerializer(many=True)
    version = serializers.IntegerField()
    is_submitted = serializers.BooleanField()
    go_live_at = serializers.DateTimeField(
        allow_null=True, help_text="When an editor scheduled the changes to go live, or null."
    )
    updated_at = serializers.DateTimeField()
    updated_by = serializers.CharField(allow_null=True)


def draft_representation(draft) -> dict:
    """The draft's ids as the API names those records (slugs; sources and quotes by id)."""
    data = draft.data

    def slugs(model, pks):
        found = dict(model.objects.filter(pk__in=pks).values_list("pk", "slug"))
        return [found[pk] for pk in pks if pk in found]

    section = slugs(Section, [data["section"]]) if data.get("section") else []
    return {
        **{name: data.get(name) for name in ("title", "slug", "standfirst", "body")},
        "unpublish_at": data.get("unpublish_at"),
        "section": section[0] if section else None,
        "tags": slugs(Tag, data.get("tags", [])),
        "authors": slugs(Author, data.get("authors", [])),
        "films": slugs(Film, data.get("films", [])),
        "people": slugs(Person, data.get("people", [])),
        "sources": data.get("sources", []),
        "featured_quotes": data.get("featured_quotes", []),
        "version": draft.version,
        "is_submitted": draft.is_submitted,
        "go_live_at": draft.go_live_at,
        "updated_at": draft.updated_at,
        "updated_by": draft.updated_by.get_username() if draft.updated_by else None,
    }


class ArticleStaffDetailSerializer(ArticleDetailSerializer):
    """What the desk's API clients read: the live article and its draft changes (the viewset
    gives them in the context as `draft`)."""

    draft = MethodField(
        help_text="The pending draft changes of a live article, or null. PATCH writes them; "
        "POST publish/ makes them live."
    )

    class Meta(ArticleDetailSerializer.Meta):
        fields = [*ArticleDetailSerializer.Meta.fields, "draft"]

    @staticmethod
    @extend_schema_field(ArticleDraftSerializer(allow_null=True))
    def get_draft(row, context) -> dict | None:
        draft = context.get("draft")
        if draft is None:
            return None
        return ArticleDraftSerializer(draft_representation(draft)).data


class ArticleWriteSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    """An article's content; its status moves only through the workflow actions. The byline
    is its authors' names, so it is sent as `authors` (slugs, in byline order)."""

    unknown_hints = {
        "byline": "The byline is made from the authors: send `authors` (their slugs).",
    }

    section = SlugRelatedField(
        slug_field="slug", queryset=Section.objects.all(), required=False, allow_null=True
    )
    tags = SlugRelatedField(
        slug_field="slug", queryset=Tag.objects.all(), many=True, required=False
    )
    authors = SlugRelatedField(
        slug_field="slug",
        queryset=Author.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the authors, in byline order.",
    )

    films = SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), many=True, required=False
    )
    people = SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), many=True, required=False
    )
    sources = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), many=True, required=False
    )
    lead_image = serializers.PrimaryKeyRelatedField(
        queryset=Image.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of an image in the library (POST /api/v1/images/ to upload one).",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        write_only=True,
        help_text="The version you edited (or send its ETag in If-Match); a stale one is a 412.",
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "lead_image",
            "section",
            "tags",
            "authors",
            "films",
            "people",
            "sources",
            "unpublish_at",
            "version",
        ]


class TransitionSerializer(RefusesUnknownFields, serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you saw (or send If-Match)."
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Sent with the notification (to the editors, or to the writer).",
    )


class PublishSerializer(TransitionSerializer):
    approve_quotes = serializers.BooleanField(
        default=False, help_text="Approve the featured quotes still awaiting approval."
    )


class ScheduleSerializer(PublishSerializer):
    at = serializers.DateTimeField(help_text="When it goes live; must be in the future.")
