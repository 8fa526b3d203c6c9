"""Word lists the extractor leans on: speech verbs, roles, titles, names, outlets and title cues."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_PAST = """
said told added continued concluded explained teased joked recalled gushed revealed admitted
insisted noted quipped shared confirmed stated wrote tweeted posted replied asked laughed warned
argued claimed declared announced remarked mused hinted promised vowed sighed smiled shrugged
reflected observed acknowledged conceded responded answered urged stressed emphasised emphasized
predicted suggested boasted countered agreed cautioned lamented whispered shouted exclaimed raved
enthused commented maintained texted began offered recounted reiterated complained pleaded
protested blasted fumed griped snapped chimed grinned beamed demanded radioed testified
retorted interjected interrupted wondered pressed explained captioned messaged yelled screamed
cried murmured muttered stammered admitted confided confessed repeated summed reasoned opined
surmised gloated scoffed sneered joined elaborated clarified assured reassured pointed
penned vented dished divulged detailed reminisced raged cracked deadpanned contended alleged
asserted disagreed objected ventured read mumbled informed
"""
_SPEECH_PRESENT = """
says tells adds continues concludes explains teases jokes recalls gushes reveals admits insists
notes quips shares confirms states writes tweets posts replies asks laughs warns argues claims
declares announces remarks muses hints promises vows sighs smiles shrugs reflects observes
acknowledges concedes responds answers urges stresses emphasises emphasizes predicts suggests
boasts counters agrees cautions laments whispers shouts exclaims raves enthuses comments
maintains texts begins offers recounts reiterates complains pleads protests fumes snaps grins
demands radios testifies retorts interjects wonders presses captions messages yells murmurs
mutters confides confesses repeats reasons opines scoffs elaborates clarifies assures
pens vents dishes divulges details reminisces rages cracks deadpans contends alleges asserts
reads blasts slams informs finishes
"""
_SPEECH_BASE = "say tell ask add write reply shout whisper insist explain admit"
# "Philipps is heard asking", "someone muttering the words:".
_SPEECH_ING = "saying asking telling muttering mumbling shouting yelling screaming"


def _tensed(bases: str) -> str:
    """The past and the third-person present of each verb: "marvel" gives "marveled marvelled
    marvels"; "sob:sobbed" names an irregular past, whose present is the base with "s"."""
    forms = []
    for entry in bases.split():
        base, _, past = entry.partition(":")
        if base.endswith("e"):
            forms += [past or base + "d", base + "s"]
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms += [past or base[:-1] + "ied", base[:-1] + "ies"]
        elif base.endswith(("sh", "ch", "ss", "x")):
            forms += [past or base + "ed", base + "es"]
        else:
            forms += [past or base + "ed", base + "s"]
        if base.endswith("el") and not past:  # US "marveled", UK "marvelled"
            forms.append(base + "led")
    return " ".join(forms)


# Verbs of speech and of thought spoken aloud, as families: the past and present of each go in
# together, so a writer's less common verb ("X marveled, '...'") is a cue in either tense.
_SPEECH_FAMILIES = _tensed(
    """
    marvel rhapsodise rhapsodize exult enthuse gush rave muse ponder reflect reminisce quip:quipped
    jest chuckle giggle chortle groan moan grumble grouse gripe whine wail sob:sobbed lament bemoan
    rant rail fume seethe bellow holler hiss snarl growl sniff scoff sneer taunt gasp stammer
    stutter blurt splutter sputter murmur mumble mutter whisper coo aver:averred avow affirm
    attest assert contend maintain insist argue reason posit opine theorise theorize speculate
    surmise reckon predict warn caution advise counsel implore beg:begged plead entreat query
    inquire enquire interject chime conclude summarise summarize elaborate clarify remark
    comment mention declare proclaim announce assure reassure promise vow swear:swore boast
    brag:bragged gloat exclaim shriek recount rebut:rebutted reply respond retort counter
    reiterate stress emphasise emphasize confide divulge reveal confess concede
    acknowledge apologise apologize wisecrack deadpan:deadpanned drawl joke tease observe
    """
)
# Joined with spaces: run together, "admit" and "saying" once became one word "admitsaying".
SPEECH_VERBS = _words(
    " ".join((_SPEECH_PAST, _SPEECH_PRESENT, _SPEECH_BASE, _SPEECH_ING, _SPEECH_FAMILIES))
)
# Two-word speech verbs, written with one space.
SPEECH_PHRASES = frozenset(
    {
        "shot back",
        "fired back",
        "hit back",
        "shoots back",
        "fires back",
        "hits back",
        "went on",
        "goes on",
        "chimed in",
        "pointed out",
        "points out",
        "spoke up",
        "summed up",
        "sums up",
        "cut in",
        "cuts in",
        "hit out",
        "hits out",
        "weighed in",
        "weighs in",
        "opened up",
        "opens up",
        # "As she put it:", "as he puts it,": an idiom for saying
        "put it",
        "puts it",
    }
)
# People a story may bring in without a name; "the man" then means that person, not the
# last man named.
GENERIC_PEOPLE = _words(
    """
    man woman boy girl protester heckler bystander stranger teenager motorist pedestrian
    onlooker passer-by demonstrator voter shopper customer caller fan spectator
    """
)
# Relatives and partners named by kin alone ("her husband", "my mum"), each with the sex it
# gives: the one list of them, read as kin nouns, as gendered nouns and by attribution's
# "my mum" rule.
KIN_SEX: dict[str, str] = dict.fromkeys(
    _words("mum mom mam mother wife sister daughter girlfriend gran nan grandma grandmother aunt"),
    "f",
) | dict.fromkeys(_words("dad father husband brother son boyfriend grandad grandfather uncle"), "m")
# Relatives: "the daughter of one victim" is someone's relative, not a person named here.
KIN_NOUNS = frozenset(KIN_SEX) | _words("widow widower family parents niece nephew cousin")
# Verbs of asking and of answering, which set up an exchange between two people.
ASK_VERBS = _words("asked asks demanded demands pressed presses queried wondered inquired")
REPLY_VERBS = _words(
    "replied replies answered answers responded responds retorted retorts countered counters"
)
REPLY_PHRASES = frozenset(
    {"shot back", "fired back", "hit back", "shoots back", "fires back", "hits back"}
)
# Verbs that put a partial quote in someone's mouth: he called the plan "a disaster", she felt
# "unusual bumps".
REPORT_VERBS = SPEECH_VERBS | _words(
    """
    called calls calling described describes describing branded brands labelled labeled
    accused accuses hailed hails praised praises slammed slams dismissed dismisses denied denies
    saying adding telling writing insisting warning arguing noting calling describing admitting
    vowing promising pledging claiming recalling explaining pledged pledges characterised
    characterized deemed termed criticised criticized condemned condemns welcomed welcomes
    blamed blames rejected rejects defended defends urging stressing describing
    call describe brand label dub term dubbed dubs referring referred refers
    branding labelling labeling dubbing terming hailing praising accusing slamming blasting
    blaming dismissing criticising criticizing condemning welcoming rejecting defending
    sings sang raps rapped apologised apologized apologises apologizes thanked thanking
    felt feels
    """
)
# Verbs that report someone's words in the writer's own ("told the paper that he is leading us
# on a path to ..."): a Title Case phrase closing such a sentence is part of what was reported,
# not a title of a work. The commonest of REPORT_VERBS only: "read", "sang" or "wrote" before a
# title ("she read the script for ...") report nobody's words.
INDIRECT_SPEECH_VERBS = _words(
    "said says told tells warned warns claimed claims insisted argued declared"
)
# Verbs of the voice right before a quote: short Title Case after them is said, not a title
# of a work ("Albrecht whispers 'Forgive me'").
SPOKEN_CUES = _words(
    """
    says said whispers whispered shouts shouted yells yelled screams screamed mutters muttered
    blurts blurted cries cried replies replied asks asked
    """
)
PARTICIPLES = _words(
    """
    saying adding telling writing insisting warning arguing noting calling describing admitting
    vowing promising pledging claiming recalling explaining urging stressing referring
    """
)
AUXILIARIES = _words(
    """
    has have had was were is are would will could should may might did does do also later then
    once previously recently simply further again earlier quickly finally candidly frankly
    bluntly proudly quietly softly just flatly since still already never even reportedly
    allegedly famously memorably angrily repeatedly publicly privately initially subsequently
    always often usually sometimes constantly routinely regularly occasionally
    """
)
# Words after a capitalised word that show it opens a clause rather than qualifies a name:
# "Ireland kept their Grand Slam hopes" (not "Ireland captain Caelan Doris").
CLAUSE_WORDS = AUXILIARIES | _words("their his her its our my your")

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
        "prosecutor attorney lawyer barrister solicitor counsel",
        "officer deputy sheriff trooper",
    )
)
ROLE_WORDS = frozenset().union(*ROLE_GROUPS) | _words(
    """
    captain champion chef judge drummer guitarist bassist character daughter son wife
    husband partner friend brother sister mother father girlfriend boyfriend detective
    inspector officer analyst commissioner economist historian lawyer attorney prosecutor
    general commander dispatcher superintendent administrator chief presenter host
    anchor comedian dancer designer model rookie quarterback pitcher batter bowler
    batsman jockey rider driver boxer fighter promoter trainer referee umpire pundit
    alum veteran winner nominee member trustee councilmember councilman councilwoman
    selectman selectwoman regent creator co-creator campaigner organiser organizer
    volunteer nurse teacher headteacher pensioner student farmer landlord landlady
    shopkeeper caddie paramedic firefighter midwife surgeon vicar chaplain curator
    librarian warden ranger poet broadcaster journalist agent shopper
    """
)
# Nationalities and people of a place: "the Dutchman", "the Belarusian".
DEMONYMS = _words(
    """
    dutchman spaniard german frenchman frenchwoman italian portuguese scot scotsman welshman
    irishman englishman englishwoman australian american argentine argentinian brazilian
    belgian croatian croat serbian serb norwegian dane swede swiss austrian canadian kiwi
    japanese korean nigerian ghanaian senegalese egyptian moroccan mexican colombian
    uruguayan chilean pole czech russian ukrainian greek turk israeli indian pakistani
    jamaican briton brit texan californian new-yorker londoner mancunian scouser geordie
    slovenian slovak slovakian finn estonian latvian lithuanian hungarian romanian bulgarian
    albanian bosnian montenegrin macedonian georgian armenian iranian iraqi syrian lebanese
    saudi emirati qatari kenyan ethiopian ugandan tanzanian zimbabwean zambian cameroonian
    ivorian algerian tunisian peruvian venezuelan ecuadorian paraguayan bolivian cuban
    chinese taiwanese vietnamese thai filipino indonesian malaysian singaporean icelander
    dutchwoman scotswoman welshwoman irishwoman kazakh uzbek azerbaijani new-zealander
    zealander belarusian belarussian moldovan maltese cypriot luxembourger afghan nepali
    bangladeshi mongolian sri-lankan liverpudlian glaswegian dubliner brummie yorkshireman
    yorkshirewoman cornishman african
    """
)
# Nouns that name a person without saying who: resolved to the most recent fitting person.
PERSON_NOUNS = (
    ROLE_WORDS
    | DEMONYMS
    | _words(
        """
    veteran man woman youngster teenager rookie winner legend icon singer-actress newcomer
    superstar alum nominee hopeful contender candidate incumbent challenger mother-of-two
    father-of-two mother-of-three father-of-three grandmother grandfather mum dad mom
    republican democrat conservative tory socialist liberal
    mvp mp peer actor-director star-turned-director billionaire entrepreneur tycoon mogul
    politician campaigner activist hunk beauty brunette blonde redhead heartthrob babe
    starlet diva crooner rocker songstress siren bombshell stunner funnyman funnywoman
    socialite influencer personality heiress mogul tycoon alum alumna hero heroine head
    caller listener viewer favourite favorite left-hander right-hander southpaw
    """
    )
)
# Positions in a team, which run on into a name like a role: "Tight end Mark Andrews".
POSITION_WORDS = _words(
    """
    end guard receiver linebacker cornerback tackle safety back quarterback halfback fullback
    running-back wide-receiver baseman shortstop outfielder infielder reliever catcher winger
    full-back wing-back fly-half scrum-half hooker prop flanker lock centre center keeper
    wicketkeeper wicket-keeper opener spinner seamer all-rounder paceman setter libero
    """
)
# Plural nouns that introduce two people sharing a surname: "Twins Maya and Leo Hart".
COUPLE_NOUNS = _words("twins siblings sisters brothers couple spouses parents cousins")
# Who speaks without a name: their words get no speaker.
ANONYMOUS_NOUNS = _words(
    """
    source sources insider insiders pal pals friend friends onlooker onlookers witness
    witnesses resident residents neighbour neighbours neighbor neighbors fan fans reporter
    reporters aide aides official officials people person someone observer observers critic
    critics viewer viewers passer-by bystander bystanders relative relatives family
    spokesperson spokesman spokeswoman representative representatives rep reps colleague
    colleagues member members user users follower followers student students parent
    parents worker workers employee employees staff staffer staffers executive executives
    expert experts analysts investors voters protesters campaigners locals shoppers
    commuters passengers patients player players teammate teammates producers organisers organizers
    researchers scientists doctors authors writers others one delegate delegates diplomat
    diplomats negotiator negotiators attendee attendees participant participants victim victims
    juror jurors
    """
)
# The kinds a body is named by right before its name: "Consumer group Which?", "campaign
# group Just Stop Oil" (a regular expression's alternatives).
BODY_KINDS = "group|charity|body|organisation|organization|watchdog|network|alliance"
# Nouns for a body that may speak for itself: "the club said in a statement".
ORG_NOUNS = _words(
    """
    company club firm group union council department agency operator carrier airline
    regulator studio network league federation association government ministry palace
    police force team charity organisation organization watchdog authority body board
    party campaign bank retailer brand university hospital trust business label broadcaster
    channel streamer platform service station publisher developer manufacturer maker
    supermarket chain insurer lender startup start-up giant outfit office commission
    committee institute foundation museum school
    """
)
# Words inside a capitalised run that make it an organisation rather than a person.
ORG_WORDS = _words(
    """
    Inc Inc. Corp Corp. Ltd Ltd. LLC plc PLC Company Co Co. Group Association Federation
    Union Council Committee Commission Department Ministry Office Agency Authority Institute
    University College School Hospital Foundation Trust Fund Bank Party Police Service
    Services Airlines Airways Air Rail Railways Railway Motors Software Foods Studios Pictures
    Records Entertainment Media Network Networks Club FC United Rovers Athletic Academy Society
    Church Court Congress Senate House Parliament Assembly Government Administration Board
    Bureau Center Centre Museum Theatre Theater League Alliance Coalition Campaign Action
    International Systems Technologies Technology Labs Holdings Partners Capital Energy Water
    Gas Power Health Palace Street Hall Federation Institute Force Army Navy Guard Guards
    Department Treasury Commons Lords Cabinet Parliament Network Broadcasting Motors Bros
    Brothers Industries Pharmaceuticals Pharma Bancorp Corporation Incorporated Limited
    Organisation Organization Council Tribunal Regiment Brigade Squad Unit Project Initiative
    Forum Institute Observatory Laboratory Laboratories Zoo Gallery Library Orchestra Band
    Choir Ballet Opera Festival Awards Academy Federation Confederation Chamber Exchange
    Markets Market Securities Investments Insurance Assurance Telecom Communications Mobile
    Electric Electronics Aerospace Automotive Logistics Retail Stores Supermarkets Hotels
    Resorts Casino Casinos Games Studio Records Recordings Music Films Film Productions
    Television TV Radio Press Publishing Publications Books Magazine Newspaper Times Post
    Journal Herald Tribune Gazette Chronicle Mail Express Mirror Standard Review Prize
    Prizes Award Awards Cup Trophy Championship Championships Open Games Olympics Festival
    Stadium Arena Park Square Bridge Airport Station Centre Hospital Prison
    Homes Housing Estates Developments Properties Construction Builders Division Directorate
    """
)
# Organisations commonly quoted with no org word in their name.
KNOWN_ORGS = _words(
    """
    Amazon Apple Google Alphabet Microsoft Meta Facebook Instagram Netflix Disney Hulu HBO
    Paramount Universal Sony Warner Lionsgate Neon Blumhouse A24 Spotify Uber Lyft Airbnb
    Tesla SpaceX Boeing Airbus Ryanair easyJet Nike Adidas Ofwat Ofcom Ofgem Ofsted Unilever
    Nestle Nestlé Shell BP Exxon Chevron Walmart Target Costco Tesco Sainsbury's Asda Aldi
    Lidl Starbucks McDonald's Pfizer Moderna AstraZeneca OpenAI Anthropic Nvidia Intel IBM
    Oracle Samsung Toyota Volkswagen Ford GM Stellantis Renault Nissan Honda FIFA UEFA IOC
    NASA NATO UN EU WHO FBI CIA NHS FA ECB ICC NFL NBA MLB NHL NCAA PGA ATP WTA Interpol
    Greenpeace Oxfam Amnesty Barclays HSBC Lloyds NatWest Santander Citi Citigroup Goldman
    JPMorgan Morgan Jefferies Deutsche UBS Credit Suisse Visa Mastercard PayPal X Twitter
    TikTok YouTube Snapchat Reddit Pinterest LinkedIn Zoom Slack Salesforce Adobe Dell HP
    Lenovo Huawei Xiaomi Alibaba Tencent Baidu ByteDance Roblox Nintendo Ubisoft EA Activision
    Blizzard Valve Epic Peloton Shopify Etsy eBay Deliveroo Ocado Primark Zara Gucci Prada
    Chanel Dior Ferrari Mercedes BMW Audi Porsche Jaguar Aston McLaren Williams
    """
)
# Publications and broadcasters: people talk to them, they do not speak in quotes.
OUTLETS = frozenset(
    name.casefold()
    for name in """
    Variety|Deadline|Empire|People|EW|Entertainment Weekly|Billboard|Rolling Stone|Vanity Fair|
    Vogue|British Vogue|GQ|Esquire|Elle|Cosmopolitan|Glamour|Marie Claire|Harper's Bazaar|
    Collider|IndieWire|Hollywood Reporter|THR|TMZ|E! News|E! Online|Us Weekly|OK!|OK|Hello!|
    Hello|Sun|The Sun|Sun on Sunday|Mirror|Daily Mirror|Sunday Mirror|Daily Mail|Mail|
    MailOnline|Mail on Sunday|Daily Star|Daily Express|Express|Times|Sunday Times|Guardian|
    Observer|Telegraph|Daily Telegraph|Sunday Telegraph|Independent|i|Evening Standard|
    Standard|Metro|BBC|BBC News|BBC Sport|BBC Radio|BBC Radio 4|BBC Radio 5 Live|BBC One|
    BBC Two|BBC Breakfast|Newsnight|Today|Sky News|Sky Sports|Sky Sports News|ITV|ITV News|
    Good Morning Britain|This Morning|Loose Women|Channel 4|Channel 4 News|Channel 5|GB News|
    talkSPORT|LBC|Radio 1|Radio 2|Radio 4|CNN|CNBC|MSNBC|Fox News|Fox|NBC|NBC News|ABC|
    ABC News|CBS|CBS News|NPR|PBS|New York Times|NYT|Washington Post|Wall Street Journal|
    WSJ|Bloomberg|Bloomberg News|Bloomberg TV|Reuters|AP|Associated Press|AFP|Politico|
    Axios|Atlantic|New Yorker|Time|Time magazine|Newsweek|USA Today|Los Angeles Times|
    LA Times|Financial Times|FT|Economist|Forbes|Fortune|Business Insider|Insider|Vice|Vox|
    BuzzFeed|BuzzFeed News|HuffPost|Huffington Post|Page Six|New York Post|Complex|
    Pitchfork|NME|Mojo|Uncut|Kerrang!|Q|Radio Times|Digital Spy|Screen Rant|Den of Geek|
    IGN|Polygon|The Verge|Verge|Wired|TechCrunch|ESPN|The Athletic|Athletic|
    Sports Illustrated|Marca|L'Equipe|L'Équipe|Gazzetta dello Sport|Bild|Der Spiegel|
    Spiegel|Le Monde|Le Figaro|El País|Al Jazeera|Sky|Today programme|Today show|
    Good Morning America|Tonight Show|Late Show|Late Late Show|Jimmy Kimmel Live|
    Hot Ones|Call Her Daddy|Variety magazine|Empire magazine|People magazine|Courier|
    Herald|Tribune|Gazette|Chronicle|Post|Journal|Examiner|Globe|Star|Irish Times|
    Irish Independent|Scotsman|Herald Scotland|Daily Record|Yorkshire Post|
    Manchester Evening News|Liverpool Echo|Sydney Morning Herald|Toronto Star|Globe and Mail|
    CBC|RTE|RTÉ|ITV2|E4|Radio X|Capital FM|Heart|Kiss|Apple Music|Zane Lowe|SiriusXM|
    Howard Stern Show|Stern|Access Hollywood|Extra|Entertainment Tonight|ET|Daily Beast|
    Slate|Salon|Jezebel|Teen Vogue|Allure|InStyle|W magazine|Interview magazine|Paper|
    Dazed|i-D|Clash|Uproxx|Stereogum|Consequence|Loudwire|Metal Hammer|Classic Rock|
    Guitar World|Mixmag|DJ Mag|Total Film|Little White Lies|Sight and Sound|Screen Daily|
    Screen International|Backstage|TheWrap|Wrap|Vulture|Gold Derby|Awards Daily|
    TVLine|TV Guide|Decider|Cinemablend|Movieweb|ComicBook.com|Comicbook|Bleeding Cool|
    ActioNewz.com|BBC Sounds|Spotify|Instagram|TikTok|X|Twitter|Facebook|YouTube|Threads
    """.replace("\n", "").split("|")
    if name.strip()
)

_MALE_TITLES = "mr mr. sir lord king prince councilman congressman duke earl baron"
_FEMALE_TITLES = (
    "mrs mrs. ms ms. miss dame lady queen princess councilwoman baroness congresswoman duchess "
    "countess"
)
_OTHER_TITLES = """
det det. supt supt. insp insp. dci dsupt ch ch. cmdr cmdr. asst
dr dr. prof prof. professor president senator sen. rep. rep representative governor gov. mayor
minister prime chancellor secretary judge justice coach director captain capt. general gen.
chief commissioner inspector detective officer foreign finance health home deputy vice
chairman chairwoman ceo agent saint st. councillor councilor republican democrat democratic
labour tory conservative admiral co-star sergeant sgt. shadow interior defence defense
education sheriff superintendent administrator attorney producer showrunner rookie
promoter guitarist drummer bassist singer dispatcher commuter parent resident pastor father
rabbi imam reverend rev. bishop archbishop cardinal pope lieutenant lt. lt colonel col.
col major maj. corporal cpl. private pvt. trooper constable pc sgt ambassador envoy
chairperson manager boss striker midfielder defender goalkeeper forward winger captain
fly-half scrum-half full-back wing-back flanker wicketkeeper wicket-keeper all-rounder
quarterback linebacker shortstop
skipper incumbent candidate nominee veteran actor actress star singer-songwriter rapper
comedian presenter host anchor correspondent editor columnist critic author novelist poet
analyst economist strategist spokesman spokeswoman spokesperson founder co-founder owner
treasurer clerk magistrate recorder coroner principal headteacher headmaster headmistress
dean provost vice-chancellor chancellor nurse dr paramedic firefighter battalion newcomer
debutant debutante taoiseach tanaiste tánaiste caller listener viewer
lawmaker legislator assemblyman assemblywoman alderman alderwoman supervisor leader
majority minority whip speaker marshal warden mp mep msp mla mpp cllr cllr. coun coun.
"""
# Plural titles before several names: "United States Senators Bill Hagerty and ...".
_PLURAL_TITLES = """
senators sens. sens representatives reps. reps congressmen congresswomen governors mayors
ministers drs. drs doctors professors judges justices councillors councilors coaches
directors producers officers deputies detectives commissioners presidents
"""
TITLES: dict[str, str | None] = (
    dict.fromkeys(_OTHER_TITLES.split())
    | dict.fromkeys(_PLURAL_TITLES.split())
    | dict.fromkeys(_MALE_TITLES.split(), "m")
    | dict.fromkeys(_FEMALE_TITLES.split(), "f")
)
# Words after a name that are not part of it: Anthony Marr KC, Quincy Williams Jr.; senior counsel
# in Australia and Ireland (SC), an Irish barrister (BL), Australian honours (AO, OAM) (real-copy
# round 8).
NAME_SUFFIXES = _words(
    "KC QC SC BL MP MEP MSP OBE MBE CBE KBE DBE GBE AO OAM PhD MD Jr Jr. Sr Sr. II III IV"
)
GENDERED_NOUNS = KIN_SEX | {
    "actress": "f",
    "spokeswoman": "f",
    "chairwoman": "f",
    "congresswoman": "f",
    "businesswoman": "f",
    "frontwoman": "f",
    "sportswoman": "f",
    "heiress": "f",
    "songstress": "f",
    "starlet": "f",
    "diva": "f",
    "brunette": "f",
    "blonde": "f",
    "alumna": "f",
    "funnywoman": "f",
    "funnyman": "m",
    "hunk": "m",
    "crooner": "m",
    "woman": "f",
    "frenchwoman": "f",
    "dutchwoman": "f",
    "scotswoman": "f",
    "welshwoman": "f",
    "irishwoman": "f",
    "englishwoman": "f",
    "councilwoman": "f",
    "assemblywoman": "f",
    "alderwoman": "f",
    "headmistress": "f",
    "mother-of-two": "f",
    "mother-of-three": "f",
    "singer-actress": "f",
    "actor": "m",
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "businessman": "m",
    "frontman": "m",
    "sportsman": "m",
    "man": "m",
    "dutchman": "m",
    "frenchman": "m",
    "scotsman": "m",
    "welshman": "m",
    "irishman": "m",
    "englishman": "m",
    "councilman": "m",
    "assemblyman": "m",
    "alderman": "m",
    "headmaster": "m",
    "father-of-two": "m",
    "father-of-three": "m",
}

FEMALE_NAMES = _words(
    """
    alma mariana evie esme kayleigh chantelle kiara lina aditi riya asha indira chioma amaka
    hafsa rania dalia hadas tamar noa yael shira talia
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
    abigail ada adriana agnes aimee alana alexis alison allison alyssa amber amira angelina
    angie annie april ariana arianna audrey aurora ayesha bella bethany bianca billie
    bonnie brianna bridget brittany brooke caitlin camilla candice cara carmen carrie
    cassandra cassie cate cecilia celeste celine charlene charlie chelsea cheryl christine
    cindy claudia colleen constance courtney crystal cynthia daisy daphne deborah debbie
    delia demi denise diana dolly dolores dominique doris dua edith eileen elaine eliza
    ellie eloise elsa emilia erica esther eugenie evelyn faith felicity fern florence
    francesca gabriela gabrielle gail gemma georgia georgina gillian gina giselle gloria
    gwen gwyneth haley hailey halle harriet hayley hazel heidi helena hilary hollie hope
    ida ilona irene iris isabella isabelle ivana ivy jackie jacqueline jade jana janice
    jasmine jean jeanette jenna jenny jess jessie jill jo joanna joanne jocelyn jodie
    josephine josie joy joyce judith judy julianne juliet june justine kara kate kathryn
    kathy kayla keely kelsey kendra kerry kirsten kristen kristin krystal kylie lacey lana
    laurel layla leila leslie lila lillian lily lindsay lindsey liz lizzie lorna lorraine
    louisa louise lucille luna lydia mabel mackenzie maddie madeleine madeline madison mae
    maggie mandy marcia margot marianne marilyn marina marisa marisol marjorie marlene
    martina maureen maxine maya meghan melanie meredith michaela mildred millie miranda
    miriam molly monica monique morgan muriel myra nadine natasha nell nellie nia nina
    noelle norma octavia olga paige pam patsy pauline pearl peggy penelope petra phoebe
    phyllis pippa polly poppy rebekah regina renee rhiannon rita roberta robyn rosa
    rosalind rosemary rosie roxanne ruby sabrina sadie saoirse sara savannah scarlett selena
    shania shannon sheila shelley sheryl shirley sienna sinead siobhan sonia sophia stacey
    stella sue summer susanna suzanne sylvia tamara tania tanya tara tessa thelma tiffany
    tilly toni tracey tracy trisha ursula valerie vanessa vera veronica viola violet
    virginia vivian whitney willow yasmin yolanda zara zoey aoife niamh ciara orla roisin
    gráinne grainne maeve sian cerys bronwen ffion carys eilidh kirsty morag agnieszka
    halina bozena danuta grazyna jadwiga krystyna wanda zofia ewa dorota joanna beata
    katarzyna magdalena svetlana natalia tatiana olena yulia irina ekaterina anastasia
    giulia chiara francesca alessandra valentina elisa federica beatriz ines leticia
    guadalupe ximena valeria daniela fernanda paola lorena pilar rocio consuelo esperanza
    ngozi chiamaka adaeze funmilayo folake amara ama akosua abena efua nana kemi yetunde
    sakura haruka aiko yoko keiko mariko ayumi hana jisoo jennie lisa rosé soyeon minji
    ananya deepika aishwarya sunita anjali pooja neha shreya kavya lakshmi meera divya
    fatimah khadija zainab maryam noor layla yasmine amina leyla zeynep elif
    """
)
MALE_NAMES = _words(
    """
    eduardo francisco guillermo ignacio juan manuel raul pietro yuri oleg pavel bjorn anders
    nils magnus henrik dieter wolfgang tobias jonas obinna cian oisin niall padraig darragh
    eoin fionn fraser dafydd owain huw deshawn marquis lamar malik colby bryce tanner
    aaron adam alan albert andrew anthony arthur ben benjamin bill bob brian bruce carl
    charles chris christopher colin daniel david dennis donald douglas edward eric frank
    fred gary george gordon graham greg harry henry ian jack jacob james jason jeff jeremy
    jim joe john jonathan jose joseph keanu keir keith kevin larry len leo liam luke marcus
    mark martin matt matthew michael mike nathan neil nick oliver patrick paul peter philip
    ralph richard rishi robert roger ron ronald ryan sam samuel scott sean simon stephen
    steve steven thomas tim timothy tom tony victor walter william boris chad ange pep
    jurgen mikel erik gareth carlos diego luis miguel pedro rafael roberto hans klaus lars
    sven omar ahmed ali hiroshi kenji raj rahul arjun ethan noah lucas elon joaquin denzel
    ridley quentin christoph emmanuel olaf justin barack
    aidan alastair alasdair alistair alec alexander alfie alfred alistair andre andres
    angus antonio archie arnold barry ben bernard billy blake bradley brendan brett brody
    bryan byron caleb callum calvin cameron cillian clarence clark clive cody conor connor
    conrad craig curtis cyril dale damian damon dan danny darius darren darryl dave dean
    declan derek desmond dexter dominic don duncan dustin dwayne dylan eamon eddie edgar
    edwin eli elijah elliot elliott elvis emmett enrique ernest ernie eugene evan ewan
    felix fergus finn francis frankie freddie gabriel gavin gene geoffrey gerald gerard
    gilbert glen glenn gregory guy hamish harold harrison harvey hector herbert howard hugh
    hugo isaac ivan jacques jake jamal jamie jared jarvis jay jayden jerome jerry jesse lenny
    jimmy joel johnny jon jonah jordan josh joshua julian julius kai karl kenneth kenny
    kieran kirk kit kofi kurt kwame kyle lance lawrence lee leon leonard leroy lewis lionel
    lloyd logan lorenzo louis lucas luca lukas luka malcolm marc marco mario marlon marshall
    marvin mason mateo mathew maurice max maxwell micah miles milo mitchell mohamed
    mohammed muhammad morgan morris murray nathaniel ned neville nigel noel norman oscar
    otis owen pablo paolo pat percy perry phil pierce pierre preston quincy rafael ralph
    randall randy ray raymond reggie reginald rex rhys ricardo rick ricky riley rob robbie
    robin rocco rodney roland rory ross roy ruairi rudy rufus rupert russell rusty sammy
    santiago saul seamus sebastian sergio seth shane shaun shawn sid sidney silas spencer
    stanley stefan stuart sunil ted teddy terence terry theo theodore toby todd travis
    trevor tristan troy tyler tyrell tyrone vaughn vernon vince vincent wade warren wayne
    wesley wilbur will willie wyatt xavier zach zachary zack ahmad hassan hussein ibrahim
    karim khalid mahmoud mustafa omar rashid tariq yusuf abdul amir farid hamza ravi
    sanjay vikram amit anil deepak manoj rajesh suresh vijay pranav rohan aarav kiran
    takeshi hiroshi kenji haruki ryo satoshi yuki takumi minho jungkook jimin seojun
    chidi chinedu emeka olumide tunde segun kwabena kojo yaw femi babajide adebayo
    sergei dmitri vladimir alexei mikhail nikolai ivan andrei oleksandr volodymyr
    tomasz piotr krzysztof pawel marek wojciech jakub lukasz grzegorz mariusz janusz
    giuseppe giovanni alessandro francesco matteo lorenzo luigi massimo stefano
    javier alejandro fernando gonzalo sergio alvaro iker xavi andres jorge ruud
    arne virgil frenkie memphis jurgen thomas didier zinedine kylian antoine olivier
    hugo ousmane ngolo patrice thierry raheem harry declan bukayo marcus jadon jude
    phil kalvin kyle trent jordan ollie danny jarrod dominic mohamed sadio roberto
    """
)
# Given names that are as often a woman's as a man's: they say nothing about gender.
_UNISEX = _words(
    "alex sam jordan morgan taylor jamie robin kim pat charlie riley casey courtney leslie ashley "
    "kelly"
)
# Given names of either sex: a run that starts with one is a person's name.
GIVEN_NAMES = FEMALE_NAMES | MALE_NAMES | _UNISEX
FEMALE_NAMES = FEMALE_NAMES - _UNISEX
MALE_NAMES = MALE_NAMES - _UNISEX - FEMALE_NAMES

STOPWORDS = _words(
    """
    the a an in on at but and however it its this that these those he she they we i his her
    their our my your after before when while as if so then there here speaking asked
    according meanwhile also yet still with without for from to of by now last next despite
    although though because since until during following over under into about what who why
    how where which one some many most several both all each every no not nor or us our
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow
    earlier later once even just only instead overall indeed said says told tells added adds
    asked asks wrote writes replied replies like unlike among amid per via dear hi hello
    oh yes yeah well sorry thanks please sir madam fellow across along among amid behind
    beyond throughout within upon near against toward towards ahead together alongside
    besides nevertheless nonetheless furthermore moreover otherwise therefore thus perhaps
    maybe again i've i'm i'd i'll i’ve i’m i’d i’ll let ok okay you you're you’re you've
    you’ve we're we’re they're they’re me him them sometimes always never often usually
    everyone everybody someone somebody anyone anybody nobody everything something nothing
    no-one no‑one
    """
)
# Surnames and given names that look like an opening "-ly" adverb or "-ing" participle.
NAMES_LIKE_OPENERS = _words(
    """
    king manning fleming harding golding browning keating dowling spalding channing cumming
    reilly kelly kimberly beverly shelly lilly holly sally molly emily
    """
)
# Words ending like agent nouns ("-er") that are not one: "Biden over Trump".
NOT_AGENTS = _words(
    """
    after never other rather whether either neither however together further later earlier
    over under ever sooner per order water winter summer number member paper matter
    """
)
PARTICLES = _words(
    "de da van von der den del della di le la las los du bin al ibn dos das mac st ter ten"
)

# Words after which a quoted Title-Case run names a work rather than quoting anybody.
TITLE_CUES = _words(
    """
    film movie song single album episode book novel show series titled entitled called
    dubbed named track record ep play musical poem podcast documentary sequel ballad anthem
    hit opera memoir chapter column essay headline slogan tune game video franchise
    installment instalment prequel spin-off miniseries sitcom drama comedy thriller
    exhibition painting sculpture newsletter report campaign feature ballet symphony
    production revival headlined
    """
)
STRONG_TITLE_CUES = TITLE_CUES - _words("called dubbed named report campaign")
SMALL_TITLE_WORDS = _words(
    "a an the of in on at to for and or but nor with from by as is it my me you"
)

# Words that end the head of a description: "the Indian captain after his team's loss".
NP_CUT_WORDS = _words(
    """
    of for at from with after before in on during following while when as since about close
    whose who
    """
)
# Heads of "the family of X", "his lawyer": someone other than the person named.
RELATIVE_NOUNS = _words(
    """
    family wife husband mother father son daughter brother sister widow widower partner
    girlfriend boyfriend fiancee fiancé fiancée parents children relatives friend friends
    lawyer lawyers attorney attorneys solicitor solicitors neighbour neighbor colleague
    """
)
# Words after which an appositive no longer describes the name before it.
APPOSITIVE_STOPS = _words(
    """
    of for at from in on with to who whose which that and but since than by
    """
)
# The last word of a publication's or programme's name: "Mirror Online", "Sky News".
OUTLET_ENDINGS = _words(
    """
    Online News Magazine Weekly Daily Radio TV Podcast Tonight Today Live Show
    """
)
# The last word of a newspaper's or magazine's name, which says so after "the" ("The Jackson
# Tribune", "the Evening Standard") or after a possessive ("Harper's Bazaar", "Reader's Digest")
# (real-copy round 5).
PUBLICATION_ENDINGS = OUTLET_ENDINGS | _words(
    """
    Times Post Journal Herald Chronicle Tribune Gazette Courier Observer Telegraph Standard
    Independent Guardian Mail Express Examiner Inquirer Record Register Star Sun Mirror
    Bulletin Dispatch Sentinel Review Argus Echo Press Advocate Advertiser Globe Monitor
    Bazaar Digest Monthly Quarterly Almanac Companion Reporter Insider
    """
)
# Verbs that do not occur in names: "Strictly Come Dancing" is a show.
COMMON_VERBS = _words(
    """
    come comes go goes get gets take takes make makes keep keeps do does says tell
    """
)
# Words that make a run a body even after a given name: "Georgia Bureau of Investigation".
BODY_WORDS = _words(
    """
    Bureau Department Ministry Council Committee Commission Agency Authority University
    Institute Police Service Office Association Foundation Federation Corporation Company
    Division Directorate
    """
)
# Nouns that introduce a company or body by name: "camera maker GoPro".
ORG_INTRO_NOUNS = _words(
    """
    maker makers company firm giant retailer chain startup start-up brand manufacturer
    airline carrier bank lender insurer developer publisher studio label network broadcaster
    operator provider distributor streamer platform app service conglomerate automaker
    carmaker supermarket grocer charity group
    """
)
# Capitalised verbs that end a name in a Title Case headline: "Ben Affleck Talks Up Cast".
HEADLINE_VERB_WORDS = _words(
    """
    opens talks denies announces admits hails slams blasts shares calls gets makes wins joins
    leaves quits is was are has have gives takes rues warns urges praises confirms insists
    defends breaks lands signs returns responds reacts apologises apologizes speaks addresses
    recalls remembers celebrates launches unveils reflects feels felt reveals
    """
)
# Nouns that follow a work's title: the "Glee" star, the "Scream Queens" alum.
WORK_FOLLOWERS = _words(
    """
    star stars alum alums alumna actor actress actors creator co-star co-stars cast fame fans
    hitmaker singer writer director showrunner producer franchise sequel reboot remake episode
    finale season premiere trailer soundtrack favourite favorite
    """
)
