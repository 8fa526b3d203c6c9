"""What a trimmed name is in its context and the mention it makes (`_add`): a body,
an outlet or a work, a royal style or an office named by its title, or a person, with the
roles and sex the words around it give. The one long rule set, with the tests only it uses.
"""

import re

from ..lexicon import (
    ANONYMOUS_NOUNS,
    GENDERED_NOUNS,
    GIVEN_NAMES,
    ORG_INTRO_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    TITLES,
)
from .names import POSSESSIVE_RE, _shape, gender_of_first_name
from .registry import Mention, Registry
from .roles import (
    PEERAGE,
    ROLE_KEYS,
    STANDALONE_TITLES,
    _appositive_roles,
    _demonym_before,
    _roles,
    _title_sex,
    _words_before,
    role_key,
)
from .runs import _TOKEN_FOR_PLACE

# A verb of speech right after a name ('"...," Raye told the crowd'): the name speaks.
SPOKEN_AFTER_RE = re.compile(
    r"\s+(?:said|says|told|tells|added|adds|wrote|writes|laughed|laughs)\b"
)
# The last word of a street's name, and a preposition placing something on it.
STREET_WORDS = frozenset(
    ["Lane", "Road", "Avenue", "Crescent", "Drive", "Terrace", "Boulevard", "Close", "Grove"]
)
STREET_BEFORE_RE = re.compile(r"\b(?:off|on|in|along|near|down|up|at|onto|into)[ \t]+$")
# "Madonna thanked her fans": a deed in the past tense, then "her" or "his" owning its object.
OWN_DEED_RE = re.compile(r"[ \t]+(?:has[ \t]+|had[ \t]+)?[a-z]{2,}ed[ \t]+(his|her)[ \t]+[a-z]")
# A story that opens on a one-word name with news of its own, and an artist spoken of after.
LEDE_NEWS_RE = re.compile(
    r"[ \t]+has[ \t]+(?:announced|revealed|opened[ \t]+up|spoken|admitted|cancelled|postponed)\b"
)
ARTIST_RE = re.compile(
    r"\b[Tt]he[ \t]+(?:singer|rapper|musician|songwriter|singer-songwriter|comedian|DJ)\b"
)
# "Shares in Burberry", "shares of Nvidia": a listed company.
SHARES_IN_RE = re.compile(r"\b[Ss]hares[ \t]+(?:in|of)[ \t]+$")
OF_PLACE_RE = re.compile(
    rf"[ \t]+of[ \t]+((?:{_TOKEN_FOR_PLACE})(?:[ \t]+(?:{_TOKEN_FOR_PLACE}))*)"
)
SPOKESPERSON_FOR_RE = re.compile(
    r"\b(spokes(?:person|man|woman)|representative)\s+(?:for|of|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,6})\)")
# "Zara, 16, got nine grade 9s": an age after a name, between commas.
AGE_AFTER_RE = re.compile(r",[ \t]+\d{1,3},")
# "a fishmonger who gave his name only as Mick", "named only as Jade": a name someone gave.
GAVE_NAME_RE = re.compile(
    r"\b(?:gave[ \t]+(his|her)[ \t]+(?:first[ \t]+)?name[ \t]+(?:only[ \t]+)?as"
    r"|(?:named|identified)[ \t]+only[ \t]+as)[ \t]+$"
)
OFFICE_HOLDER_RE = re.compile(
    r"(?:[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*)*)?"
    r",[ \t]+(?=[A-Z][\w'’-]+[ \t]+[A-Z])"
)


CREDIT_BEFORE_RE = re.compile(r"\b(?:Photo|Photograph|Picture|Image|Credit)s?[ \t]*[:/][ \t]*$")
PERFORMER_AFTER_RE = re.compile(
    r"[ \t]+(?:singer|vocalist|songstress|songwriter|singer-songwriter|rapper|hitmaker|"
    r"crooner|frontman|frontwoman)\b"
)


def _work_noun_before(text: str, start: int) -> bool:
    """Whether a noun for a work ("series", "film", "album") comes right before the name,
    with a comma or "the" between or not."""
    if not start or not text[start - 1].isspace():
        return False  # a name glued to a mark or a bracket: no word of its own before it
    prefix = text[max(0, start - 24) : start].rsplit(None, 2)[-2:]  # the last two words only
    the = bool(prefix) and prefix[-1] in ("the", "The")
    if the:
        prefix.pop()
    if not prefix:
        return False
    # "her new album, Olivia Dean sings": after a comma only "the" opens the title
    return prefix[-1] in WORK_NOUNS or (the and prefix[-1].rstrip(",") in WORK_NOUNS)


# Nouns for works that name the work right after them (real-copy round 5).
WORK_NOUNS = frozenset(
    ["series", "sitcom", "show", "drama", "film", "movie", "documentary", "docuseries"]
    + ["miniseries", "album", "novel", "musical", "podcast", "programme", "franchise"]
    + ["mixtape", "memoir", "biopic", "telenovela", "soap", "blockbuster", "sequel"]
)
AWARD_BEFORE_RE = re.compile(
    r"(?:^|\n)[ \t\u2022*-]*(?:Best|Outstanding)[ \t]+(?:Supporting[ \t]+|Lead[ \t]+)?"
    r"([A-Z][a-z]+)[^:\n]*:[ \t]+$"
)
PHONE_LINES = frozenset(["Line", "Hotline", "Helpline", "Freephone", "Textline", "Tipline"])


def _add(
    reg: Registry,
    text: str,
    words: list[str],
    start: int,
    inside: bool,
    had_the: bool,
    possessive: bool = False,
) -> None:
    if possessive:
        words = [*words[:-1], POSSESSIVE_RE.sub("", words[-1])]
    joined = " ".join(words)
    end = start + len(joined)
    # A name recurs through a story: what its words alone say is worked out once per text.
    shape = reg.shapes.get((joined, had_the))
    if shape is None:
        shape = reg.shapes[(joined, had_the)] = _shape(words, joined, had_the)
    verdict, titles, name, org_run, org_name, whole_org = shape
    if verdict == "skip":
        return
    if (
        len(words) > 1
        and words[-1] in STREET_WORDS
        and not possessive
        and STREET_BEFORE_RE.search(text, max(0, start - 8), start) is not None
    ):
        # "a former dairy site off Mill Lane", "residents in Robinia Crescent": a street, which
        # no "she" or "they" later means (real-copy round 10).
        return
    if (
        verdict == "name"
        and not titles
        and len(words) > 1
        and text.endswith("the ", 0, start)
        and _plural_name(words[-1])
        and not gender_of_first_name(words[0])
    ):
        # "the Los Angeles Lakers", "the Harbour City Falcons": a name after a lowercase "the"
        # that ends in a plural is a team, never "he" or "she" (real-copy round 5). A capital
        # "The" is part of a band's own name and left as it was.
        org_run = org_name = whole_org = True
    if len(words) > 1 and words[-1] in PHONE_LINES:
        # "the Garda Confidential Line on 1800 ...": a phone line, which says nothing
        # (real-copy round 4).
        return
    if verdict in ("outlet", "work"):
        entity = reg.entity(joined.removeprefix("The ") if verdict == "outlet" else joined, verdict)
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    aged = (
        len(words) == 1
        and not possessive
        and text.startswith(",", end)  # what AGE_AFTER_RE opens on, tested first
        and AGE_AFTER_RE.match(text, end) is not None
        and not text.endswith(("of ", "of the "), 0, start)  # "the Duke of Avonmore, 40,"
    )
    if aged:
        whole_org = org_name = False  # "Zara, 16,": a person's age, not a shop's
    if whole_org or (org_name and not (titles and gender_of_first_name(name[0]))):
        org_words = words if org_run else name
        if org_words[0] == "The":
            org_words = org_words[1:] or org_words
        if (
            len(org_words) > 2
            and org_words[0].lower() in ORG_INTRO_NOUNS
            and org_words[1][:1].isupper()
        ):
            org_words = org_words[1:]  # "Retailer Marks & Spencer" opening a sentence
        entity = reg.link(org_words, start, "org")
        if entity.kind == "unknown":
            entity.kind = "org"
        short = ACRONYM_AFTER_RE.match(text, end)
        if short:
            reg.alias(short.group(1), entity)
        spoken_for = SPOKESPERSON_FOR_RE.search(text, max(0, start - 40), start)
        if spoken_for and not inside:
            # "A spokesperson for the council said": "the spokesperson" is the council's.
            reg.add_role(start, entity, spoken_for.group(1).lower())
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if had_the and words == ["Princess", "Royal"]:
        # "The Princess Royal opened ...": a royal style with no "of", named as a person, so
        # "the princess" later and "Anne" alone after it mean her (twelfth round).
        entity = reg.entity("Princess Royal", "person")
        entity.gender = "f"
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive, True))
        reg.add_role(start, entity, "princess")
        return
    of_place = OF_PLACE_RE.match(text, end) if had_the else None
    if of_place and all(w.lower().rstrip(".") in STANDALONE_TITLES for w in words):
        if words[-1].lower() in PEERAGE and any(
            m.entity.kind in ("person", "unknown") and not m.inside for m in reg.mentions
        ):
            return  # "the Duke of Sussex": another name for someone, read as a role noun
        # "The Princess of Wales spoke ..." before anyone is named: the style is the only
        # name the story gives, so it names the speaker (and "the princess" later means her).
        # "the Archbishop of Canterbury": an office holder named by the office.
        entity = reg.entity(f"{' '.join(words)} of {of_place.group(1)}", "person")
        entity.gender = entity.gender or TITLES.get(words[-1].lower())
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, of_place.end(), entity, inside, possessive, True))
        reg.add_role(start, entity, role_key(words))
        return
    if had_the and all(w.lower().rstrip(".") in STANDALONE_TITLES for w in words):
        holder = OFFICE_HOLDER_RE.match(text, end)
        if holder and not inside:
            # "The Minister for Children, Roderic O'Gorman,": the name after it holds the
            # office, so "the minister" later means him.
            reg.pending_role = (holder.end(), role_key(words))
            return
        # "the Chancellor": a character or office known only by its title.
        entity = reg.entity("The " + " ".join(words), "person")
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive, titled=True))
        reg.add_role(start, entity, role_key(words))
        return
    if had_the and not gender_of_first_name(words[0]):
        low = words[-1].lower().rstrip(".")
        if low in ROLE_KEYS or low in PERSON_NOUNS or low in ANONYMOUS_NOUNS or low in ORG_NOUNS:
            return  # "the Spaniard", "the Tennessee Republican": a role noun, read as such
    before = [] if titles else _words_before(text, start)
    shares = (
        SHARES_IN_RE.search(text, max(0, start - 20), start)
        if text.find("hares", max(0, start - 20), start) >= 0
        else None
    )
    first_sex = gender_of_first_name(name[0])  # what the first name says, asked below
    if not titles and not first_sex and _work_noun_before(text, start):
        # "the cult TV series Dark Angel", "his HBO series, The Night Desk,": a work named
        # after its kind, not a person (real-copy round 5).
        entity = reg.entity(" ".join(name), "work")
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if (
        start >= 2
        and text[start - 2 : start] in (": ", "/ ")
        and CREDIT_BEFORE_RE.search(text, max(0, start - 16), start)
    ) or (
        start
        and (text[start - 1] == "/" and text.startswith(")", end))
        or (text[start - 1 : start] == "(" and text.startswith("/", end))
    ):
        # "Photo / Getty Images", "Photograph: Jo Byrne", "(Chip Somodevilla/Getty Images)":
        # whose picture it is, never a speaker (real-copy round 11).
        entity = reg.entity(" ".join(name), "work")
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if had_the and not titles and not first_sex and PERFORMER_AFTER_RE.match(text, end):
        # "the I Wanna Love You Forever singer", "The Hazard singer": a song or album named
        # before the performer it describes, not a person (real-copy round 11).
        entity = reg.entity(" ".join(name), "work")
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    if (before and before[-1] in ORG_INTRO_NOUNS or shares) and not first_sex:
        # "wearable camera maker GoPro", "the streaming service Hulu": a body, not a person.
        entity = reg.link(name, start, "org")
        if entity.kind == "unknown":
            entity.kind = "org"
        entity.in_narrative = entity.in_narrative or not inside
        reg.mentions.append(Mention(start, end, entity, inside, possessive))
        return
    roles = _roles(titles, before)
    if text.endswith((": ", ":\t"), 0, start):
        award = AWARD_BEFORE_RE.search(text, max(0, start - 80), start)
        if award and award.group(1).lower() in PERSON_NOUNS:
            # "Best Actor in a Leading Role: Name": the winner is "the actor" after it
            # (real-copy round 5).
            roles.append(award.group(1).lower())
    demonym = _demonym_before(text, start)
    if demonym is not None:
        # "Australian opener Travis Head": "the Australian" later means him.
        roles.append(demonym)
    titled_sex = _title_sex(titles) if titles else None
    gender = titled_sex
    if not gender and roles:
        gender = next((GENDERED_NOUNS[r] for r in roles if r in GENDERED_NOUNS), None)
    gender = gender or first_sex
    gave = (
        GAVE_NAME_RE.search(text, max(0, start - 40), start)
        if len(name) == 1 and text.endswith("as ", 0, start)
        else None
    )
    if gave is not None:
        gender = gender or {"his": "m", "her": "f"}.get(gave.group(1) or "")
    if len(name) == 1 and not gender and not inside and text.startswith((" ", "\t"), end):
        # "Madonna thanked her fans", "Drake shared his thoughts": one name whose own deed is
        # told with "her" or "his" is a person of that sex (real-copy round 10).
        own = OWN_DEED_RE.match(text, end)
        if own is not None:
            gender = {"his": "m", "her": "f"}[own.group(1)]
    # '"...," Raye told the crowd': one name right after a quote, with a verb of speech, is
    # someone who speaks, wherever else the text names them (sixteenth round).
    cued = (
        len(name) == 1
        and not inside
        and (
            (
                text.endswith((",” ", '," ', ",' ", ",’ "), 0, start)
                and SPOKEN_AFTER_RE.match(text, end) is not None
            )
            # "Raye has announced ... The singer said": a story that opens on one name that
            # announced something, and then speaks of an artist (seventeenth round)
            or (
                (start == 0 or (start < 40 and not text[:start].strip()))  # indented
                and LEDE_NEWS_RE.match(text, end) is not None
                and ARTIST_RE.search(text, end) is not None
            )
        )
    )
    kind = (
        "person"
        if (titles or gender or gave or aged or (before and before[-1] in PERSON_NOUNS))
        else "unknown"
    )
    if (
        len(name) == 1
        and not titles
        and name[0].lower() not in reg.tokens  # known already, asked only of one word
        and _looks_common(text, name[0], start)
    ):
        return
    entity = reg.link(name, start, kind, titled_sex if len(name) == 1 else None)
    if entity.kind == "unknown" and (
        kind == "person"
        or (
            cued
            and " " not in entity.name
            # not a part of a longer name ("Allen" of Josh Allen-Price), a short form of a
            # named person's surname ("Becks" after David Beckham) or a nickname in marks
            and _not_a_part(text, name[0])
        )
    ):
        entity.kind = "person"
    if len(name) == 1 and len(entity.name.split()) > 1 and entity.name.split()[0] != name[0]:
        # "Warren said" after "Lovely Warren": a surname that is also a given name says
        # nothing of her sex.
        gender = titled_sex
    if gender and entity.gender is None and entity.kind == "person":
        entity.gender = gender
    entity.in_narrative = entity.in_narrative or not inside
    offset = end - len(" ".join(name))
    reg.mentions.append(
        Mention(offset, end, entity, inside, possessive, titled=bool(titles or roles))
    )
    if not inside:
        if reg.pending_role is not None and reg.pending_role[0] == start:
            roles = [*roles, reg.pending_role[1]]
            reg.pending_role = None
        for role in roles:
            reg.add_role(start, entity, role)
        # what an appositive opens on, tested before the call: most names have no comma after
        for role in _appositive_roles(text, end) if text.startswith(",", end) else ():
            reg.add_role(start, entity, role)
            if entity.gender is None and GENDERED_NOUNS.get(role):
                entity.gender = GENDERED_NOUNS[role]


def _plural_name(word: str) -> bool:
    """ "Lakers", "Falcons", "Stones": a capitalised plural, not "Williams" or "Jones" alone
    (the caller asks for "the" and two words or more)."""
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ys", "'s", "’s"))
        and word[:1].isupper()
        and word[1:].islower()
    )


def _at_sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 3) : start]
    # a dateline's dash ("CAIRO (Reuters) - Mediators said") opens the story's first sentence
    return start == 0 or not head.strip() or head.rstrip()[-1:] in ".!?\"”’'(—–-:\n"


def _looks_common(text: str, word: str, start: int) -> bool:
    """A capitalised word at a sentence's start that is an ordinary noun ("Analysts", "Police")."""
    low = word.lower()
    if low in ANONYMOUS_NOUNS or low in ORG_NOUNS or low in PERSON_NOUNS:
        return True
    if not _at_sentence_start(text, start):
        return False
    if low.endswith(("ers", "ists", "ants", "ents", "ians", "ors", "ics", "ees", "ives")):
        return True
    # An abstract noun opening a sentence ("Motherhood plays a part", "Friendship matters"):
    # a topic, not someone (real-copy round 5).
    return len(low) >= 7 and low.endswith(ABSTRACT_ENDINGS) and low not in GIVEN_NAMES


ABSTRACT_ENDINGS = ("hood", "ship", "ness", "ism", "tion", "sion", "ity")


def _not_a_part(text: str, word: str) -> bool:
    """Whether a one-word name stands alone in the text: not a part or a short form of a
    longer name, nor a nickname in marks."""
    w, stem = re.escape(word), re.escape(word[:3])
    return re.search(rf"[A-Z][\w'’.-]*[\s-]{stem}|\b{w}-[A-Z]|[\"“‘']{w}[\"”’']", text) is None
