"""The words the bulk seeder writes with: names, titles, and a quote grammar whose slots draw
from Zipf-like weights, so full-text search sees common words in many rows and a long tail."""

from __future__ import annotations

import itertools
import random

# Words that occur in a handful of quotes only (RARE_COUNT each, whatever the size, so that a
# rare word's search finds as many rows at ten thousand quotes as at a million): the rare end of
# the search benchmark. COMMON_WORD occurs in roughly a fifth of all quotes.
RARE_WORDS = ("palimpsest", "zugzwang", "susurrus", "quincunx", "defenestration")
COMMON_WORD = "film"
RARE_COUNT = 10


def words(text: str) -> tuple[str, ...]:
    return tuple(text.replace("_", " ").split())


FIRST_NAMES = words(
    "Len Maya Omar Priya Jonah Ines Tomasz Aiko Marcus Delphine Kwame Sofia Rafael Hannah Theo "
    "Lucia Ibrahim Greta Mateo Yara Callum Nadia Felix Amara Ruben Chloe Dmitri Leila Oscar "
    "Beatriz "
    "Wes Anouk Idris Saoirse Kenji Paloma Ezra Freya Tariq Margot Silas Noor Anders Imogen Diego "
    "Zadie Hugo Esme Laszlo Rosa Viktor Elif Bruno Juno Cyrus Lena Otto Mira Arlo Celeste Nico "
    "Thandiwe Emeka Astrid Joaquin Ingrid Rami Fleur Sebastian Wren Keanu Isabela Alistair Dev"
)
LAST_NAMES = words(
    "Wiseman Okafor Haddad Raman Ellery Moreau Kowalski Tanaka Lindqvist Achebe Castellano Brandt "
    "Oyelaran Fischer Delacroix Nakamura Abernathy Costa Varga Mbeki Holloway Petrov Santoro "
    "Quigley Amari Whitcombe Yilmaz Bergstrom Calloway Duarte Eriksen Fontaine Galloway Hartmann "
    "Iwu Jovanovic Kaplan Larkspur Mendoza Novak Ostrowski Pellegrini Quaid Rinaldi Sorensen "
    "Thorne Ueda Valdez Winslow Xu Yeats Zamora Ashdown Blackwood Carrow Dunmore Everly Fairbanks "
    "Greer Hale Ibarra Jessup Kincaid Lowell Marchetti Nightingale Oduya Prentiss Rourke Stavros"
)
NICKNAMES = words("Jonny Mags Ace Bash Kit Dee Roo Sunny Red Moss Birdie Flash Tink Duke")

TITLE_ADJ = words(
    "Last Silent Crimson Hollow Iron Broken Midnight Golden Savage Frozen Electric Distant "
    "Burning Forgotten Wild Secret Velvet Shattered Final Lonely Brave Hidden Restless Pale"
)
TITLE_NOUN = words(
    "Ballerina Kingdom Harbour Signal Orchard Empire Witness Horizon Garden Protocol Reckoning "
    "Lantern Frontier Citadel Requiem Covenant Tide Machine Paradox Outpost Gambit Sanctuary "
    "Storm Legacy Assassin Heist Dynasty Voyage Mirage Echo"
)
ROLE_NOUNS = words(
    "assassin detective pilot queen rebel mechanic senator witch smuggler captain doctor thief "
    "prophet gunslinger heiress knight hacker courier sheriff ghost"
)
OUTLET_PARTS = words(
    "Reel Frame Screen Marquee Premiere Spotlight Cinema Projector Ticket Lens Boxoffice Scene "
    "Takes Cut Slate Studio Coverage Dispatch Herald Chronicle"
)
OUTLET_SUFFIXES = ("Weekly", "Daily", "Report", "Wire", "Post")
STUDIO_PARTS = words(
    "Meridian Paragon Lionheart Northlight Bluewater Starfall Summit Granite Halcyon"
)
CURRENCIES = {
    "GB": "GBP", "FR": "EUR", "DE": "EUR", "IT": "EUR", "ES": "EUR",
    "JP": "JPY", "KR": "KRW", "MX": "MXN", "AU": "AUD", "BR": "BRL",
}  # fmt: skip
TERRITORY_CODES = tuple(CURRENCIES)

# Quote grammar: each slot draws from its list with Zipf-like weights (earlier words commoner),
# so full-text search sees common words in a large share of rows and a long tail of rarer ones.
SUBJECTS = words(
    "I we I we she he they everyone nobody the_studio the_cast the_crew my_co-star our_director "
    "the_audience my_family the_producers the_writers"
)
ADVERBS = words(
    "really always never honestly finally genuinely just certainly deliberately quietly "
    "desperately instantly slowly stubbornly secretly constantly barely gradually openly happily"
)
VERBS = words(
    "wanted loved needed made found built shot wrote changed trusted pushed chased rewrote "
    "imagined protected fought earned shaped tested questioned celebrated abandoned rehearsed "
    "discovered sharpened choreographed embraced reinvented dismantled rescued unravelled "
    "honoured restored mapped blocked lit edited scored recast reshot storyboarded"
)
DETERMINERS = words("the the this that every our their a my his her one")
ADJECTIVES = words(
    "real new whole big strange quiet bold dark emotional practical physical grounded brutal "
    "tender honest ambitious relentless fragile elegant messy intimate sprawling rough layered "
    "operatic kinetic surreal claustrophobic luminous melancholy sardonic meticulous improbable "
    "feverish baroque understated volcanic threadbare gossamer labyrinthine incandescent"
)
NOUNS = words(
    "film story character world scene fight dance audience script sequence moment franchise "
    "studio director actor role camera set stunt ending idea team shoot crew screenplay sequel "
    "performance rhythm tone spirit heart choreography score edit cut lens premiere festival "
    "trailer premise villain heroine genre budget schedule location rehearsal costume dialogue "
    "montage soundtrack climax prologue epilogue ensemble cameo reboot prequel spinoff "
    "storyboard sketch draft instinct gamble legacy mythology universe timeline"
)
PREPOSITIONS = words("in for about with from into around through behind beyond without inside")
TAILS = (
    "and that was the whole point",
    "and it still surprises me",
    "which nobody expected",
    "and I think people felt that",
    "and we never looked back",
    "and that changed everything for us",
    "even when it hurt",
    "if that makes sense",
    "and the fans deserve that",
    "because that is what the story needed",
)
NEWS_VERBS = words("said told explained added recalled insisted admitted noted argued joked")
NEWS_NOUNS = words(  # words() turns box_office into "box office"
    "release box_office opening_weekend streaming_debut festival_premiere trailer sequel "
    "production casting reshoots rating awards_campaign marketing_push fan_reaction"
)


def cumulative(n: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for n ranked items, for `Random.choices(cum_weights=...)`."""
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


class Slot:
    """One grammatical slot: words drawn with Zipf-like weights, 4,096 at a time (one call to
    `Random.choices` rather than one per word: the generator's hot path)."""

    BUFFER = 4096

    def __init__(self, rng: random.Random, choices: tuple[str, ...]) -> None:
        self.rng = rng
        self.choices = choices
        self.weights = cumulative(len(choices), 0.9)
        self.buffer: list[str] = []
        self.index = 0

    def draw(self) -> str:
        if self.index >= len(self.buffer):
            self.buffer = self.rng.choices(self.choices, cum_weights=self.weights, k=self.BUFFER)
            self.index = 0
        self.index += 1
        return self.buffer[self.index - 1]


class Prose:
    """English-looking news copy from word lists, drawn with one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.subj = Slot(rng, SUBJECTS)
        self.adv = Slot(rng, ADVERBS)
        self.verb = Slot(rng, VERBS)
        self.det = Slot(rng, DETERMINERS)
        self.adj = Slot(rng, ADJECTIVES)
        self.noun = Slot(rng, NOUNS)
        self.prep = Slot(rng, PREPOSITIONS)

    def clause(self) -> str:
        subj, adv, verb = self.subj.draw(), self.adv.draw(), self.verb.draw()
        d1, d2 = self.det.draw(), self.det.draw()
        a1, a2 = self.adj.draw(), self.adj.draw()
        n1, n2 = self.noun.draw(), self.noun.draw()
        shape = self.rng.random()
        if shape < 0.35:
            return f"{subj} {adv} {verb} {d1} {a1} {n1} {self.prep.draw()} {d2} {n2}"
        if shape < 0.6:
            return f"{d1} {n1} was {a1}, and {subj} {verb} {d2} {a2} {n2}"
        if shape < 0.8:
            return f"it's about {d1} {a1} {n1} {self.prep.draw()} {d2} {n2}"
        return f"when {subj} {verb} {d1} {n1}, {subj} {adv} {verb} {d2} {a2} {n2}"

    def sentence(self) -> str:
        text = self.clause()
        if self.rng.random() < 0.3:
            text = f"{text}, {self.rng.choice(TAILS)}"
        return text[0].upper() + text[1:] + "."

    def quote(self, rare: str | None = None) -> str:
        sentences = [self.sentence() for _ in range(self.rng.choice((1, 1, 2, 2, 3)))]
        if rare:
            sentences.append(f"Call it a {rare}, if you like.")
        return " ".join(sentences)

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))
