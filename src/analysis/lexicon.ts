// Word lists shared by the analysis rules. General English news vocabulary, not tuned to one article.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Abbreviations that are always followed by a name or number, never end a sentence. */
export const TITLE_ABBREVIATIONS = /* @__PURE__ */ set(`
  mr mrs ms messrs mme dr gen gens sen sens rep reps gov lt col sgt capt cmdr adm prof rev hon pres
  maj cpl pvt mt ft supt insp det atty brig amb msgr fr engr eng mme mlle sr jr no nos vol pp fig approx vs dept ald
  spc pfc ssg sfc msgt ssgt tsgt
  univ assn bros`);

/** Abbreviations that end a sentence only when a typical sentence opener follows. */
export const AMBIGUOUS_ABBREVIATIONS = /* @__PURE__ */ set(`
  jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd plc llc etc al est st ave blvd rd
  rs ksh tsh ush`);

/** Words that commonly open a sentence: after an ambiguous abbreviation they signal a boundary. */
export const SENTENCE_OPENERS = /* @__PURE__ */ set(`
  The A An He She It They We I You His Her Its Their Our My This That These Those There Here But And Or
  So Yet In On At For If When While As After Before Since Although Though Because However Meanwhile
  Still Also Some Many Most Such No Not Other Others One Two Three By With From Under Over Last Earlier
  Later Asked According Both Each Every All Neither Nor What Why How Where Who Officials Analysts Critics
  Police Authorities Nothing None Few Several Then Now Today Yesterday Instead Despite During Until`);

/** Verbs that introduce or attribute speech. */
export const SPEECH_VERBS = /* @__PURE__ */ set(`
  said says say saying added adds continued continues told tells asked asks explained explains noted
  notes stated states declared declares insisted insists argued argues warned warns wrote writes replied
  replies responded responds recalled recalls acknowledged acknowledges admitted admits announced
  announces stressed stresses emphasized emphasizes emphasised emphasises observed observes remarked
  remarks cautioned cautions complained complains conceded concedes concluded concludes contended
  contends countered counters maintained maintains predicted predicts reiterated reiterates recounted
  recounts testified testifies tweeted tweets posted shouted chanted whispered joked jokes quipped quips
  lamented laments agreed agrees claimed claims commented comments confirmed confirms boasted mused
  vowed vows pledged promised mentioned estimated estimates yelled cried pleaded begged demanded
  demands urged urges suggested suggests proposed wondered answered answers disclosed revealed
  reported reports alleged alleges assured assures conceded promised promises objected
  exclaimed explained replied retorted murmured sighed scoffed snapped protested posed queried`);

/** Speech verbs that are never also plural nouns ("states", "notes", "reports" are both). */
export const CORE_SPEECH_VERBS = /* @__PURE__ */ set(`
  said says told tells added adds asked explained wrote warned insisted argued recalled acknowledged
  admitted announced stressed declared replied responded testified tweeted continued noted stated asked
  asks shouted wondered`);

/** Verbs that frame a partial quotation without a speech verb ("called the plan 'a mistake'"). */
export const FRAMING_VERBS = /* @__PURE__ */ set(`
  called calls described describes termed terms labeled labelled branded denounced denounces
  criticized criticised praised praises welcomed welcomes hailed hails condemned condemns accused
  accuses blamed blames expressed expresses dismissed dismisses characterized characterised
  referred refers`);

/** Nouns naming documents; a quote taken from one belongs to its issuer, not to a nearby person. */
export const DOCUMENT_NOUNS = /* @__PURE__ */ set(`
  statement statements report reports resolution resolutions letter letters document documents memo
  memorandum indictment complaint lawsuit filing filings ruling order decree communique communiqué
  declaration agreement draft text bill law guidelines guidance release press-release notice notices
  transcript email e-mail message post tweet verdict opinion judgment judgement decision affidavit
  charter treaty manifesto editorial leaflet note notes minutes summary study survey prospectus
  proposal motion petition warrant citation regulation rule rules policy commentary article column op-ed
  blog website dispatch bulletin editorial`);

/** Words heading a role: the "spokesman" in "a spokesman for the ministry". */
export const ROLE_NOUNS = /* @__PURE__ */ set(`
  spokesman spokeswoman spokesperson official officials minister secretary president envoy ambassador
  diplomat director chairman chairwoman chair chief executive ceo head leader senator representative
  congressman congresswoman governor mayor lawmaker legislator analyst economist professor researcher
  expert adviser advisor aide commander general officer colonel lieutenant captain sergeant judge
  justice prosecutor attorney lawyer counsel negotiator rapporteur coordinator commissioner
  manager founder president-elect premier chancellor king queen prince princess emperor
  strategist scientist doctor activist campaigner organizer witness resident student teacher worker
  farmer owner partner member deputy vice-president vice undersecretary under-secretary
  secretary-general administrator inspector investigator detective sheriff pastor priest bishop
  cardinal pope rabbi imam cleric coach player editor correspondent reporter author historian
  dissident defector refugee survivor victim mother father son daughter wife husband sister brother
  officer source sources operator founder engineer nurse pilot driver guard soldier veteran fisherman
  spokesperson organiser organizer agent neighbor neighbour friend colleague relative cousin uncle aunt
  grandmother grandfather widow owner shopkeeper vendor tenant landlord mp politician candidate boss
  banker trader investor consultant councillor councilor councilman councilwoman alderman`);

/** Titles written before a name ("Secretary of State Condoleezza Rice"). Lower-cased. */
export const NAME_TITLES = /* @__PURE__ */ set(`
  chair mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor president vice prime premier minister
  gp ald ald. alderman alderwoman
  secretary senator sen sen. rep rep. representative governor gov gov. mayor chancellor king queen
  prince princess emperor general gen gen. admiral adm adm. colonel col col. lieutenant lt lt.
  captain capt capt. sergeant sgt sgt. commander cmdr cmdr. judge justice ambassador envoy chairman
  chairwoman chief director spokesman spokeswoman spokesperson rev rev. reverend father sister
  brother pope cardinal bishop rabbi imam sheikh ayatollah marshal major maj maj. deputy
  under-secretary secretary-general director-general attorney detective officer inspector agent coach dame sir lord lady
  leader comrade alhaji alhaja chief pastor barrister advocate adv adv. engr engr.
  spc spc. pfc pfc. ssg ssg. sfc sfc. msgt msgt. ssgt ssgt. tsgt tsgt. specialist private airman seaman corporal hon hon. superintendent commissioner
  sp dsp asp csp acp dcp cp aig dig igp det det. gda garda insp insp. supt supt. const const.
  cllr cllr. clr clr. cr cr. councillor cpl cpl. pte pte. bdr sgt-maj datuk dato datin seri tun tunku madam mdm mdm. nana togbe fr fr.
  atty atty. eng. mme mme. mlle mlle. gogo kaumātua kaumatua iyaloja oba baale hajjah ustaz mec mp mla mpp
  msp mep td mzee mk mpa mna mlc mha mhr coun coun. anchor correspondent commentator columnist prefect magistrate coroner archbishop vicar rector provost congressman congresswoman
  assemblyman assemblywoman assemblymember councilman councilwoman councilmember councilor alderman alderwoman
  alderperson supervisor trooper sheriff`);

/** Lower-case words that modify a title before a name ("former defence minister"). */
export const ROLE_MODIFIERS = /* @__PURE__ */ set(`
  former acting deputy interim late outgoing incoming senior chief top defence defense foreign finance
  economy economic security health education interior justice trade energy environment labor labour
  agriculture transport prime vice assistant associate general executive managing national regional
  local party opposition government army police military state federal provincial city county
  presidential special veteran lead principal first`);

/** Honorifics that reveal gender. */
export const MALE_HONORIFICS = /* @__PURE__ */ set(
  'mr mr. sir king prince lord father brother spokesman chairman congressman',
);
export const FEMALE_HONORIFICS = /* @__PURE__ */ set(
  'mrs mrs. ms ms. miss madam mdm mdm. dame queen princess lady sister spokeswoman chairwoman congresswoman',
);

/** Common given names with their usual gender: used only as a hint for pronoun resolution. */
export const MALE_NAMES = /* @__PURE__ */ set(`
  aaron adam alan albert alex alexander alexei ali andrew andre andrei angelo anthony antonio arthur
  barack ben benjamin bernard bill bob boris brian bruce carl carlos charles chris christopher colin
  daniel david dennis dick donald doug douglas edward emmanuel eric evan frank fred gary george gerald
  gordon greg gregory hank harry henry howard hugo ian ivan jack jacob james jason jay jean jeff
  jeffrey jerry jim jimmy joe joel john jon jonathan jorge jose joseph juan justin keith ken kenneth
  kevin kofi larry lee leon louis luis marco mario mark martin matt matthew michael miguel mike
  mohammed muhammad nicolas nick nicholas olaf omar oscar pablo patrick paul pedro peter philip
  pierre rahul ralph ramon richard rick robert roberto rodrigo roger ron ronald roy russell ryan sam
  samuel scott sean sergei sergey shinzo stephen steve steven ted terry thomas tim timothy todd tom
  tony victor vladimir walter william xavier yuri
  abdul abdullah ahmed ahmad akira alberto aleksandr alfred alistair amir andreas andres angus antoine
  armando arnold austin barry bernie bradley brandon brendan brett byron calvin cameron chad charlie
  chuck clarence clark clifford clint cody cole conor craig curtis dale dan danny darren dave dean
  derek diego dmitry dominic don duncan dwight dylan ed eduardo elias elijah emil enrique ernest
  ethan eugene fabio farid felipe felix fernando francis francisco franklin fraser gabriel gareth
  gavin geoffrey gerhard giorgio giovanni glenn graham grant guillermo gustavo hans harold hassan
  hector helmut herbert hiroshi hussein ibrahim isaac jamal jared javier jens jeremy jesse jesus
  joaquin johan johannes jonas josh joshua julian julio karl kazuo keir kenji kent khalid kyle lars
  lawrence leonard lewis liam lloyd lorenzo lucas luke malcolm manuel marcel marcus mario marvin
  mathieu maurice max maxim melvin mitch mitchell mohamed moses nasser nathan neil nelson nigel noah
  norman olivier oliver owen pascal paolo pavel phil rafael raj ramesh randy raul ray raymond reza
  ricardo rob robin rocco rolf rudy rupert salman salvador santiago saul sebastian sergio seth shawn
  sidney simon stan stanley stefan stuart sunil takeshi tariq theo theodore tobias travis trevor
  troy tyler umar vernon vicente vincent wade warren wayne wes wesley will willie wolfgang yasser
  yusuf zach zachary`);
export const FEMALE_NAMES = /* @__PURE__ */ set(`
  alice amanda amy ana angela ann anna anne barbara betty carla carol caroline catherine christine
  claire condoleezza dana deborah diana donna elena elizabeth ellen emily emma erin eva fatima
  frances gloria grace hannah heather helen hillary irene jacinda jane janet janice jennifer jessica
  jill joan joanna josephine judith judy julia julie karen kate katherine kathleen kathy kelly kim
  kristin laura lauren linda lisa liz lucy lynn madeleine margaret maria marie marine martha mary
  megan melissa michelle monica nancy natalie nicole nina olga pamela patricia paula rachel rebecca
  rosa ruth samantha sandra sara sarah sharon shirley sofia sophie stephanie susan suzanne tanya
  teresa theresa ursula valerie victoria virginia wendy yulia
  abigail adriana agnes aisha alexandra alexis alicia alison allison alyssa andrea angelica anita
  annette april ava beatrice belinda bernadette beth bethany beverly bonnie brenda bridget brittany
  camila candace carmen carolyn cassandra cecilia charlotte chelsea cheryl chloe cindy claudia
  colleen connie courtney crystal cynthia daisy danielle daphne darlene dawn debbie debra delia
  denise diane dolores dorothy edith eileen elaine eleanor elise eliza ella ellie eloise emilia
  erica erika esther eugenia evelyn faith felicity fiona florence francesca gabriela gabrielle
  gail georgia geraldine gina giulia gwen harriet hazel heidi helga hilda holly ida ines ingrid
  isabel isabella isabelle ivana jacqueline jade jana jasmine jean jeanne jenna jenny jill jo
  joanne jocelyn jodi jodie johanna joyce juanita judy juliana june kamala karin kara katarina
  kathryn katie katrin kayla kerry kristen kristina leah leila lena leslie lilian lillian lily
  lorena lorraine louise lucia lucille luisa lydia mabel mackenzie madison magdalena maggie mairead
  mandy marcela margarita marian marianne marina marisa marjorie marlene marta maureen maxine maya
  meredith mia mildred miriam molly monique nadia naomi natasha nora norma olivia paige patty
  pauline peggy penelope penny phyllis priscilla priya rachael ramona rania regina renee rita
  roberta robyn rosalind rose rosemary roxanne sabrina sally sandy savannah selena serena sheila
  shelby sienna silvia simone sonia stacy stella sue sylvia tamara tammy tara tessa tiffany tina
  tracy ulrike vanessa vera veronica viola vivian yasmin yolanda yvonne zoe`);

/** Family names common in Korea and China, written first ("Ban Ki-moon", "Xi Jinping"). */
export const EAST_ASIAN_SURNAMES = /* @__PURE__ */ set(`
  kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo shin
  kwon hwang ahn an song yoo yu hong moon mun roh noh ban ri wang li zhang liu chen yang huang zhao wu
  zhou xu sun ma zhu hu guo he lin luo gao xi wen jiang deng mao qin hua xie tang feng dong cao peng
  zeng xiao tian pan du ye cheng wei su lu jia ding shen ren yao`);

/**
 * A hyphenated given name with a lower-case second syllable ("Ji-hoon", "Mei-ling", "Siu-fung") ends a
 * Korean or Chinese name written surname first: the person is known by the word before it.
 */
export const SURNAME_FIRST_GIVEN = /^\p{Lu}\p{Ll}+-\p{Ll}+$/u;

/** Keywords that make a capitalised phrase an organisation. */
export const ORG_KEYWORDS = /* @__PURE__ */ set(`
  ministry department committee council assembly mission agency commission organization organisation
  union bank fund party corp corp. corporation inc inc. co co. company group university institute
  association court congress senate parliament government administration office bureau service
  services authority board foundation center centre program programme forces army navy police
  cabinet secretariat embassy consulate league federation alliance coalition network society club
  watch international times post journal news press reuters agency tribunal command council
  school college academy hospital exchange reserve party's ltd ltd. limited plc llc llp gmbh pty bhd airlines airways motors
  holdings partners systems technologies industries consulting capital research economics advisors
  advisers advisory solutions analytics strategies ventures associates
  securities investments media records music entertainment studios pictures labs pharmaceuticals
  pharma therapeutics brands foods electric telecom communications software publishing broadcasting
  petroleum mining logistics freight shipping energy division brigade regiment battalion corps fleet squadron team unit squad taskforce panel cooperative cooperatives properties
  guard directorate inspectorate trust institution observatory council forum confederation chamber
  collective syndicate consortium initiative caucus
  empresa compañía banco ministerio ministério universidad universidade université università instituto
  institut sindicato asociación associação federación federação gobierno governo fundación fundação
  corporación partido consejo conselho fiscalía procuraduría comisión comissão agencia agência
  société groupe banque ministère ministerium bundesamt gesellschaft verband gmbh
  scoil gaelscoil coláiste ollscoil ysgol coleg prifysgol escuela colegio école lycée schule
  museum museo musée gallery galerie kunsthalle theatre theater opera orchestra philharmonic library
  archives zoo stiftung show podcast pac`);

/** A minister's portfolio written before the name ("Minister of Works, Transport and Infrastructure Leota"). */
export const PORTFOLIO_NOUNS = /* @__PURE__ */ set(`
  works transport infrastructure finance health education defence defense energy agriculture
  fisheries tourism trade labour labor environment interior housing communications culture sport
  youth commerce industry mines planning lands water treasury resources affairs development welfare
  security relations services`);

/** Common nouns that refer back to an organisation ("the company said"). */
export const ORG_NOUNS = /* @__PURE__ */ set(`
  company firm group government ministry agency department regulator bank lender carrier airline
  operator manufacturer maker retailer insurer automaker broker utility union party council
  committee commission court embassy army military police organization organisation charity
  campaign network newspaper broadcaster agency authority board administration office team club
  school university hospital institute foundation fund exchange watchdog coalition alliance
  organisers organizers opposition`);

/** Well-known organisations and news agencies that carry no keyword. */
export const KNOWN_ORGS = /* @__PURE__ */ set(`
  U.N. UN NATO EU IMF WHO FBI CIA NSA OPEC ASEAN OECD UNESCO UNICEF UNHCR IAEA WTO Reuters AP AFP
  Xinhua Yonhap KCNA Pentagon Kremlin Interpol Amnesty Greenpeace Hamas Hezbollah Taliban Google Apple
  Microsoft Amazon Facebook Meta Twitter Boeing Airbus Toyota Samsung Hyundai Pyongyang-based
  BBC CNN NBC CBS ABC Bloomberg`);

/** Organisations whose names are common words or start with a nationality. */
export const MULTIWORD_ORGS: ReadonlySet<string> = new Set(
  `European Union|African Union|United Nations|Arab League|Red Cross|Red Crescent|White House|Security Council|
  General Assembly|European Commission|European Parliament|Federal Reserve|Bank of England|Bank of Japan|
  European Central Bank|Supreme Court|Justice Department|State Department|Foreign Office|Kremlin|Pentagon|
  Downing Street|Islamic State|Human Rights Watch|Amnesty International|Doctors Without Borders`
    .split('|')
    .map((p) => p.trim()),
);

/** Places: countries, regions and major cities common in international news. */
export const PLACES = /* @__PURE__ */ set(`
  Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
  Belarus Belgium Bolivia Bosnia Brazil Bulgaria Burma Cambodia Cameroon Canada Chile China Colombia
  Congo Croatia Cuba Cyprus Denmark Ecuador Egypt England Eritrea Estonia Ethiopia Europe Finland
  France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
  Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kosovo Kuwait Laos Latvia Lebanon Libya
  Lithuania Malaysia Mali Mexico Moldova Mongolia Morocco Mozambique Myanmar Nepal Netherlands Nicaragua
  Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar
  Romania Russia Rwanda Scotland Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden
  Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tibet Tunisia Turkey Uganda Ukraine Uruguay
  Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa Asia America Americas Antarctica
  Arctic Balkans Caribbean Gaza Crimea Kashmir Xinjiang Macau
  Beijing Shanghai Seoul Pyongyang Tokyo Osaka Kaesong Busan Taipei Manila Jakarta Hanoi Bangkok Delhi
  Mumbai Karachi Islamabad Kabul Tehran Baghdad Damascus Beirut Jerusalem Cairo Riyadh Dubai Ankara
  Istanbul Moscow Kyiv Kiev Minsk Warsaw Berlin Paris London Madrid Rome Vienna Brussels Geneva Zurich
  Amsterdam Stockholm Oslo Copenhagen Helsinki Dublin Lisbon Athens Prague Budapest Bucharest Sofia
  Belgrade Washington Chicago Boston Houston Dallas Miami Atlanta Seattle Denver Detroit Philadelphia
  Phoenix Ottawa Toronto Montreal Vancouver Sydney Melbourne Canberra Auckland Wellington Nairobi Lagos
  Johannesburg Pretoria Khartoum Tripoli Tunis Algiers Rabat Havana Caracas Bogota Lima
  Santiago Brasilia Rio Strasbourg Hiroshima Nagasaki
  Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho
  Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
  Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
  Vermont Virginia Wisconsin Wyoming U.S. U.K. UK US Britain Scotland`);

/** Multi-word places recognised as a whole. */
export const MULTIWORD_PLACES: ReadonlySet<string> = new Set(
  `North Korea|South Korea|United States|United Kingdom|Soviet Union|New York|Los Angeles|San Francisco|
  New Delhi|Hong Kong|Saudi Arabia|South Africa|New Zealand|Sri Lanka|North America|South America|
  Latin America|Middle East|East Asia|Southeast Asia|Korean Peninsula|Washington D.C.|West Bank|
  Gaza Strip|Persian Gulf|South China Sea|East China Sea|Yellow Sea|Taiwan Strait|Czech Republic|
  Ivory Coast|Costa Rica|Puerto Rico|Abu Dhabi|Tel Aviv|Buenos Aires|Sao Paulo|Rio de Janeiro|
  Mexico City|Kuala Lumpur|Ho Chi Minh City|New Jersey|New Mexico|New Hampshire|North Carolina|
  South Carolina|North Dakota|South Dakota|West Virginia|Rhode Island|Inner Mongolia|Addis Ababa|
  Western Europe|Eastern Europe|Central Asia|Capitol Hill|Wall Street`
    .split('|')
    .map((p) => p.trim()),
);

/** Capitalised words that are never part of a name (calendar words, nationalities handled apart). */
export const NON_NAME_CAPITALS = /* @__PURE__ */ set(`
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
  I The A An This That These Those There Here It He She We They You His Her Its Our Their My Your In
  On At For From By With Without About After Before During Under Over Into Onto Of To And Or But Nor
  If When While As Since Because Although Though Unless Until Whether Why How What Where Who Which
  Such Some Many Most Much More Less Few Several All Both Each Every Either Neither No Not Yes Also
  Still Yet Then Now Today Tonight Yesterday Tomorrow Last Next Earlier Later Meanwhile However
  Instead Despite According Asked Speaking Like Unlike Among Between Against Across Around Through
  Throughout Within Upon Amid Even Only Just Once Twice Other Another Same New Old
  Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Sgt Capt Adm Prof See For Read Please Note Editor Editing
  Reporting Writing Additional Related Contact Recently Currently Previously Finally Additionally
  Ultimately Importantly Unfortunately Fortunately Similarly Separately Notably Apparently Obviously
  Certainly Initially Eventually Originally Increasingly Specifically Frankly Honestly Personally
  Politically Historically Traditionally Typically Usually Generally Actually Basically Essentially
  Hopefully Interestingly Ironically Naturally Surprisingly Technically Clearly Simply Age Aged Does Did
  Do Had Has Have Is Are Was Were Would Could Should Might Must Absent`);

/** Acronyms of roles, things and measures ("CEO", "IPO", "FY28"): capitals that name no body. */
export const NON_BODY_ACRONYMS = /* @__PURE__ */ set(`
  CEO CFO COO CTO CIO CMO IPO FY GDP EV EVs VAT PhD MBA SUV SUVs DNA HIV COVID ICU GPS PDF FAQ TV CCTV
  ATM LED LNG LPG MP MPs MSP MSPs MEP MEPs MLA MLAs MPP MPPs TD TDs`);

/** Adjectives of nationality: capitalised but not names. */
export const NATIONALITIES = /* @__PURE__ */ set(`
  American Americans British Chinese Korean Koreans Japanese Russian Russians French German Germans
  Indian Pakistani Iranian Iraqi Syrian Israeli Israelis Palestinian Palestinians Afghan Turkish Greek
  Italian Spanish Mexican Canadian Australian European Europeans African Asian Arab Arabs Western
  Eastern Northern Southern Soviet Ukrainian Ukrainians Egyptian Saudi Taiwanese Vietnamese Thai
  Filipino Indonesian Malaysian Brazilian Argentine Cuban Venezuelan Colombian Nigerian Kenyan
  Ethiopian Sudanese Libyan Lebanese Jordanian Turkish Kurdish Kurds Polish Dutch Belgian Swiss Swedish
  Norwegian Danish Finnish Irish Scottish Welsh English Portuguese Austrian Hungarian Czech Romanian
  Serbian Croatian Bosnian Albanian Georgian Armenian Belarusian Mongolian Tibetan Uighur Uyghur
  Muslim Muslims Christian Christians Jewish Buddhist Catholic Protestant Sunni Shiite Shia
  Democrat Democrats Democratic Republican Republicans Communist Communists Socialist Conservative
  Labour Liberal`);

/** Pronoun lists for attribution. */
export const MALE_PRONOUNS = /* @__PURE__ */ set('he him his himself');
export const FEMALE_PRONOUNS = /* @__PURE__ */ set('she her hers herself');

/** Plural nouns for groups of people: "Workers said", opening a sentence, name nobody. */
export const GROUP_NOUNS = /* @__PURE__ */ set(`
  workers residents farmers officials protesters demonstrators teachers nurses doctors parents students
  voters critics analysts economists experts campaigners activists locals villagers shoppers passengers
  drivers fans supporters opponents lawmakers legislators councillors councilors members employees staff
  miners fishermen investigators prosecutors officers scientists researchers organisers organizers
  traders vendors hawkers owners landlords tenants patients survivors families relatives neighbours
  neighbors witnesses observers diplomats delegates leaders growers producers retailers commuters
  motorists riders pilots engineers contractors volunteers rescuers firefighters paramedics medics
  soldiers troops rebels militants fighters refugees migrants tourists visitors guests customers
  consumers users clients buyers sellers investors shareholders bondholders creditors lenders borrowers
  authorities regulators inspectors auditors judges jurors lawyers attorneys defendants plaintiffs
  victims mourners worshippers pupils graduates athletes players coaches referees spectators`);
