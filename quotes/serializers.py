"""API representations of the quote database, one serializer per use, with explicit fields.

Read serializers expect the rows their viewset loaded (`select_related`/`prefetch_related`):
they never query. Write serializers validate input and hand it to `quotes.services`.
"""

from functools import lru_cache

from django.urls import get_script_prefix
from django.urls import reverse as django_reverse
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from cms.api import SlugRelatedField
from cms.api_read import CompiledReadMixin

from .models import Character, Film, Franchise, Outlet, Person, Quote, Source

LINKS_SCHEMA = inline_serializer(
    "Links",
    {
        "api": serializers.URLField(help_text="This record in the API."),
        "page": serializers.URLField(
            allow_null=True, help_text="This record's public page (none for a franchise)."
        ),
    },
)


# A stand-in lookup value that every route's converter accepts (int, slug, DRF's [^/.]+).
URL_MARKER = "2147483646"


@lru_cache(maxsize=512)
def url_pattern(view_name: str, lookup: str, script_prefix: str) -> str:
    """An API route reversed once, with `URL_MARKER` where the lookup value goes.

    A list of 50 quotes links some 400 records; `reverse()` for each costs more than the SQL.
    """
    return django_reverse(view_name, kwargs={lookup: URL_MARKER})


@lru_cache(maxsize=64)
def page_pattern(model: type, lookup: str, script_prefix: str) -> str:
    """The model's public page URL with `URL_MARKER` for its lookup, from the model's own
    `get_absolute_url()` on a stand-in instance, so that the two cannot disagree."""
    return model(**{lookup: URL_MARKER}).get_absolute_url()


def site_root(request) -> str:
    """`scheme://host` of the request, worked out once per request."""
    if request is None:
        return ""
    root = getattr(request, "_quotedesk_site_root", None)
    if root is None:
        root = request.build_absolute_uri("/")[:-1]
        request._quotedesk_site_root = root
    return root


class RecordLinks:
    """The links of records of one kind, for one request: the record's API URL and its public
    page, absolute, from the route patterns split once at `URL_MARKER`. What `reverse()` and
    `get_absolute_url()` give (a test compares them)."""

    def __init__(self, request, model: type, view_name: str, lookup: str, page_lookup: str = ""):
        prefix, root = get_script_prefix(), site_root(request)
        self.api = (root + url_pattern(view_name, lookup, prefix)).split(URL_MARKER)
        self.page = (root + page_pattern(model, page_lookup or lookup, prefix)).split(URL_MARKER)

    def __call__(self, value, page_value=None) -> dict:
        page_value = value if page_value is None else page_value
        return {"api": str(value).join(self.api), "page": str(page_value).join(self.page)}

    def many(self, values, page_values=None) -> list[dict]:
        """The links of many records at once (a page of a list: one call, not one a row)."""
        api, page = self.api, self.page
        page_values = values if page_values is None else page_values
        return [
            {"api": str(value).join(api), "page": str(page_value).join(page)}
            for value, page_value in zip(values, page_values, strict=True)
        ]


def links(obj, request, view_name: str, lookup: str = "pk", page_lookup: str = "") -> dict:
    """`RecordLinks` of one record; the page URL is found by `page_lookup` (default: the
    API's lookup)."""
    page_lookup = page_lookup or lookup
    return RecordLinks(request, type(obj), view_name, lookup, page_lookup)(
        getattr(obj, lookup), getattr(obj, page_lookup)
    )


class LinkedSerializer(CompiledReadMixin, serializers.ModelSerializer):
    """A serializer whose records carry `links` to themselves in the API and on the site."""

    view_name = ""
    lookup = "slug"
    page_lookup = ""  # the public page's lookup, when it is not the API's

    links = serializers.SerializerMethodField()

    @extend_schema_field(LINKS_SCHEMA)
    def get_links(self, obj) -> dict:
        request = self.context.get("request")
        return links(obj, request, self.view_name, self.lookup, self.page_lookup)


# Reference records ----------------------------------------------------------------------------


class FranchiseSerializer(LinkedSerializer):
    view_name = "franchise-detail"

    class Meta:
        model = Franchise
        fields = ["id", "name", "slug", "description", "links"]

    @extend_schema_field(LINKS_SCHEMA)
    def get_links(self, obj) -> dict:
        # A franchise has no public page of its own: only its API URL.
        request = self.context.get("request")
        return {
            "api": reverse(self.view_name, kwargs={"slug": obj.slug}, request=request),
            "page": None,
        }


class FranchiseRefSerializer(CompiledReadMixin, serializers.ModelSerializer):
    class Meta:
        model = Franchise
        fields = ["name", "slug"]


class OutletSerializer(LinkedSerializer):
    view_name = "outlet-detail"

    class Meta:
        model = Outlet
        fields = ["id", "name", "slug", "url", "kind", "links"]


class OutletRefSerializer(CompiledReadMixin, serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["name", "slug", "url"]


class PersonSerializer(LinkedSerializer):
    view_name = "person-detail"
    aliases = serializers.ListField(
        source="alias_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = Person
        fields = ["id", "name", "sort_name", "slug", "aliases", "bio", "links"]


class CharacterSerializer(LinkedSerializer):
    view_name = "character-detail"
    aliases = serializers.ListField(
        source="alias_list", child=serializers.CharField(), read_only=True
    )
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Character
        fields = ["id", "name", "slug", "franchise", "aliases", "description", "links"]


class FilmRefSerializer(LinkedSerializer):
    view_name = "film-detail"

    class Meta:
        model = Film
        fields = ["title", "slug", "release_on", "links"]


class FilmSerializer(LinkedSerializer):
    view_name = "film-detail"
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)
    studio = OutletRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Film
        fields = [
            "id",
            "title",
            "slug",
            "release_on",
            "status",
            "franchise",
            "studio",
            "synopsis",
            "links",
        ]


class SourceHopSerializer(LinkedSerializer):
    """One hop of a source chain: who published it, where, when."""

    view_name = "source-detail"
    lookup = "pk"
    outlet = OutletRefSerializer(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "title", "kind", "outlet", "url", "published_on", "links"]


class SourceSerializer(SourceHopSerializer):
    chain = SourceHopSerializer(
        many=True, read_only=True, help_text="This source, then each source it reached us through."
    )

    class Meta(SourceHopSerializer.Meta):
        fields = [*SourceHopSerializer.Meta.fields, "chain"]


# Quotes ---------------------------------------------------------------------------------------


class SpeakerSerializer(serializers.Serializer):
    """Who said it: a person or a film character, told apart by `type`."""

    type = serializers.ChoiceField(choices=["person", "character"])
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    links = LINKS_SCHEMA

    def to_representation(self, quote):
        request = self.context.get("request")
        if quote.speaker_person_id:
            speaker, kind, view_name = quote.speaker_person, "person", "person-detail"
        else:
            speaker, kind, view_name = quote.speaker_character, "character", "character-detail"
        return {
            "type": kind,
            "id": speaker.pk,
            "name": speaker.name,
            "slug": speaker.slug,
            "links": links(speaker, request, view_name, "slug"),
        }


class VerificationSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Quote.Verification.choices)
    label = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    verified_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, quote):
        return {
            "status": quote.verification_status,
            "label": quote.get_verification_status_display(),
            "note": quote.verification_note,
            "verified_at": serializers.DateTimeField().to_representation(quote.verified_at)
            if quote.verified_at
            else None,
        }


class QuoteRefSerializer(LinkedSerializer):
    """A quote named from another: its parent or a line nested in it."""

    view_name = "quote-detail"
    lookup = "pk"
    speaker = SpeakerSerializer(source="*", read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "text", "speaker", "links"]


class QuoteListSerializer(LinkedSerializer):
    view_name = "quote-detail"
    lookup = "pk"
    speaker = SpeakerSerializer(source="*", read_only=True)
    # Declared once, bound once per list: a serializer built per row costs more than the row.
    source_chain = SourceHopSerializer(
        source="source.chain",
        many=True,
        read_only=True,
        help_text="Where it was first said, then each source it reached us through.",
    )
    films = FilmRefSerializer(many=True, read_only=True)
    verification = VerificationSerializer(source="*", read_only=True)
    parent = QuoteRefSerializer(read_only=True, allow_null=True)
    nested_quotes = QuoteRefSerializer(
        source="published_nested_quotes",
        many=True,
        read_only=True,
        help_text="Published lines quoted in it.",
    )

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "speaker",
            "said_on",
            "source_chain",
            "films",
            "verification",
            "parent",
            "nested_quotes",
            "links",
        ]


class QuoteDetailSerializer(QuoteListSerializer):
    class Meta(QuoteListSerializer.Meta):
        fields = [
            *QuoteListSerializer.Meta.fields,
            "state",
            "version",
            "created_at",
            "updated_at",
        ]


class QuoteWriteSerializer(serializers.ModelSerializer):
    """What an editor may send to create or change a quote; the service has the last word."""

    speaker_person = SlugRelatedField(
        slug_field="slug",
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        help_text="The person's slug (or give speaker_character).",
    )
    speaker_character = SlugRelatedField(
        slug_field="slug",
        queryset=Character.objects.all(),
        required=False,
        allow_null=True,
        help_text="The character's slug (or give speaker_person).",
    )
    films = SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), many=True, required=False
    )
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Quote.objects.all(), required=False, allow_null=True
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        write_only=True,
        help_text="The version you edited (or send its ETag in If-Match); a stale one is a 412.",
    )

    class Meta:
        model = Quote
        fields = [*Quote.EDITABLE_FIELDS, "version"]
        extra_kwargs = {"source": {"help_text": "The id of the source where it was first said."}}

    def validate(self, attrs):
        # The model's clean() gives the same message, but only once both speakers are known;
        # on a partial update the other one comes from the stored quote.
        person = attrs.get("speaker_person", getattr(self.instance, "speaker_person", None))
        character = attrs.get(
            "speaker_character", getattr(self.instance, "speaker_character", None)
        )
        if person and character:
            raise serializers.ValidationError(
                {"speaker_character": "A quote has one speaker: a person or a character."}
            )
        if not (person or character):
            raise serializers.ValidationError(
                {"speaker_person": "Choose who said it: a person or a film character."}
            )
        return attrs


class QuoteStateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
