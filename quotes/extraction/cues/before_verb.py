"""The noun phrase that ends just before a reporting verb (`subject_before`), read backward
past auxiliaries, brackets, party tags, relative and participle clauses and appositives.
Every cue with its speaker before the verb comes here, and its answers are cached.
"""

import functools
import re
from collections.abc import Callable

from ..entities import find_runs, gender_of_first_name
from ..lexicon import (
    ANONYMOUS_NOUNS,
    AUXILIARIES,
    KNOWN_ORGS,
    ORG_WORDS,
    PERSON_NOUNS,
    RELATIVE_NOUNS,
    SPEECH_VERBS,
    STOPWORDS,
)
from .common import NP_START_BAD, RUN, Cue, _names_a_person, _plural_people
from .verbs import AUX_ALT

# "Thakur on Friday said", "The minister Tuesday told reporters": the day between the subject
# and its verb is no name either (real-copy round 8).
AUX_TAIL_RE = re.compile(
    rf"(?:\s+(?:{AUX_ALT}|not|n't|[a-z]+ly|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))+"
    r"\s*$"
)
HEARD_TAIL_RE = re.compile(
    r"\s+(?:is|was|were|are|can\s+be|could\s+be)\s+(?:heard|seen|caught|filmed|recorded)\s*$"
)
WHO_TAIL_RE = re.compile(r",?\s+who\s*$")
# "Ariana Grande, who plays Glinda, says": the name the relative clause hangs on speaks.
WHO_CLAUSE_TAIL_RE = re.compile(r",\s*who\s[^,;:\x01]{1,60},\s*$")
APPOS_OF_END_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+){1,4})?(?:of|from|at)\s[^,;:\x01]{2,60}$"
)
# "A pensioner who was conned out of £40,000 by fraudsters posing as police officers has
# warned": a relative clause with no commas, opening the sentence, hides the subject's head.
LEAD_WHO_RE = re.compile(
    r"^\s*((?:An?|The|One)\s+(?:[\w'’-]+\s+){0,3}?[a-z][\w'’-]*)"
    r"\s+who\s(?:[^,;:\x01]|(?<=\d),(?=\d)){1,140}$"
)
# "Neighbours of a man found dead at his flat in Salford have described him as": a plural
# head opening the sentence, before "of", is the subject, not the place closing the phrase.
# "Passengers in rural Shropshire say" too: a group somewhere (seventeenth round).
# "But residents living in Robinia Crescent said": a conjunction before the group and a
# participle before its place change nothing (real-copy round 10).
LEAD_OF_RE = re.compile(
    r"^\s*(?:(?:But|And|Yet|So)\s+(?=[a-z]))?([A-Za-z][a-z]+s)"
    r"\s+(?:(?:living|based|working|staying)\s+)?(?:of|in|across)\s[^,;:\x01]{1,120}$"
)
LEAD_KIN_OF_RE = re.compile(
    r"^\s*((?:The|A)\s+(?:family|friends|relatives|parents|mother|father|widow|widower|son"
    r"|daughter|wife|husband|brother|sister|partner))\s+of\s[^,;:\x01]{1,120}$"
)
PARTICIPLE_TAIL_RE = re.compile(r",\s*[a-z]+ing\b[^,;:\x01]*,?\s*$")
PAREN_RE = re.compile(r"\([^()\n\x01]{0,60}\)")
# "Sen. Bob Corker, R-Tenn., said": the party and state tag is part of the name.
PARTY_RE = re.compile(r",\s*[RDI]\.?-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=\s*,)")
PARTY_END_RE = re.compile(r",\s*[RDI]\.?-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*,\s*$")
# ", Ga.," after a town is part of the place: "the office in Perry, Ga., said".
STATE_RE = re.compile(
    r",\s+(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|"
    r"Minn|Miss|Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|"
    r"Tenn|Tex|Vt|Va|Wash|W\.Va|Wis|Wyo|D\.C)\.(?=\s*,)"
)
APPOS = r"(?:\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,90},)"
OWNER_IN_NAME_RE = re.compile(r"[^\s]+['’]s\s+(?=\S)")
OF_GAP_RE = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?")
THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
WHO_APPOS_RE = re.compile(r"\s*,\s*who\b[^;:!?\x01]{1,160},\s*")
APPOS_TAIL_RE = re.compile(r"\s*,\s*(?:[^,.;:!?\x01]|\.(?!\s)){1,120},\s*")
# A descriptor then a name, after a comma: ", actress Marisol Vega," but not ", a spokesman
# for Salazar," (that describes the name before the comma).
APPOS_NP = (
    r"(?:(?!(?:a|an|the|of|for|at|from|with|to|in|on|by|which|who|whose|that|where)\s)"
    r"[a-z][\w'’-]*\s+){0,3}?"
    rf"{RUN}"
)
SUBJECT_END_RES = (
    # ", actress Marisol Vega," / "The Chancellor, Sarah Lennox,"
    ("appos", re.compile(rf",\s*(?P<np>{APPOS_NP})\s*,?\s*$")),
    # "Hollis, a former banker," / "Vega, 38,"
    (
        "pronoun",
        re.compile(r"(?<![\w'’-])(?P<np>(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?:['’](?:d|ll))?)\s*$"),
    ),
    ("anon", re.compile(r"(?<![\w'’-])(?P<np>(?:[Ss]ome|[Aa]ny|[Nn]o|[Ee]very)(?:one|body))\s*$")),
    (
        "the",
        re.compile(
            r"(?<![\w'’-])(?P<np>(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Aa]|[Aa]n|"
            rf"[Oo]ne|[Aa]nother|{RUN}['’]s)\s+(?:[\w'’.+&-]+\s+){{0,8}}?[\w'’.-]+)"
            rf"{APPOS}?\s*$"
        ),
    ),
    ("plural", re.compile(r"(?<![\w'’-])(?P<np>(?:[a-z][\w-]*\s+)?[A-Za-z][\w-]*s)\s*$")),
)
# Nouns for whoever runs a body: "the head of the Post Office" is a person, not the body.
HEAD_NOUNS = frozenset(["head", "boss", "chief", "chair", "leader", "director", "founder"])
CLAUSE_BREAK_RE = re.compile(r"\s(?:after|before|when|while|since|because|until|although|as)\s")
LEAD_NOUN_PP_RE = re.compile(
    r"\s*(?P<np>(?:A|An|One|Another|The)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<noun>[a-z][\w-]*))"
    r"\s+(?:at|in|from|with|near|on)\s"
)
# "MPs on the committee", "Patients at a GP surgery", "Passengers in Clitheroe" (fourteenth
# round): a plural of people before the place that follows it ("Analysts at Jefferies" stays
# the firm).
LEAD_PLURAL_PP_RE = re.compile(
    r"\s*(?P<np>[A-Z][A-Za-z]+s)\s+(?:on\s|in\s+(?=[A-Z])|(?:at|in|from|with)\s+(?:a|an|the)\s)"
)
# ", Spanish model Elsa Pataky," after "The Aussie actor's wife": any words, then a name
APPOS_ANY_NAME_RE = re.compile(rf"\s*,\s*(?P<np>(?:\w[\w'’-]*\s+){{0,3}}?{RUN})\s*,")
DESCRIPTOR_OPEN_RE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z][^,;:\x01]*$")
OF_HEAD_RE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:former\s+|new\s+)?)?"
    r"(?P<head>[A-Za-z][\w-]*)"
    r"\s+(?:of|for|close\s+to)\s+(?:(?:the|a|an|his|her|their|[\d\w]+-[\w-]+)\s+)?"
)
AUX_TAIL_WORDS = (
    AUXILIARIES
    | {"not", "n't"}
    | {f"{day}day" for day in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")}
)
# "Gavan Duffy QC, representing Rory Harrison, who denies ..., told jurors": a participle
# opening an appositive after a name; the name it follows speaks, not the one it governs
# (real-copy round 8).
ING_APPOS_ENDS = ("ing ", "the ", "a ", "an ", "his ", "her ", "their ")  # tested first
ING_APPOS_BEFORE_RE = re.compile(r",\s*[a-z]{2,}ing\s+(?:(?:the|a|an|his|her|their)\s+)?$")


def _may_end_in_aux(head: str) -> bool:
    """Whether a head (its trailing spaces stripped) ends in a word AUX_TAIL_RE can end on."""
    words = head.rsplit(None, 1)
    return bool(words) and (words[-1] in AUX_TAIL_WORDS or words[-1].endswith("ly"))


# The tails cut off a subject's head, in order, each with a test that the head (its trailing
# spaces stripped) ends as the regex needs.
TAIL_RES: tuple[tuple[re.Pattern, Callable[[str], bool]], ...] = (
    (AUX_TAIL_RE, _may_end_in_aux),
    (HEARD_TAIL_RE, lambda head: head.endswith(("heard", "seen", "caught", "filmed", "recorded"))),
    (WHO_TAIL_RE, lambda head: head.endswith("who")),
    (WHO_CLAUSE_TAIL_RE, lambda head: head.endswith(",")),
    (AUX_TAIL_RE, _may_end_in_aux),
)
# The endings the tests of TAIL_RES other than `_may_end_in_aux` look for, asked at once.
TAIL_ENDINGS = ("heard", "seen", "caught", "filmed", "recorded", "who", ",")
# What a head (its trailing spaces stripped) must end with for a form's regex to match.
SUBJECT_END_ENDINGS = {
    "pronoun": ("e", "y", "I", "d", "ll"),  # he, she, we, they, I, he'd, they'll ...
    "anon": ("one", "body"),
    "plural": ("s",),
}
# The longest phrase a form's regex can match ("they'll", "everybody"), which ends the head: the
# search starts that far from the end, not at every character of the head.
SUBJECT_END_LONGEST = {"pronoun": len("they'll"), "anon": len("everybody")}


# A subject's head is read again for the cue of a quote in the same sentence: the last few
# answers are kept.
@functools.lru_cache(maxsize=64)
def _name_at_end(head: str) -> tuple[int, int] | None:
    """The last name in `head` if only spaces or one appositive ("Hollis, a banker,") follow it.

    "Lord Sharland of Epsom" and "the Duke of Avonmore" are taken whole.
    """
    runs = find_runs(head, max(0, len(head) - 130))
    for k in range(len(runs) - 1, -1, -1):
        run = runs[k]
        rest = head[run.end() :]
        commas = rest.count(",")
        if (
            not rest.strip()
            # an appositive tail has exactly two commas, its first and its last: tested first,
            # since the regex is slow to fail on a long tail
            or (commas == 2 and APPOS_TAIL_RE.fullmatch(rest))
            or WHO_APPOS_RE.fullmatch(rest)
        ):
            start = run.start()
            while k > 0 and OF_GAP_RE.fullmatch(head, runs[k - 1].end(), start):
                k -= 1
                start = runs[k].start()
            the = THE_BEFORE_RE.search(head, max(0, start - 5), start)
            return (the.start() if the else start), run.end()
        if commas > 2:
            break
    return None


def subject_before(text: str, end: int, lo: int) -> Cue | None:
    """The noun phrase that ends just before a verb at `end`, skipping auxiliaries and adverbs.

    Brackets are blanked first ("Sen. Sherrod Brown (D-Ohio) said"), and so are a relative
    "who" ("John Chambers, who called ..."), "is heard" ("Philipps is heard asking") and an
    open participle phrase ("Mark Jones, speaking on behalf of Barratt Homes said").
    """
    found = _subject_before(text, end, lo)
    # A copy, since callers set the verb on the cue they get; the kept one stays as found.
    return None if found is None else Cue(found.np, found.start, found.form, found.verb, found.weak)


# A sentence's subject is asked for again by the cue of a quote in that sentence, soon after:
# the last few answers are kept (the text is hashed once, so the key is cheap).
@functools.lru_cache(maxsize=64)
def _subject_before(text: str, end: int, lo: int) -> Cue | None:
    head = text[max(lo, end - 160) : end]
    if "(" in head:
        head = PAREN_RE.sub(_blank, head)
    # The party regexes need a hyphen and the state one a full stop, which most heads lack.
    if "," in head and "-" in head:
        party = PARTY_END_RE.search(head, max(0, len(head) - 24))
        if party is not None:
            # `"...," Johnson, R-La., told reporters`: the party's closing comma goes with it,
            # so the name ends the subject as with no affix (fourteenth round).
            head = head[: party.start()] + _blank(party)
    if "," in head and "." in head:
        head = STATE_RE.sub(_blank, head)
    if "," in head and "-" in head:
        head = PARTY_RE.sub(_blank, head)
    base = end - len(head)
    tail_end = head.rstrip()
    # Most heads end as no tail's test asks: then the loop below would change nothing.
    tails = tail_end.endswith(TAIL_ENDINGS) or _may_end_in_aux(tail_end)
    for regex, may_end in TAIL_RES if tails else ():
        # Each regex matches only a head that, spaces aside, ends as `may_end` tells: a cheap
        # test first, since searching back for a match anchored at the end is slow.
        if not may_end(tail_end):
            continue
        tail = regex.search(head, max(0, len(head) - 60))
        if tail:
            head = head[: tail.start()]
            if regex is WHO_CLAUSE_TAIL_RE and APPOS_OF_END_RE.search(head):
                # "Dr Mark Ellis, of the British Nutrition Foundation, who was not involved,
                # said": the "of" appositive keeps its closing comma, as with no "who"; so
                # does "a plant scientist at Kew, who was not involved, said" (twelfth round).
                head += ","
            tail_end = head.rstrip()
    if base == lo and (" in " in head or " across " in head) and head.lstrip()[:1].isupper():
        group = LEAD_OF_RE.match(head)
        if (
            group
            and group.group(1).lower() in ANONYMOUS_NOUNS
            and SPEECH_VERBS.isdisjoint(head[group.end(1) :].split())
        ):
            # "Passengers in rural Shropshire say": a group somewhere (seventeenth round); but
            # "Parents in Marion told FOX13 their sons overheard Glen Fenter say": a verb of
            # speech after the place opens a clause with a subject of its own (real-copy round 8)
            head = head[: group.end(1)]
    if base == lo and (" who " in head or " of " in head):
        lead = LEAD_WHO_RE.match(head)
        group = LEAD_OF_RE.match(head)
        if group and group.group(1).lower() in ANONYMOUS_NOUNS:
            lead = group  # "Neighbours of ...", not "Shares of Pelican Motors ..."
        kin = LEAD_KIN_OF_RE.match(head)
        if kin:
            lead = kin  # "The family of a man killed ... in Swindon have described"
        if lead:
            head = head[: lead.end(1)]
    comma = "," in head  # the participle and the appositive regexes start at a comma
    participle = (
        PARTICIPLE_TAIL_RE.search(head, max(0, len(head) - 90)) if comma and "ing" in head else None
    )
    if participle and _name_at_end(head[: participle.start()]):
        head = head[: participle.start()]
    stripped = head.rstrip()
    if stripped.endswith((" and", " but")) or not stripped:
        return None
    match = (
        # The appositive's words hold no comma, so it opens at the last comma, or at the one
        # before when only spaces follow the last: the search starts there, not further back.
        SUBJECT_END_RES[0][1].search(head, max(0, len(head) - 130, _appos_from(head)))
        if comma
        else None
    )
    if match:
        return Cue(match.group("np"), base + match.start("np"), "appos")
    found = _name_at_end(head)
    if found is not None and head.endswith(ING_APPOS_ENDS, 0, found[0]):
        participle = ING_APPOS_BEFORE_RE.search(head, max(0, found[0] - 30), found[0])
        earlier = _name_at_end(head[: participle.start()]) if participle else None
        if earlier is not None:
            found = earlier
    if found is not None and base == lo:
        lead = LEAD_NOUN_PP_RE.match(head)
        if lead and lead.end() <= found[0] and _names_a_person(lead.group("noun")):
            # "One senior nurse at a hospital in the north of England, who ..., said": the
            # person the phrase opens on, not the place closing it.
            return Cue(head[lead.start("np") : found[1]], base + lead.start("np"), "the")
        group = LEAD_PLURAL_PP_RE.match(head)
        if (
            group
            and group.end() <= found[0]
            and _plural_people(group.group("np"))
            # a verb of speech between makes the name the subject of its own clause, as above
            and SPEECH_VERBS.isdisjoint(head[group.end() : found[0]].split())
        ):
            # "MPs on the Public Accounts Committee have accused": a group, not the committee.
            return Cue(head[group.start("np") : found[1]], base + group.start("np"), "plural")
    if found is not None:
        owner = (
            OWNER_IN_NAME_RE.search(head, found[0], found[1])
            # the possessive's apostrophe, tested first: most names have none
            if head.find("'", found[0], found[1]) >= 0 or head.find("’", found[0], found[1]) >= 0
            else None
        )
        if owner is not None:
            found = (owner.end(), found[1])  # "The Guardian's Peter Bradshaw": the critic
        name = head[found[0] : found[1]]
        if name[:4].lower() == "the ":
            owned = _of_head(head, base, found[0] + 4, found[1])
            return owned or Cue(name, base + found[0], "the")
        skip = 0
        for word in name.split()[:-1]:
            if word.lower() not in STOPWORDS:
                break
            skip += len(word) + 1
        if name[skip:].split()[0].lower() not in NP_START_BAD:
            person = _person_before_descriptor(head, found[0])
            if person is not None:
                return Cue(head[person[0] : person[1]], base + person[0], "name")
            return _of_head(head, base, found[0] + skip, found[1]) or Cue(
                name[skip:], base + found[0] + skip, "name"
            )
    for form, regex in SUBJECT_END_RES[1:]:
        if form in SUBJECT_END_ENDINGS and not stripped.endswith(SUBJECT_END_ENDINGS[form]):
            continue
        longest = SUBJECT_END_LONGEST.get(form)
        match = regex.search(head, max(0, len(stripped) - longest) if longest else 0)
        if match and form == "the":
            # "X and Y's spokesman clashed on Thursday after the billionaire posted": a
            # conjunction opening a clause ends any noun phrase before it.
            breaks = list(CLAUSE_BREAK_RE.finditer(match.group("np")))
            if breaks:
                at = match.start("np") + breaks[-1].end()
                match = regex.search(head, at) or match
        if match:
            np = match.group("np")
            first = np.split()[0].lower()
            if form == "plural" and first in ("which", "whom") and len(np.split()) == 2:
                # "..., which critics say is ...": the plural after the relative pronoun.
                last = np.split()[1]
                if last[:1].islower():
                    return Cue(last, base + match.end("np") - len(last), form)
            if form == "plural" and (first in NP_START_BAD or np[:1].isupper()):
                continue
            if form == "the":
                owned = _of_head(head, base, match.start("np"), match.end("np"))
                if owned is not None:
                    return owned
                appos = APPOS_ANY_NAME_RE.match(head, match.end("np"))
                if appos is not None and not head[appos.end() :].strip():
                    # "His daughter, the singer Ruby Marsh, said": the name in the appositive.
                    return Cue(appos.group("np"), base + appos.start("np"), "appos")
            return Cue(np, base + match.start("np"), form)
    return None


def _appos_from(head: str) -> int:
    """The first comma an appositive closing `head` may open on (-1 if none)."""
    last = head.rfind(",")
    return head.rfind(",", 0, last) if last >= 0 and not head[last + 1 :].strip() else last


def _person_before_descriptor(head: str, start: int) -> tuple[int, int] | None:
    """ "Ryan Westergaard, chief officer for the state Bureau of Communicable Disease said":
    a body named at the end of a descriptor whose closing comma was left out; the speaker is
    the person before the descriptor's opening comma."""
    words = head[start:].split()
    if ORG_WORDS.isdisjoint(words) and KNOWN_ORGS.isdisjoint(words):  # set tests in C
        return None
    opening = DESCRIPTOR_OPEN_RE.search(head, max(0, start - 100), start)
    if opening is None:
        return None
    found = _name_at_end(head[: opening.start()])
    if found is None or found[1] != opening.start():
        return None
    words = head[found[0] : found[1]].split()
    if len(words) < 2 or gender_of_first_name(words[0]) is None:
        return None
    return found


def _of_head(head: str, base: int, start: int, end: int) -> Cue | None:
    """ "the family of Mr Boorman", "Members of the committee": the head noun is the subject.

    Only for heads that name a relative, an unnamed person or a group; "the director of
    the film" is left to the role lookup.
    """
    near = head[max(0, start - 30) : start]
    if " of " not in near and " for " not in near and " to " not in near:
        return None  # no "of", "for" or "close to" just before: the regex would fail
    match = OF_HEAD_RE.search(head, max(0, start - 60), start)
    if match is None or match.end() != start:
        return None
    noun = match.group("head")
    low = noun.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    if plural and low not in PERSON_NOUNS:
        return Cue(head[match.start() : end], base + match.start(), "plural")
    if noun[:1].islower() and (low in ANONYMOUS_NOUNS or low in RELATIVE_NOUNS):
        return Cue(head[match.start() : end], base + match.start(), "the")
    if noun[:1].islower() and low in HEAD_NOUNS and head[start:end][:1].isupper():
        # "The former head of the Post Office told": the head, not the body.
        return Cue(head[match.start() : end], base + match.start(), "the")
    return None


def _blank(match: re.Match) -> str:
    return " " * len(match.group())
