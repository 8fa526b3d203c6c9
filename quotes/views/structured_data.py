"""schema.org descriptions of the quote database's records, for the pages' JSON-LD."""

from core.pages import absolute_url
from images.presentation import image_ld

from ..models import Character, Credit, Film, Person, Quote, Source


def person_ld(person: Person, *, full: bool = False) -> dict:
    data = {"@type": "Person", "name": person.name, "url": absolute_url(person.get_absolute_url())}
    if person.same_as():
        data["sameAs"] = person.same_as()
    if full:
        data["@context"] = "https://schema.org"
        if person.bio:
            data["description"] = person.bio
        if person.alias_list():
            data["alternateName"] = person.alias_list()
        if person.photo_id:
            data["image"] = image_ld(person.photo, crops=("1x1", "orig"))
    return data


def character_ld(character: Character) -> dict:
    return {
        "@type": "Person",
        "name": character.name,
        "url": absolute_url(character.get_absolute_url()),
    }


def film_ld(film: Film, *, credits=(), full: bool = False) -> dict:
    data = {"@type": "Movie", "name": film.title, "url": absolute_url(film.get_absolute_url())}
    if film.release_on:
        data["datePublished"] = film.release_on.isoformat()
    if film.same_as():
        data["sameAs"] = film.same_as()
    if full:
        data["@context"] = "https://schema.org"
        if film.synopsis:
            data["description"] = film.synopsis
        directors = [person_ld(c.person) for c in credits if c.role == Credit.Role.DIRECTOR]
        actors = [person_ld(c.person) for c in credits if c.role == Credit.Role.CAST]
        if directors:
            data["director"] = directors
        if actors:
            data["actor"] = actors
        if film.studio_id:
            data["productionCompany"] = {"@type": "Organization", "name": film.studio.name}
        if film.poster_id:
            data["image"] = image_ld(film.poster, crops=("2x3", "16x9", "orig"))
    return data


def source_ld(source: Source) -> dict:
    """A source on its own: its page is its `@id`, the original (if we know it) its `url`."""
    page = absolute_url(source.get_absolute_url())
    data = {
        "@type": "CreativeWork",
        "@id": page,
        "name": source.title,
        "url": source.url or page,
        "publisher": {"@type": "Organization", "name": source.outlet.name},
    }
    if source.published_on:
        data["datePublished"] = source.published_on.isoformat()
    return data


def chain_ld(chain: list[Source]) -> dict:
    """A source chain (first said, then each relay, `Source.chain()`) as schema.org reads it:
    the work we read, which `isBasedOn` the work it relayed, down to where it was first said
    (the aggregator's article is based on the interview, not the reverse)."""
    data = None
    for source in chain:
        node = source_ld(source)
        if data is not None:
            node["isBasedOn"] = data
        data = node
    return data


def correction_ld(correction) -> dict:
    """A published correction or clarification (schema.org's CorrectionComment)."""
    return {
        "@type": "CorrectionComment",
        "name": correction.get_kind_display(),
        "text": correction.text,
        "datePublished": correction.published_at.isoformat(),
    }


def speaker_ld(quote: Quote) -> dict:
    if quote.speaker_person_id:
        return person_ld(quote.speaker_person)
    return character_ld(quote.speaker_character)


def quote_ld(quote: Quote, *, corrections=()) -> dict:
    """A quote: who said it, when (said, or else first published by a dated source of its
    chain), the line it is quoted within (`isPartOf`), and its source chain."""
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": absolute_url(quote.get_absolute_url()),
        "text": quote.text,
        "url": absolute_url(quote.get_absolute_url()),
        "isBasedOn": chain_ld(quote.source.chain()),
    }
    date, dated_by = quote.dated_by()
    if date and dated_by is not None:
        data["datePublished"] = date.isoformat()
    if quote.speaker_person_id:
        data["creator"] = person_ld(quote.speaker_person)
    else:
        data["spokenByCharacter"] = character_ld(quote.speaker_character)
    if quote.parent_id:
        # A line told inside another quote: the teller is the parent's speaker.
        parent = quote.parent
        data["isPartOf"] = {
            "@type": "Quotation",
            "@id": absolute_url(parent.get_absolute_url()),
            "url": absolute_url(parent.get_absolute_url()),
            "text": parent.text,
            "creator": speaker_ld(parent),
        }
    if quote.said_on:
        data["dateCreated"] = quote.said_on.isoformat()
    films = [film_ld(film) for film in quote.films_shown()]
    credit = quote.cast_credit
    if credit is not None:
        played = film_ld(credit.film)
        played["actor"] = {
            "@type": "PerformanceRole",
            "actor": person_ld(credit.person),
            "characterName": quote.speaker_character.name,
        }
        films = [played, *(film for film in films if film["url"] != played["url"])]
    if films:
        data["about"] = films
    if corrections:
        data["correction"] = [correction_ld(correction) for correction in corrections]
    return data
