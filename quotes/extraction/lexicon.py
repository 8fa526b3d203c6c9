"""Word lists the extractor leans on: speech verbs, roles, titles, given names and title cues."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_PAST = """
said told added continued concluded explained teased joked recalled gushed revealed admitted
insisted noted quipped shared confirmed stated wrote tweeted posted replied asked laughed warned
argued claimed declared announced remarked mused hinted promised vowed sighed smiled shrugged
reflected observed acknowledged conceded responded answered urged stressed emphasised emphasized
predicted suggested boasted countered agreed cautioned lamented whispered shouted exclaimed raved
enthused commented maintained replied texted began offered explained recounted reiterated
complained pleaded protested admitted blasted fumed griped snapped chimed grinned beamed
"""
_SPEECH_PRESENT = """
says tells adds continues concludes explains teases jokes recalls gushes reveals admits insists
notes quips shares confirms states writes tweets posts replies asks laughs warns argues claims
declares announces remarks muses hints promises vows sighs smiles shrugs reflects observes
acknowledges concedes responds answers urges stresses emphasises emphasizes predicts suggests
boasts counters agrees cautions laments whispers shouts exclaims raves enthuses comments
maintains texts begins offers recounts reiterates complains pleads protests fumes snaps grins
"""
SPEECH_VERBS = frozenset(_SPEECH_PAST.split()) | frozenset(_SPEECH_PRESENT.split())

ADVERBS = _words(
    """
    also later then once previously recently simply further again earlier quickly finally
    candidly frankly bluntly proudly quietly softly just flatly
    """
)

# Role nouns grouped so that "the filmmaker" finds the person introduced as "director X".
ROLE_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "director filmmaker helmer auteur writer-director showrunner",
        "coach manager boss gaffer head-coach",
        "minister secretary chancellor",
        "prime-minister premier pm",
        "senator lawmaker legislator congressman congresswoman representative rep",
        "president",
        "governor",
        "mayor",
        "leader",
        "singer star musician artist rapper songwriter singer-songwriter frontman frontwoman "
        "vocalist popstar hitmaker",
        "actor actress star",
        "ceo executive chief-executive founder chairman chairwoman chair boss",
        "scientist researcher professor author physicist biologist astronomer doctor economist",
        "striker forward midfielder defender goalkeeper player captain skipper star",
        "spokesman spokeswoman spokesperson",
        "author novelist writer",
        "producer",
    )
)
ROLE_WORDS = frozenset().union(*ROLE_GROUPS) | _words(
    """
    captain champion chef judge drummer guitarist bassist character daughter son wife
    husband partner friend brother sister mother father girlfriend boyfriend detective
    inspector officer analyst commissioner economist historian lawyer attorney prosecutor
    general commander
    """
)
# Nouns that name a person without saying who: resolved to the most recent speaker.
PERSON_NOUNS = ROLE_WORDS | _words(
    """
    veteran man woman youngster teenager rookie winner legend icon singer-actress star-
    turned-director newcomer superstar
    """
)

_MALE_TITLES = "mr mr. sir lord king prince councilman"
_FEMALE_TITLES = "mrs mrs. ms ms. miss dame lady queen princess councilwoman baroness"
_OTHER_TITLES = """
dr dr. prof prof. professor president senator sen. rep. representative governor gov. mayor
minister prime chancellor secretary judge justice coach director captain capt. general gen.
chief commissioner inspector detective officer foreign finance health home deputy vice
chairman chairwoman ceo agent saint st. councillor republican democrat democratic labour tory
conservative admiral co-star sergeant sgt. shadow interior defence defense education
"""
TITLES: dict[str, str | None] = (
    dict.fromkeys(_OTHER_TITLES.split())
    | dict.fromkeys(_MALE_TITLES.split(), "m")
    | dict.fromkeys(_FEMALE_TITLES.split(), "f")
)
GENDERED_NOUNS = {
    "actress": "f",
    "spokeswoman": "f",
    "chairwoman": "f",
    "congresswoman": "f",
    "businesswoman": "f",
    "frontwoman": "f",
    "sportswoman": "f",
    "mother": "f",
    "wife": "f",
    "actor": "m",
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "businessman": "m",
    "frontman": "m",
    "sportsman": "m",
    "father": "m",
    "husband": "m",
}

FEMALE_NAMES = _words(
    """
    ana anna ann anne amy alice alex alexandra alicia amanda amelia andrea angela anita
    barbara beth betty brenda carla carol caroline catherine charlotte chloe christina
    claire clara dana diana diane donna dorothy eleanor elena elizabeth ella ellen emily
    emma erin eve eva fiona florence frances grace hannah harriet heather helen holly isabel
    jacinda jane janet jennifer jessica jill joan julia julie karen kate katherine kathleen
    katie kelly keira kim laura lauren leah linda lisa lucy maria marie margaret martha mary
    megan melissa michelle mia nancy natalie nicola nicole olivia pamela patricia paula
    penny rachel rebecca rose ruth sally samantha sandra sarah serena sharon sophie
    stephanie susan taylor teresa tina victoria wendy yvonne zoe zendaya beyonce adele
    rihanna priya aisha fatima sofia lena ingrid greta astrid naomi simone venus marta
    camila lucia isla freya ava harper nora imogen kamala hillary nadia yuki mei
    """
)
MALE_NAMES = _words(
    """
    aaron adam alan albert andrew anthony arthur ben benjamin bill bob brian bruce carl
    charles chris christopher colin daniel david dennis donald douglas edward eric frank
    fred gary george gordon graham greg harry henry ian jack jacob james jason jeff jeremy
    jim joe john jonathan jose joseph keanu keir keith kevin larry len leo liam luke marcus
    mark martin matt matthew michael mike nathan neil nick oliver patrick paul peter philip
    ralph richard rishi robert roger ron ronald ryan sam samuel scott sean simon stephen
    steve steven thomas tim timothy tom tony victor walter william boris chad ange pep
    jurgen mikel erik gareth carlos diego luis miguel pedro rafael roberto hans klaus lars
    sven omar ahmed ali hiroshi kenji raj rahul arjun ethan noah lucas elon joaquin denzel
    keanu ridley quentin christoph emmanuel olaf justin barack
    """
)

STOPWORDS = _words(
    """
    the a an in on at but and however it its this that these those he she they we i his her
    their our my your after before when while as if so then there here speaking asked
    according meanwhile also yet still with without for from to of by now last next despite
    although though because since until during following over under into about what who why
    how where which one some many most several both all each every no not nor or us our
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow
    earlier later once even just only instead overall indeed
    """
)
PARTICLES = _words("de da van von der den del di le la du bin al ibn dos das mac")
SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": None, "i": "self", "we": "self"}

# Words after which a quoted Title-Case run names a work rather than quoting anybody.
TITLE_CUES = _words(
    """
    film movie song single album episode book novel show series titled entitled called
    dubbed named track record ep play musical poem podcast documentary sequel ballad anthem
    hit opera memoir chapter column essay headline slogan tune game video franchise
    installment instalment prequel spin-off miniseries sitcom drama comedy thriller
    exhibition painting sculpture newsletter report campaign
    """
)
STRONG_TITLE_CUES = TITLE_CUES - _words("called dubbed named report campaign")
SMALL_TITLE_WORDS = _words(
    "a an the of in on at to for and or but nor with from by as is it my me you"
)
