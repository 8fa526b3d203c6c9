"""The SQL read path of the people, films and quotes lists (`cms.api_rows`): each gives what its
list serializer gives (`PersonSerializer`, `FilmSerializer`, `QuoteListSerializer`) for the
rows a reader may see, in a fixed number of queries."""

from collections import defaultdict

from cms.api_rows import (
    RowList,
    RowQuery,
    column,
    date_value,
    date_values,
    datetime_values,
    dict_rows,
    fetch,
    one_of,
)

from .models import Character, Film, Person, Quote, Source
from .models.base import split_each_aliases
from .serializers import RecordLinks

VERIFICATION_LABELS = dict(Quote.Verification.choices)
# Written into the SQL rather than bound, so that a prepared statement's generic plan can still
# use the partial indexes on approved quotes (a parameter cannot prove their predicate).
APPROVED = Quote.State.APPROVED.value


class PersonRows(RowList):
    def query(self, request) -> RowQuery:
        return RowQuery(
            Person,
            "SELECT p.id, p.name, p.sort_name, p.slug, p.aliases, p.bio"
            " FROM quotes_person p WHERE TRUE",
            [],
            {"sort_name": "p.sort_name", "name": "p.name", "id": "p.id"},
        )

    def represent(self, rows, request):
        links = RecordLinks(request, Person, "person-detail", "slug").many(
            [row["slug"] for row in rows]
        )
        aliases = split_each_aliases(column(rows, "aliases"))
        return [
            {
                "id": row["id"],
                "name": row["name"],
                "sort_name": row["sort_name"],
                "slug": row["slug"],
                "aliases": row_aliases,
                "bio": row["bio"],
                "links": row_links,
            }
            for row, row_aliases, row_links in zip(rows, aliases, links, strict=True)
        ]


class FilmRows(RowList):
    def query(self, request) -> RowQuery:
        return RowQuery(
            Film,
            "SELECT f.id, f.title, f.slug, f.release_on, f.status, f.synopsis,"
            " fr.id AS franchise_id, fr.name AS franchise_name, fr.slug AS franchise_slug,"
            " st.id AS studio_id, st.name AS studio_name, st.slug AS studio_slug,"
            " st.url AS studio_url"
            " FROM quotes_film f"
            " LEFT JOIN quotes_franchise fr ON fr.id = f.franchise_id"
            " LEFT JOIN quotes_outlet st ON st.id = f.studio_id"
            " WHERE TRUE",
            [],
            {"title": "f.title", "id": "f.id"},
        )

    def represent(self, rows, request):
        links = RecordLinks(request, Film, "film-detail", "slug").many(
            [row["slug"] for row in rows]
        )
        release_on = column(rows, "release_on", date_values())
        return [
            {
                "id": row["id"],
                "title": row["title"],
                "slug": row["slug"],
                "release_on": row_release_on,
                "status": row["status"],
                "franchise": None
                if row["franchise_id"] is None
                else {"name": row["franchise_name"], "slug": row["franchise_slug"]},
                "studio": None
                if row["studio_id"] is None
                else {
                    "name": row["studio_name"],
                    "slug": row["studio_slug"],
                    "url": row["studio_url"],
                },
                "synopsis": row["synopsis"],
                "links": row_links,
            }
            for row, row_release_on, row_links in zip(rows, release_on, links, strict=True)
        ]


# Quotes ----------------------------------------------------------------------------------------

SPEAKER_COLUMNS = (
    "q.speaker_person_id, sp.name AS person_name, sp.slug AS person_slug,"
    " q.speaker_character_id, sc.name AS character_name, sc.slug AS character_slug"
)
SPEAKER_JOINS = (
    " LEFT JOIN quotes_person sp ON sp.id = q.speaker_person_id"
    " LEFT JOIN quotes_character sc ON sc.id = q.speaker_character_id"
)
SOURCE_COLUMNS = (
    "s.id AS source_id, s.title AS source_title, s.kind AS source_kind, s.url AS source_url,"
    " s.published_on AS source_published_on, s.via_id AS source_via_id,"
    " o.name AS outlet_name, o.slug AS outlet_slug, o.url AS outlet_url"
)


class Speakers:
    """A quote's `speaker` as `SpeakerSerializer` gives it: a person or a film character."""

    def __init__(self, request) -> None:
        self.links = {
            "person": RecordLinks(request, Person, "person-detail", "slug"),
            "character": RecordLinks(request, Character, "character-detail", "slug"),
        }

    def __call__(self, row: dict) -> dict:
        kind = "person" if row["speaker_person_id"] else "character"
        slug = row[f"{kind}_slug"]
        return {
            "type": kind,
            "id": row[f"speaker_{kind}_id"],
            "name": row[f"{kind}_name"],
            "slug": slug,
            "links": self.links[kind](slug),
        }


class QuoteRows(RowList):
    """Published quotes, newest record first, as `QuoteListSerializer` gives them: the rows
    with speaker and source, then one query each for their films, for their parents and
    published nested lines together, and for the relays of their sources (at any depth,
    `WITH RECURSIVE`)."""

    def query(self, request) -> RowQuery:
        return RowQuery(
            Quote,
            "SELECT q.id, q.text, q.said_on, q.verification_status, q.verification_note,"
            f" q.verified_at, q.parent_id, {SPEAKER_COLUMNS}, {SOURCE_COLUMNS}"
            " FROM quotes_quote q"
            " LEFT JOIN quotes_quote pq ON pq.id = q.parent_id"
            f"{SPEAKER_JOINS}"
            " JOIN quotes_source s ON s.id = q.source_id"
            " JOIN quotes_outlet o ON o.id = s.outlet_id"
            f" WHERE q.state = '{APPROVED}' AND (q.parent_id IS NULL OR pq.state = '{APPROVED}')",
            [],
            {"id": "q.id"},
        )

    def represent(self, rows, request):
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        speaker = Speakers(request)
        quote_link = RecordLinks(request, Quote, "quote-detail", "pk")
        films = self.films(ids, request)
        parents, nested = self.refs(
            {row["parent_id"] for row in rows if row["parent_id"]}, ids, speaker, quote_link
        )
        chains = SourceChains(rows, request)
        verified = column(rows, "verified_at", datetime_values())
        return [
            {
                "id": row["id"],
                "text": row["text"],
                "speaker": speaker(row),
                "said_on": date_value(row["said_on"]),
                "source_chain": chains(row),
                "films": films.get(row["id"], []),
                "verification": {
                    "status": row["verification_status"],
                    "label": VERIFICATION_LABELS.get(
                        row["verification_status"], row["verification_status"]
                    ),
                    "note": row["verification_note"],
                    "verified_at": verified_at,
                },
                "parent": parents.get(row["parent_id"]),
                "nested_quotes": nested.get(row["id"], []),
                "links": quote_link(row["id"]),
            }
            for row, verified_at in zip(rows, verified, strict=True)
        ]

    def films(self, ids: list[int], request) -> dict[int, list[dict]]:
        link = RecordLinks(request, Film, "film-detail", "slug")
        found = defaultdict(list)
        wanted, params = one_of("qf.quote_id", ids)
        for quote_id, title, slug, release_on in fetch(
            "SELECT qf.quote_id, f.title, f.slug, f.release_on FROM quotes_quote_films qf"
            f" JOIN quotes_film f ON f.id = qf.film_id WHERE {wanted} ORDER BY f.title, f.id",
            params,
        ):
            found[quote_id].append(
                {
                    "title": title,
                    "slug": slug,
                    "release_on": date_value(release_on),
                    "links": link(slug),
                }
            )
        return found

    def refs(self, parent_ids, ids, speaker, quote_link):
        """The rows' parents (whatever their state: a published quote's parent is approved)
        and their published nested lines (approved, inside a row that is itself published),
        newest first, as `QuoteRefSerializer` gives them: one query for both."""

        def ref(row):
            return {
                "id": row["id"],
                "text": row["text"],
                "speaker": speaker(row),
                "links": quote_link(row["id"]),
            }

        in_page, params = one_of("q.parent_id", ids)
        wanted, params = f"{in_page} AND q.state = %s", [*params, Quote.State.APPROVED]
        if parent_ids:
            parent, parent_params = one_of("q.id", sorted(parent_ids))
            wanted, params = f"{parent} OR ({wanted})", [*parent_params, *params]
        parents, nested, page = {}, defaultdict(list), set(ids)
        for row in dict_rows(
            f"SELECT q.id, q.parent_id, q.state, q.text, {SPEAKER_COLUMNS} FROM quotes_quote q"
            f"{SPEAKER_JOINS} WHERE {wanted} ORDER BY q.id DESC",
            params,
        ):
            if row["id"] in parent_ids:
                parents[row["id"]] = ref(row)
            if row["parent_id"] in page and row["state"] == Quote.State.APPROVED:
                nested[row["parent_id"]].append(ref(row))
        return parents, nested


class SourceChains:
    """Each row's `source_chain`: its source, then every source it reached us through, read
    in one recursive query for the whole page (as `load_source_chains()` does)."""

    def __init__(self, rows: list[dict], request) -> None:
        self.link = RecordLinks(request, Source, "source-detail", "pk")
        self.relays = {}
        # Run for every page, relayed or not, so that a page's query count is fixed.
        starts = sorted({row["source_id"] for row in rows})
        if starts:
            wanted, params = one_of("id", starts)
            self.relays = {
                row["source_id"]: row
                for row in dict_rows(
                    "WITH RECURSIVE relay(id) AS ("
                    f" SELECT via_id FROM quotes_source WHERE {wanted} AND via_id IS NOT NULL"
                    " UNION SELECT s.via_id FROM quotes_source s JOIN relay ON s.id = relay.id"
                    " WHERE s.via_id IS NOT NULL)"
                    f" SELECT {SOURCE_COLUMNS} FROM quotes_source s"
                    " JOIN quotes_outlet o ON o.id = s.outlet_id"
                    " WHERE s.id IN (SELECT id FROM relay)",
                    params,
                )
            }
        self.hops: dict[int, dict] = {}

    def __call__(self, row: dict) -> list[dict]:
        chain, hop, seen = [], row, set()
        while hop is not None and hop["source_id"] not in seen:
            chain.append(self.hop(hop))
            seen.add(hop["source_id"])
            hop = self.relays.get(hop["source_via_id"])
        return chain

    def hop(self, row: dict) -> dict:
        found = self.hops.get(row["source_id"])
        if found is None:
            found = self.hops[row["source_id"]] = {
                "id": row["source_id"],
                "title": row["source_title"],
                "kind": row["source_kind"],
                "outlet": {
                    "name": row["outlet_name"],
                    "slug": row["outlet_slug"],
                    "url": row["outlet_url"],
                },
                "url": row["source_url"],
                "published_on": date_value(row["source_published_on"]),
                "links": self.link(row["source_id"]),
            }
        return found
