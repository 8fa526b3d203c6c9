"""The reference records of the bulk dataset: franchises, outlets, people, characters, films
with credits, sources with via chains, and box-office figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.text import slugify

from quotes.models import (
    Character,
    Film,
    Franchise,
    Outlet,
    Person,
    Source,
)

from .vocabulary import (
    CURRENCIES,
    FIRST_NAMES,
    LAST_NAMES,
    NEWS_NOUNS,
    NICKNAMES,
    OUTLET_PARTS,
    OUTLET_SUFFIXES,
    ROLE_NOUNS,
    STUDIO_PARTS,
    TERRITORY_CODES,
    TITLE_ADJ,
    TITLE_NOUN,
    Prose,
    cumulative,
)


@dataclass
class PrimarySource:
    id: int
    published_on: date
    kind: str
    speaker: int  # index into people
    films: tuple[int, ...]


class ReferenceRows:
    """Rows of the records quotes point at, for `Loader`."""

    @property
    def franchise_count(self) -> int:
        return max(2, self.counts.films // 6)

    def franchises(self) -> Iterator[dict]:
        rng = self.rng("franchises")
        first = self.ids[Franchise].take(self.franchise_count)
        self.franchise_ids = list(range(first, first + self.franchise_count))
        for pk in self.franchise_ids:
            name = f"{rng.choice(TITLE_ADJ)} {rng.choice(TITLE_NOUN)}"
            yield {
                "id": pk,
                "name": name,
                "slug": f"{slugify(name)}-{pk}",
                "description": f"The {name} films and series.",
            }

    def outlets(self) -> Iterator[dict]:
        rng = self.rng("outlets")
        n = self.counts.outlets
        first = self.ids[Outlet].take(n)
        self.outlet_ids: dict[str, list[int]] = {}
        kinds = ["publisher"] * 5 + ["aggregator"] * 3 + ["broadcaster", "agency", "social"]
        for i, pk in enumerate(range(first, first + n)):
            kind = "studio" if i % 6 == 5 else kinds[i % len(kinds)]
            if kind == "studio":
                name = f"{rng.choice(STUDIO_PARTS)} Pictures"
            elif kind == "aggregator":
                name = f"{rng.choice(OUTLET_PARTS)}Newz.com"
            elif kind == "social":
                name = f"{rng.choice(OUTLET_PARTS)}gram"
            else:
                name = f"The {rng.choice(OUTLET_PARTS)} {rng.choice(OUTLET_SUFFIXES)}"
            self.outlet_ids.setdefault(kind, []).append(pk)
            slug = f"{slugify(name)}-{pk}"
            yield {
                "id": pk,
                "name": name,
                "slug": slug,
                "url": f"https://{slug}.example.com/",
                "kind": kind,
            }

    def people(self) -> Iterator[dict]:
        rng = self.rng("people")
        n = self.counts.people
        first = self.ids[Person].take(n)
        self.person_ids = list(range(first, first + n))
        self.person_names: list[str] = []
        prose = Prose(rng)
        for pk in self.person_ids:
            given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{given} {family}"
            self.person_names.append(name)
            aliases = [family]
            if rng.random() < 0.15:
                aliases.append(rng.choice(NICKNAMES))
            yield {
                "id": pk,
                "name": name,
                "sort_name": f"{family}, {given}",
                "slug": f"{slugify(name)}-{pk}",
                "aliases": "\n".join(aliases),
                "bio": prose.sentence() if rng.random() < 0.5 else "",
            }
        self.person_weights = cumulative(n, 0.6)

    def characters(self) -> Iterator[dict]:
        rng = self.rng("characters")
        n = self.counts.characters
        first = self.ids[Character].take(n)
        self.character_ids = list(range(first, first + n))
        self.character_names: list[str] = []
        for pk in self.character_ids:
            name = f"{rng.choice(FIRST_NAMES)} the {rng.choice(ROLE_NOUNS).title()}"
            self.character_names.append(name)
            yield {
                "id": pk,
                "name": name,
                "slug": f"{slugify(name)}-{pk}",
                "franchise_id": rng.choice(self.franchise_ids) if rng.random() < 0.6 else None,
                "aliases": name.split()[0],
                "description": "",
            }

    def films(self) -> Iterator[dict]:
        rng = self.rng("films")
        prose = Prose(rng)
        n = self.counts.films
        first = self.ids[Film].take(n)
        self.film_ids = list(range(first, first + n))
        self.film_release: dict[int, date | None] = {}
        studios = self.outlet_ids.get("studio") or [None]
        for i, pk in enumerate(self.film_ids):
            title = f"The {rng.choice(TITLE_ADJ)} {rng.choice(TITLE_NOUN)}"
            if rng.random() < 0.2:
                title = f"{title} {rng.randint(2, 4)}"
            status = (
                "released"
                if rng.random() < 0.8
                else rng.choice(("in_development", "announced", "in_production", "cancelled"))
            )
            release = self.today - timedelta(days=rng.randint(0, 365 * 30))
            if status != "released":
                release = (
                    self.today + timedelta(days=rng.randint(30, 900))
                    if rng.random() < 0.5
                    else None
                )
            self.film_release[pk] = release if status == "released" else None
            yield {
                "id": pk,
                "title": title,
                "slug": f"{slugify(title)}-{pk}",
                "release_on": release,
                "franchise_id": self.franchise_ids[i % len(self.franchise_ids)]
                if rng.random() < 0.4
                else None,
                "studio_id": rng.choice(studios),
                "status": status,
                "synopsis": prose.paragraph(2),
            }
        self.film_weights = cumulative(n, 0.8)

    def credits(self) -> Iterator[dict]:
        rng = self.rng("credits")
        crew = ("director", "writer", "producer", "composer", "cinematographer", "editor")
        for film_id in self.film_ids:
            people = rng.sample(self.person_ids, min(len(self.person_ids), 9))
            position = 0
            for role, person in zip(crew[: rng.randint(2, 5)], people, strict=False):
                yield {"film_id": film_id, "person_id": person, "role": role, "position": position}
                position += 1
            for person in people[5 : 5 + rng.randint(1, 4)]:
                yield {
                    "film_id": film_id,
                    "person_id": person,
                    "role": "cast",
                    "character_id": rng.choice(self.character_ids),
                    "position": position,
                }
                position += 1

    def sources(self) -> Iterator[dict]:
        """Primary sources (where words were said), some relayed through one to three other
        sources: the relays are written first, so each via points at a row already present."""
        rng = self.rng("sources")
        prose = Prose(rng)
        ids = self.ids[Source]
        publishers = self.outlet_ids.get("publisher", []) + self.outlet_ids.get("broadcaster", [])
        relays = self.outlet_ids.get("aggregator", []) + self.outlet_ids.get("agency", [])
        social = self.outlet_ids.get("social") or publishers
        kinds = (
            ["interview"] * 45
            + ["article"] * 15
            + ["press_release"] * 5
            + ["social_post"] * 10
            + ["broadcast"] * 8
            + ["event"] * 9
            + ["dialogue"] * 8
        )
        self.primaries: list[PrimarySource] = []
        span = 365 * 6
        for i in range(self.counts.sources):
            kind = rng.choice(kinds)
            published = self.today - timedelta(days=span - (i * span) // self.counts.sources)
            films = tuple(
                {self.film_ids[j] for j in self.weighted(rng, self.film_weights, rng.randint(0, 2))}
            )
            via = None
            if rng.random() < 0.45:
                hops = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
                for _ in range(hops):
                    pk = ids.take()
                    outlet = rng.choice(relays or publishers)
                    yield {
                        "id": pk,
                        "outlet_id": outlet,
                        "title": f"{prose.sentence()[:-1]} (report)",
                        "url": f"https://relay-{outlet}.example.com/{pk}",
                        "published_on": published + timedelta(days=rng.randint(0, 2)),
                        "kind": "article",
                        "via_id": via,
                    }
                    via = pk
            pk = ids.take()
            speaker = self.weighted(rng, self.person_weights, 1)[0]
            outlet = rng.choice(social if kind == "social_post" else publishers)
            self.primaries.append(PrimarySource(pk, published, kind, speaker, films))
            yield {
                "id": pk,
                "outlet_id": outlet,
                "title": f"{self.person_names[speaker]} on {rng.choice(NEWS_NOUNS)}",
                "url": f"https://outlet-{outlet}.example.com/{pk}",
                "published_on": published,
                "kind": kind,
                "via_id": via,
                "text": prose.paragraph(4) if rng.random() < 0.05 else "",
            }

    def box_office(self) -> Iterator[dict]:
        rng = self.rng("box office")
        for film_id, release in self.film_release.items():
            if release is None:
                continue
            budget = Decimal(rng.randint(5, 250) * 1_000_000)
            opening = Decimal(rng.randint(1, 180) * 1_000_000 + rng.randint(0, 999_999))
            source = rng.choice(self.primaries).id
            figures = [
                ("budget", "worldwide", budget, release - timedelta(days=30), True),
                ("opening", "domestic", opening, release + timedelta(days=3), False),
                (
                    "cumulative",
                    "worldwide",
                    opening * rng.randint(3, 9),
                    release + timedelta(days=60),
                    False,
                ),
            ]
            if rng.random() < 0.5:
                code = rng.choice(TERRITORY_CODES)
                figures.append(("opening", code, opening / 10, release + timedelta(days=3), True))
            for kind, territory, amount, as_of, estimate in figures:
                yield {
                    "film_id": film_id,
                    "kind": kind,
                    "territory": territory,
                    "amount": amount.quantize(Decimal("0.01")),
                    "currency": CURRENCIES.get(territory, "USD"),
                    "as_of": as_of,
                    "is_estimate": estimate,
                    "source_id": source,
                }
