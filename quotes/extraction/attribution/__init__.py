"""Decide who speaks each quotation, the way a reader of news copy does.

Every quotation first looks for a cue in its own sentence: `"...," X said`, `said X`,
`X said: "..."`, `X, 38, was more cautious: "..."`, or a reporting verb before a partial quote
(`X added that the budget was "tight but fair"`). A cue may name the speaker, point at them
with a pronoun or a role noun ("he", "the director", "the Dutchman"), or say that nobody
identifiable speaks ("a source told The Sun", a scare quote with no reporting verb). A
quotation with no cue continues the quotation before it (or, in an exchange of questions and
answers, goes to the other party), or belongs to the person the previous sentence is about.
Pronouns and role nouns go to the most recent fitting subject or speaker in the narrative;
names that appear only inside quotations are never candidates.
"""

import bisect
import re
from dataclasses import dataclass

from ..cues import (
    ACCORDING_RE,
    MASK,
    PRONOUNS,
    REPORT_RE,
    SPEECH_RE,
    Cue,
    after_cue,
    before_cue,
    dash_cue,
    final_cue,
    lead_clause,
    phrase_end,
    sentence_starts,
    sentence_subject,
    subject_before,
)
from ..entities import (
    OFFICE_QUALIFIERS,
    ROLE_GROUPS,
    ROLE_KEYS,
    STANDALONE_TITLES,
    Entity,
    Mention,
    Registry,
    gender_of_first_name,
)
from ..lexicon import (
    ANONYMOUS_NOUNS,
    ASK_VERBS,
    AUXILIARIES,
    BODY_KINDS,
    CLAUSE_WORDS,
    DEMONYMS,
    GENDERED_NOUNS,
    GENERIC_PEOPLE,
    GIVEN_NAMES,
    KIN_NOUNS,
    KIN_SEX,
    NP_CUT_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    REPLY_PHRASES,
    REPLY_VERBS,
    STOPWORDS,
)
from ..marks import PARAGRAPH_BREAK_RE, Span, paragraphs

# "a fishmonger who gave his name only as Mick": the name follows the description.
GAVE_NAME_AFTER_RE = re.compile(
    r",?[ \t]+(?:who[ \t]+)?(?:gave[ \t]+(?:his|her|their)[ \t]+(?:first[ \t]+)?name"
    r"[ \t]+(?:only[ \t]+)?as|(?:named|identified)[ \t]+only[ \t]+as)[ \t]+"
)
# "NHS Sussex said it was ...": a speaker referred to as "it" is a body.
SAID_IT_RE = re.compile(r"\b(?:said|says)[ \t]+it[ \t]")
NOBODY = Entity("", "nobody")  # a cue that names no identifiable speaker
SPOKES_NOUNS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "representative",
        "representatives",
        "rep",
        "reps",
        "statement",
    ]
)
DOCUMENT_NOUNS = frozenset(
    [
        "statement",
        "report",
        "letter",
        "study",
        "paper",
        "document",
        "ruling",
        "judgment",
        "judgement",
        "filing",
        "complaint",
        "lawsuit",
        "memo",
        "email",
        "post",
        "tweet",
        "message",
        "note",
        "sign",
        "poster",
        "banner",
        "caption",
        "release",
        "survey",
        "poll",
        "analysis",
        "review",
        "book",
        "song",
        "lyrics",
        "headline",
        "article",
        "website",
        "page",
        "text",
        "notice",
        "order",
        "verdict",
        "indictment",
        "affidavit",
        "warrant",
    ]
)
OPINION_NOUNS = frozenset(
    [
        "view",
        "response",
        "reply",
        "answer",
        "verdict",
        "message",
        "advice",
        "explanation",
        "reaction",
        "take",
        "assessment",
        "verdict",
        "retort",
        "comment",
        "comments",
        "words",
        "thoughts",
        "take",
        "opinion",
        "position",
        "argument",
        "character",
    ]
)
# Words that end the head of a description: "the Indian captain after his team's loss".
SPOKESPEOPLE = SPOKES_NOUNS - {"statement"}
PLAIN_RE = re.compile(r"[^\w'’]+")
# Verbs that hand the floor to the other party, like a reply: "«Tell me,» Blake pleaded."
TURN_VERBS = frozenset(
    ["pleaded", "pleads", "begged", "begs", "protested", "protests", "interjected", "interjects"]
    + ["interrupted", "interrupts", "prodded", "prods", "prompted", "prompts", "teased", "teases"]
)
PARTIES = frozenset(
    ["Conservatives", "Tories", "Democrats", "Republicans", "Greens", "Nationalists"]
    + ["Liberals", "Socialists", "Unionists", "Progressives"]
)
MODIFIED_RE = re.compile(r"[ \t]+([a-z][a-z-]+)\b")
LINK_WORDS = frozenset(
    ["is", "are", "was", "were", "be", "been", "than", "or", "being", "back", "out", "up"]
    + ["down", "off", "away", "aloud", "too", "anyway", "there", "here", "instead", "first"]
)
NOUN_BEFORE_RE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|these|those)|['’]s?)\s+$")
WORDS_OF_RE = re.compile(r"\b[Ii]n\s+the\s+words\s+of\s+(?P<np>[^\x01.;:]{1,80}?)[\s,]*$")
# Offices of one word that a politician the story names holds ("The Chancellor said"), unlike
# the Speaker, who chairs the debate (seventeenth round).
HELD_OFFICES = frozenset(["chancellor", "taoiseach", "tánaiste", "tanaiste", "premier"])
PUBLIC_OFFICES = frozenset(
    ["taoiseach", "tánaiste", "tanaiste", "chancellor", "minister", "secretary", "president"]
    + ["premier", "governor", "mayor", "speaker", "commissioner", "constable", "general"]
)
# "When I ask Olivia Crane whether ...": the interviewer's own leading clause.
INTERVIEWER_LEADS = ("When I ", "As I ", "When we ", "As we ")
TOP_WORDS = frozenset(["top", "chief", "lead"])
BRACKET_LABEL_RE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3}[ \t]*"
    r"\((?P<name>[^,()\n]{2,60})(?:,[^()\n]{0,60})?\):[ \t]*"
)
TURN_LABEL_RE = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}):[ \t]")
# "Reuters said in its statement" (real-copy round 1): "its" and "their" as well as "a".
STATEMENT_RE = re.compile(r"\b(?:in|issued|released)\s+(?:a|its|their)\s+statement\b")
ASKED_IN_RE = re.compile(r"\b(?:[Aa]sked|[Pp]ressed|[Qq]uestion(?:ed)?)\b")
OPENING_NAME_RE = re.compile(r"([A-Z][a-z][\w'’-]+)[ \t]+(?:said|told|says|tells|was|is|has|had)\b")
AND_GAP_RE = re.compile(r"\s+and\s+")
STYLE_RE = re.compile(r"(?:Prince|Princess|Duke|Duchess|Earl|Countess) of [A-Z]|Princess Royal\b")
SIGNED_BY_RE = re.compile(r",\s+(?:signed|written|sent)\s+by\s+")
# Verbs of a verdict: a paper or broadcaster that "called" something "..." speaks for itself.
VERDICT_VERBS = frozenset(
    ["called", "calls", "described", "describes", "hailed", "hails", "dubbed", "dubs"]
)
# "It has been called 'Pixar's most beautiful' by Empire": the agent of a passive after the quote.
AGENT_AFTER_RE = re.compile(r"[ \t]+by[ \t]+(?P<np>[^,.;:!?\x01\n]{1,60}?)[ \t]*(?=[,.;:!?\n]|$)")
AFTER_NAMED_RE = re.compile(r"\b(?:described|words of|was how|were how)\b")
THROUGH_RE = re.compile(
    r"\b(?:issued|released|made|given|sent|published)\s+(?:on\s+\w+\s+)?through\s+(his|her)\s+"
    r"(?:club|lawyers?|solicitors?|agent|agency|representatives?|reps?|management|team|"
    r"label|publicist|spokes(?:man|woman|person))\b"
)
# 'announced the appointment of a new "chief transformation officer," Jane Doe, to ...': a term
# quoted inside a noun phrase, its holder named after it, is nobody's words (real-copy round 1).
TERM_DETERMINER_RE = re.compile(
    r"\b(?:a|an|the|its|his|her|their)(?:[ \t]+(?:new|former|first|interim|acting|so-called))?"
    r"[ \t]+$"
)
TERM_HOLDER_RE = re.compile(r"[^\"“”\n]{1,60}?,[\"”][ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’-]+)+,")
TOPIC_LABEL_RE = re.compile(r"On [^:\n.!?\"“]{1,60}:[ \t]*")
# Real-copy round 6: lines that name a speaker by layout.
SIGNATURE_LINE_RE = re.compile(r"\s*[—–]+[ \t]*(?P<name>[A-Z][^\n(@]{1,60}?)[ \t]*\(@\w{1,30}\)")
LABEL_LINE_RE = re.compile(
    r"(?P<label>[A-Z][A-Za-z-]{2,20}):[ \t]*(?P<name>[A-Z][^:.!?\"“”]{2,60})"
)
NOT_SPEAKER_LABELS = frozenset(
    (
        "photo",
        "photos",
        "image",
        "images",
        "picture",
        "pictures",
        "credit",
        "source",
        "video",
        "watch",
        "read",
        "words",
        "by",
        "reporting",
        "editing",
        "edited",
        "writer",
        "author",
        "photographer",
        "illustration",
        "graphic",
        "caption",
    )
)
CROSSHEAD_RE = re.compile(r"On [^\n.!?:\"“”]{1,60}")
HEADING_STOP_RE = re.compile(r"[.!?:;,\"“”(]")
PARTY_STATE_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{1,8}")
PARTY_STATE_GAP_RE = re.compile(r",\s+[RDI]-[A-Z][A-Za-z.]{1,8},\s+")
PARTY_AND_GAP_RE = re.compile(r",\s+[RDI]-[A-Z][A-Za-z.]{1,8},\s+and\s+")
REPS = frozenset(["rep", "reps", "representative", "representatives"])
STATEMENT_NOUNS = frozenset(
    ["statement", "release", "letter", "post", "message", "note", "memo", "email"]
)
# Real-copy round 4: a notice a body puts out ("The notice reads:", "The yellow alert also
# added:") is the body's, like its statement: whoever issued it in the paragraphs before.
NOTICE_NOUNS = frozenset(["notice", "alert", "warning", "advisory", "bulletin", "appeal"])
NOTICE_WORD_RE = re.compile(
    r"\b(?:notices?|alerts?|warnings?|warned|advisory|bulletin|appeal(?:ed)?)\b"
)
# Real-copy round 4: a label that names whose words follow ("Excerpts of his remarks:", "Her
# statement in full:", "Okafor's speech:").
LABEL_OWNER_RE = re.compile(
    r"(?:\b(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir)|(?P<name>[A-Z][\w'’-]+)['’]s?)[ \t]+"
    r"(?:(?:full|own|prepared|opening|closing|written|whole|complete)[ \t]+)?"
    r"(?:remarks|statement|speech|comments|words|address|testimony|letter|message|post|answers)\b"
)
# Real-copy round 4: `... "...," Celebrity Weekly wrote.` after `X admitted "..."`: the outlet
# only relays the words the verb before the quote gives to X.
RELAY_VERBS = frozenset(["wrote", "writes", "reported", "reports", "noted", "notes"])
# Real-copy round 4: "A truck 'crossed the line' at 9pm, according to the release.": an
# "according to" closing the sentence covers the whole of it, the quote too.
ACCORDING_LATER_RE = re.compile(r"(?:[^.;:!?\n\x01]|\.(?=\d)){0,80}?,[ \t]*according[ \t]+to[ \t]+")
NUMBER_WORDS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
GROUP_NOUNS = frozenset(["band", "group", "duo", "trio", "quartet", "outfit", "collective"])
SELF_DETERMINERS = frozenset({"my", "our", "your"})
PARAGRAPH_WINDOW = 3
LABEL_RE = re.compile(r"[\[(][^\])\n]{1,80}[\])]")
# The line break comes first so the engine can scan for it; then what stands before it.
LONE_BREAK_RE = re.compile(r"\n(?<=\S\n)(?=[ \t]*\S)")
STATEMENT_WORD_RE = re.compile(r"\b(?:statement|release|letter|post|message|note|memo|email)s?\b")
NICKNAME_BEFORE_RE = re.compile(r"\b[A-Z][\w'’-]+[ \t]$")
NICKNAME_AFTER_RE = re.compile(r"[ \t][A-Z][\w'’-]+\b(?![ \t]+[a-z]+[ \t]+[\"“])")
# "was asked", "was also asked", "was then repeatedly asked": asked, not asking.
PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|is|are|be|been|being|get|got)\s+(?:[a-z]+ly\s+|also\s+|then\s+){0,2}$"
)
# "Ferrante, asked afterwards whether ..., said": a participle aside after the subject is a
# passive too; the subject was asked and is the one answering.
ASIDE_BEFORE_RE = re.compile(r",\s*$")
ASKED_WHAT_RE = re.compile(
    r"(?:\s+[\w'’]+){0,3}?\s+(?:how|whether|if|what|why|when|where|who|about)\b"
)
IN_WORDS_RE = re.compile(
    r"\s*(?:In|in)\s+(his|her|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}?['’]s?)\s+"
    r"(?:own\s+)?words\b"
)
# Two words for one office: "the skipper" means the captain, not a kindred role.
ROLE_SYNONYMS = {
    "skipper": ("captain",),
    "captain": ("skipper",),
    "boss": ("manager",),
    "manager": ("boss",),
    "gaffer": ("manager", "boss"),
}
CONTRAST_RE = re.compile(
    r"[^.!?:]{0,60}?\b(?:was|were|is|are|sounded|seemed)\s+(?:(?:far|much|rather|a\s+bit)\s+)?"
    r"(?:more|less)\s+[a-z]+\b"
)
AGE_RE = re.compile(r",\s*\d{1,3},")
# A letter or digit: a word character (\w) but the underscore, just what str.isalnum() accepts.
ALNUM_RE = re.compile(r"[^\W_]")
WHO_RE = re.compile(r",?\s+who\b")
INDEFINITE_PERSON_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(sorted(GENERIC_PEOPLE, key=len, reverse=True))
    + r")\b"
)
NAME_AFTER_RE = re.compile(r",?\s+(?:named\s+|called\s+|identified as\s+)?[A-Z][a-z]")
# Verbs and phrases of answering, one word or two ("replied", "shot back").
REPLIES = REPLY_VERBS | REPLY_PHRASES
SPOUSES = {
    "wife": "husband",
    "husband": "wife",
    "partner": "partner",
    "girlfriend": "boyfriend",
    "boyfriend": "girlfriend",
    "fiancee": "fiance",
    "fiance": "fiancee",
}
# "X and her daughter, Amy": Amy is the daughter, X the mother (by the owner's sex).
PARENT_OF = {"son": ("father", "mother"), "daughter": ("father", "mother")}
CHILD_OF = {"mother": ("son", "daughter"), "father": ("son", "daughter")}
SIBLING_OF = {"brother": ("brother", "sister"), "sister": ("brother", "sister")}
KIN_PAIRS = {**PARENT_OF, **CHILD_OF, **SIBLING_OF}
# Both start on literal characters, so the regex engine can skip ahead to candidates fast.
COUPLE_RE = re.compile(r"and\s+(his|her)\s+(" + "|".join([*SPOUSES, *KIN_PAIRS]) + r")\b")
# "His son, Will, wants ...": a relative named in an appositive, of the last person named.
KIN_APPOS_RE = re.compile(r"([Hh]is|[Hh]er)\s+(" + "|".join([*SPOUSES, *KIN_PAIRS]) + r"),\s+")
KIN_OBJECT_RE = re.compile(
    r"\b(?:his|her)\s+(?:late\s+|own\s+|elder\s+|older\s+|younger\s+)?([a-z]+)"
)
WORD_TOKEN_RE = re.compile(r"[A-Z][\w-]+")
MANNER_RE = re.compile(
    r"\b(?:was|is|were|are|remained|sounded|seemed)\s+(?:[\w-]+\s+){0,3}[\w-]+\s*[.:!]?\s*$"
)
HEADLINE_AFTER_RE = re.compile(r"[ \t]*[:|—–][ \t]+[A-Z]")
THE_WORDS = ("the ", "The ")
PLACE_PREPOSITIONS = (" at ", " in ", " on ", " from ", " near ", " to ")
GROUP_AT_BEFORE_RE = re.compile(r"(?<![\w'’-])([a-z]+s)[ \t]+(?:at|from)[ \t]+$")
OWN_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")
TOPIC_RE = re.compile(r"(He|His|She|Her)(?:['’](?:s|d|ll))?\b")
# `You keep saying "efficiencies."`: words the person addressed said, not the speaker's own
# (a generic "you just say, 'Sorry'" is the speaker's advice and stays theirs).
YOU_SAID_RE = re.compile(
    r"\b[Yy]ou(?:\s+(?:keep|kept|always|just|even|once|then|also|never))*"
    r"\s+(?:said|told|saying|wrote|asked|promised|called|tweeted|posted)\b"
)
# "The second time I thought, 'Of course he did'": the speaker's own thought, quoted inside
# their words right after "I thought" (or "we wondered", "I told myself").
SELF_THOUGHT_RE = re.compile(
    r"\b(?:I|[Ww]e)(?:\s+(?:just|then|still|kept|remember|was|were|first|immediately))*"
    r"\s+(?:thought|think|thinking|wondered|told (?:myself|ourselves)|asked (?:myself|ourselves))"
    r"[,:]?\s*$"
)

# "I called my wife and said, '...'": the outer speaker's own words, whatever follows the
# quote ("She laughed for a full minute") (seventeenth round).
SELF_SAID_RE = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:(?!(?:he|she|they|it|you|who|that)\s)[a-z]+\s+){0,5}?"
    r"(?:said|say|says|replied|answered)"
    r"(?:\s+(?:to\s+)?(?:him|her|them|myself))?[,:]?\s*$"
)

SAID_BEFORE_RE = re.compile(r"\b(?:said|says|asked|replied|told me)[,:]?\s*$")
# "No-one said to me, 'This is what will happen'", "when everyone was going, 'Is there ...?'":
# words an indefinite subject said inside a quote are nobody's, not the outer speaker's
# (real-copy round 3).
INDEFINITE_SAID_RE = re.compile(
    r"(?:^|[,;]\s*|\b(?:[Ww]hen|[Ww]hile|[Aa]s|[Aa]nd|[Bb]ut|[Bb]ecause|[Ii]f|[Tt]hen)\s+)"
    r"(?:[Ee]veryone|[Ee]verybody|[Nn]o[-\u2011 ]one|[Nn]obody|[Ss]omeone|[Ss]omebody|[Aa]nyone"
    r"|[Aa]nybody)\s+(?:[a-z][\w'\u2019-]*\s+){0,3}?[a-z][\w'\u2019-]*[,:]?\s*$"
)
# "I rang my mum in tears and said, '...' She said, '...'": a relative the speaker names only
# by kin, inside the speaker's own words (twenty-first round).
MY_KIN_RE = re.compile(rf"\b[Mm]y\s+({'|'.join(sorted(KIN_SEX))})\b")
# "Council tax to rise 5% as town hall warns of '...'": in a headline, a verb whose subject is
# a lower-case noun after "as", "while", "after" or "amid" is not the headline's opening
# name's (twenty-first round).
CLAUSE_SUBJECT_RE = re.compile(r"\b(?:as|while|after|amid)[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}$")
# `a message Ortega sent her that evening reading: "..."`, `Another, sent minutes later,
# read: "..."`: the text of a message, its sender's words, not the one who read it out.
OF_TAIL_RE = re.compile(r" (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")
GROUP_KIND_RE = re.compile(rf"[ \t]+(?:{BODY_KINDS})[ \t]+")
# A trait the text names nobody by ("the left-hander"): the one the paragraph is about.
TRAIT_NOUNS = frozenset(["left-hander", "right-hander", "southpaw"])
MESSAGE_TEXT_RE = re.compile(r"\b(?:reading|read|which read|that read)[ \t]*:[ \t]*$")
SENT_AFTER_RE = re.compile(r"(?:,[ \t]+\d+,)?[ \t]+(?:had[ \t]+)?(?:sent|texted|wrote|posted)\b")
SENT_BY_RE = re.compile(r"\b(?:sent|written|posted)[ \t]+by[ \t]+$")


@dataclass
class Record:
    """What was decided for one top-level quotation, for the quotations after it."""

    speaker: Entity | None
    how: str  # cue, continued, exchange, subject, none
    verb: str
    cue_end: int  # where the narrative after the quote stops being its attribution


class Attributor:
    def __init__(
        self,
        text: str,
        spans: list[Span],
        registry: Registry,
        titles: list[tuple[int, int, bool]] | None = None,
    ) -> None:
        self.text = text
        self.handles = "(@" in text  # a post's signature, "— Name (@handle)"
        self.headline: bool | None = None  # whether the first line is a short headline
        self.spans = spans
        self.registry = registry
        self.tops = [i for i, s in enumerate(spans) if s.parent_frame is None]
        self.openers = [spans[i].opener for i in self.tops]
        self.masked = _mask(text, [spans[i] for i in self.tops])
        if titles:
            self.masked = _mask_titles(self.masked, titles)
        if PARAGRAPH_BREAK_RE.search(text):
            # Blank lines divide paragraphs, so a lone line break is only a wrapped line.
            self.masked = LONE_BREAK_RE.sub(" ", self.masked)
        self.para_starts: list[int] = []
        self.sentences: list[int] = []
        for lo, hi in paragraphs(text):
            self.para_starts.append(lo)
            self.sentences.extend(sentence_starts(self.masked, lo, hi))
        self.events: list[tuple[int, Entity]] = []
        self.full_in_quote: dict[str, Entity] = {}  # a surname's full name found in a quote
        # sentences whose subject is someone unnamed ("Her sister says ...", "One member of the
        # committee was blunter"), with their sex when known
        self.unnamed_subjects: list[tuple[int, str]] = []
        # royal styles named as people ("Prince of Wales"), by where they are first named
        self.styles: list[tuple[int, Entity]] = []
        seen: set[str] = set()
        for mention in registry.mentions:
            name = mention.entity.name
            # A word of the style first (" of ", "Royal"): the regex is tried on every mention,
            # and few names have either.
            if (
                (" of " in name or "Royal" in name)
                and STYLE_RE.match(name)
                and name not in seen
                and mention.entity.kind == "person"
            ):
                seen.add(name)
                self.styles.append((mention.start, mention.entity))
        self.subjects: dict[int, Entity | None] = {}
        self.records: dict[int, Record] = {}
        self.top_speakers: list[Entity | None] = []  # each quote's speaker, once all are read
        self.askers: dict[int, Entity] = {}  # sentence start: who asks a question there
        self.spouses = self._couples()
        # sentence starts whose subject is a body speaking through "a spokesman" ...
        self.voiced: set[int] = set()
        self.offices: dict[str, Entity] = {}  # a lede's office, by the person named next
        # who a nationality read as a role noun was taken to mean ("the German": Zverev)
        self.demonyms: list[tuple[Entity, str]] = []
        # Offices written in capitals that the story never gives anyone ("The Prime Minister",
        # "The Labour leader"), each with the person it was read as.
        self.titled_offices: list[tuple[Entity, str]] = []

    def _couples(self) -> dict[str, list[tuple[int, Entity]]]:
        """ "Marco Vantaggio and his wife, pastry chef Delphine Vantaggio": she is his wife and
        he her husband, so "her husband" later means him."""
        found: dict[str, list[tuple[int, Entity]]] = {}
        for match in COUPLE_RE.finditer(self.masked):
            if match.start() and self.masked[match.start() - 1].isalnum():
                continue  # "band his wife", not "and his wife"
            before = self.registry.before(match.start(), max(0, match.start() - 60))
            after = self.registry.in_range(match.end(), match.end() + 40)
            if not before or not after or before[0].end < match.start() - 2:
                continue
            one, two = before[0].entity, after[0].entity
            if not (one.personal and two.personal) or one is two:
                continue
            kin = match.group(2).lower()
            found.setdefault(kin, []).append((match.start(), two))
            her = match.group(1) == "her"
            inverse = SPOUSES[kin] if kin in SPOUSES else KIN_PAIRS[kin][her]
            found.setdefault(inverse, []).append((match.start(), one))
        for match in KIN_APPOS_RE.finditer(self.masked):
            # "Tom Ellery has farmed here for 41 years. His son, Will, wants ...": Will is
            # the son of the last man named before, who is "his father" later.
            if match.start() and self.masked[match.start() - 1].isalnum():
                continue
            her = match.group(1).lower() == "her"
            after = self.registry.in_range(match.end(), match.end() + 40)
            if not after or after[0].start != match.end() or not after[0].entity.personal:
                continue
            two = after[0].entity
            one = next(
                (
                    m.entity
                    for m in self.registry.before(match.start(), max(0, match.start() - 300))
                    if not m.inside
                    and m.entity.kind == "person"
                    and m.entity is not two
                    and m.entity.gender in ("f" if her else "m", None)
                ),
                None,
            )
            if one is None:
                continue
            kin = match.group(2).lower()
            inverse = SPOUSES[kin] if kin in SPOUSES else KIN_PAIRS[kin][her]
            found.setdefault(kin, []).append((match.start(), two))
            found.setdefault(inverse, []).append((match.start(), one))
        return found

    # Positions ---------------------------------------------------------------------------

    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def para_lo(self, pos: int, back: int = PARAGRAPH_WINDOW) -> int:
        return self.para_starts[max(0, self.para_of(pos) - back)]

    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos) - 1
        return self.sentences[max(0, i)]

    def next_sentence(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentences, pos)
        return self.sentences[i] if i < len(self.sentences) else len(self.text)

    # The pass ----------------------------------------------------------------------------

    def run(self) -> list[Entity | None]:
        result: list[Entity | None] = [None] * len(self.spans)
        todo = [(self.spans[i].opener, 1, i) for i in self.tops]
        todo += [(s, 0, -1) for s in self.sentences]
        todo.sort()
        previous: int | None = None
        for pos, kind, i in todo:
            if kind == 0:
                self._note_subject(pos)
                continue
            speaker = self._top(i, previous)
            result[i] = speaker
            if speaker is not None:
                self.events.append((self.spans[i].opener, speaker))
            if self.records[i].how != "nickname":
                # Kim "Frost" Do-yun: the nickname is no quote the next one could continue.
                previous = i
        self._share_across_continuations(result)
        self._repeated(result)
        index_of = {span.frame: i for i, span in enumerate(self.spans)}
        self.top_speakers = result
        for i, span in enumerate(self.spans):
            if span.parent_frame is not None:
                parent = index_of[span.parent_frame]
                result[i] = self._nested(i, parent, result[parent])
        return result

    def _note_subject(self, pos: int) -> None:
        """Remember who a narrative sentence is about, for pronouns and role nouns later."""
        if self.masked[pos] == MASK:
            return
        end = self.next_sentence(pos)
        cue = None
        verb = SPEECH_RE.search(self.masked, pos, end)
        while verb is not None and NOUN_BEFORE_RE.search(
            self.masked, max(pos, verb.start() - 12), verb.start()
        ):
            # "Asked about his rival's remarks, Scheffler laughed": a noun, not a verb.
            verb = SPEECH_RE.search(self.masked, verb.end(), end)
        if verb is not None and self.masked.startswith(INTERVIEWER_LEADS, pos):
            # "When I ask Olivia Crane whether ..., she laughs": the interviewer's own verb in
            # a leading clause; the sentence is about the one who answers.
            lead = lead_clause(self.masked, pos, end)
            if lead is not None and verb.start() < lead:
                verb = SPEECH_RE.search(self.masked, lead, end)
        if verb is not None and MASK not in self.masked[pos : verb.start()]:
            cue = subject_before(self.masked, verb.start(), pos)
            if cue is not None and cue.form == "pronoun":
                # "Saffron was eliminated and, upon leaving, she reflected:": the name
                # that opens the sentence, not whoever the pronoun found before it.
                named = sentence_subject(self.masked, pos, end)
                if named is not None and named.form in ("name", "appos"):
                    cue = named
        cue = cue or sentence_subject(self.masked, pos, end)
        other = None
        if (
            cue is not None
            and cue.form == "the"
            and (
                self.masked.find("more ", pos, end) >= 0 or self.masked.find("less ", pos, end) >= 0
            )
            and CONTRAST_RE.match(self.masked, pos, end)
        ):
            # "The Dutchman was less diplomatic" after the team principal's quotes: a role
            # noun drawn in contrast with the last speaker is someone else.
            other = self.last_speaker(pos)
        entity = self.resolve(cue, pos, subject_only=True, outer=other) if cue is not None else None
        if entity is None and cue is not None and cue.form == "pronoun" and cue.start > pos:
            # "When I ask Olivia Crane whether ..., she laughs": the one a pronoun after a
            # leading clause means may be named in that clause.
            entity = self.resolve(cue, cue.start, subject_only=True, outer=other)
        if cue is not None and cue.form == "appos" and (entity is None or not entity.personal):
            # "Harley Shaiken, a labor expert at the University of California, Berkeley,
            # said": the place closing the descriptor is not the subject; the name opening it is.
            named = sentence_subject(self.masked, pos, end)
            if named is not None and named.form == "name":
                entity = self.resolve(named, pos, subject_only=True) or entity
        elif (
            cue is not None
            and cue.form == "appos"
            and cue.np[:4].lower() == "the "
            and cue.np.split()[-1].lower().strip(",") in DEMONYMS
        ):
            # "Joseph Parker, the New Zealander, seemed delighted.": the appositive's
            # nationality describes the name before it; it does not mean the last person seen
            # (thirteenth round).
            before = [
                m
                for m in self.registry.in_range(pos, cue.start)
                if not m.inside
                and m.entity.personal
                and not self.masked[m.end : cue.start].strip(" ,")
            ]
            if before:
                entity = before[-1].entity
        if entity is not None and entity.name.startswith("The "):
            entity = self._office_named(entity, pos)
        if entity is not None and " " not in entity.name and self.styles:
            entity = self._styled(entity, pos)
        if (
            entity is not None
            and entity.kind == "unknown"
            and " " not in entity.name
            and cue is not None
            and cue.form == "name"
            and self.masked.startswith(", who ", cue.start + len(cue.np))
        ):
            # "Stormzy, who won songwriter of the year, dedicated the award to his mother.": a
            # one-word name with a "who" clause is a person, of the sex of the pronoun that
            # comes before anyone else is named.
            entity.kind = "person"
            own = OWN_PRONOUN_RE.search(self.masked, cue.start + len(cue.np), end)
            if own is not None and entity.gender is None:
                between = self.registry.in_range(cue.start + len(cue.np), own.start())
                if not any(not m.inside and m.entity.personal for m in between):
                    entity.gender = "f" if own.group().lower() in ("she", "her") else "m"
        if entity is not None and entity is not NOBODY and entity.kind != "outlet":
            self.subjects[pos] = entity
            self.events.append((pos, entity))
            if entity.kind == "unknown" and " " not in entity.name:
                # "Best new artist went to Myles Smith, who thanked his parents.": a capital
                # that opens the sentence is no person; the one person it names is the one a
                # pronoun means next.
                named = {
                    m.entity
                    for m in self.registry.in_range(pos, end)
                    if not m.inside and m.entity is not entity and m.entity.personal
                }
                if len(named) == 1:
                    self.events.append((pos, named.pop()))
            if entity.kind == "org" and cue.np.split()[-1].lower().strip(",.:") in SPOKESPEOPLE:
                self.voiced.add(pos)
            passive = (
                PASSIVE_BEFORE_RE.search(self.masked, max(pos, verb.start() - 30), verb.start())
                if verb is not None
                else None
            )
            if (
                verb is not None
                and verb.group() in ASK_VERBS
                and passive is None
                and not ASIDE_BEFORE_RE.search(
                    self.masked, max(pos, verb.start() - 4), verb.start()
                )
                and ASKED_WHAT_RE.match(self.masked, verb.end())
            ):
                self.askers[pos] = entity  # asked how, whether, what ...: a question to answer
        elif (
            entity is NOBODY
            and verb is not None
            and MASK not in self.masked[pos : verb.start()]
            and not self.masked[cue.start + len(cue.np) : verb.start()].strip()
            and cue.np.split()[0].lower() in ("his", "her")
            and cue.np.split()[-1].lower() in KIN_NOUNS
            and GENDERED_NOUNS.get(cue.np.split()[-1].lower())
            and not self._named_kin(cue.np.split()[-1].lower(), pos)
        ):
            # "Her sister says the diagnosis changed them both.": "she says" next is the sister.
            self.unnamed_subjects.append((pos, GENDERED_NOUNS[cue.np.split()[-1].lower()]))
        elif (
            entity is NOBODY
            and cue is not None
            and cue.form == "the"
            and cue.np.split()[0].lower() in ("a", "an", "one", "another")
        ):
            # "One member of the committee, speaking privately, was blunter.": someone unnamed
            # is the subject; "the MP said" next means them, not the last person named.
            # "One parent, who declined to give her name, said she would ...": a pronoun in
            # the sentence before anyone is named there gives their sex.
            own = OWN_PRONOUN_RE.search(self.masked, cue.start + len(cue.np), end)
            sex = ""
            if own is not None and not any(
                not m.inside for m in self.registry.in_range(pos, own.start())
            ):
                sex = "f" if own.group().lower() in ("she", "her") else "m"
            self.unnamed_subjects.append((pos, sex))
        elif verb is None:
            # "The review will be led by Gerald Fox. He told reporters ...": a sentence about
            # something else that names one person makes them the one a pronoun means next.
            named = {
                m.entity
                for m in self.registry.in_range(pos, end)
                if not m.inside
                # "former Spurs winger Kaoru Mitoma": a name nobody has sexed, given a role
                and (m.entity.kind == "person" or (m.entity.personal and m.titled))
            }
            if len(named) == 1:
                self.events.append((pos, named.pop()))

    # Top-level quotations ----------------------------------------------------------------

    def _top(self, i: int, previous: int | None) -> Entity | None:
        span = self.spans[i]
        masked = self.masked
        sent_lo = self.sentence_of(span.opener)
        prev_span = self.spans[previous] if previous is not None else None
        same_sentence = (
            prev_span is not None
            and prev_span.closer is not None
            and prev_span.closer >= sent_lo
            and prev_span.paragraph == span.paragraph
        )
        lo = prev_span.closer + 1 if same_sentence and prev_span.closer is not None else sent_lo
        verb = ""
        cue_end = span.end
        speaker: Entity | None = None
        how = "none"
        if (
            span.closer is not None
            # the rarest test first: a capitalised word right after the closing mark
            and NICKNAME_AFTER_RE.match(self.text, span.closer + 1)
            and len(self.text[span.start : span.end].split(None, 2)) <= 2  # two words at most
            and NICKNAME_BEFORE_RE.search(self.text, max(0, span.opener - 30), span.opener)
        ):
            # Paul "Gazza" Gascoigne: a nickname inside a name, which nobody says.
            end = _clause_end(self.masked, span.closer + 1, self._stop_after(i, span))
            self.records[i] = Record(None, "nickname", "", end)
            if previous is not None and self.records[previous].cue_end >= span.opener - 2:
                # `"...," said Kim "Frost" Do-yun, 19.`: the attribution runs on past the name.
                self.records[previous].cue_end = max(self.records[previous].cue_end, end)
            return None
        if span.closer is not None:
            stop = self._stop_after(i, span)
            cue = after_cue(masked, span.closer + 1, stop, self.text[span.start : span.end])
            if (
                cue is not None
                and (
                    cue.weak
                    # `Carter wrote: "Still on?" Reece replied: "Yeah."`: a cue that introduces
                    # the next quote with a colon is that quote's, when this one has its own.
                    or masked[span.closer + 1 : stop].rstrip().endswith(":")
                    # `X admitted "...," Celebrity Weekly wrote.`: the outlet relays X's words
                    # (real-copy round 4).
                    or cue.verb in RELAY_VERBS
                )
            ):
                # `"...end." Jarrett told the audience`: a cue before the quote comes first.
                before = before_cue(masked, lo, span.opener, False)
                if before is not None and before.form not in ("none",):
                    cue = None
            if cue is None and masked.find("according", span.closer + 1, stop) >= 0:
                source = self._according_later(span, sent_lo, stop)
                if source is not None:
                    speaker, verb, how = source, "according", "cue"
            if cue is not None:
                cue_end = _clause_end(masked, cue.start, stop)
                if STATEMENT_RE.search(masked, cue.start, cue_end):
                    # "Spotify said in a statement": a platform or paper speaking for itself
                    for mention in self.registry.overlapping(cue.start, cue.start + len(cue.np)):
                        if mention.entity.kind == "outlet":
                            mention.entity.kind = "org"
                # "Sir Ed Davey asked about carers. 'Will the Prime Minister scrap it?' he
                # said": a quote that is itself a question is the asker's, not an answer.
                asking = self.text[span.start : span.end].rstrip(" ,").endswith("?")
                asker = (None if asking else self._asker(cue)) or self._questioner(
                    cue, span, previous
                )
                speaker = self.resolve(cue, span.opener, outer=asker)
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    speaker = self._exchange_office(cue, span.opener) or speaker
                topic = self._topic(span) if cue.form == "the" else None
                if cue.form == "the" and speaker is not None and self._opens_on(span, speaker):
                    topic = speaker  # `"Joe said, ..." the former tennis player said`
                if topic is not None and speaker is topic:
                    other = self.resolve(cue, span.opener, outer=topic)
                    if (
                        other is not None
                        and other is not NOBODY
                        # `"He's a horse with a huge heart. Paul gave him a peach of a ride,"
                        # the Irish trainer said`: the other man is spoken of by name, so the
                        # "he" is not the topic that rules the first man out.
                        and not (other.kind == "person" and self._named_inside(other, span))
                    ):
                        speaker = other
                verb, how = cue.verb, "cue"
                if speaker is None and cue.form == "pronoun":
                    speaker = NOBODY
                if speaker is not None and speaker.kind == "outlet":
                    # `... "very positive progress," the AP reported`: where it was read.
                    speaker, verb, how = None, "", "none"
            else:
                cue_end = span.closer + 1
        if (speaker is None or speaker is NOBODY) and span.closer is not None:
            # Layouts that name the speaker on a line of its own (real-copy round 6): an
            # embedded post signed "— Name (@handle) date" on the line after, a label line
            # "Creator: Name" or a heading "Harriers Manager Name" (crossheads "On ..." and
            # earlier bare answers between) on the lines before.
            laid_out = self._signed_line(span) or (
                self._label_line(span) if how == "none" else None
            )
            if laid_out is not None:
                speaker, how, verb = laid_out, "cue", ""
        if (
            how == "none"
            and masked.startswith("On ", self.para_starts[span.paragraph])
            and TOPIC_LABEL_RE.fullmatch(masked, self.para_starts[span.paragraph], span.opener)
            and self.para_starts[span.paragraph] > 0
        ):
            # "Here is what he said. / On the referee: '...'": a topic label before each answer
            # in a press conference write-up; the one who spoke last, or the one it is about.
            para_start = self.para_starts[span.paragraph]
            speaker = self.last_speaker(span.opener) or self.pronoun(para_start, None)
            how = "continued" if speaker is not None else how
        if (
            how == "none"
            and span.closer is not None
            and masked.find(":", span.opener - 3, span.opener) >= 0
            and MESSAGE_TEXT_RE.search(masked, sent_lo, span.opener)
        ):
            sender = self._sender(sent_lo, span.opener, previous)
            if sender is not None:
                speaker, how, verb = sender, "message", ":"
                cue_end = span.closer + 1
        if (
            how == "none"
            and span.closer is not None
            # what the two patterns need, tested first: a space before the opening mark, and a
            # comma before a closing mark within 62 characters after it
            and masked[span.opener - 1 : span.opener] in (" ", "\t", "\n")
            and (
                self.text.find(',"', span.opener + 2, span.opener + 64) >= 0
                or self.text.find(",”", span.opener + 2, span.opener + 64) >= 0
            )
            and TERM_DETERMINER_RE.search(masked, max(lo, span.opener - 24), span.opener)
            and TERM_HOLDER_RE.match(self.text, span.opener + 1)
        ):
            # 'named a new "head of fleet renewal," Pieter Vos, to ...': a term in a noun
            # phrase whose holder is named after it; nobody says it.
            speaker, how, verb = NOBODY, "cue", "term"
        if how == "none":
            prev_speaker = (
                self.records[previous].speaker if same_sentence and previous is not None else None
            )
            cue = before_cue(masked, lo, span.opener, prev_speaker is not None)
            if (
                cue is not None
                and cue.form == "none"
                and cue.verb
                and span.closer is not None
                and masked.startswith(" by ", span.closer + 1)
            ):
                # `has been called "a slow-burn triumph" by Variety`: the passive's agent
                # comes after the quote.
                agent = AGENT_AFTER_RE.match(masked, span.closer + 1)
                if agent is not None:
                    cue = Cue(agent.group("np"), agent.start("np"), "agent", cue.verb)
            if cue is not None:
                how, verb = "cue", cue.verb
                if cue.form == "main" and self._headline_clause(span, sent_lo, cue):
                    # "Council tax to rise 5% as town hall warns of 'cliff edge'": the verb's
                    # subject is the lower-case noun, not the headline's first word; the quote
                    # is left to the body's quote of the same words (`_repeated`).
                    speaker = None
                elif cue.form == "main":
                    speaker = prev_speaker or self._bracket_label(sent_lo, span.opener)
                    speaker = speaker or self._sentence_speaker(sent_lo, lo, span.opener)
                    if speaker is None and verb == ":":
                        speaker = self._surname_label(span)
                else:
                    asker = self._asker(cue) or self._questioner(cue, span, previous)
                    if masked.startswith("whose ", cue.start - 6):
                        # "Florian Wirtz-Meyer, whose agent says": anyone but Florian.
                        owner = self.registry.before(cue.start, max(0, cue.start - 40))
                        asker = asker or (owner[0].entity if owner else None)
                    if cue.verb in VERDICT_VERBS and cue.np:
                        # `Empire called it "Pixar's most beautiful"`: a review's verdict is
                        # the paper's own words, not a report it carried.
                        end = cue.start + len(cue.np)
                        for mention in self.registry.overlapping(cue.start, end):
                            if mention.entity.kind == "outlet":
                                mention.entity.kind = "org"
                    speaker = self.resolve(cue, span.opener, outer=asker)
                    if cue.verb == "comment" and speaker is None:
                        # "Mayor Victor Hale's comment that ...": the owner, a possessive
                        owners = self.registry.overlapping(cue.start, cue.start + len(cue.np))
                        speaker = next((m.entity for m in owners if m.entity.personal), None)
                if speaker is not None and cue.form == "the":
                    speaker = self._pair_role(cue, span.opener, speaker)
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    through = (
                        THROUGH_RE.search(masked, sent_lo, cue.start)
                        if masked.find("through", sent_lo, cue.start) >= 0
                        else None
                    )
                    if through is not None:
                        # "In a statement released through his club, the player said": the
                        # one the statement is from, the man or woman the story is about
                        # (the first named), not his solicitor who spoke last.
                        sex = "m" if through.group(1).lower() == "his" else "f"
                        speaker = self._first_of_sex(cue.start, sex) or speaker
                if (speaker is None or speaker is NOBODY) and cue.form == "the":
                    speaker = self._exchange_office(cue, span.opener) or speaker
                if speaker is None and cue.form in ("pronoun", "the", "after-verb", "agent"):
                    speaker = NOBODY
            elif prev_speaker is not None:
                # `He called "the whole Russian thing" a "ruse."`: one verb, two quotes.
                speaker, how = prev_speaker, "continued"
        if (how == "none" or (how == "cue" and speaker is NOBODY and not verb)) and not (
            self._modifier(span)
        ):
            final = self._sentence_final(span, stop_at=self.next_sentence(span.opener))
            if final is not None:
                speaker, how = final, "cue"
            elif how == "cue" and span.closer is not None and speaker is NOBODY:
                # `Jennifer Lawrence felt like a "shaking Chihuahua"`: a phrase in the
                # predicate of a sentence about a named person is taken to be theirs.
                subject = self._named_subject(sent_lo, lo, span.opener)
                if subject is not None:
                    speaker = subject
        if (
            how == "none"
            and span.closer is not None
            and (self._opens_paragraph(span) or not masked[sent_lo : span.opener].strip())
        ):
            # `Headteachers are not convinced. "The sums don't add up" – Paul Whiteman, ...`:
            # a quote opening its sentence may be signed with a dash too.
            signed = dash_cue(masked, span.closer + 1, self._stop_after(i, span))
            if signed is not None:
                speaker = self.resolve(signed, span.opener)
                how = "cue" if speaker is not None else how
        if (how == "none" or speaker is NOBODY) and span.closer is not None:
            words_of = (
                WORDS_OF_RE.search(masked, sent_lo, span.opener)
                if masked.find("words of", sent_lo, span.opener) >= 0
                else None
            )
            if words_of is not None:
                # `..., in the words of her co-founder, James Okello, "absolutely no idea"`
                named = [
                    m.entity
                    for m in self.registry.in_range(words_of.start("np"), span.opener)
                    if not m.inside and m.entity.personal
                ]
                found = named[-1] if named else None
                if found is None:
                    np = words_of.group("np").rstrip(" ,")
                    found = self.resolve(Cue(np, words_of.start("np"), "the"), span.opener)
                if found is not None and found is not NOBODY:
                    speaker, how = found, "cue"
        if (how == "none" or speaker is NOBODY) and span.closer is not None:
            # "In her words, the place is 'running on fumes'", "In Okoro's own words, ...":
            # the sentence is framed as someone's words.
            framed = (
                IN_WORDS_RE.match(masked, sent_lo, span.opener)
                if masked.find("words", sent_lo, span.opener) >= 0
                else None
            )
            if framed is not None:
                owner = framed.group(1)
                if owner.lower() in ("his", "her"):
                    found = self.pronoun(span.opener, "m" if owner.lower() == "his" else "f")
                else:
                    names = [
                        m.entity
                        for m in self.registry.in_range(sent_lo, framed.end())
                        if not m.inside and m.entity.personal
                    ]
                    found = names[0] if names else None
                if found is not None:
                    speaker, how = found, "cue"
        if how == "none" and span.closer is not None and self._lone_opening_quote(span):
            # `"We were told six weeks. It's been eleven months."` as the whole first
            # paragraph: a feature's opening line, by the person the story introduces next
            # (in the next paragraph or the one after: "That is how one witness described ...").
            speaker = self._introduced_next(span.opener, 2)
            how = "cue" if speaker is not None else how
        if (
            how == "none"
            and previous is None
            and span.paragraph > 0
            and span.closer is not None
            and self._whole_paragraph(span)
        ):
            # `"We got the call at two in the morning ..."` / "That was how Marisol Vega, 46,
            # described the night": the story's first quote, a paragraph of its own, by the
            # person the next paragraph opens on, when that sentence speaks or describes.
            speaker = self._named_after(span)
            how = "cue" if speaker is not None else how
        if how == "none" and span.closer is not None and self._headline_quote(span):
            # "'I was told I'd never walk again': Paralysed rugby player completes marathon":
            # a headline opening on a quote gives it to the person the story then introduces.
            speaker = self._introduced_next(span.opener, 2)
            how = "cue" if speaker is not None else how
        if how == "none" and span.closer is not None and self._answers_question(span):
            # An interview whose questions are plain paragraphs and whose answers are bare
            # quotes, with no name labels: each answer is the interviewee's, the person the
            # introduction names first.
            speaker = self._interviewee()
            how = "continued" if speaker is not None else how
        if how == "none":
            speaker, how = self._without_cue(i, span, previous, sent_lo)
        if speaker is not None and speaker.kind == "outlet":
            speaker = NOBODY
        if speaker is not None and speaker.name.startswith("The "):
            speaker = self._office_named(speaker, span.opener)
        if speaker is not None and speaker.kind == "unknown" and " " not in speaker.name:
            speaker = self._nickname_of(speaker, span.opener)
        if speaker is not None and " " not in speaker.name and self.styles:
            speaker = self._styled(speaker, span.opener)
        if speaker is not None and speaker.kind == "unknown" and how == "cue":
            speaker.kind = "person"  # "Drake said": one name, but someone who speaks
        if speaker is not None and speaker.kind == "person" and " " not in speaker.name:
            speaker = self._named_in_quote(speaker, span.opener)
        self.records[i] = Record(speaker if speaker is not NOBODY else None, how, verb, cue_end)
        return speaker if speaker is not NOBODY else None

    def _person_at(self, lo: int, hi: int, whole: bool) -> Entity | None:
        """The person named at [lo, hi): the whole of it (`whole`), or its last words."""
        for mention in self.registry.overlapping(lo, hi):
            if (
                (mention.entity.kind == "person" or (whole and mention.entity.kind == "unknown"))
                and mention.end == hi
                and (not whole or mention.start == lo)
            ):
                return mention.entity
        return None

    def _signed_line(self, span: Span) -> Entity | None:
        """`... "words"` then `— Name (@handle) March 3, 2021` (on the next line, or run on):
        a post embedded in the copy, signed by its author (real-copy round 6)."""
        assert span.closer is not None
        if not self.handles:
            return None  # SIGNATURE_LINE_RE asks for "(@"
        signed = SIGNATURE_LINE_RE.match(self.text, span.closer + 1)
        if signed is None:
            return None
        return self._person_at(signed.start("name"), signed.end("name"), True)

    def _label_line(self, span: Span) -> Entity | None:
        """A quote opening its line, under a label line naming whose words they are
        ("Creator: Name", "Showrunner: Name") or a heading that ends on a person's name
        ("Kings Coach Name"), with only crossheads ("On the defeat") and earlier bare answers
        between (real-copy round 6)."""
        text = self.text
        # the quote opens its line: only spaces back to the line break (no slice of the line)
        hi = span.opener - 1
        while hi >= 0 and text[hi] != "\n" and text[hi].isspace():
            hi -= 1
        if hi < 0 or text[hi] != "\n":
            return None
        for _ in range(8):
            lo = text.rfind("\n", 0, hi) + 1
            line = text[lo:hi].strip()
            start = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
            end = start + len(line)
            if not line:
                pass
            elif line[0] in '"\u201c':
                if len(self.registry.in_range(lo, hi)) > 0 and not line.endswith(('"', "\u201d")):
                    return None
            elif CROSSHEAD_RE.fullmatch(line):
                pass
            else:
                label = LABEL_LINE_RE.fullmatch(line)
                if label is not None:
                    if label.group("label").lower() in NOT_SPEAKER_LABELS:
                        return None
                    return self._person_at(start + label.start("name"), end, True)
                if len(line) <= 70 and not HEADING_STOP_RE.search(line):
                    return self._person_at(start, end, False)
                return None
            if lo == 0:
                return None
            hi = lo - 1
        return None

    def _sender(self, lo: int, opener: int, previous: int | None) -> Entity | None:
        """Who sent the message whose text follows "reading:": the person named just before
        "sent" or after "sent by"; for "Another, sent minutes later, read:", the sender of the
        message quoted before (nineteenth round)."""
        text = self.masked
        for mention in reversed(self.registry.in_range(lo, opener)):
            entity = mention.entity
            if mention.inside or entity.kind not in ("person", "unknown"):
                continue
            if SENT_AFTER_RE.match(text, mention.end) or SENT_BY_RE.search(
                text, max(lo, mention.start - 12), mention.start
            ):
                return entity
        if (
            previous is not None
            and self.records[previous].how == "message"
            and re.match(r"(?:Another|A second|A third|A later one|A further)\b", text[lo:opener])
        ):
            return self.records[previous].speaker
        return None

    def _styled(self, entity: Entity, pos: int) -> Entity:
        """ "The Prince of Wales has said ... William spoke to shop owners": a given name alone,
        after a royal style of the same sex and with nobody else bearing it, is the style."""
        if entity.kind not in ("person", "unknown") or entity.name.lower() not in GIVEN_NAMES:
            return entity
        sex = gender_of_first_name(entity.name)
        found = [e for at, e in self.styles if at < pos and sex and e.gender == sex]
        if len(found) != 1:
            return entity
        if any(
            m.entity.name.split()[0] == entity.name and " " in m.entity.name
            for m in self.registry.before(pos, 0)
        ):
            return entity  # "William Hague": a full name of someone else
        return found[0]

    def _named_in_quote(self, entity: Entity, pos: int) -> Entity:
        """`Joshua promised to "put Daniel Dubois to sleep" ... Dubois, 26, said`: a surname
        whose bearer the narrative never names in full, given a first name inside an earlier
        quote, is that full name (names inside quotes are not registered)."""
        name = entity.name
        if not name.isalpha() or gender_of_first_name(name) is not None:
            return entity
        found = self.full_in_quote.get(name)
        if found is None:
            found = entity
            for match in re.compile(rf"\b([A-Z][a-z]+) {name}\b").finditer(self.text, 0, pos):
                k = bisect.bisect_right(self.openers, match.start()) - 1
                quote = self.spans[self.tops[k]] if k >= 0 else None
                if (
                    quote is not None
                    and match.end() <= quote.end
                    and gender_of_first_name(match.group(1)) is not None
                ):
                    found = self.registry.entity(f"{match.group(1)} {name}", "person")
                    break
            self.full_in_quote[name] = found
        return found

    def _nickname_of(self, entity: Entity, pos: int) -> Entity:
        """ "Becks told the One Show" after "David Beckham": a one-word name nobody bears,
        cut from the start of one person's surname, is that person's nickname."""
        stem = entity.name[:4].lower()
        if len(stem) < 4 or not entity.name.isalpha():
            return entity
        found = {
            m.entity
            for m in self.registry.before(pos, 0)
            if m.entity.kind == "person"
            and " " in m.entity.name
            and m.entity.name.split()[-1].lower().startswith(stem)
            and len(m.entity.name.split()[-1]) > len(entity.name)
        }
        return found.pop() if len(found) == 1 else entity

    def _office_named(self, entity: Entity, pos: int) -> Entity:
        """ "The Taoiseach has said ..." in the lede, "Speaking in Cork, Simon Harris said" next:
        an office known only by its title, in the first paragraph, is the person named next."""
        if (
            not entity.name.startswith("The ")
            or entity.name.split()[-1].lower() not in PUBLIC_OFFICES
            or self.para_of(pos) != 0
        ):
            return entity  # "The Admiral tells her": a character, not an office
        found = self.offices.get(entity.name)
        if found is None:
            found = self._introduced_next(pos) or entity
            self.offices[entity.name] = found
        return found

    def _turn_speaker(self, pos: int) -> Entity | None:
        """ "SHEARER: ... I said on the night, '...'": in a transcript, "I" is whoever the
        paragraph's label names."""
        label = TURN_LABEL_RE.match(self.text, self.para_starts[self.para_of(pos)])
        if label is None:
            return None
        entries = self.registry.tokens.get(label.group(1).split()[-1].lower())
        if not entries:
            return None
        found = _latest(entries, pos) or entries[0][1]
        return found if found.personal else None

    def _turn_addressee(self, pos: int) -> Entity | None:
        """The other party of a transcript: the label of the nearest turn (the next first, then
        the one before) that is not this paragraph's."""
        para = self.para_of(pos)
        label = TURN_LABEL_RE.match(self.text, self.para_starts[para])
        if label is None:
            return None
        count = len(self.para_starts)
        order = [*range(para + 1, min(count, para + 4)), *range(para - 1, max(-1, para - 4), -1)]
        for other in order:
            found = TURN_LABEL_RE.match(self.text, self.para_starts[other])
            if found is not None and found.group(1) != label.group(1):
                return self._turn_speaker(self.para_starts[other])
        return None

    def _surname_label(self, span: Span) -> Entity | None:
        """ "SHEARER: '...'": a transcript turn labelled by a surname in capitals that the
        text gives no full name for. The person named by it later ("Lineker later said"), or,
        when the label recurs as a turn, a person of that name."""
        para_lo = self.para_starts[self.para_of(span.opener)]
        label = TURN_LABEL_RE.match(self.text, para_lo)
        if label is None or label.end() != span.opener or " " in label.group(1):
            return None
        word = label.group(1).strip(".")
        low = word.lower()
        if len(word) < 3 or low in ROLE_KEYS or low in STOPWORDS or low in ANONYMOUS_NOUNS:
            return None
        for _at, entity in self.registry.tokens.get(low, []):
            if entity.kind in ("person", "unknown") and entity.name.split()[-1].lower() == low:
                return entity
        turns = re.findall(rf"(?m)^[ \t]*{re.escape(label.group(1))}:[ \t]", self.text)
        if len(turns) < 2:
            return None
        return self.registry.entity(word.title(), "person")

    def _opens_on(self, span: Span, entity: Entity) -> bool:
        """The quote opens by naming `entity` in the third person ("Joe said, ...")."""
        first = OPENING_NAME_RE.match(self.text, span.start)
        return first is not None and first.group(1) in entity.name.split()

    def _modifier(self, span: Span) -> bool:
        """`Influencers who promote "detox" teas should face tighter rules, she added.`: a word
        or two quoted before the noun it qualifies is a term, not the speaker's words."""
        if span.closer is None or len(self.text[span.start : span.end].split(None, 2)) > 2:
            return False
        after = MODIFIED_RE.match(self.text, span.closer + 1)
        if after is None:
            return False
        word = after.group(1)
        return not (
            word in STOPWORDS
            or word in AUXILIARIES
            or word in LINK_WORDS
            or word.endswith("ly")  # "thank you" quietly
        )

    def _asker(self, cue: Cue) -> Entity | None:
        """ "Bartlett asked how he felt. 'Relieved,' the diver said.": whoever asked, in the
        sentence before, is not the one a pronoun or role noun answering means."""
        if cue.form not in ("pronoun", "the"):
            return None
        k = bisect.bisect_right(self.sentences, cue.start) - 1
        if k < 1 or self.para_of(self.sentences[k - 1]) != self.para_of(cue.start):
            return None
        return self.askers.get(self.sentences[k - 1])

    def _questioner(self, cue: Cue, span: Span, previous: int | None) -> Entity | None:
        """`"Sir, are you hurt?" Farraday asks. / "No," the driver answers.`: whoever asked
        the question just before is not the one a pronoun or role noun answering means."""
        if cue.form not in ("pronoun", "the") or previous is None:
            return None
        before = self.spans[previous]
        if before.paragraph < span.paragraph - 1:
            return None
        if " ".join(cue.verb.split()).lower() in REPLIES and not (
            ASKED_IN_RE.search(self.masked, self.sentence_of(cue.start), cue.start)
        ):
            # `... the reality star wrote. / "Love you more," the actor replied`: nobody
            # replies to their own words (unless asked: "Asked whether ..., he replied").
            return self.records[previous].speaker
        # A quote's own text ends inside its marks; a closing mark left at its end is a nested
        # quote's ("... and think, 'What's the point?'"), whose question nobody here asked.
        if not self.text[before.start : before.end].rstrip(" ,").endswith("?"):
            return None
        return self.records[previous].speaker

    def _topic(self, span: Span) -> Entity | None:
        """`"He missed one ...," the Kiwi said` after a sentence about the kicker: a quote that
        opens by speaking of "he" or "she" is about the person last spoken of, so a role noun
        naming its speaker means someone else (a pronoun would have done for the same man)."""
        first = TOPIC_RE.match(self.text, span.start)
        if first is None:
            return None
        gender = "m" if first.group(1).lower() in ("he", "his", "him") else "f"
        k = bisect.bisect_left(self.sentences, self.sentence_of(span.opener)) - 1
        if k < 0:
            return None
        before = self.sentences[k]
        found = self.subjects.get(before)
        end = self.next_sentence(before)
        if (
            found is None
            or found.gender != gender
            or found is self.last_speaker(span.opener)
            or SPEECH_RE.search(self.masked, before, end) is not None
            # "Pegula was more succinct.": a sentence on how someone spoke introduces them
            or MANNER_RE.search(self.masked, before, end) is not None
        ):
            return None  # "Okonkwo said the star asked ...": the one reporting, not the topic
        for kin in KIN_OBJECT_RE.finditer(self.masked, before, end):
            noun = kin.group(1)
            if noun in KIN_NOUNS and GENDERED_NOUNS.get(noun) == gender:
                # "McAllister thanked his late brother. 'He never read a poem ...,' the poet
                # said": the quote's "he" may be the unnamed relative (twelfth round).
                return None
        return found

    def _named_subject(self, sent_lo: int, lo: int, opener: int) -> Entity | None:
        """The sentence's subject, when it is a person called by name or by a pronoun."""
        if lo != sent_lo:
            return None
        cue = sentence_subject(self.masked, sent_lo, opener)
        if cue is None or cue.form not in ("name", "appos", "pronoun"):
            return None
        found = self.resolve(cue, opener, subject_only=True)
        return found if found is not None and found is not NOBODY and found.personal else None

    def _opens_paragraph(self, span: Span) -> bool:
        return not self.text[self.para_starts[self.para_of(span.opener)] : span.opener].strip()

    def _sentence_final(self, span: Span, stop_at: int) -> Entity | None:
        """`The victim, who suffered "sharp-force injuries," died, said Sgt. Michael Glassberg.`

        A sentence that ends with its attribution gives it to every quote inside it.
        """
        start = (span.closer if span.closer is not None else span.end) + 1
        cue = final_cue(self.masked, start, stop_at)
        if cue is None:
            return None
        found = self.resolve(cue, span.opener)
        if found is None or found.kind == "outlet":
            return None
        return found  # NOBODY for "..., pals have revealed."

    def _stop_after(self, i: int, span: Span) -> int:
        """The end of the quote's paragraph (a line break inside a paragraph does not end it),
        or the next quotation's opening mark."""
        para = self.para_of(span.opener) + 1
        stop = self.para_starts[para] if para < len(self.para_starts) else len(self.text)
        k = bisect.bisect_right(self.openers, span.opener)
        return min(stop, self.openers[k]) if k < len(self.openers) else stop

    def _bracket_label(self, lo: int, opener: int) -> Entity | None:
        """ "ANALYST (Adam Cochrane, Deutsche Bank): '...'": a transcript turn labelled by a
        role in capitals, the speaker's name in brackets after it."""
        if self.masked.find("(", lo, opener) < 0:
            return None
        label = BRACKET_LABEL_RE.fullmatch(self.masked, lo, opener)
        if label is None:
            return None
        named = [
            m.entity
            for m in self.registry.in_range(label.start("name"), label.end("name"))
            if not m.inside and m.entity.personal
        ]
        return named[0] if named else None

    def _sentence_speaker(self, sent_lo: int, lo: int, opener: int) -> Entity | None:
        """Who a reporting verb with no subject of its own belongs to: the sentence's subject."""
        subject = self.subjects.get(sent_lo)
        if subject is not None:
            return subject
        cue = sentence_subject(self.masked, sent_lo, opener)
        if cue is None:
            return None
        if (
            cue.np.startswith("There")
            and cue.np[5:6] in ("", " ", "'", "’")
            and self.masked.find(" when ", sent_lo, opener) >= 0
        ):
            # "There's a moment in the set when Grian Chatten stops ... and says:": the
            # existential "There" says nothing; the clause after "when" has the subject.
            when = self.masked.rfind(" when ", sent_lo, opener) + 6
            cue = sentence_subject(self.masked, when, opener)
            if cue is None:
                return None
        return self.resolve(cue, opener)

    def _without_cue(
        self, i: int, span: Span, previous: int | None, sent_lo: int
    ) -> tuple[Entity | None, str]:
        """A quotation with no cue: a continuation, an answer, or the sentence before's subject.

        `Her partner, Nikolai Baranov, convinced her. "Nikolai just looked at me and said ..."`:
        a subject the quote names in the third person is spoken of, not speaking; the floor
        stays with whoever spoke last.
        """
        speaker, how = self._uncued(i, span, previous, sent_lo)
        if how == "subject" and speaker is not None and self._named_inside(speaker, span):
            last = self.last_speaker(span.opener)
            if last is not None and last is not speaker and not self._named_inside(last, span):
                return last, "continued"
            return None, "none"
        return speaker, how

    def _named_inside(self, entity: Entity, span: Span) -> bool:
        words = set(WORD_TOKEN_RE.findall(self.text, span.start, span.end))
        return any(len(part) > 2 and part in words for part in entity.name.split())

    def _uncued(
        self, i: int, span: Span, previous: int | None, sent_lo: int
    ) -> tuple[Entity | None, str]:
        if span.continued:
            return None, "continued"
        prev = self.spans[previous] if previous is not None else None
        if prev is not None and previous is not None and self._adjacent(previous, i):
            return self._continue_from(previous, i)
        para = self.para_of(span.opener)
        para_lo = self.para_starts[para]
        if sent_lo > para_lo:
            before = self.sentences[bisect.bisect_left(self.sentences, sent_lo) - 1]
            if not self.masked[sent_lo : span.opener].strip():
                # "In a statement, the club said:" on the line before the quote.
                colon = self._colon_cue_before(max(before, para_lo), sent_lo, span)
                if colon is not None:
                    return colon, "cue"
            subject = self.subjects.get(before)
            if subject is not None and subject.personal and self.masked[before] != MASK:
                return subject, "subject"
            if subject is None and self.masked[before] != MASK:
                # "Ocasio's boat, the Mary Rose, stayed in port. 'I'm not burning diesel ...'":
                # a sentence about the last speaker's own thing leaves them the floor.
                owner = next(
                    (m for m in self.registry.in_range(before, before + 60) if m.start == before),
                    None,
                )
                last = self.last_speaker(span.opener)
                if owner is not None and owner.possessive and owner.entity is last:
                    return last, "continued"
            # `"I can see why," when it was pointed out ... "Because I just blurt it out!"`:
            # narrative that brings in nobody else leaves the floor to the last speaker.
            if prev is not None and previous is not None and prev.paragraph == span.paragraph:
                speaker = self.records[previous].speaker
                if speaker is not None and not self._someone_else(prev.end, sent_lo, speaker):
                    return speaker, "continued"
            return None, "none"
        lead = self.masked[para_lo : span.opener].strip()
        if para == 0 or (lead and not LABEL_RE.fullmatch(lead)):
            # Only a quote that opens its paragraph (after a label like "[On his strike]")
            # follows the paragraph before.
            return None, "none"
        prev_lo = self.para_starts[para - 1]
        owner = self._label_owner(prev_lo, para_lo)
        if owner is not None:
            return owner, "cue"
        if self._label(prev_lo, para_lo):
            # "On his relationship with McConnell:" then the quote: a list of one person's
            # words, introduced by the paragraph before ("Here are 21 things Trump said:").
            # "Per HBO:" names the speaker itself.
            source = ACCORDING_RE.search(self.masked, prev_lo, para_lo)
            if source is not None:
                cue = Cue(source.group("np"), source.start("np"), "according")
                return self.resolve(cue, span.opener), "cue"
            if prev is not None and previous is not None and prev.paragraph >= para - 4:
                return self.records[previous].speaker, "continued"
            if para >= 2:
                return self._reported_in(self.para_starts[para - 2], prev_lo), "subject"
            return None, "none"
        colon = self._colon_cue_before(prev_lo, para_lo, span)
        if colon is not None:
            return colon, "cue"
        # A quotation opening a paragraph after a narrative paragraph about its speaker.
        last = self.sentences[bisect.bisect_left(self.sentences, para_lo) - 1]
        if last >= prev_lo and self.masked[last] != MASK:
            subject = self.subjects.get(last)
            if subject is not None and subject.kind == "org":
                # "The council admitted the vote was close." then the council's words.
                if self.last_speaker(span.opener) is subject:
                    return subject, "subject"
                return None, "none"
            if subject is None or not subject.personal:
                return None, "none"
            verb = SPEECH_RE.search(self.masked, last, para_lo)
            if verb is not None and MASK not in self.masked[last : verb.start()]:
                own = self.text[span.start : span.end].rstrip(" ,")
                if (
                    verb.group() in ASK_VERBS
                    and own.endswith("?")
                    and PASSIVE_BEFORE_RE.search(
                        self.masked, max(last, verb.start() - 30), verb.start()
                    )
                ):
                    # "Alcantara was asked about his schedule." / "Are you worried?": the
                    # question is put to the subject by someone unnamed.
                    return None, "none"
                return subject, "subject"
            if self.last_speaker(span.opener) is subject:
                return subject, "subject"  # "He also felt that ..." then his words
        return None, "none"

    def _according_later(self, span: Span, sent_lo: int, stop: int) -> Entity | None:
        """`A truck "crossed the line" at 9pm, according to the release.`: a body or its
        release closing the sentence the quote is in, when no verb of speech before the quote
        gives it to someone (real-copy round 4)."""
        assert span.closer is not None
        start = span.closer + 1
        later = ACCORDING_LATER_RE.match(self.masked, start, stop)
        if later is None or SPEECH_RE.search(self.masked, sent_lo, span.opener) is not None:
            return None
        source = ACCORDING_RE.match(self.masked, later.end() - len("according to "), stop)
        source = source or ACCORDING_RE.search(self.masked, later.start(), stop)
        if source is None:
            return None
        np = source.group("np").rstrip()
        found = self.resolve(Cue(np, source.start("np"), "according"), span.opener)
        if (found is None or found is NOBODY) and np.split()[-1].lower() in STATEMENT_NOUNS:
            found = self._recent_org(span.opener)  # "according to the statement"
        return found if found is not None and found.kind == "org" else None

    def _recent_org(self, pos: int) -> Entity | None:
        """The last body the narrative of the last few paragraphs was about, or named."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind == "org":
                return entity
        for mention in self.registry.before(pos, lo):
            if not mention.inside and mention.entity.kind == "org":
                return mention.entity
        return None

    def _label_owner(self, lo: int, hi: int) -> Entity | None:
        """Whose words a label paragraph announces: "Excerpts of his remarks:" (the man the
        narrative was about), "Okafor's statement in full:" (real-copy round 4)."""
        body = self.masked[lo:hi].rstrip()
        if not body.endswith(":") or len(body) >= 120 or MASK in body:
            return None
        found = LABEL_OWNER_RE.search(self.masked, lo, hi)
        if found is None:
            return None
        if found.group("name") is not None:
            for mention in self.registry.overlapping(found.start("name"), found.end("name")):
                if mention.entity.personal:
                    return mention.entity
            return None
        word = found.group("pronoun").lower()
        return self.pronoun(lo, {"his": "m", "her": "f"}.get(word))

    def _colon_cue_before(self, prev_lo: int, para_lo: int, span: Span) -> Entity | None:
        """`The force said:` ending a paragraph, the quote opening the next: the cue is the
        paragraph before's last sentence (real-copy round 4)."""
        body = self.masked[prev_lo:para_lo].rstrip()
        if not body.endswith(":"):
            return None
        colon = prev_lo + len(body)
        last = self.sentences[bisect.bisect_left(self.sentences, colon - 1) - 1]
        if last < prev_lo or MASK in self.masked[last:colon]:
            return None
        cue = before_cue(self.masked, last, colon, False)
        if cue is None or cue.form == "none" or not cue.verb:
            return None
        speaker = self.resolve(cue, span.opener)
        return speaker if speaker is not None and speaker is not NOBODY else None

    def _label(self, lo: int, hi: int) -> bool:
        """A short narrative paragraph ending in a colon with no verb of speech."""
        body = self.masked[lo:hi].rstrip()
        return (
            body.endswith(":")
            and len(body) < 120
            and MASK not in body
            and SPEECH_RE.search(body) is None
        )

    def _reported_in(self, lo: int, hi: int) -> Entity | None:
        """Whoever the paragraph [lo, hi) says speaks: the subject of its speech verb."""
        for sent in reversed(self.sentences[bisect.bisect_left(self.sentences, lo) :]):
            if sent >= hi:
                continue
            if SPEECH_RE.search(self.masked, sent, hi) is not None:
                subject = self.subjects.get(sent)
                if subject is not None and subject.personal:
                    return subject
        return None

    def _someone_else(self, lo: int, hi: int, speaker: Entity) -> bool:
        """Whether narrative in [lo, hi) names or is about a person other than `speaker`."""
        for mention in self.registry.in_range(lo, hi):
            if not mention.inside and mention.entity.personal and mention.entity is not speaker:
                return True
        k = bisect.bisect_left(self.events, lo, key=lambda e: e[0])
        while k < len(self.events) and self.events[k][0] < hi:
            entity = self.events[k][1]
            if entity is not speaker and entity.personal:
                return True
            k += 1
        return False

    def _adjacent(self, a: int, b: int) -> bool:
        """Nothing but `a`'s own attribution lies between quotations `a` and `b`."""
        first, second = self.spans[a], self.spans[b]
        if first.closer is None or second.paragraph - first.paragraph > 1:
            return False
        start = max(self.records[a].cue_end, first.closer + 1)
        between = self.masked[start : second.opener]
        return not any(c.isalnum() or c == MASK for c in between)

    def _continue_from(self, previous: int, i: int) -> tuple[Entity | None, str]:
        """Same speaker as before, unless the two quotes before were a question and answer."""
        record = self.records[previous]
        earlier = self._quote_before(previous)
        other = None
        if earlier is not None and self._adjacent(earlier, previous):
            other = self.records[earlier].speaker
        verb = " ".join(record.verb.split()).lower()
        asked = self.text[self.spans[previous].start : self.spans[previous].end].rstrip()
        new_paragraph = self.spans[i].paragraph > self.spans[previous].paragraph
        own = self.text[self.spans[i].start : self.spans[i].end].rstrip(" ,'’\"”")
        asked_own = asked.rstrip(" ,'’\"”").endswith("?")
        if own.endswith("?") and new_paragraph and not asked.endswith("?"):
            # "Do you miss it?" Carrow asked. / "Every day," Adeyemi said. / "And now?": a
            # question on its own after an answer comes from whoever asked before.
            asker = self._earlier_asker(previous, record.speaker)
            if asker is not None:
                return asker, "exchange"
        if asked.endswith("?") and new_paragraph:
            # "Are there occupants?" then a new paragraph's quote in an exchange between two
            # people: the answer, by the other one.
            party = self._other_party(previous, record.speaker)
            if party is not None:
                return party, "exchange"
        if verb in ASK_VERBS and record.speaker is not None and (new_paragraph or not asked_own):
            # `"What would I do?" she asked. "Sit at home?"`: someone who asks a question and
            # goes on in the same paragraph is still speaking; an answer takes a new one.
            if other is None or other is record.speaker:
                other = self.pronoun(self.spans[i].opener, None, exclude=record.speaker)
            if other is not None:
                return other, "exchange"
        replied = verb in REPLY_VERBS or verb in REPLY_PHRASES or verb in TURN_VERBS
        if (
            new_paragraph
            and record.speaker is None
            and record.how == "cue"
            and other is not None
            and other is not NOBODY
        ):
            # `"Give me your hand," Deputy Santos says. / "My legs won't move," the man says.
            # / "I've got you."`: after an unnamed party's turn, the named one answers.
            return other, "exchange"
        if replied and not new_paragraph and record.speaker is not None and not self._rally(i):
            # `"...," he replied. "We have read every one."`: the one replying goes on; the
            # exchange resumes, with the other party, at the next paragraph. (A paragraph
            # packing several bare quotes one after another is the exchange itself.)
            return record.speaker, "exchange"
        if replied or record.how == "exchange":
            if other is None or other is record.speaker:
                other = self._other_party(previous, record.speaker) if new_paragraph else None
            if other is None and new_paragraph:
                # "Ferrari asked the minister how much ..." / "...," Ashworth replied. / a bare
                # quote: the one who asked in the narrative answers back.
                other = self._narrative_asker(self.spans[previous].opener, record.speaker)
            if other is not None and other is not NOBODY and other is not record.speaker:
                return other, "exchange"
        if record.speaker is not None and new_paragraph and self._addressed(record.speaker, i):
            # `"You landed in my lap, Hugh."` after Hugh spoke: words said to someone by name
            # are the other party's.
            party = self._other_party(previous, record.speaker)
            if party is None or party is NOBODY:
                party = self._speaker_before(previous, record.speaker)
            if party is not None:
                return party, "exchange"
        return record.speaker, "continued"

    def _speaker_before(self, index: int, speaker: Entity) -> Entity | None:
        """The last speaker other than `speaker` within the few paragraphs before `index`."""
        first = self.spans[index].paragraph
        k = bisect.bisect_left(self.tops, index)
        for j in reversed(self.tops[:k]):
            if first - self.spans[j].paragraph > PARAGRAPH_WINDOW:
                break
            found = self.records[j].speaker
            if found is not None and found is not speaker:
                return found
        return None

    def _whole_paragraph(self, span: Span) -> bool:
        """Nothing but the quote's own marks and punctuation in its paragraph."""
        para = self.para_of(span.opener)
        hi = self.para_starts[para + 1] if para + 1 < len(self.para_starts) else len(self.text)
        if span.closer is None:
            return False  # the paragraph runs on past the quote
        # ALNUM_RE finds what str.isalnum() accepts, without a loop over the characters.
        return (
            ALNUM_RE.search(self.masked, self.para_starts[para], span.opener) is None
            and ALNUM_RE.search(self.masked, span.closer + 1, hi) is None
        )

    def _named_after(self, span: Span) -> Entity | None:
        """The person the paragraph after `span`'s opens on (within its first few words),
        when that sentence has a verb of speech or "described", "the words of"."""
        para = self.para_of(span.opener) + 1
        if para >= len(self.para_starts):
            return None
        start = self.para_starts[para]
        end = self.next_sentence(start)
        mentions = self.registry.in_range(start, min(end, start + 40))
        if not mentions or mentions[0].inside or mentions[0].entity.kind != "person":
            return None
        if SPEECH_RE.search(self.masked, mentions[0].end, end) is None and (
            AFTER_NAMED_RE.search(self.masked, start, end) is None
        ):
            return None
        return mentions[0].entity

    def _answers_question(self, span: Span) -> bool:
        """A bare quote filling its paragraph, after a paragraph that is a question with no
        quote in it, in a text whose first paragraph has no quote either."""
        para = self.para_of(span.opener)
        if para < 2 or not self._whole_paragraph(span):
            return False
        prev = self.masked[self.para_starts[para - 1] : self.para_starts[para]].rstrip()
        if not prev.endswith("?") or MASK in prev or len(prev) > 300:
            return False
        return MASK not in self.masked[: self.para_starts[1]]

    def _of_tail(self, cue: Cue) -> Cue:
        """ "The Leader of the Opposition said": the office's "of" phrase, cut from the cue at
        the capitalised name after it, is a part of the office (nineteenth round)."""
        if cue.form == "the" and cue.np.endswith(" of") and cue.np[:4] in ("The ", "the "):
            tail = OF_TAIL_RE.match(self.masked, cue.start + len(cue.np))
            if tail is not None:
                return Cue(cue.np + tail.group(), cue.start, cue.form, cue.verb, cue.weak)
        return cue

    def _pair_role(self, cue: Cue, pos: int, speaker: Entity) -> Entity:
        """ "Oliver Hale and Sarah Dunmore clashed ... The Labour leader accused ...": a role
        noun neither of a pair named together holds is read as the first of them; the one a
        pronoun in the same paragraph fits, or else the one the next paragraph does not open
        on ("Mr Sunak hit back"), is the better guess."""
        words = self._of_tail(cue).np.split()
        if len(words) < 3 or words[0].lower() != "the" or not words[1][:1].isupper():
            return speaker
        head = words[-1].lower()
        # "The Leader of the Opposition" read as a character "The Leader" (nineteenth round):
        # an office known only by its title and an "of" phrase, held by neither of the pair.
        titled = (
            len(words) >= 4
            and words[2] == "of"
            and speaker.name == " ".join(words[:2])
            and speaker.name[:4] in ("The ", "the ")
        )
        if titled:
            head = words[1].lower()
        if head not in ROLE_KEYS:
            return speaker
        first = self.registry.in_range(0, self.next_sentence(self.sentences[0]))
        people = [m.entity for m in first if not m.inside and m.entity.personal]
        if len(people) != 2 or (speaker not in people and not titled) or people[0] is people[1]:
            return speaker
        if any(head in role.split("-") for p in people for role in p.roles):
            return speaker  # one of them holds the role
        if not AND_GAP_RE.fullmatch(self.masked, first[0].end, first[1].start):
            return speaker
        para = self.para_of(pos)
        end = self.para_starts[para + 1] if para + 1 < len(self.para_starts) else len(self.text)
        sexes = {p.gender for p in people}
        if sexes == {"m", "f"}:
            told = re.search(r"\b(?:s?he)\s+(?:said|told|added|asked|says)\b", self.masked[pos:end])
            if told is not None:
                sex = "f" if told.group().startswith("she") else "m"
                return next(p for p in people if p.gender == sex)
        if para + 1 < len(self.para_starts):
            start = self.para_starts[para + 1]
            opening = self.registry.in_range(start, start + 20)
            if opening and not opening[0].inside and opening[0].entity in people:
                return next(p for p in people if p is not opening[0].entity)
        return speaker

    def _exchange_office(self, cue: Cue, pos: int) -> Entity | None:
        """ "'...,' she shot back. '...,' the Prime Minister said.": an office in capitals
        that nobody in the story is given, said in an exchange of two people, each speaking
        in turn, is the one who did not speak last (twentieth round)."""
        words = cue.np.split()
        if (
            len(words) < 2
            or words[0].lower() != "the"
            or not all(w[:1].isupper() for w in words[1:])
        ):
            return None
        if words[-1].lower() not in STANDALONE_TITLES:
            return None
        lo = self.para_lo(pos, 2)
        said: list[Entity] = []
        for i in reversed(self.tops):
            span = self.spans[i]
            if span.opener >= pos or i not in self.records:
                continue
            if span.opener < lo or len(said) == 3:
                break
            speaker = self.records[i].speaker
            if (
                speaker is not None
                and speaker is not NOBODY
                and (not said or speaker is not said[-1])
            ):
                said.append(speaker)
        if len(said) < 2 or not all(p.personal and p.kind == "person" for p in said[:2]):
            return None
        if len(said) == 3 and said[2] is not said[0]:
            return None  # a third voice: no exchange of two
        return said[1]

    def _first_of_sex(self, pos: int, sex: str) -> Entity | None:
        for mention in self.registry.in_range(0, pos):
            entity = mention.entity
            if mention.inside or not entity.personal:
                continue
            given = entity.name.split()[0].lower() in GIVEN_NAMES
            if (entity.kind == "person" or given) and _fits(entity, sex, None):
                return entity
        return None

    def _interviewee(self) -> Entity | None:
        for mention in self.registry.in_range(0, self.para_starts[1]):
            if not mention.inside and mention.entity.personal and " " in mention.entity.name:
                return mention.entity
        return None

    def _lone_opening_quote(self, span: Span) -> bool:
        """The quote is all there is of the story's first paragraph."""
        if self.para_of(span.opener) != 0 or len(self.para_starts) < 2 or span.closer is None:
            return False
        lead = self.masked[self.para_starts[0] : span.opener]
        tail = self.masked[span.closer + 1 : self.para_starts[1]]
        return not any(c.isalnum() for c in lead + tail)

    def _addressed(self, entity: Entity, i: int) -> bool:
        """The quote speaks to `entity` by name: "..., Hugh." or "Hugh, ..."."""
        words = self.text[self.spans[i].start : self.spans[i].end].strip(" ,.!?'’\"”")
        for part in entity.name.split():
            if len(part) > 2 and (words.endswith(", " + part) or words.startswith(part + ", ")):
                return True
        return False

    def _rally(self, i: int) -> bool:
        """Another bare quote follows quote `i` in its paragraph, with nothing between."""
        k = bisect.bisect_right(self.tops, i)
        if k >= len(self.tops) or self.spans[i].closer is None:
            return False
        after = self.spans[self.tops[k]]
        if after.paragraph != self.spans[i].paragraph:
            return False
        between = self.masked[self.spans[i].closer + 1 : after.opener]
        return not any(c.isalnum() for c in between)

    def _narrative_asker(self, pos: int, speaker: Entity | None) -> Entity | None:
        """Whoever a narrative sentence in the last paragraph or two says asked something."""
        lo = self.para_lo(pos, 2)
        for at in sorted(self.askers, reverse=True):
            if lo <= at < pos and self.askers[at] is not speaker:
                return self.askers[at]
        return None

    def _other_party(self, index: int, speaker: Entity | None) -> Entity | None:
        """The speaker before `speaker` in an unbroken run of quotes (an exchange), if any."""
        earlier = self._quote_before(index)
        while earlier is not None and self._adjacent(earlier, index):
            found = self.records[earlier].speaker
            if found is not None and found is not speaker:
                return found
            if found is None and self.records[earlier].how == "cue":
                return NOBODY  # "the driver answers", never named: the answer is theirs too
            index, earlier = earlier, self._quote_before(earlier)
        return None

    def _earlier_asker(self, index: int, speaker: Entity | None) -> Entity | None:
        """Who asked a question earlier in an unbroken run of quotes, if not `speaker`."""
        earlier = self._quote_before(index)
        first = self.spans[index].paragraph
        while earlier is not None and (
            self._adjacent(earlier, index)
            or (
                # the answerer's own quotes, cued or not, within an interview's few paragraphs
                self.records[earlier].speaker is speaker
                and speaker is not None
                and first - self.spans[earlier].paragraph <= 3
            )
        ):
            found = self.records[earlier].speaker
            words = self.text[self.spans[earlier].start : self.spans[earlier].end]
            if found is not speaker and words.rstrip().endswith("?"):
                if found is not None:
                    return found
                if self.records[earlier].how == "none":
                    # `"Why now?" / "Because ...," she says. / "What will you miss?"`: an
                    # interviewer never named asks again, and stays unnamed.
                    return NOBODY
            index, earlier = earlier, self._quote_before(earlier)
        return None

    def _quote_before(self, index: int) -> int | None:
        k = bisect.bisect_left(self.tops, index)
        return self.tops[k - 1] if k > 0 else None

    def _share_across_continuations(self, result: list[Entity | None]) -> None:
        """Every paragraph of a continued quote gets the speaker found for any part of it."""
        chain: list[int] = []
        for i in [*self.tops, -1]:
            if i >= 0 and self.spans[i].continued and chain:
                chain.append(i)
                continue
            if len(chain) > 1:
                known = next((result[j] for j in chain if result[j] is not None), None)
                for j in chain:
                    result[j] = known
            chain = [i] if i >= 0 else []

    def _repeated(self, result: list[Entity | None]) -> None:
        """ "Mayor: 'We will not let this city go dark'" over a story that later quotes the
        mayor saying those words: a quote nobody was found for, whose words someone is
        quoted saying elsewhere in the text, is theirs (headlines and ledes reprise quotes)."""
        said: list[int] | None = None
        offsets: list[int] = []
        joined = ""
        for i in self.tops:
            if result[i] is not None:
                continue
            own = self.text[self.spans[i].start : self.spans[i].end]
            words = own.split()
            if len(words) < 4 and not (len(words) >= 2 and self._headline_line(self.spans[i])):
                # a headline's short quote ("warns of 'cliff edge'") may repeat the body too
                continue
            if said is None:
                # every attributed quote's words, casefolded, in one string to search at once
                said = [j for j in self.tops if result[j] is not None]
                parts = [self.text[self.spans[j].start : self.spans[j].end] for j in said]
                for part in parts:
                    offsets.append(len(joined))
                    joined += part.casefold() + "\x00"
            # its longest word, to find candidates cheaply
            key = max(words, key=len).strip(".,;:!?'\"’”“‘()—–-").casefold()
            at = joined.find(key) if key else -1
            plain = None
            while at >= 0:
                k = bisect.bisect_right(offsets, at) - 1
                j = said[k]
                other = joined[offsets[k] : joined.index("\x00", offsets[k])]
                plain = plain or _plain(own)
                if plain in _plain(other):
                    result[i] = result[j]
                    self.records[i].speaker = result[j]
                    break
                at = joined.find(key, offsets[k + 1]) if k + 1 < len(offsets) else -1

    # Nested quotations -------------------------------------------------------------------

    def _nested(self, i: int, parent: int, outer: Entity | None) -> Entity | None:
        """Words reported inside a quote: "I" is the outer speaker, "he"/"she" someone else."""
        span, host = self.spans[i], self.spans[parent]
        text = self.text
        lo = sentence_starts(text, host.start, span.opener)[-1]
        if INDEFINITE_SAID_RE.search(text[lo : span.opener]):
            return None
        if SELF_SAID_RE.search(text[max(host.start, span.opener - 80) : span.opener]):
            return outer
        if (
            span.closer is not None
            and SAID_BEFORE_RE.search(text, max(host.start, span.opener - 12), span.opener)
            and text[span.start : span.end].rstrip(" ,'’\"”")[-1:] in ".!?"
        ):
            # "He rang me ... and said, 'I don't feel right.' I told him to come home.": a
            # whole sentence reported after "said," is the reported speaker's, not that of a
            # new sentence after it (seventeenth round).
            lo = sentence_starts(text, host.start, span.opener)[-1]
            cue = before_cue(text, lo, span.opener, False)
            if cue is not None and cue.form == "main":
                cue = sentence_subject(text, lo, span.opener)
            if cue is not None and cue.np.lower() in ("he", "she"):
                if self._kin_in_host(host, lo, span.opener, cue.np.lower()):
                    return None
                found = _real(self.resolve(cue, span.opener, outer=outer, nested=True))
                if self._asked_outer(found, parent):
                    return None  # the one who asked is "you" to the answer (see below)
                if found is not None:
                    return found
        if span.closer is not None:
            stop = next(
                (s.opener for s in self.spans[i + 1 :] if s.parent_frame == span.parent_frame),
                host.end,
            )
            cue = after_cue(text, span.closer + 1, min(stop, host.end), text[span.start : span.end])
            if cue is not None:
                return _real(self.resolve(cue, span.opener, outer=outer, nested=True))
        starts = sentence_starts(text, host.start, span.opener)
        lo = starts[-1]
        if YOU_SAID_RE.search(text, lo, span.opener):
            return self._addressee(span, host, outer)
        if SELF_THOUGHT_RE.search(text[max(lo, span.opener - 60) : span.opener]):
            return outer
        cue = before_cue(text, lo, span.opener, False)
        if (
            cue is not None
            and cue.np.lower() in ("he", "she")
            and self._kin_in_host(host, lo, span.opener, cue.np.lower())
        ):
            return None
        if cue is not None and cue.form not in ("none", "main"):
            found = _real(self.resolve(cue, span.opener, outer=outer, nested=True))
            if cue.np.lower() in ("he", "she") and self._asked_outer(found, parent):
                # "'I asked all the time,' Chen said. 'He told me, ...'" after the attorney's
                # question: the one who asked is "you" to her, so "he" is someone else, here
                # nobody named (seventeenth round)
                return None
            return found
        if cue is not None and cue.form == "none" and cue.verb:
            # `"The building has been called 'a cathedral for paperbacks'. Do you like it?"`:
            # a passive with no agent names nobody, inside a quote as outside one.
            return None
        relative = _relative_name(self.registry, text, lo, span.opener)
        if relative is not None:
            return relative
        cue = sentence_subject(text, lo, span.opener)
        if cue is None:
            # `... now being married, "what if my husband was killed?"`: the speaker's own
            # thought, when nothing in the sentence says anyone else spoke.
            words = text[span.start : span.end].rstrip(" ,'’\"”")
            clause = words[:1].isupper() or words.endswith(("?", "!", "."))
            if clause and REPORT_RE.search(text, lo, span.opener) is None:
                return outer
            return None
        return _real(self.resolve(cue, span.opener, outer=outer, nested=True))

    def _kin_in_host(self, host: Span, lo: int, opener: int, pronoun: str) -> bool:
        """ "I rang my mum in tears and said, '...' She said, '...'": "she" inside the speaker's
        words, in the sentence after one that brings in a relative of hers by kin alone ("my
        mum"), is that relative, whom nobody names, when no one of that sex is named between."""
        sex = "f" if pronoun == "she" else "m"
        starts = sentence_starts(self.text, host.start, opener)
        k = starts.index(lo) if lo in starts else len(starts) - 1
        start = starts[max(0, k - 1)]
        kin = [m for m in MY_KIN_RE.finditer(self.text, start, lo) if KIN_SEX[m.group(1)] == sex]
        if not kin:
            return False
        for mention in self.registry.in_range(kin[-1].start(), opener):
            if mention.entity.kind == "person" and mention.entity.gender in (None, sex):
                return False
        return True

    def _asked_outer(self, found: Entity | None, parent: int) -> bool:
        """Whether `found` spoke the question that the quote `parent` answers."""
        before = self._quote_before(parent)
        while before is not None and self.top_speakers[before] is self.top_speakers[parent]:
            before = self._quote_before(before)  # the answer's earlier parts
        if found is None or before is None or self.top_speakers[before] is not found:
            return False
        asked = self.spans[before]
        return self.text[asked.start : asked.end].rstrip(" ,'’\"”").endswith("?")

    def _addressee(self, span: Span, host: Span, outer: Entity | None) -> Entity | None:
        """ "You told me in 2017, and I quote, 'I will never do a musical'": words in the first
        person that the speaker says the one addressed said are that person's, when the story
        named someone else just before the speaker's words (twelfth round); else nobody's."""
        if outer is None or outer.kind != "person":
            return None
        words = self.text[span.start : span.start + 2]
        if words not in ("I ", "I'", "I’"):
            return None
        for mention in self.registry.before(host.opener, max(0, host.opener - 400)):
            entity = mention.entity
            if mention.inside or entity is outer or entity.kind != "person":
                continue
            return entity if " " in entity.name else None
        return None

    # Resolving phrases -------------------------------------------------------------------

    def resolve(
        self,
        cue: Cue,
        pos: int,
        *,
        outer: Entity | None = None,
        nested: bool = False,
        subject_only: bool = False,
    ) -> Entity | None:
        """The entity a cue's phrase means; NOBODY when it plainly names no one identifiable."""
        cue = self._of_tail(cue)
        found = self._resolve(cue, pos, outer=outer, nested=nested, subject_only=subject_only)
        if found is NOBODY and not nested:
            found = self._name_given(cue) or found
        if found is not None and found.name.startswith("The ") and self.titled_offices:
            # "she told MPs" after "The Chancellor said": the person read as the office
            found = next((e for e, o in self.titled_offices if o == found.name), found)
        if found is not None and not nested and not subject_only and found.personal:
            found = self._single_office(cue, pos, found, outer)
        if found is not None and not nested and cue.form == "the" and cue.np[:4] in THE_WORDS:
            words = cue.np.split()
            head = words[1].lower().strip(",.") if len(words) == 2 else ""
            if head in DEMONYMS and found.personal:
                found = self._demonym_holder(head, pos, found)
            elif head in TRAIT_NOUNS and found.personal and not self.registry.roles.get(head):
                found = self._paragraph_subject(pos) or found
        if (
            found is not None
            and self.masked.find(" and ", max(0, cue.start - 40), cue.start + len(cue.np)) >= 0
            and found.personal
            and " " in found.name
        ):
            return self._first_of_couple(found, cue)
        return found

    def _paragraph_subject(self, pos: int) -> Entity | None:
        """The person named first in pos's paragraph, when the paragraph opens on their name
        outside quotes ("Draper, 23, will play Alcaraz next. '...,' the left-hander said")."""
        start = self.para_starts[self.para_of(pos)]
        opening = self.registry.in_range(start, pos)
        if opening and opening[0].start == start and not opening[0].inside:
            entity = opening[0].entity
            return entity if entity.personal else None
        return None

    def _name_given(self, cue: Cue) -> Entity | None:
        """ "said a fishmonger who gave his name only as Mick": the unnamed subject gave a
        name, and is that person."""
        end = cue.start + len(cue.np)
        gave = GAVE_NAME_AFTER_RE.search(self.masked, cue.start, end) or GAVE_NAME_AFTER_RE.match(
            self.masked, end
        )
        if gave is None:
            return None
        for mention in self.registry.overlapping(gave.end(), gave.end() + 1):
            if mention.start == gave.end() and mention.entity.kind == "person":
                return mention.entity
        return None

    def _first_of_couple(self, found: Entity, cue: Cue) -> Entity:
        """ "Gary and Tina Hollins said", "Zoe and Jamie Hollister have revealed": a couple
        sharing a surname speaks as the first named, as two people named together do."""
        surname = found.name.split()[-1]
        for mention in self.registry.overlapping(cue.start, cue.start + len(cue.np)):
            if mention.entity is not found or mention.inside:
                continue
            gap = AND_GAP_RE.match(self.masked, mention.start - 5, mention.start)
            if gap is None:
                return found
            for other in self.registry.before(gap.start(), max(0, gap.start() - 40)):
                first = other.entity
                if (
                    other.end == gap.start()
                    and first is not found
                    and first.personal
                    and first.name.split()[-1] == surname
                ):
                    return first
            return found
        return found

    def _resolve(
        self,
        cue: Cue,
        pos: int,
        *,
        outer: Entity | None = None,
        nested: bool = False,
        subject_only: bool = False,
    ) -> Entity | None:
        np = cue.np.strip()
        if cue.form == "none":
            return NOBODY
        if not np:
            return None
        words = np.split()
        first = words[0].lower().split("'")[0].split("’")[0]
        if cue.form in ("plural", "anon"):
            return NOBODY
        if cue.form == "headline":
            found = self.resolve(Cue(cue.np, cue.start, "name"), pos)
            return found if found is not None and found.kind == "person" else NOBODY
        if first in PRONOUNS and (cue.form == "pronoun" or len(words) == 1):
            gender = PRONOUNS[first]
            if gender == "self":
                if first == "you" and not nested:
                    # "SARAH KEMP: You said in March there would be '...'": "you" in a turn
                    # is the other party of the transcript, not the label (twenty-first round).
                    return self._turn_addressee(pos)
                return outer if nested else self._turn_speaker(pos)
            if gender is None:
                if not nested and self.unnamed_subjects and self._unnamed_they(pos):
                    return NOBODY
                return self.org_before(pos) if not nested else None
            if (
                not nested
                and self.unnamed_subjects
                and self._unnamed_subject_last(pos, gender, loose=True)
            ):
                return NOBODY
            found = self.pronoun(pos, gender, exclude=outer, nested=nested)
            if found is not None and found.gender is None and found.kind != "org":
                found.gender = gender
            return found
        if (
            cue.form in ("the", "name")
            and not nested
            and self.masked.endswith((" at ", " from "), 0, cue.start)
        ):
            group = GROUP_AT_BEFORE_RE.search(self.masked, max(0, cue.start - 30), cue.start)
            if group is not None and group.group(1) in ANONYMOUS_NOUNS:
                # "with critics at the Venice Film Festival calling it ...": a group of people
                # at a body, not the body.
                return NOBODY
        mentions = [
            m
            for m in self.registry.overlapping(cue.start, cue.start + len(np))
            if not m.possessive and (nested or not m.inside)
        ]
        if (
            len(mentions) >= 2
            and mentions[0].start == cue.start
            and mentions[0].entity.kind == "unknown"
            and " " not in mentions[0].entity.name
            and GROUP_KIND_RE.fullmatch(self.masked, mentions[0].end, mentions[1].start)
        ):
            # "Consumer group Which? called", "Campaign group Foo said": the kind of body
            # opening the sentence is no name of its own (nineteenth round).
            mentions = mentions[1:]
        people = [m for m in mentions if m.entity.kind in ("person", "unknown")]
        orgs = [m for m in mentions if m.entity.kind == "org"]
        if first == "the" and words[-1].lower() in DOCUMENT_NOUNS:
            signed = SIGNED_BY_RE.match(self.masked, cue.start + len(np))
            if signed is not None:
                # "The letter, signed by chief executive Sarah Milbank, says": the signer.
                comma = self.masked.find(",", signed.end(), signed.end() + 80)
                signers = [
                    m
                    for m in self.registry.in_range(signed.end(), comma)
                    if not m.inside and m.entity.kind in ("person", "org")
                ]
                if comma > 0 and signers:
                    return signers[-1].entity
        if first == "and" and cue.form == "appos" and len(people) == 1 and not subject_only:
            # AP style "Sens. Jon Osborne, D-Ga., and Kirsten Gilbrand, D-N.Y., said": the
            # first of the two, as for "Senators Bill Hartigan and Maria Castell said".
            before = [
                m
                for m in self.registry.before(cue.start, max(0, cue.start - 40))
                if not PARTY_STATE_RE.fullmatch(m.entity.name)
            ]
            if (
                before
                and before[0].entity.kind == "person"
                and " " in before[0].entity.name
                and not before[0].inside
                and PARTY_STATE_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
            ):
                return before[0].entity
        if not orgs and words[-1].lower().strip(",.:") in SPOKESPEOPLE:
            # "An ITV spokesperson said": a broadcaster or paper speaking for itself is a body.
            outlets = [m for m in mentions if m.entity.kind == "outlet"]
            if outlets:
                outlets[0].entity.kind = "org"
                orgs = outlets[:1]
        if first in SELF_DETERMINERS and nested:
            return NOBODY
        comma_at = cue.start + np.find(",") if "," in np else None
        last_word = cue.start + len(np) - len(words[-1])
        covering = [m for m in orgs if m.start <= last_word < m.end]
        if (
            covering
            and first == "the"
            and comma_at is None
            # "The American Academy of Pediatrics", not "the head of the Post Office"
            and covering[0].start - cue.start <= 4
            and words[-1].lower() not in PERSON_NOUNS  # "the two-time MVP": a person
        ):
            return covering[0].entity  # "The American Academy of Pediatrics said"
        if first == "the" and len(words) == 2 and words[1].strip(",.:") in PARTIES:
            # "The Conservatives said": a party speaks as a body, like a company.
            return self.registry.entity(words[1].strip(",.:"), "org")
        if first == "the" and len(words) == 2 and len(people) == 1 and not subject_only:
            # "The Pentagon said", "the Kremlin said": a one-word name after "the" is a body.
            only = people[0].entity
            if only.kind == "unknown" and people[0].start == last_word:
                only.kind = "org"
                return only
        owned = (
            next(
                (k for k, w in enumerate(words[:-1]) if w.endswith(("'s", "’s", "s'", "s’"))), None
            )
            if "'" in np or "’" in np  # a possessive needs an apostrophe: tested first
            else None
        )
        if owned is not None and "of" in words[1:owned]:
            # "said Dr Sarah Moran of NASA's Goddard Space Flight Center": the possessive is
            # inside the "of" phrase about the name before it, which owns nothing
            # (seventeenth round)
            of_at = cue.start + len(" ".join(words[: words.index("of", 1)]))
            if any(m.end <= of_at and " " in m.entity.name for m in people):
                owned = None
        if owned is not None and "," not in " ".join(words[: owned + 1]):
            upto = cue.start + len(" ".join(words[: owned + 1]))
            owner = [m for m in self.registry.in_range(cue.start, upto) if m.possessive]
            if words[owned + 1].lower().strip(",.:") in OPINION_NOUNS and owner:
                return owner[-1].entity  # "Sam Pearce's view was simpler: ..."
            within = [m for m in people if m.start < upto]
            if (
                not owner
                and first == "the"
                and words[-1].lower().strip(",.:") in ORG_NOUNS
                and len(within) == 1
                and within[0].entity.kind == "unknown"
                and " " not in within[0].entity.name
            ):
                # "The Usdaw shop workers' union said": the name before the owner is the body.
                within[0].entity.kind = "org"
                return within[0].entity
            people = [m for m in people if m.start >= upto]
            orgs = [m for m in orgs if m.start >= upto]
            if (
                people
                and words[owned + 1][:1].isupper()
                and people[-1].entity.kind == "person"
                and people[-1].end >= cue.start + len(np.rstrip(",.:"))
            ):
                # "Later, Labour's Louise Haigh-Ward said": a body owns a name, not a role.
                return people[-1].entity
            head_end = cue.start + (np.find(",", upto - cue.start) if comma_at else len(np))
            closing = [
                m
                for m in people
                if m.entity.kind in ("person", "unknown")
                and " " in m.entity.name
                and not m.entity.name.startswith("The ")
                and m.end >= len(np[: head_end - cue.start].rstrip(",.:")) + cue.start
            ]
            if closing and not owner_is_person(owner):
                # "said Valkyr's mid-laner Kim Do-yun, 19": a role a body owns, closed by
                # the full name of the one who holds it.
                closing[-1].entity.kind = "person"
                return closing[-1].entity
            # "Alaska's lone congresswoman", "Labour's deputy leader": a place or a body owns
            # an office, held by someone the story names; a person owns relatives.
            role = words[-1].lower().strip(",.:")
            placed = (
                (
                    words[owned][:1].isupper()
                    # "the airline's chief executive": a role the body of the story owns
                    # (sixteenth round)
                    or (first == "the" and owned == 1 and words[1][:1].islower())
                )
                and words[owned].lower() != "the"
                and (
                    role in ROLE_KEYS
                    or role in PERSON_NOUNS
                    # "Georgia's top election official": one office holder, not a source
                    or (role in ANONYMOUS_NOUNS and any(w in TOP_WORDS for w in words))
                )
                and role not in KIN_NOUNS
                and not any(m.entity.kind == "person" and " " in m.entity.name for m in owner)
            )
            return self._role(
                ["the" if placed else "owned", *words[owned + 1 :]],
                pos,
                people,
                orgs,
                nested,
                outer,
                subject_only,
                comma_at,
            )
        # (the full names are listed only for a description, the one place they are read)
        named = (
            [
                m
                for m in people
                if m.entity.personal
                and " " in m.entity.name
                and not m.entity.name.startswith("The ")
            ]
            if first in ("the", "his", "her", "their") and comma_at is None
            else []
        )
        if (
            # "The 30-year-old Pegula-Stone", "wrote her former bandmate Tasha Pryor": a
            # description closed by a full name is that person, whoever owns the role.
            named
            and named[-1].end >= cue.start + len(np.rstrip(",.:"))
            and named[-1].start > cue.start
        ):
            return named[-1].entity  # "The 30-year-old Pegula-Stone was more succinct."
        if first in ("the", "his", "her", "its", "their", "a", "an", "one", "another", "our", "my"):
            return self._role(words, pos, people, orgs, nested, outer, subject_only, comma_at)
        if people and cue.form == "name" and " of " in np:
            head_end = cue.start + np.index(" of ")
            people = [m for m in people if m.start < head_end] or people
        if people:
            if cue.form in ("after-verb", "according", "agent"):
                # "said Warriors coach Steve Kerr, who ...": the name that heads the phrase
                # before its first comma; after it come appositives naming others.
                head = [m for m in people if comma_at is None or m.start < comma_at]
                if len(head) > 1 and any(m.entity.kind == "person" for m in head):
                    return _last_named([m for m in head if m.entity.kind == "person"])
                return _first_named(head or people)
            found = _last_named(people)
            if cue.form == "name" and len(people) == 1 and not subject_only:
                # "Senators Bill Hartigan and Maria Castell said": the first of two named; and
                # "Reps. Rosa DeLauro, D-Conn., and Tom Cole, R-Okla., said" (sixteenth round).
                before = [
                    m
                    for m in self.registry.before(cue.start, max(0, cue.start - 40))
                    if not PARTY_STATE_RE.fullmatch(m.entity.name)
                ]
                if (
                    before
                    and before[0].entity.kind == "person"
                    and " " in before[0].entity.name
                    and not before[0].inside
                    and (
                        AND_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
                        or PARTY_AND_GAP_RE.fullmatch(self.masked, before[0].end, cue.start)
                    )
                ):
                    return before[0].entity
            if (
                cue.form == "appos"
                and len(people) == 2
                and all(m.entity.kind == "person" and " " in m.entity.name for m in people)
                and AND_GAP_RE.fullmatch(self.masked, people[0].end, people[1].start)
            ):
                # "Her sons, Toby Stephens and Chris Larkin, said in a statement": the first
                # of two named together, as for a subject (sixteenth round).
                return people[0].entity
            return found
        if orgs:
            return orgs[0].entity
        if any(m.entity.kind == "outlet" for m in mentions):
            return NOBODY
        low = [w.lower().strip(",.") for w in words]
        if low and (low[-1] in ANONYMOUS_NOUNS or low[-1] in PERSON_NOUNS):
            return self._role(["the", *words], pos, people, orgs, nested, outer, subject_only)
        return None

    def _role(
        self,
        words: list[str],
        pos: int,
        people: list[Mention],
        orgs: list[Mention],
        nested: bool,
        outer: Entity | None,
        subject_only: bool,
        comma_at: int | None = None,
    ) -> Entity | None:
        """A description ("the director", "a spokesperson for Ofwat", "the 24-year-old")."""
        low = [w.lower().strip(",.") for w in words]
        det, body = low[0], low[1:]
        if not body:
            return None
        comma = next((k for k, w in enumerate(words) if w.endswith(",")), None)
        if comma is not None:
            # "the study's lead author, Dr. Hana Kovacs": the appositive names the speaker.
            appositive = [m for m in people if comma_at is not None and m.start > comma_at]
            if appositive:
                return _first_named(appositive)
            low = low[: comma + 1]
            body = low[1:]
            if not body:
                return None
        cut = next((k for k, w in enumerate(body) if w in NP_CUT_WORDS), None)
        last = body[-1].strip(",")
        if cut is not None and (last in SPOKES_NOUNS or last in PERSON_NOUNS):
            cut = None  # "a Department of Health spokesperson": the head is the last word
        head_words = body[:cut] if cut else body
        head = (head_words or body)[-1].strip(",")
        if people and head in SPOKES_NOUNS:
            found = _first_named(people)  # "a spokesman for Whitford"
            if det in ("a", "an") and head in REPS and found.kind == "person":
                # "a rep for Vale told PEOPLE": a star's representative is not the star.
                return NOBODY
            if head in SPOKESPEOPLE:
                self.registry.add_role(pos, found, head)
            return found
        if orgs and (head in SPOKES_NOUNS or head in ORG_NOUNS):
            if head in SPOKESPEOPLE:
                self.registry.add_role(pos, orgs[0].entity, head)
            return orgs[0].entity
        if (
            head in SPOKESPEOPLE
            and not people
            and not orgs
            and cut is not None
            and body[cut] in ("for", "at")
            and body[cut + 1 : cut + 2] == ["the"]
            and body[-1].strip(",") in ORG_NOUNS
        ):
            # "A spokesperson for the agency said" after "The Federal Aviation Administration
            # said": the body the story was last about speaks through its spokesperson.
            found = self.org_before(pos)
            if found is not None:
                self.registry.add_role(pos, found, head)
                return found
        if (
            head in SPOKESPEOPLE
            and det in ("a", "an")
            and len(body) == 1
            and not people
            and not orgs
            and not subject_only
        ):
            # "NHS Sussex said it was 'working closely ...'. A spokesperson said:": a bare
            # spokesperson right after a body's own quote in this paragraph speaks for it
            # (thirteenth round).
            found = self.last_speaker(pos)
            lo = self.para_starts[self.para_of(pos)]
            if (
                found is not None
                and (
                    found.kind == "org"
                    # a name nobody has sexed that "said it was": a body
                    or (found.gender is None and SAID_IT_RE.search(self.masked, lo, pos))
                )
                and any(
                    lo <= self.spans[i].opener < pos
                    and i in self.records
                    and self.records[i].speaker is found
                    for i in self.tops
                )
            ):
                return found
        if head in SPOKESPEOPLE and len(body) >= 2 and body[-2].isalpha() and not orgs:
            # "A council spokesperson said" after "Bristol City Council": the body whose name
            # ends in that noun.
            for mention in self.registry.before(pos, self.para_lo(pos)):
                name = mention.entity.name.split()
                kind = mention.entity.kind
                if kind in ("org", "unknown") and len(name) > 1 and name[-1].lower() == body[-2]:
                    mention.entity.kind = "org"
                    return mention.entity
        if det == "the" and head in SPOKESPEOPLE and not subject_only:
            # "The spokesperson added:" after "A spokesperson for the council said:".
            found = self.registry.lookup_role(head, pos)
            if found is not None:
                return found
        if det == "the" and len(body) == 1 and head not in PERSON_NOUNS:
            # "the gallery said" after "the National Gallery": the body it shortens.
            for mention in self.registry.before(pos, self.para_lo(pos)):
                name = mention.entity.name.split()
                if "of" in name:
                    name = name[: name.index("of")]  # "the college": Royal College of ...
                kind = mention.entity.kind
                if kind in ("org", "unknown") and len(name) > 1 and name[-1].lower() == head:
                    mention.entity.kind = "org"
                    return mention.entity
        if head in GROUP_NOUNS:
            return self.group_before(pos) or NOBODY
        if (
            det == "the"
            and head == "members"
            and all(w.isdigit() or w in NUMBER_WORDS or w in GROUP_NOUNS for w in body[:-1])
        ):
            # "In a joint statement, the four members said": the band speaks.
            band = self.group_before(pos)
            if band is not None and band.kind != "person":
                return band
        plural = head.endswith("s") and not head.endswith("ss")
        if plural and head not in PERSON_NOUNS:
            return NOBODY  # "the judges", "union leaders": a group
        if head in STATEMENT_NOUNS and not subject_only:
            # `"...," the statement read.`: whoever issued it, or spoke last.
            found = self.statement_maker(pos) or self.last_speaker(pos)
            if found is None and head == "release":
                # "according to the release": a press release is a body's, the one the
                # narrative was last about (real-copy round 4).
                found = self._recent_org(pos)
            return found or NOBODY
        if head in NOTICE_NOUNS and det in ("the", "its", "their") and not subject_only:
            # "The notice reads: '...'", "The yellow alert also added:": the body that put it
            # out, named before as the subject of a sentence about it (real-copy round 4).
            return self.notice_maker(pos) or NOBODY
        if head in DOCUMENT_NOUNS:
            return NOBODY
        if (
            det in ("a", "an")
            # any singular noun for a person, not only known ones ("A pensioner who was
            # conned ... has warned"), when the next paragraph opens on a name and an age
            and (head in PERSON_NOUNS or (head.isalpha() and head not in ANONYMOUS_NOUNS))
            and not subject_only
        ):
            named = self._named_next(pos)
            if named is not None:
                return named
        if (
            det == "the"
            and head in ANONYMOUS_NOUNS
            and any(w in TOP_WORDS for w in body)
            and self.para_of(pos) == 0
        ):
            # "Georgia's top election official ... rejected": one person, named next.
            found = self._introduced_next(pos)
            if found is not None:
                return found
        if (
            det == "the"
            and len(body) == 1
            and head in ANONYMOUS_NOUNS
            and (head in PERSON_NOUNS or head in ROLE_KEYS)
            and head not in SPOKES_NOUNS
        ):
            # "said Charlotte Reyes, the fashion critic for The Standard. The critic added":
            # a person the story gave that very role, not an anonymous one (twelfth round).
            held = self.registry.lookup_role(head, pos, exact=True)
            if held is not None and held is not outer and held.personal:
                return held
        if det in ("a", "an", "one", "another") or (
            # "the former tennis player said": one known person; "the source said": nobody
            head in ANONYMOUS_NOUNS
            and not (
                det == "the"
                and len(head_words) > 1
                and head in PERSON_NOUNS
                and head not in SPOKES_NOUNS
                and not any(w in ("unnamed", "anonymous", "unidentified") for w in body)
            )
        ):
            return NOBODY
        if det == "the" and len(body) == 1 and self._unnamed_holder_before(head, pos):
            return NOBODY  # "One engineer who lost her job said ... the engineer said"
        if head in ORG_NOUNS and det in ("his", "her", "their") and len(body) == 1:
            return NOBODY  # "His publisher said": a body of his, not named (twelfth round)
        if head in ORG_NOUNS:
            return NOBODY if subject_only else (self.org_before(pos) or NOBODY)
        personish = (
            head in PERSON_NOUNS
            or head in ROLE_KEYS
            or head.endswith(("-old", "er", "or", "ist", "ian", "ant", "ent", "-elect", "ess"))
            or any(w[:1].isupper() for w in words[1:])
            or any(w.endswith("-old") for w in low)
            # "the TV hunk claims": whatever the noun, a "the ..." that speaks is someone
            or (det == "the" and not subject_only and head.isalpha() and head not in STOPWORDS)
        )
        if not personish and subject_only:
            return None
        pair = "-".join(head_words[-2:]) if len(head_words) >= 2 else ""
        qualified = self._qualified(words, head, pos)
        if qualified is not None and qualified is not outer:
            return qualified
        office = next((w for w in body if w in OFFICE_QUALIFIERS), None)
        for key in (pair, head):
            if key and (key in ROLE_KEYS or key in PERSON_NOUNS):
                found = self.registry.lookup_role(key, pos)
                if key in ROLE_SYNONYMS:
                    # "Southampton manager X ... Fulham boss Y ... 'the manager told me'":
                    # two words for one office, so the latest holder of either.
                    found = self._latest_role((key, *ROLE_SYNONYMS[key]), pos) or found
                if office and found is not None and not any(office in r for r in found.roles):
                    continue  # "the shadow home secretary" is not the home secretary
                if (
                    found is not None
                    and self.registry.lookup_role(key, pos, exact=True) is None
                    and found is not outer
                    # "the skipper" for the captain is the same office, not a kindred one
                    and not any(
                        self.registry.lookup_role(other, pos, exact=True) is found
                        for other in ROLE_SYNONYMS.get(key, ())
                    )
                ):
                    # Only a kindred role ("midfielder" for "the striker"): the last subject,
                    # if nobody gave them a role, is as likely the one meant.
                    recent = self.pronoun(pos, GENDERED_NOUNS.get(head), exclude=outer)
                    if recent is not None and recent is not found and not recent.roles:
                        return recent
                if found is not None and found is not outer and found.personal:
                    return found
        if self.para_of(pos) <= 1 and not nested and len(self.para_starts) > 1:
            # A headline's "says Labour MP", a lede's "conceded the Indian captain": the
            # person the story introduces next, with that role or as the next subject.
            limit = self.para_starts[min(self.para_of(pos) + 3, len(self.para_starts) - 1)]
            for key in (pair, head):
                if key and (key in ROLE_KEYS or key in PERSON_NOUNS):
                    found = self.registry.lookup_role_after(key, pos, limit)
                    if found is not None and found.personal:
                        return found
            if (
                det == "the"
                # the lede's own subject too ("Apple's software chief took the stage to unveil
                # what he called ..."), so that its pronouns find the person named next
                and (not subject_only or self.para_of(pos) == 0)
                and (head in ROLE_KEYS or head in PERSON_NOUNS)
                and not head.endswith("s")
                and self.pronoun(pos, None) is None
            ):
                found = self._introduced_next(pos)
                if found is not None:
                    return found
        if not personish:
            return None
        if det == "the" and body in (["former"], ["latter"]):
            # "The former insisted ... The latter said": the first or second of the last two
            # people named.
            two = self._last_two(pos)
            if two is not None:
                return two[0] if body[0] == "former" else two[1]
        if head in KIN_NOUNS and "of" in low[low.index(head) :]:
            # "the daughter of one victim": someone's relative, not named here.
            found = self.registry.lookup_role(head, pos, exact=True)
            return found if found is not None and found is not outer else NOBODY
        if det == "the" and head in GENERIC_PEOPLE and self._unnamed_before(pos):
            return NOBODY  # "a protester began shouting ... the man yelled": nobody named
        if det in ("his", "her") and (head in SPOUSES or head in KIN_PAIRS):
            found = _latest(self.spouses.get(head, []), pos)
            if found is None and head in SPOUSES:
                found = self._spouse_by_surname(det, head, pos)
            if found is not None and found is not outer:
                return found  # "Her husband laughs" after "Marco Vantaggio and his wife, ..."
            # ("her mother said" after "Jean Collier and her daughter, Amy": Jean)
        if det in ("his", "her", "their", "its", "my", "our", "your", "owned"):
            return NOBODY  # "his wife", "the cyclist's wife": someone else, not named here
        gender = GENDERED_NOUNS.get(head)
        exclude = outer
        if exclude is None and det == "the" and len(body) == 1:
            # "said the Chancellor" with no chancellor named: not the shadow chancellor.
            qualified = {f"{q}-{head}" for q in OFFICE_QUALIFIERS}  # built once, not per mention
            exclude = next(
                (
                    m.entity
                    for m in self.registry.before(pos, self.para_lo(pos))
                    if not qualified.isdisjoint(m.entity.roles)
                ),
                None,
            )
        if (
            det == "the"
            and not nested
            and self.unnamed_subjects
            and self._unnamed_subject_last(pos, gender, loose=True)
        ):
            return NOBODY
        found = self.pronoun(pos, gender, exclude=exclude, nested=nested)
        if (
            found is not None
            and det == "the"
            and head in PUBLIC_OFFICES
            and len(words) > 1
            and all(w[:1].isupper() for w in words[1:])
            and found.roles
            and not any(head in role for role in found.roles)
        ):
            # "Tributes for the broadcaster Sir Trevor Adeyemi ... The Prime Minister said",
            # "The Speaker intervened": a public office, written as a title and held by nobody
            # the story names, is not the last person seen when they were given another role.
            return NOBODY
        if (
            found is not None
            and det == "the"
            and not nested
            and len(body) > 1
            and any(w[:1].isupper() for w in words[1:])
        ):
            found = self._office_holder(" ".join(body), pos, found, outer)
        return found if found is not None else NOBODY

    def _office_holder(
        self, office: str, pos: int, found: Entity, outer: Entity | None, any_sex: bool = False
    ) -> Entity:
        """ "Rishi Sunak and Keir Starmer clashed ... The Prime Minister said ... The Labour
        leader said ... the Prime Minister replied": an office in capitals the story never
        gives anyone is one person throughout, and a second such office is someone else, the
        first person named who holds none yet (sixteenth round)."""
        held = [e for e, o in self.titled_offices if o == office]
        if held:
            if held[-1] is not outer:
                return held[-1]
        elif any(e is found for e, _o in self.titled_offices):
            # the pronoun that follows in the paragraph, if any, says which sex is meant
            k = self.para_of(pos) + 1
            hi = self.para_starts[k] if k < len(self.para_starts) else len(self.masked)
            own = OWN_PRONOUN_RE.search(self.masked, pos, hi)
            sex = None if own is None else "f" if own.group().lower() in ("she", "her") else "m"
            for mention in self.registry.in_range(0, pos):
                other = mention.entity
                if (
                    not mention.inside
                    and other.personal
                    and " " in other.name
                    and not other.name.startswith("The ")
                    and other is not found
                    and other is not outer
                    and (other.gender in (sex, None) or (sex is None and any_sex))
                    and not any(other is e for e, _o in self.titled_offices)
                ):
                    found = other
                    break
        if not any(found is e and office == o for e, o in self.titled_offices):
            self.titled_offices.append((found, office))
        return found

    def _single_office(self, cue: Cue, pos: int, found: Entity, outer: Entity | None) -> Entity:
        """ "Rachel Reeves and Mel Stride clashed ... The Chancellor said ... The shadow
        chancellor said": an office of one word in capitals, known only by its title, is the
        first person named in the narrative who holds no office yet, and "the shadow ..." of
        the same office someone else (seventeenth round). The title stays a character of its
        own when nobody with a full name is named before it outside quotes."""
        words = cue.np.split()
        if (
            cue.form == "the"
            and len(words) >= 3
            and words[0] in ("The", "the")
            and (len(words) == 3 or words[1].lower() in OFFICE_QUALIFIERS)
        ):
            if words[1].lower() not in OFFICE_QUALIFIERS:
                return found
            # "The shadow education secretary" after "The Education Secretary" (eighteenth
            # round): an office of several words is paired the same way.
            rest = " ".join(w.strip(",.:").capitalize() for w in words[2:])
            offices = ("The " + rest, rest.lower())
            held = next((e for e, o in self.titled_offices if o in offices), None)
            if held is None or (found is not held and found.name not in offices):
                return found
            office = " ".join(words[1:]).lower()
            return self._office_holder(office, pos, held, outer, any_sex=True)
        if not (
            found.name.startswith("The ")
            and len(found.name.split()) == 2
            and found.name.split()[1].lower() in HELD_OFFICES
            and found.kind == "person"
        ):
            return found
        holder = self._first_person(pos, outer)
        if holder is None:
            return found
        held = next((e for e, o in self.titled_offices if o == found.name), None)
        if held is None:
            self.titled_offices.append((holder, found.name))
            held = holder
        return held

    def _first_person(self, pos: int, outer: Entity | None) -> Entity | None:
        """The first person with a full name named outside quotes before pos who holds no
        office read from a title yet."""
        for mention in self.registry.in_range(0, pos):
            other = mention.entity
            if (
                not mention.inside
                and other.personal
                and " " in other.name
                and not other.name.startswith("The ")
                and other is not outer
                and not any(other is e for e, _o in self.titled_offices)
            ):
                return other
        return None

    def _demonym_holder(self, head: str, pos: int, found: Entity) -> Entity:
        """ "the Italian" that nobody the story names is said to be: the last person seen,
        unless they were already called by another nationality ("the German"); then the
        first person named who has not spoken and has no nationality yet ("The Spaniard will
        face Jannik Sinner ... the German said ... the Italian said": Sinner)."""
        given = {r for r in found.roles if r in DEMONYMS}
        given.update(d for e, d in self.demonyms if e is found)
        if given and head not in given:
            spoken = [r.speaker for r in self.records.values() if r.speaker is not None]
            for mention in self.registry.in_range(0, pos):
                other = mention.entity
                if (
                    not mention.inside
                    and other.personal
                    and " " in other.name
                    and other is not found
                    # "at Roland Garros": a place, though it reads as a name
                    and not self.masked.endswith(PLACE_PREPOSITIONS, 0, mention.start)
                    and not any(other is e for e in spoken)
                    and not any(r in DEMONYMS for r in other.roles)
                    and not any(other is e for e, _d in self.demonyms)
                ):
                    found = other
                    break
            else:
                # "the Englishman said" (Trump) ... "the Welshman grinned": with everyone
                # named already heard, the last other speaker with no nationality yet
                # (thirteenth round).
                for i in reversed(self.tops):
                    record = self.records.get(i)
                    other = record.speaker if record is not None else None
                    if (
                        self.spans[i].opener < pos
                        and other is not None
                        and other is not found
                        and other.personal
                        and " " in other.name
                        and not any(r in DEMONYMS for r in other.roles)
                        and not any(other is e for e, _d in self.demonyms)
                    ):
                        found = other
                        break
        if not any(found is e and head == d for e, d in self.demonyms):
            self.demonyms.append((found, head))
        return found

    def _latest_role(self, keys: tuple[str, ...], pos: int) -> Entity | None:
        """The entity introduced most recently before `pos` with any of these roles."""
        best: tuple[int, Entity] | None = None
        for key in keys:
            entries = self.registry.roles.get(key, [])
            k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
            if k and (best is None or entries[k - 1][0] > best[0]):
                best = entries[k - 1]
        return best[1] if best else None

    def _spouse_by_surname(self, det: str, head: str, pos: int) -> Entity | None:
        """ "Brian and Sheila Hartnett ... his wife interjected": with no couple introduced,
        the one person of the spouse's sex who shares the surname of the one "his" means."""
        owner = self.pronoun(pos, "m" if det == "his" else "f")
        if owner is None or " " not in owner.name:
            return None
        surname = owner.name.split()[-1]
        gender = GENDERED_NOUNS.get(head)
        found = {
            m.entity
            for m in self.registry.before(pos, self.para_lo(pos))
            if not m.inside
            and m.entity is not owner
            and m.entity.kind == "person"
            and m.entity.name.split()[-1] == surname
            and (gender is None or m.entity.gender in (gender, None))
        }
        return found.pop() if len(found) == 1 else None

    def _qualified(self, words: list[str], head: str, pos: int) -> Entity | None:
        """ "the Australian captain" after "Australia's Pat Collins": the person introduced
        next to the role's capitalised qualifier, not the last captain named (England's)."""
        qualifier = next((w for w in words[1:-1] if w[:1].isupper()), None)
        if qualifier is None or len(qualifier) < 4:
            return None
        stem = qualifier.lower()[:4]  # Scottish and Scotland, Australian and Australia's
        roles = next((g for g in ROLE_GROUPS if head in g), {head})
        for mention in self.registry.before(pos, self.para_lo(pos)):
            entity = mention.entity
            if mention.inside or not entity.personal or mention.possessive:
                continue
            if all(w in words for w in entity.name.split()):
                # "the former Made in Chelsea star": a name in the phrase itself, a show's or
                # a place's, is not someone it qualifies (seventeenth round)
                continue
            if entity.roles and not entity.roles & roles and head != "boss":
                continue  # "the Alder boss": a boss of any title
            lead = self.text[max(0, mention.start - 40) : mention.start]
            lead = lead[max(lead.rfind("."), lead.rfind("\n")) + 1 :]
            words_before = lead.split()
            for k, word in enumerate(words_before):
                # "Ireland kept their Grand Slam hopes": a qualifier that opens a clause of its
                # own (a possessive determiner or an auxiliary after it) qualifies no one.
                if word.lower().startswith(stem) and not any(
                    w.lower() in CLAUSE_WORDS for w in words_before[k + 1 :]
                ):
                    return entity
        return None

    def _last_two(self, pos: int) -> tuple[Entity, Entity] | None:
        """The last two different people named in the narrative before `pos`, in text order."""
        found: list[Entity] = []
        for mention in self.registry.before(pos, self.para_lo(pos)):
            entity = mention.entity
            if not mention.inside and entity.personal and entity not in found:
                found.append(entity)
                if len(found) == 2:
                    return found[1], found[0]
        return None

    def _unnamed_before(self, pos: int) -> bool:
        """Whether the last two sentences bring someone in unnamed ("a man", "a protester")."""
        k = bisect.bisect_right(self.sentences, pos) - 1
        lo = self.sentences[max(0, k - 2)]
        for match in INDEFINITE_PERSON_RE.finditer(self.masked, lo, pos):
            if not NAME_AFTER_RE.match(self.masked, match.end()):
                return True
        return False

    def _named_kin(self, kin: str, pos: int) -> bool:
        """Whether someone named before `pos` is this kind of relative of someone: "Tomasz
        Nowicki's mother ... Her son shrugs" (her son is Tomasz)."""
        others = KIN_PAIRS.get(kin, ())
        for mention in self.registry.before(pos, 0):
            if mention.possessive and not mention.inside:
                after = self.masked[mention.end : mention.end + 16].split()
                if len(after) > 1 and after[1].strip(",.").lower() in others:
                    return True
        return False

    def _unnamed_subject_last(self, pos: int, gender: str | None, loose: bool = False) -> bool:
        """Whether the last subject of this paragraph before `pos` was an unnamed relative of
        this sex (or, `loose`, anyone unnamed whose sex does not differ), with nobody else seen
        since."""
        lo = self.para_starts[self.para_of(pos)]
        at = next((a for a, g in reversed(self.unnamed_subjects) if a < pos), None)
        if at is None or at < lo:
            return False
        known = dict(self.unnamed_subjects)[at]
        if known != gender and not (loose and (not known or gender is None)):
            return False
        return not any(at < a < pos for a, _ in self.events)

    def _unnamed_they(self, pos: int) -> bool:
        """Whether "they" here means someone unnamed who was the last subject, in this paragraph
        or the one before, with nobody seen since: "A senior government source said ... They
        added:", "One developer ..., who spoke on condition of anonymity, said ... they said"
        (not a body named in between, which "they" would otherwise find)."""
        lo = self.para_starts[max(0, self.para_of(pos) - 1)]
        at = next((a for a, _g in reversed(self.unnamed_subjects) if a < pos), None)
        if at is None or at < lo:
            return False
        return not any(at < a < pos for a, _ in self.events)

    def _unnamed_holder_before(self, head: str, pos: int) -> bool:
        """Whether "a/one <head>" with no name after it came, in this paragraph or the one
        before, after the last person given the role `head`."""
        lo = self.para_starts[max(0, self.para_of(pos) - 1)]
        entries = self.registry.roles.get(head, [])
        k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
        if k:
            lo = max(lo, entries[k - 1][0])
        window = self.masked[lo:pos]
        if head not in window:
            return False
        pattern = re.compile(
            r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w-]+\s+){0,2}?" + re.escape(head) + r"\b"
        )
        return any(
            not NAME_AFTER_RE.match(self.masked, lo + m.end())
            # "Owen Brackett, a senator from Nevada,": an appositive gives a named person a role
            and not window[: m.start()].rstrip(" ").endswith(",")
            for m in pattern.finditer(window)
        )

    def _named_next(self, pos: int) -> Entity | None:
        """The news lede's "A man accused of ... told police" is named in the next paragraph.

        Only when that paragraph opens with a name and an age: "Darnell Hayes, 29, was ...".
        """
        para = self.para_of(pos)
        caption = para == 1 and self._caption_first()
        if para != (1 if caption else 0) or len(self.para_starts) < para + 2:
            return None
        start = self.para_starts[para + 1]
        for mention in self.registry.in_range(start, start + 60):
            if mention.inside or mention.entity.kind != "person" and " " not in mention.entity.name:
                return None
            if self.text[start : mention.start].strip(" \t").strip():
                return None
            if AGE_RE.match(self.text, mention.end):
                return mention.entity
            if caption and " " in mention.entity.name:
                # "Pictured: Eileen Ashworth with her certificate" above "A grandmother who
                # left school at 14 says ...", then "Eileen Ashworth, from Burnley, ...": the
                # one the caption shows, named again at the next paragraph's start.
                name = mention.entity.name
                shown = self.registry.in_range(0, self.para_starts[1])
                if any(m.entity.name == name or m.entity.name.endswith(" " + name) for m in shown):
                    return mention.entity  # "Gran Edna Willis, 101, with ..." shows her too
            return None
        return None

    def _caption_first(self) -> bool:
        """Whether the first paragraph is a caption or headline line: short, with no quote and
        no closing full stop."""
        if len(self.para_starts) < 3:
            return False
        line = self.masked[: self.para_starts[1]].strip()
        return 0 < len(line) <= 150 and MASK not in line and line[-1] not in ".?!"

    def statement_maker(self, pos: int) -> Entity | None:
        """The subject of the last narrative sentence that issues or mentions a statement."""
        lo = self.para_lo(pos)
        k = bisect.bisect_left(self.sentences, pos) - 1
        while k >= 0 and self.sentences[k] >= lo:
            start = self.sentences[k]
            end = min(self.next_sentence(start), pos)
            subject = self.subjects.get(start)
            if (
                subject is not None
                and (subject.personal or subject.kind == "org")
                and STATEMENT_WORD_RE.search(self.masked, start, end)
            ):
                return subject
            k -= 1
        return None

    def notice_maker(self, pos: int) -> Entity | None:
        """The body that is the subject of the last narrative sentence before `pos` that issues,
        mentions or warns with a notice, alert, warning or statement (real-copy round 4)."""
        k = bisect.bisect_left(self.sentences, pos) - 1
        while k >= 0:
            start = self.sentences[k]
            k -= 1
            subject = self.subjects.get(start)
            if subject is None or subject.kind != "org" or self.masked[start] == MASK:
                continue
            end = min(self.next_sentence(start), pos)
            if NOTICE_WORD_RE.search(self.masked, start, end) or STATEMENT_WORD_RE.search(
                self.masked, start, end
            ):
                return subject
        return None

    def _headline_quote(self, span: Span) -> bool:
        """A quote opening the text's first line, a short headline, before a colon or dash."""
        if span.closer is None or self.para_of(span.opener) != 0:
            return False
        if not self._opens_paragraph(span):
            return False
        line_end = self.text.find("\n", span.closer)
        line_end = len(self.text) if line_end < 0 else line_end
        return (
            line_end - span.opener < 160
            and len(self.para_starts) > 2
            and HEADLINE_AFTER_RE.match(self.text, span.closer + 1) is not None
            and SPEECH_RE.search(self.masked, span.closer + 1, line_end) is None
        )

    def _headline_line(self, span: Span) -> bool:
        """A quote in the text's first line, a short headline of one line with no full stop."""
        if span.closer is None or span.paragraph != 0 or len(self.para_starts) < 3:
            return False
        if self.headline is None:  # what the first line says, worked out once per text
            line = self.text[: self.para_starts[1]].strip()
            self.headline = (
                len(line) <= 160 and "\n" not in line and line.rstrip("'’\"”")[-1:] not in ".?!"
            )
        return self.headline

    def _headline_clause(self, span: Span, sent_lo: int, cue: Cue) -> bool:
        """Whether a verb with no subject of its own stands in a headline's clause after "as",
        "while", "after" or "amid" that has a lower-case subject ("as town hall warns")."""
        if not self._headline_line(span) or not (sent_lo <= cue.start <= span.opener):
            return False
        return CLAUSE_SUBJECT_RE.search(self.masked, sent_lo, cue.start) is not None

    def _introduced_next(self, pos: int, paragraphs: int = 1) -> Entity | None:
        """The first person named in the paragraph after `pos`'s (or the next few), if nobody
        came before."""
        para = self.para_of(pos) + 1
        if para >= len(self.para_starts):
            return None
        start = self.para_starts[para]
        last = para + paragraphs
        end = self.para_starts[last] if last < len(self.para_starts) else len(self.text)
        for mention in self.registry.in_range(start, end):
            if mention.inside or " " not in mention.entity.name:
                continue
            if mention.entity.kind == "person":
                return mention.entity
            if mention.entity.kind == "unknown" and SPEECH_RE.search(
                self.masked, mention.end, min(self.next_sentence(mention.end), mention.end + 120)
            ):
                # "Choi Sang-mok told reporters": a name nobody has sexed, but who speaks.
                return mention.entity
        return None

    def last_speaker(self, pos: int) -> Entity | None:
        """Who spoke last, within the last few paragraphs."""
        lo = self.para_lo(pos, 1)
        for i in reversed(self.tops):
            span = self.spans[i]
            if span.opener >= pos or i not in self.records:
                continue
            if span.opener < lo:
                break
            if self.records[i].speaker is not None:
                return self.records[i].speaker
        return None

    def group_before(self, pos: int) -> Entity | None:
        """The band or group named most recently: "the band said in a statement"."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind in ("org", "unknown") and " " not in entity.name:
                return entity
        for mention in self.registry.before(pos, lo):
            entity = mention.entity
            if not mention.inside and entity.kind in ("org", "unknown") and not entity.roles:
                return entity
            if not mention.inside and "band" in entity.roles:
                return entity
        return None

    def org_before(self, pos: int) -> Entity | None:
        """The body the narrative was last about ("the club said"), else the last one named."""
        lo = self.para_lo(pos)
        for at, entity in reversed(self.events):
            if at < lo:
                break
            if at < pos and entity.kind == "org":
                return entity
        return self.registry.org_before(pos)

    def pronoun(
        self,
        pos: int,
        gender: str | None,
        exclude: Entity | None = None,
        nested: bool = False,
    ) -> Entity | None:
        """The most recent fitting subject or speaker; failing that, the last fitting name."""
        lo = self.para_lo(pos)
        if not nested:
            for at, entity in reversed(self.events):
                if at >= pos:
                    continue
                if at < lo:
                    break
                if _fits(entity, gender, exclude):
                    return entity
                if at in self.voiced and gender in ("m", "f") and entity is not exclude:
                    # "A Metropolitan Police spokesman said ... 'We would urge ...,' he
                    # added": the person is the body's voice, so the words are the body's.
                    return entity
        owners = []
        for mention in self.registry.before(pos, lo):
            if mention.inside and not nested:
                continue
            if _fits(mention.entity, gender, exclude) and mention.entity.kind == "person":
                if not mention.possessive:
                    return mention.entity
                owners.append(mention.entity)  # "Sir Keir Starmer's spokesman": the owner
        if owners:
            return owners[0]
        for mention in self.registry.before(pos, lo):
            if mention.inside and not nested:
                continue
            if nested and gender and mention.entity.gender is None:
                # Inside a quote "she" is often someone never named ("my mother"): a name of
                # unknown sex that may not even be a person ("Golden Lion") is no answer.
                continue
            if _fits(mention.entity, gender, exclude):
                return mention.entity
        return None


def owner_is_person(owner: list[Mention]) -> bool:
    """Whether an owner named by a possessive is a person ("Tom Hale's wife, Jane ...")."""
    return any(m.entity.kind == "person" and " " in m.entity.name for m in owner)


def _fits(entity: Entity, gender: str | None, exclude: Entity | None) -> bool:
    if entity is exclude or entity is NOBODY or not entity.personal:
        return False
    return not (gender in ("m", "f") and entity.gender not in (None, gender))


def _first_named(people: list[Mention]) -> Entity:
    """A real name beats an office known only by its title ("The Chancellor, Sarah Lennox")."""
    for mention in people:
        if not mention.entity.name.startswith("The "):
            return mention.entity
    return people[0].entity


def _last_named(people: list[Mention]) -> Entity:
    """In "Nuggets coach Brian Kessel" the name nearest the verb is the speaker."""
    for mention in reversed(people):
        if not mention.entity.name.startswith("The "):
            return mention.entity
    return people[-1].entity


def _latest(entries: list[tuple[int, Entity]], pos: int) -> Entity | None:
    return next((entity for at, entity in reversed(entries) if at < pos), None)


def _real(entity: Entity | None) -> Entity | None:
    return None if entity is NOBODY else entity


def _relative_name(registry: Registry, text: str, lo: int, hi: int) -> Entity | None:
    """ "Dionne, who sent me a message ... and said, '...'": the name the clause hangs on."""
    for mention in registry.in_range(lo, hi)[::-1]:
        if mention.entity.kind == "person" and WHO_RE.match(text, mention.end):
            return mention.entity
    return None


def _clause_end(masked: str, start: int, stop: int) -> int:
    """Where an attribution clause ends: the next full stop, semicolon or quotation."""
    return start + phrase_end(masked[start:stop], 0)


def _mask(text: str, tops: list[Span]) -> str:
    """The text with every top-level quotation blanked out, so narrative rules never read it.

    A quotation that ends a sentence keeps a full stop where its closing mark was, so the
    narrative after it starts a new sentence.
    """
    parts = []
    pos = 0
    for span in tops:
        end = span.closer + 1 if span.closer is not None else span.end
        parts.append(text[pos : span.opener])
        length = end - span.opener
        content = text[span.start : span.end].rstrip()
        if span.closer is not None and content.endswith((".", "!", "?", "…")):
            parts.append(MASK * (length - 1) + ".")
        elif (
            span.closer is not None
            and len(content) < 30
            # Zachary "zekken" Patrone: a gamer's handle, one word, may be in lower case
            and (content[:1].isupper() or (content[:1].isalnum() and " " not in content))
            and len(content.split()) <= 2
            and NICKNAME_BEFORE_RE.search(text, max(0, span.opener - 30), span.opener)
            and NICKNAME_AFTER_RE.match(text, span.closer + 1)
        ):
            # Park "Mercy" Ji-ho: the narrative reads one name, as if the nickname were not
            # there.
            parts.append(" " * length)
        else:
            parts.append(MASK * length)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mask_titles(masked: str, titles: list[tuple[int, int, bool]]) -> str:
    """'The "Glee" alum told ...': a title of a work, marks and all, read as one plain word,
    so the noun phrase around it holds together."""
    parts = []
    pos = 0
    for start, end, _nested in titles:
        if start < pos:
            continue
        parts.append(masked[pos:start])
        before = masked[max(0, start - 3) : start].rstrip(" \t")
        head = "X" if not before or before[-1] in ".!?\n" else "x"  # a sentence's first word
        parts.append(head + "x" * (end - start - 1))
        pos = end
    parts.append(masked[pos:])
    return "".join(parts)


def attribute(
    text: str,
    spans: list[Span],
    registry: Registry,
    titles: list[tuple[int, int, bool]] | None = None,
) -> list[Entity | None]:
    """One speaker (or None) per span, in the order given; parents must precede children.

    `titles` are the quoted titles of works (opening mark, end), read as plain words."""
    return Attributor(text, spans, registry, titles).run()


def _plain(words: str) -> str:
    """A quote's words for comparing with another's: no punctuation, case or spacing."""
    return " " + " ".join(PLAIN_RE.sub(" ", words).casefold().split()) + " "
