"""API representations of the quote database, one serializer per use, with explicit fields.

Read serializers expect the rows their viewset loaded (`select_related`/`prefetch_related`):
they never query. Write serializers validate input and hand it to `quotes.services`.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import SlugRelatedField
from core.api.links import LINKS_SCHEMA, LinksField, RecordSerializer, record_links
from core.surrogate import add_record
from images.serializers import ImageSerializer

from .models import Character, Film, Franchise, Outlet, Person, Quote, Source
from .models.base import split_aliases
from .services import APPROVE_QUOTE

# Reference records ----------------------------------------------------------------------------


class FranchiseSerializer(RecordSerializer):
    links = LinksField("franchise-detail", page_lookup=None)  # no public page of its own

    class Meta:
        model = Franchise
        fields = ["id", "name", "slug", "description", "links"]


class FranchiseRefSerializer(RecordSerializer):
    class Meta:
        model = Franchise
        fields = ["name", "slug"]


class OutletSerializer(RecordSerializer):
    links = LinksField("outlet-detail")

    class Meta:
        model = Outlet
        fields = ["id", "name", "slug", "url", "kind", "links"]


class OutletRefSerializer(RecordSerializer):
    class Meta:
        model = Outlet
        fields = ["name", "slug", "url"]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AliasesField(serializers.Field):
    """The aliases typed one a line, as a list."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return split_aliases(value)


class PersonSerializer(RecordSerializer):
    links = LinksField("person-detail")
    aliases = AliasesField()
    photo = ImageSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ["id", "name", "sort_name", "slug", "aliases", "bio", "photo", "links"]


class CharacterSerializer(RecordSerializer):
    links = LinksField("character-detail")
    aliases = AliasesField()
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Character
        fields = ["id", "name", "slug", "franchise", "aliases", "description", "links"]


class FilmRefSerializer(RecordSerializer):
    links = LinksField("film-detail")

    class Meta:
        model = Film
        fields = ["title", "slug", "release_on", "links"]


class FilmSerializer(RecordSerializer):
    links = LinksField("film-detail")
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)
    studio = OutletRefSerializer(read_only=True, allow_null=True)
    poster = ImageSerializer(read_only=True, allow_null=True)

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
            "poster",
            "links",
        ]


class SourceHopSerializer(RecordSerializer):
    """One hop of a source chain: who published it, where, when."""

    links = LinksField("source-detail", lookup="pk")
    outlet = OutletRefSerializer(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "title", "kind", "outlet", "url", "published_on", "links"]


class ChainSerializer(serializers.ListSerializer):
    """A source's chain (`Source.chain()`): the source, then each source it reached us through.
    Given the source itself, so that DRF does not inspect `chain`'s signature for every row."""

    def to_representation(self, data):
        return super().to_representation(data.chain())


def chain_field(source: str, help_text: str) -> ChainSerializer:
    return ChainSerializer(
        child=SourceHopSerializer(), source=source, read_only=True, help_text=help_text
    )


class SourceSerializer(SourceHopSerializer):
    chain = chain_field("*", "This source, then each source it reached us through.")

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
        if quote.speaker_person_id:
            speaker, kind, view_name = quote.speaker_person, "person", "person-detail"
        else:
            speaker, kind, view_name = quote.speaker_character, "character", "character-detail"
        add_record(speaker)
        return {
            "type": kind,
            "id": speaker.pk,
            "name": speaker.name,
            "slug": speaker.slug,
            "links": record_links(self.context, speaker, view_name, "slug", "slug"),
        }


class VerificationSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Quote.Verification.choices)
    label = serializers.CharField()
    note = serializers.CharField(allow_blank=True)
    verified_at = serializers.DateTimeField(allow_null=True, help_text="When it was set.")
    set_by = serializers.ChoiceField(
        choices=["check", "editor"],
        allow_null=True,
        help_text="Who set it: the check against the source text, or an editor; null if never.",
    )

    def to_representation(self, quote):
        set_by = None
        if quote.verified_at is not None:
            set_by = "editor" if quote.verification_set_by_id else "check"
        return {
            "status": quote.verification_status,
            "label": quote.get_verification_status_display(),
            "note": quote.verification_note,
            "set_by": set_by,
            "verified_at": serializers.DateTimeField().to_representation(quote.verified_at)
            if quote.verified_at
            else None,
        }


class QuoteRefSerializer(RecordSerializer):
    """A quote named from another: its parent or a line nested in it."""

    links = LinksField("quote-detail", lookup="pk")
    speaker = SpeakerSerializer(source="*", read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "text", "speaker", "links"]


class QuoteListSerializer(RecordSerializer):
    links = LinksField("quote-detail", lookup="pk")
    speaker = SpeakerSerializer(source="*", read_only=True)
    # Declared once, bound once per list: a serializer built per row costs more than the row.
    source_chain = chain_field(
        "source", "Where it was first said, then each source it reached us through."
    )
    films = FilmRefSerializer(many=True, read_only=True)
    verification = VerificationSerializer(source="*", read_only=True)
    parent = QuoteRefSerializer(read_only=True, allow_null=True)
    # Prefetched by the viewsets (`published_nested`): the published lines only.
    nested_quotes = QuoteRefSerializer(
        source="published_nested",
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
        user = self.context["request"].user
        if not user.has_perm(APPROVE_QUOTE):
            current = self.instance or Quote()
            changed = [
                name
                for name in ("verification_status", "verification_note")
                if name in attrs and attrs[name] != getattr(current, name)
            ]
            if changed:
                message = "Only the check against the source text or an editor sets this."
                raise serializers.ValidationError(dict.fromkeys(changed, message))
        return attrs


class QuoteStateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
