"""API representations of the quote database, one serializer per use, with explicit fields.

Read serializers are shapes of `.values()` rows (`core.api.rows`): each reads its columns and
its related records in a fixed number of queries for a whole page. Write serializers validate
input and hand it to `quotes.services`.
"""

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import compiled
from core.api.fields import SlugRelatedField
from core.api.inputs import RefusesUnknownFields
from core.api.links import LINKS_SCHEMA, UtcDateTimeField
from core.api.rows import (
    MethodField,
    Related,
    RelatedList,
    RelatedOne,
    RowLinks,
    RowSerializer,
    moment,
)
from core.surrogate import add_keys
from images.serializers import ImageSerializer

from .models import Character, Film, Franchise, Outlet, Person, Quote, Source
from .models.base import split_aliases
from .querysets import CHAIN_LEVELS, relay_ids
from .services import APPROVE_QUOTE

# Reference records ----------------------------------------------------------------------------


class FranchiseSerializer(RowSerializer):
    links = RowLinks("franchise-detail", page_lookup=None)  # no public page of its own

    class Meta(RowSerializer.Meta):
        model = Franchise
        fields = ["id", "name", "slug", "description", "links"]


class FranchiseRefSerializer(RowSerializer):
    class Meta(RowSerializer.Meta):
        model = Franchise
        fields = ["name", "slug"]


class OutletSerializer(RowSerializer):
    links = RowLinks("outlet-detail")

    class Meta(RowSerializer.Meta):
        model = Outlet
        fields = ["id", "name", "slug", "url", "kind", "links"]


class OutletRefSerializer(RowSerializer):
    class Meta(RowSerializer.Meta):
        model = Outlet
        fields = ["name", "slug", "url"]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AliasesField(serializers.Field):
    """The aliases typed one a line, as a list."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return split_aliases(value)


class PersonSerializer(RowSerializer):
    links = RowLinks("person-detail")
    aliases = AliasesField()
    photo = ImageSerializer(read_only=True, allow_null=True)

    class Meta(RowSerializer.Meta):
        model = Person
        fields = ["id", "name", "sort_name", "slug", "aliases", "bio", "photo", "links"]


class CharacterSerializer(RowSerializer):
    links = RowLinks("character-detail")
    aliases = AliasesField()
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)

    class Meta(RowSerializer.Meta):
        model = Character
        fields = ["id", "name", "slug", "franchise", "aliases", "description", "links"]


class FilmRefSerializer(RowSerializer):
    links = RowLinks("film-detail")

    class Meta(RowSerializer.Meta):
        model = Film
        fields = ["title", "slug", "release_on", "links"]


class FilmSerializer(RowSerializer):
    links = RowLinks("film-detail")
    franchise = FranchiseRefSerializer(read_only=True, allow_null=True)
    studio = OutletRefSerializer(read_only=True, allow_null=True)
    poster = ImageSerializer(read_only=True, allow_null=True)

    class Meta(RowSerializer.Meta):
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


class SourceHopSerializer(RowSerializer):
    """One hop of a source chain: who published it, where, when."""

    links = RowLinks("source-detail", lookup="pk")
    outlet = OutletRefSerializer(read_only=True)

    class Meta(RowSerializer.Meta):
        model = Source
        fields = ["id", "title", "kind", "outlet", "url", "published_on", "links"]


def source_chains(source_ids: set, *, public: bool = False) -> dict:
    """Each source's chain (`Source.chain()`, read as rows): the source, then each source it
    reached us through, as far as a reader is shown (`CHAIN_LEVELS` sources). One query for
    all of them, however long their chains. With `public`, for chains shown from a source of
    their own rather than from a quote's, the relays are read from `published()` and a chain
    stops before the first that is not public (`load_source_chains`)."""
    columns = (*SourceHopSerializer.columns(), "via_id")

    def build(keys: list):
        hops = Source.objects.filter(pk__in=relay_ids(set(keys), Source, themselves=True))
        if public:
            # Asked of each hop, not filtered on: the source itself is shown to the desk
            # whether or not it is public.
            public_hop = Source.objects.published().filter(pk=OuterRef("pk"))
            hops = hops.annotate(public=Exists(public_hop))
        return hops.order_by().values(*columns, *(["public"] if public else []))

    # Compiled once per process for each number of sources (`core.compiled`), as the page's
    # other related reads are.
    name = "public source chains" if public else "source chains"
    found = compiled.keyed_rows((name, *columns), build, sorted(source_ids), generic_plan=public)
    by_id = {hop["id"]: hop for hop in found}
    chains = {}
    for source_id in source_ids:
        chain, hop = [], by_id.get(source_id)
        while hop is not None and hop not in chain and len(chain) < CHAIN_LEVELS:
            chain.append(hop)
            hop = by_id.get(hop["via_id"])
            if public and hop is not None and not hop["public"]:
                break
        chains[source_id] = chain
    return chains


def public_source_chains(source_ids: set) -> dict:
    return source_chains(source_ids, public=True)


def chain_field(key: str, help_text: str, load=source_chains) -> RelatedList:
    return RelatedList(
        child=SourceHopSerializer(),
        related=Related(key=key, load=load),
        help_text=help_text,
    )


class SourceSerializer(SourceHopSerializer):
    chain = chain_field(
        "id",
        "This source, then each source it reached us through, as far as readers are shown.",
        load=public_source_chains,
    )

    class Meta(SourceHopSerializer.Meta):
        fields = [*SourceHopSerializer.Meta.fields, "chain"]


# Quotes ---------------------------------------------------------------------------------------

SPEAKER_COLUMNS = tuple(
    f"{speaker}__{column}"
    for speaker in ("speaker_person", "speaker_character")
    for column in ("id", "name", "slug")
)


class SpeakerSerializer(serializers.Serializer):
    """Who said it: a person or a film character, told apart by `type`."""

    type = serializers.ChoiceField(choices=["person", "character"])
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    links = LINKS_SCHEMA


SPEAKER_LINKS = {
    "person": RowLinks("person-detail").maker(Person),
    "character": RowLinks("character-detail").maker(Character),
}


@extend_schema_field(SpeakerSerializer)
def speaker_of(row: dict, context: dict) -> dict:
    kind = "person" if row["speaker_person__id"] is not None else "character"
    prefix = f"speaker_{kind}__"
    who = {"id": row[prefix + "id"], "slug": row[prefix + "slug"]}
    add_keys([f"{kind}-{who['id']}"])
    return {
        "type": kind,
        "id": who["id"],
        "name": row[prefix + "name"],
        "slug": who["slug"],
        "links": SPEAKER_LINKS[kind](who, context),
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


VERIFICATION_LABELS = dict(Quote.Verification.choices)
VERIFIED_AT = UtcDateTimeField()


class QuoteRefSerializer(RowSerializer):
    """A quote named from another: its parent or a line nested in it."""

    links = RowLinks("quote-detail", lookup="pk")
    speaker = MethodField(*SPEAKER_COLUMNS)

    class Meta(RowSerializer.Meta):
        model = Quote
        fields = ["id", "text", "speaker", "links"]

    get_speaker = staticmethod(speaker_of)


class QuoteListSerializer(RowSerializer):
    links = RowLinks("quote-detail", lookup="pk")
    speaker = MethodField(*SPEAKER_COLUMNS)
    source_chain = chain_field(
        "source_id", "Where it was first said, then each source it reached us through."
    )
    films = RelatedList(
        child=FilmRefSerializer(),
        related=Related(
            lambda: Quote.films.through.objects.order_by("film__title", "film__id"),
            link="quote_id",
            prefix="film__",
        ),
    )
    verification = MethodField(
        "verification_status", "verification_note", "verified_at", "verification_set_by"
    )
    parent = RelatedOne(
        child=QuoteRefSerializer(),
        related=Related(Quote.objects.all, key="parent_id", link="id"),
    )
    nested_quotes = RelatedList(
        child=QuoteRefSerializer(),
        related=Related(lambda: Quote.objects.published().order_by("-id"), link="parent_id"),
        help_text="Published lines quoted in it.",
    )

    class Meta(RowSerializer.Meta):
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

    get_speaker = staticmethod(speaker_of)

    @staticmethod
    @extend_schema_field(VerificationSerializer)
    def get_verification(row, context) -> dict:
        verified_at = row["verified_at"]
        set_by = None
        if verified_at is not None:
            set_by = "editor" if row["verification_set_by"] else "check"
        return {
            "status": row["verification_status"],
            "label": VERIFICATION_LABELS[row["verification_status"]],
            "note": row["verification_note"],
            "set_by": set_by,
            "verified_at": moment(verified_at, context, VERIFIED_AT.to_representation),
        }


class QuoteDetailSerializer(QuoteListSerializer):
    class Meta(QuoteListSerializer.Meta):
        fields = [
            *QuoteListSerializer.Meta.fields,
            "state",
            # Set while approved for a story scheduled for later: staff alone see such a quote.
            "public_from",
            "version",
            "created_at",
            "updated_at",
        ]


class QuoteWriteSerializer(RefusesUnknownFields, serializers.ModelSerializer):
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


class QuoteStateSerializer(RefusesUnknownFields, serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
