"""The Ballerina demo: the seed article and everything it names, loaded from shipped data.

Loading is idempotent: each row is found by its natural key (a slug, or a source and text) and
only written when something differs, so a second run reports nothing created or changed.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.db import models, transaction

from quotes.models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)
from quotes.models.people import default_sort_name

from .demo_images import demo_image
from .models import Article, Author, Byline, FeaturedQuote, Section, Tag

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_FILE = DEMO_DIR / "ballerina.json"


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        def fmt(counter: Counter) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(counter.items())) or "nothing"

        return f"created: {fmt(self.created)}; updated: {fmt(self.updated)}"


def upsert(report: LoadReport, model: type[models.Model], lookup: dict, values: dict):
    """Create the row, or update only the fields that differ, so reloading is a no-op."""
    obj = model.objects.filter(**lookup).first()
    label = model._meta.verbose_name_plural
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.created[label] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        report.updated[label] += 1
    return obj


def set_m2m(report: LoadReport, obj: models.Model, name: str, targets: list) -> None:
    manager = getattr(obj, name)
    if {t.pk for t in manager.all()} != {t.pk for t in targets}:
        manager.set(targets)
        report.updated[f"{obj._meta.verbose_name} {name}"] += 1


def load_demo(path: Path = DEMO_FILE) -> LoadReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()
    with transaction.atomic():
        sections = {
            s["slug"]: upsert(
                report,
                Section,
                {"slug": s["slug"]},
                {"name": s["name"], "description": s["description"], "position": s["position"]},
            )
            for s in data["sections"]
        }
        tags = {
            t["slug"]: upsert(report, Tag, {"slug": t["slug"]}, {"name": t["name"]})
            for t in data["tags"]
        }
        authors = {
            a["slug"]: upsert(
                report,
                Author,
                {"slug": a["slug"]},
                {
                    "name": a["name"],
                    "role": a["role"],
                    "bio": a["bio"],
                    "is_organization": a["is_organization"],
                },
            )
            for a in data["authors"]
        }
        franchises = {
            f["slug"]: upsert(
                report,
                Franchise,
                {"slug": f["slug"]},
                {"name": f["name"], "description": f["description"]},
            )
            for f in data["franchises"]
        }
        outlets = {
            o["slug"]: upsert(
                report,
                Outlet,
                {"slug": o["slug"]},
                {"name": o["name"], "url": o["url"], "kind": o["kind"]},
            )
            for o in data["outlets"]
        }
        people = {
            p["slug"]: upsert(
                report,
                Person,
                {"slug": p["slug"]},
                {
                    "name": p["name"],
                    "sort_name": p.get("sort_name") or default_sort_name(p["name"]),
                    "aliases": "\n".join(p["aliases"]),
                    "bio": p["bio"],
                },
            )
            for p in data["people"]
        }
        characters = {
            c["slug"]: upsert(
                report,
                Character,
                {"slug": c["slug"]},
                {
                    "name": c["name"],
                    "franchise": franchises[c["franchise"]],
                    "aliases": "\n".join(c["aliases"]),
                    "description": c["description"],
                },
            )
            for c in data["characters"]
        }
        films = {
            f["slug"]: upsert(
                report,
                Film,
                {"slug": f["slug"]},
                {
                    "title": f["title"],
                    "release_on": parse_date(f["release_on"]),
                    "status": f["status"],
                    "franchise": franchises.get(f["franchise"]),
                    "studio": outlets.get(f["studio"]),
                    "synopsis": f["synopsis"],
                },
            )
            for f in data["films"]
        }
        for c in data["credits"]:
            upsert(
                report,
                Credit,
                {
                    "film": films[c["film"]],
                    "person": people[c["person"]],
                    "role": c["role"],
                    "character": characters.get(c.get("character")),
                },
                {"position": c["position"]},
            )
        sources: dict[str, Source] = {}
        for s in data["sources"]:
            text = (
                (DEMO_DIR / s["text_file"]).read_text(encoding="utf-8") if "text_file" in s else ""
            )
            sources[s["key"]] = upsert(
                report,
                Source,
                {"outlet": outlets[s["outlet"]], "title": s["title"]},
                {
                    "kind": s["kind"],
                    "url": s["url"],
                    "published_on": parse_date(s["published_on"]),
                    "via": sources.get(s["via"]),
                    "text": text,
                },
            )
        for b in data["box_office"]:
            upsert(
                report,
                BoxOfficeFigure,
                {
                    "film": films[b["film"]],
                    "kind": b["kind"],
                    "territory": b["territory"],
                    "as_of": parse_date(b["as_of"]),
                },
                {
                    "amount": Decimal(b["amount"]),
                    "currency": b["currency"],
                    "is_estimate": b["is_estimate"],
                    "source": sources[b["source"]],
                },
            )
        quotes: dict[str, Quote] = {}
        for q in data["quotes"]:
            quote = upsert(
                report,
                Quote,
                {"source": sources[q["source"]], "text": q["text"]},
                {
                    "speaker_person": people.get(q.get("speaker_person")),
                    "speaker_character": characters.get(q.get("speaker_character")),
                    "parent": quotes.get(q.get("parent")),
                    "state": Quote.State.APPROVED,
                    "verification_status": Quote.Verification.VERIFIED,
                    "verification_note": "Verbatim in the ActioNewz.com report of the interview.",
                },
            )
            set_m2m(report, quote, "films", [films[slug] for slug in q["films"]])
            quotes[q["key"]] = quote
        structure = {"sections": sections, "tags": tags, "authors": authors}
        article = load_article(report, data["article"], structure, films, people, sources, quotes)
        load_images(report, film=films["ballerina"], article=article)
        records = [article, *franchises.values(), *outlets.values(), *people.values()]
        records += [*characters.values(), *films.values(), *sources.values(), *quotes.values()]
        date_as_published(records, article.published_at)
    return report


def date_as_published(records: list[models.Model], moment: datetime) -> None:
    """Give the demo's records the date of the story they come from rather than the time of
    loading: `auto_now` would stamp them today, and pages, feeds and the sitemap would say the
    article was updated months after it appeared. `update()` writes the column as given
    (`auto_now` applies to `save()` only) and skips rows already dated."""
    by_model: dict[type, list] = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record.pk)
    for model, pks in by_model.items():
        model.objects.filter(pk__in=pks).exclude(updated_at=moment).update(
            created_at=moment, updated_at=moment
        )


def load_images(report: LoadReport, *, film: Film, article: Article) -> None:
    """The drawn poster and title card (`demo_images`), set as the film's poster and the
    article's lead image. People get no photo: the demo invents no one's likeness."""
    for record, field_name, key in ((film, "poster", "ballerina-poster"),
                                    (article, "lead_image", "ballerina-title-card")):  # fmt: skip
        image, created = demo_image(key)
        if created:
            report.created["images"] += 1
        upsert(report, type(record), {"pk": record.pk}, {field_name: image})


def load_article(report, spec, structure, films, people, sources, quotes) -> Article:
    article = upsert(
        report,
        Article,
        {"slug": spec["slug"]},
        {
            "title": spec["title"],
            "standfirst": spec["standfirst"],
            "section": structure["sections"][spec["section"]],
            "body": (DEMO_DIR / spec["body_file"]).read_text(encoding="utf-8"),
            "status": Article.Status.PUBLISHED,
            "published_at": datetime.fromisoformat(spec["published_at"]),
        },
    )
    set_m2m(report, article, "films", [films[slug] for slug in spec["films"]])
    set_m2m(report, article, "people", [people[slug] for slug in spec["people"]])
    set_m2m(report, article, "sources", [sources[key] for key in spec["sources"]])
    set_m2m(report, article, "tags", [structure["tags"][slug] for slug in spec["tags"]])
    for position, slug in enumerate(spec["authors"]):
        upsert(
            report,
            Byline,
            {"article": article, "author": structure["authors"][slug]},
            {"position": position},
        )
    for position, key in enumerate(spec["featured_quotes"]):
        upsert(
            report,
            FeaturedQuote,
            {"article": article, "quote": quotes[key]},
            {"position": position},
        )
    return article


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
