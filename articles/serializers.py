"""API representations of articles: a list row, a full article, and what an editor may send."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import SlugRelatedField
from core.api.links import LinksField, RecordSerializer
from quotes.models import Film, Person, Source
from quotes.serializers import FilmRefSerializer, QuoteListSerializer, SourceHopSerializer

from .models import Article


class PersonRefSerializer(RecordSerializer):
    links = LinksField("person-detail")

    class Meta:
        model = Person
        fields = ["name", "slug", "links"]


class ArticleListSerializer(RecordSerializer):
    links = LinksField("article-detail", lookup="pk", page_lookup="slug")

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "slug",
            "standfirst",
            "byline",
            "status",
            "published_at",
            "updated_at",
            "links",
        ]


class ArticleDetailSerializer(ArticleListSerializer):
    films = FilmRefSerializer(many=True, read_only=True)
    people = PersonRefSerializer(many=True, read_only=True)
    sources = SourceHopSerializer(many=True, read_only=True)
    featured_quotes = serializers.SerializerMethodField(
        help_text="The quotes it features, in order (published ones only)."
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [
            *ArticleListSerializer.Meta.fields,
            "body",
            "body_html",
            "was_updated",
            "films",
            "people",
            "sources",
            "featured_quotes",
            "version",
            "created_at",
        ]

    @extend_schema_field(QuoteListSerializer(many=True))
    def get_featured_quotes(self, article) -> list:
        # `published_featured` is prefetched by the viewset, in the article's order.
        quotes = [featured.quote for featured in article.published_featured]
        return QuoteListSerializer(quotes, many=True, context=self.context).data


class ArticleWriteSerializer(serializers.ModelSerializer):
    """An article's content; its status moves only through the workflow actions."""

    films = SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), many=True, required=False
    )
    people = SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), many=True, required=False
    )
    sources = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), many=True, required=False
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
            "byline",
            "films",
            "people",
            "sources",
            "version",
        ]


class TransitionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you saw (or send If-Match)."
    )


class PublishSerializer(TransitionSerializer):
    approve_quotes = serializers.BooleanField(
        default=False, help_text="Approve the featured quotes still awaiting approval."
    )


class ScheduleSerializer(PublishSerializer):
    at = serializers.DateTimeField(help_text="When it goes live; must be in the future.")
