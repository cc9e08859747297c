/** Dutch (and some English) words the detectors use to tell names, places and dates apart. */

/** Words after which a capitalised word is a person: titles, roles, family. Lower case. */
export const TITLES = new Set([
  'meneer', 'mijnheer', 'mevrouw', 'juffrouw', 'juf', 'meester', 'broeder', 'zuster', 'pater',
  'frater', 'dominee', 'dokter', 'pastoor', 'kapelaan', 'priester', 'non', 'overste', 'rector',
  'pleegvader', 'pleegmoeder', 'pleegouders', 'pleegouder', 'pleegbroer', 'pleegzus', 'pleegzuster',
  'pleegopa', 'pleegoma', 'groepsleider', 'groepsleidster', 'groepsleiding', 'leider', 'leidster',
  'begeleider', 'begeleidster', 'mentor', 'directeur', 'directrice', 'hoofd', 'voogd', 'gezinsvoogd',
  'jeugdbeschermer', 'hulpverlener', 'werker', 'werkster', 'therapeut', 'psycholoog', 'psychiater',
  'huisarts', 'arts', 'verpleger', 'verpleegster', 'leraar', 'lerares', 'docent', 'conciërge',
  'opa', 'oma', 'oom', 'tante', 'vader', 'moeder', 'stiefvader', 'stiefmoeder', 'broer', 'zus',
  'neef', 'nicht', 'familie', 'fam', 'gezin', 'echtpaar', 'pleeggezin', 'buurman', 'buurvrouw',
  'dhr', 'mevr', 'mw', 'dr', 'mister', 'mr', 'mrs', 'ms', 'miss', 'sister', 'brother', 'father', 'uncle', 'aunt', 'nurse',
])
/** Titles that are written with a full stop: "dhr. Jansen", "dr. Bakker". */
export const DOTTED_TITLES = new Set(['dhr', 'hr', 'mevr', 'mw', 'mej', 'dr', 'drs', 'mr', 'ir', 'ing', 'prof', 'ds', 'fam', 'br', 'zr', 'mrs', 'ms'])

/** Name particles: "van", "de", "van der", "ten", … Lower case; also written capitalised. */
export const PARTICLES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', 'te', 't', 'vande', 'vander', 'von', 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'das', 'el', 'al', 'bin', 'ibn'])

/** Capitalised at the start of a sentence, never a name: dropped before a name there. */
const SENTENCE_WORDS = [
  'de', 'het', 'een', 'ik', 'jij', 'je', 'u', 'hij', 'zij', 'ze', 'wij', 'we', 'jullie', 'men', 'mijn',
  'jouw', 'zijn', 'haar', 'onze', 'ons', 'hun', 'uw', 'die', 'dat', 'deze', 'dit', 'wie', 'wat', 'waar',
  'waarom', 'hoe', 'wanneer', 'welke', 'er', 'daar', 'hier', 'iedereen', 'niemand', 'alles', 'niets',
  'elke', 'iedere', 'alle', 'veel', 'weinig', 'sommige', 'geen', 'toen', 'daarna', 'dan', 'dus', 'maar',
  'en', 'of', 'want', 'omdat', 'als', 'terwijl', 'hoewel', 'zodra', 'nadat', 'voordat', 'sinds',
  'tijdens', 'na', 'voor', 'bij', 'met', 'zonder', 'door', 'over', 'onder', 'naast', 'tegen', 'van',
  'uit', 'naar', 'op', 'aan', 'in', 'om', 'tot', 'nooit', 'altijd', 'vaak', 'soms', 'meestal', 'ineens',
  'opeens', 'plotseling', 'gelukkig', 'helaas', 'misschien', 'zelfs', 'alleen', 'toch', 'nog', 'al',
  'ja', 'nee', 'oké', 'eigenlijk', 'natuurlijk', 'later', 'eerder', 'vroeger', 'nu', 'vandaag',
  'gisteren', 'morgen', 'overdag', 'eerst', 'ook', 'zo', 'lieve', 'beste', 'dag', 'hallo', 'hoi',
  'the', 'a', 'an', 'i', 'he', 'she', 'they', 'it', 'my', 'our', 'his', 'her', 'their', 'when', 'then',
  'after', 'before', 'on', 'at', 'with', 'and', 'but', 'so', 'because', 'if', 'there', 'this', 'that',
  'dear', 'every', 'nobody', 'sometimes', 'later', 'never', 'always',
]

/** Capitalised words that are not people. Lower case. Places are listed for precision only. */
export const NOT_NAMES = new Set([
  ...SENTENCE_WORDS,
  // months and days, in Dutch and English
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober',
  'november', 'december', 'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  // holidays, faith
  'kerst', 'kerstmis', 'kerstavond', 'pasen', 'pinksteren', 'hemelvaart', 'sinterklaas', 'sint',
  'koningsdag', 'koninginnedag', 'oud', 'nieuw', 'oudjaar', 'nieuwjaar', 'ramadan', 'suikerfeest',
  'offerfeest', 'christmas', 'easter', 'god', 'gods', 'heer', 'here', 'jezus', 'christus', 'allah',
  'bijbel', 'koran', 'kerk', 'moskee', 'katholiek', 'katholieke', 'rooms', 'roomse', 'protestants',
  'protestantse', 'hervormd', 'hervormde', 'gereformeerd', 'gereformeerde', 'christelijk',
  'christelijke', 'islamitisch', 'islamitische', 'joods', 'joodse', 'islam', 'lord',
  // countries, regions, nationalities, languages
  'nederland', 'holland', 'nederlands', 'nederlandse', 'hollands', 'hollandse', 'belgië', 'belgisch',
  'duitsland', 'duits', 'duitse', 'frankrijk', 'frans', 'franse', 'engeland', 'engels', 'engelse',
  'europa', 'europees', 'europese', 'suriname', 'surinaams', 'surinaamse', 'indonesië', 'indië',
  'indisch', 'indische', 'indonesisch', 'indonesische', 'molukken', 'moluks', 'molukse', 'turkije',
  'turks', 'turkse', 'marokko', 'marokkaans', 'marokkaanse', 'antillen', 'antilliaans', 'antilliaanse',
  'curaçao', 'aruba', 'bonaire', 'afrika', 'azië', 'amerika', 'spanje', 'spaans', 'italië', 'polen',
  'pools', 'poolse', 'fries', 'friese', 'limburgs', 'limburgse', 'brabants', 'brabantse', 'netherlands',
  'dutch', 'english', 'german', 'france', 'germany', 'europe',
  'groningen', 'friesland', 'fryslân', 'drenthe', 'overijssel', 'flevoland', 'gelderland', 'utrecht',
  'noord-holland', 'zuid-holland', 'zeeland', 'brabant', 'noord-brabant', 'limburg', 'randstad',
  'veluwe', 'twente', 'achterhoek',
  // cities (the larger ones; a small village is better flagged than missed)
  'amsterdam', 'rotterdam', 'haag', 'eindhoven', 'tilburg', 'almere', 'breda', 'nijmegen', 'arnhem',
  'haarlem', 'zwolle', 'leeuwarden', 'maastricht', 'bosch', "'s-hertogenbosch", 'leiden', 'delft',
  'dordrecht', 'zaandam', 'zaanstad', 'apeldoorn', 'enschede', 'amersfoort', 'assen', 'lelystad',
  'middelburg', 'emmen', 'deventer', 'hilversum', 'heerlen', 'venlo', 'alkmaar', 'hoorn', 'gouda',
  'zeist', 'ede', 'oss', 'roermond', 'sittard', 'helmond', 'schiedam', 'vlaardingen', 'zoetermeer',
  'leidschendam', 'rijswijk', 'purmerend', 'hengelo', 'almelo', 'zutphen', 'doetinchem', 'kampen',
  'harderwijk', 'den', 'bergen', 'texel', 'schiphol', 'brussel', 'antwerpen', 'paramaribo',
  // authorities, organisations, the recognition measures themselves
  'jeugdzorg', 'jeugdhulp', 'kinderbescherming', 'raad', 'rechtbank', 'kinderrechter', 'rechter',
  'politie', 'justitie', 'ministerie', 'minister', 'staatssecretaris', 'overheid', 'rijksoverheid',
  'rijk', 'staat', 'gemeente', 'provincie', 'koning', 'koningin', 'prins', 'prinses', 'kamer',
  'tweede', 'eerste', 'commissie', 'rapport', 'schadefonds',
  'geweldsmisdrijven', 'slachtofferhulp', 'trimbos', 'trimbos-instituut', 'monument', 'archief',
  'nationaal', 'nationale', 'ggz', 'ggd', 'riagg', 'digid', 'bsn', 'internet', 'google', 'facebook', 'instagram',
  'whatsapp', 'youtube', 'tiktok', 'twitter', 'tv', 'radio', 'telegraaf', 'volkskrant', 'bureau',
  'ministry', 'police', 'court',
])

/** Words that start the name of an institution or place, not of a person. Lower case. */
export const INSTITUTION_WORDS = new Set([
  'huize', 'huis', 'sint', 'st', 'sancta', 'heilig', 'heilige', 'onze', 'instituut', 'stichting',
  'kindertehuis', 'kinderhuis', 'tehuis', 'weeshuis', 'internaat', 'pensionaat', 'kostschool',
  'jeugdinrichting', 'inrichting', 'jeugdgevangenis', 'observatiehuis', 'opvoedingsgesticht',
  'gesticht', 'kliniek', 'ziekenhuis', 'sanatorium', 'kinderdorp', 'gezinshuis', 'jongenshuis',
  'meisjeshuis', 'klooster', 'school', 'lyceum', 'college', 'centrum', 'paviljoen', 'afdeling',
  'groep', 'leefgroep', 'instelling', 'organisatie', 'vereniging', 'dorp', 'stad', 'wijk', 'buurt',
  'plaats', 'land', 'gemeente', 'provincie', 'straat', 'kamp', 'hotel', 'camping', 'station',
])
/** Words after which a capitalised word is a place or institution ("in Zetten", "te Baarn"). */
export const PLACE_PREPOSITIONS = new Set(['in', 'te', 'uit', 'vanuit', 'nabij'])

/** "bijv. Jan" does not start a sentence. Lower case, without the final full stop. */
export const ABBREVIATIONS = new Set([
  ...DOTTED_TITLES, 'st', 'bijv', 'bv', 'o.a', 'oa', 'd.w.z', 'dwz', 'enz', 'etc', 'ca', 'nl', 'm.n', 'mn',
  'evt', 'vs', 'geb', 'jl', 'resp', 'incl', 'excl', 'nr', 'tel', 'e.g', 'i.e',
])

/** Street-name endings; the strong ones are also recognised in lower case. */
export const STRONG_STREET_ENDINGS = ['straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dreef', 'steeg', 'plantsoen', 'straatweg', 'dwarsstraat']
export const STREET_ENDINGS = [
  ...STRONG_STREET_ENDINGS, 'dijk', 'pad', 'hof', 'park', 'markt', 'veld', 'baan', 'ring', 'erf',
  'wal', 'burgwal', 'haven', 'kanaal', 'boulevard', 'allee', 'dam', 'brink', 'lei', 'oord', 'vaart',
  'wetering', 'zijde', 'kamp', 'hoven', 'promenade', 'passage', 'berg', 'horst', 'akker', 'hoek',
]
export const STANDALONE_STREETS = ['Markt', 'Dam', 'Plein', 'Brink', 'Kade', 'Singel', 'Wal', 'Dijk', 'Haven', 'Boulevard']

export const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|' +
  'january|february|march|may|june|july|august|october|' +
  'jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec'
export const BIRTH_WORDS = /geboren|geb\.|geboorte|verjaardag|jarig|born|birth|d\.o\.b/i

export const isUpper = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase()
