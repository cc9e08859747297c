/**
 * Pillory guard: finds details in a story that could identify third parties (staff, foster
 * parents, other children), so that a moderator can decide, mark by mark, what to redact
 * before publication. A published story must never become a digital pillory.
 *
 * Deliberately heuristic and deliberately eager: a false alarm costs the moderator one click
 * ("keep"), a missed name can cost someone their safety. Pure and isomorphic, so the editor
 * in the browser can show the same marks while the survivor writes.
 *
 * Offsets are UTF-16 code unit indexes into the text as given (what `String#slice` uses).
 */

export const MARK_KINDS = [
  'titledName',
  'personName',
  'email',
  'phone',
  'address',
  'postcode',
  'bsn',
  'dateOfBirth',
] as const
export type MarkKind = (typeof MARK_KINDS)[number]
export type MarkConfidence = 'high' | 'medium' | 'low'

export type Mark = {
  /** Stable for the same text: `${kind}:${start}`. */
  id: string
  kind: MarkKind
  start: number
  end: number
  text: string
  /** How sure the guard is; the moderator decides either way. */
  confidence: MarkConfidence
}

export type RedactionDecision = {
  markId: string
  action: 'redact' | 'keep'
  /** Text to put in place of the span; the kind's placeholder when absent. */
  replacement?: string
}

/** Translated placeholders per kind, e.g. `{ personName: '[naam verwijderd]', … }`. */
export type RedactionLabels = Record<MarkKind, string>

/** i18n keys for the moderator's view and for the placeholders (namespace `monument`). */
export const markKindLabelKey = (kind: MarkKind) => `monument:pillory.kinds.${kind}` as const
export const markPlaceholderKey = (kind: MarkKind) => `monument:pillory.placeholders.${kind}` as const

// ——— vocabulary ————————————————————————————————————————————————————————————

/** Words after which a capitalised word is a person: titles, roles, family. Lower case. */
const TITLES = new Set([
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
const DOTTED_TITLES = new Set(['dhr', 'hr', 'mevr', 'mw', 'mej', 'dr', 'drs', 'mr', 'ir', 'ing', 'prof', 'ds', 'fam', 'br', 'zr', 'mrs', 'ms'])

/** Name particles: "van", "de", "van der", "ten", … Lower case; also written capitalised. */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', 'te', 't', 'vande', 'vander', 'von', 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'das', 'el', 'al', 'bin', 'ibn'])

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
const NOT_NAMES = new Set([
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
const INSTITUTION_WORDS = new Set([
  'huize', 'huis', 'sint', 'st', 'sancta', 'heilig', 'heilige', 'onze', 'instituut', 'stichting',
  'kindertehuis', 'kinderhuis', 'tehuis', 'weeshuis', 'internaat', 'pensionaat', 'kostschool',
  'jeugdinrichting', 'inrichting', 'jeugdgevangenis', 'observatiehuis', 'opvoedingsgesticht',
  'gesticht', 'kliniek', 'ziekenhuis', 'sanatorium', 'kinderdorp', 'gezinshuis', 'jongenshuis',
  'meisjeshuis', 'klooster', 'school', 'lyceum', 'college', 'centrum', 'paviljoen', 'afdeling',
  'groep', 'leefgroep', 'instelling', 'organisatie', 'vereniging', 'dorp', 'stad', 'wijk', 'buurt',
  'plaats', 'land', 'gemeente', 'provincie', 'straat', 'kamp', 'hotel', 'camping', 'station',
])
/** Words after which a capitalised word is a place or institution ("in Zetten", "te Baarn"). */
const PLACE_PREPOSITIONS = new Set(['in', 'te', 'uit', 'vanuit', 'nabij'])

/** "bijv. Jan" does not start a sentence. Lower case, without the final full stop. */
const ABBREVIATIONS = new Set([
  ...DOTTED_TITLES, 'st', 'bijv', 'bv', 'o.a', 'oa', 'd.w.z', 'dwz', 'enz', 'etc', 'ca', 'nl', 'm.n', 'mn',
  'evt', 'vs', 'geb', 'jl', 'resp', 'incl', 'excl', 'nr', 'tel', 'e.g', 'i.e',
])

/** Street-name endings; the strong ones are also recognised in lower case. */
const STRONG_STREET_ENDINGS = ['straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dreef', 'steeg', 'plantsoen', 'straatweg', 'dwarsstraat']
const STREET_ENDINGS = [
  ...STRONG_STREET_ENDINGS, 'dijk', 'pad', 'hof', 'park', 'markt', 'veld', 'baan', 'ring', 'erf',
  'wal', 'burgwal', 'haven', 'kanaal', 'boulevard', 'allee', 'dam', 'brink', 'lei', 'oord', 'vaart',
  'wetering', 'zijde', 'kamp', 'hoven', 'promenade', 'passage', 'berg', 'horst', 'akker', 'hoek',
]
const STANDALONE_STREETS = ['Markt', 'Dam', 'Plein', 'Brink', 'Kade', 'Singel', 'Wal', 'Dijk', 'Haven', 'Boulevard']

const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|' +
  'january|february|march|may|june|july|august|october|' +
  'jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec'
const BIRTH_WORDS = /geboren|geb\.|geboorte|verjaardag|jarig|born|birth|d\.o\.b/i

// ——— small helpers ————————————————————————————————————————————————————————————

type Candidate = { kind: MarkKind; start: number; end: number; confidence: MarkConfidence }

/** Higher wins an overlap; equal ranks go to the longer span. */
const RANK: Record<MarkKind, number> = {
  email: 8,
  phone: 7,
  bsn: 7,
  postcode: 7,
  dateOfBirth: 7,
  address: 6,
  titledName: 4,
  personName: 2,
}

const isUpper = (ch: string | undefined) => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase()

/** 11-test ("elfproef") of the Dutch citizen service number. */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i)
  sum -= Number(digits[8])
  return sum % 11 === 0
}

// ——— structured details ————————————————————————————————————————————————————————

const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[[(]at[\])]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/giu

function findEmails(text: string, out: Candidate[]) {
  for (const m of text.matchAll(EMAIL_RE)) out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, confidence: 'high' })
}

const NL_PHONE_RE = /(?<![\p{L}\p{N}+(])(\+31|0031|\(0(?=\d)|0(?=\d))([\d ().\u00a0-]{6,24})/gu
const INTL_PHONE_RE = /(?<![\p{L}\p{N}+])\+(?!31)[1-9]\d{0,2}(?:[ .\u00a0-]?\(?\d+\)?){2,6}/gu

function phoneConfidence(national: string): MarkConfidence | null {
  // Service numbers (0800, 0900…) belong to organisations more often than to people.
  if (/^0(?:800|900|906|909)\d{4}(?:\d{3})?$/.test(national)) return 'low'
  if (/^0[1-9]\d{8}$/.test(national) && !/^0(?:800|900|906|909)/.test(national)) return 'high'
  return null
}

function findPhones(text: string, out: Candidate[]) {
  for (const m of text.matchAll(NL_PHONE_RE)) {
    const prefix = m[1]!
    const international = prefix === '+31' || prefix === '0031'
    let national = international ? '' : '0'
    let best: { end: number; confidence: MarkConfidence } | null = null
    let separators = 0
    let pos = m.index + prefix.length
    for (const ch of m[2]!) {
      if (ch >= '0' && ch <= '9') {
        separators = 0
        pos += 1
        if (national === '') {
          // After +31 the national number gets its trunk zero back; "+31 (0)6 …" already wrote it.
          national = '0'
          if (ch === '0') continue
        }
        national += ch
        const confidence = phoneConfidence(national)
        if (confidence && !/\d/.test(text[pos] ?? '')) best = { end: pos, confidence }
        if (national.length > 11) break
      } else {
        if (++separators > 3) break
        pos += 1
      }
    }
    if (best) out.push({ kind: 'phone', start: m.index, end: best.end, confidence: best.confidence })
  }
  for (const m of text.matchAll(INTL_PHONE_RE)) {
    const digits = m[0].replace(/\D/g, '').length
    if (digits >= 9 && digits <= 15) out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, confidence: 'medium' })
  }
}

const BSN_RE = /(?<![\p{L}\p{N}.,€$-]|[€$] )(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\p{L}\p{N}]|[.,]\d)/gu

function findBsns(text: string, out: Candidate[]) {
  for (const m of text.matchAll(BSN_RE)) {
    // A 9-digit number that fails the 11-test may still be a mistyped BSN or a case number.
    out.push({ kind: 'bsn', start: m.index, end: m.index + m[0].length, confidence: isValidBsn(m[0]) ? 'high' : 'medium' })
  }
}

// Letter pairs SA, SD and SS are not used in Dutch postcodes.
const POSTCODE_RE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu

function findPostcodes(text: string, out: Candidate[]) {
  for (const m of text.matchAll(POSTCODE_RE)) out.push({ kind: 'postcode', start: m.index, end: m.index + m[0].length, confidence: 'high' })
}

const DAY = '(?:0?[1-9]|[12]\\d|3[01])'
const DATE_RES = [
  // 12-03-1961, 12/3/61, 12.03.1961
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}([-/.])(?:0?[1-9]|1[0-2])\\1(?:19\\d\\d|20\\d\\d|\\d\\d)(?![\\p{L}\\p{N}]|[-/.]\\d)`, 'gu'),
  // 1961-03-12
  /(?<![\p{L}\p{N}])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\p{L}\p{N}])/gu,
  // 12 maart 1961, 1e mei '61, 3 okt. 1975, 12 March 1961
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}(?:e|de|ste|st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+(?:19\\d\\d|20\\d\\d|['’]\\d\\d)(?![\\p{L}\\p{N}])`, 'giu'),
  // March 12, 1961
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${MONTHS})\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d\\d(?![\\p{L}\\p{N}])`, 'giu'),
]

function findDates(text: string, out: Candidate[]) {
  for (const re of DATE_RES) {
    for (const m of text.matchAll(re)) {
      const start = m.index
      const end = start + m[0].length
      const around = text.slice(Math.max(0, start - 40), start) + ' ' + text.slice(end, end + 30)
      out.push({ kind: 'dateOfBirth', start, end, confidence: BIRTH_WORDS.test(around) ? 'high' : 'medium' })
    }
  }
}

const endings = (list: string[]) => [...list].sort((a, b) => b.length - a.length).join('|')
const HOUSE_NUMBER = String.raw`\d{1,5}(?:[a-zA-Z]{1,2}(?![\p{L}\p{N}])|-[\p{L}\p{N}]{1,4}(?![\p{L}\p{N}])| [A-Z](?![\p{L}\p{N}]))?(?![\p{N}])`
const ADDRESS_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}'’.-]*[ \t\u00a0]+(?:(?:${[...PARTICLES].join('|')})[ \t\u00a0]+)*){0,3})` +
    String.raw`(\p{Lu}[\p{L}'’-]*?(?:${endings(STREET_ENDINGS)})|\p{Ll}[\p{L}'’-]*?(?:${endings(STRONG_STREET_ENDINGS)})|${STANDALONE_STREETS.join('|')})` +
    String.raw`[ \t\u00a0]+${HOUSE_NUMBER}`,
  'gu',
)
/** Words that may come before a street name in a sentence but are not part of it. */
const NOT_STREET_PREFIX = new Set([...NOT_NAMES].filter((w) => !PARTICLES.has(w)))

function findAddresses(text: string, out: Candidate[]) {
  for (const m of text.matchAll(ADDRESS_RE)) {
    let start = m.index
    // "In de Kerkstraat 12": drop leading words of the sentence that are not the street's.
    const prefix = m[1] ?? ''
    const words = [...prefix.matchAll(/\S+/g)]
    for (const w of words) {
      const lower = w[0].toLowerCase()
      if (NOT_STREET_PREFIX.has(lower) || (PARTICLES.has(lower) && w[0] === lower)) start = m.index + w.index + w[0].length
      else break
    }
    while (/\s/.test(text[start] ?? '')) start++
    out.push({ kind: 'address', start, end: m.index + m[0].length, confidence: 'high' })
  }
}

// ——— names ————————————————————————————————————————————————————————————————

type Token = { start: number; end: number; text: string; lower: string; initials: boolean }

// Words (with inner apostrophes and hyphens: O'Brien, Jan-Willem) and initials (J., J.P.).
const TOKEN_RE = /\p{Lu}\.(?:\s?\p{Lu}\.)*(?!\p{L})|\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) {
    const initials = m[0].endsWith('.')
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase(), initials })
  }
  return tokens
}

const isCapWord = (t: Token) =>
  !t.initials && isUpper(t.text[0]) && t.text.length > 1 && t.text !== t.text.toUpperCase()
const isParticle = (t: Token) => !t.initials && PARTICLES.has(t.lower)
const isTitle = (text: string, t: Token) =>
  !t.initials && (TITLES.has(t.lower) || (DOTTED_TITLES.has(t.lower) && text[t.end] === '.'))
/** Same line, one or two spaces apart: "Jan de Vries", "J. de Vries", "van 't Hek". */
const adjacent = (text: string, a: Token, b: Token) => /^[ \t\u00a0]{1,2}['’]?$/.test(text.slice(a.end, b.start))

/** True when `pos` begins a sentence, a line, or quoted speech after a colon. */
function isSentenceStart(text: string, pos: number): boolean {
  let k = pos - 1
  let sawQuote = false
  while (k >= 0) {
    const ch = text[k]!
    if (ch === '\n' || ch === '\r') return true
    if (/[\s"'„“”‘’«»([\-–—•*]/.test(ch)) {
      if (/["'„“”‘’«»]/.test(ch)) sawQuote = true
      k--
      continue
    }
    break
  }
  if (k < 0) return true
  const ch = text[k]!
  if (ch === ':') return sawQuote
  if (ch === '!' || ch === '?' || ch === '…') return true
  if (ch !== '.') return false
  // A full stop after an abbreviation or an initial does not end the sentence.
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, k - 12), k))?.[1] ?? ''
  if (/^\p{Lu}$/u.test(word)) return false
  return !ABBREVIATIONS.has(word.toLowerCase())
}

/**
 * From token i, the longest run of capitalised words, initials and particles on one line
 * that ends in a capitalised word or initials. Returns the index of its last token or -1.
 */
function nameRunEnd(text: string, tokens: Token[], i: number, stopAtTitles: boolean): number {
  let last = -1
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!
    if (j > i && !adjacent(text, tokens[j - 1]!, t)) break
    if (stopAtTitles && isTitle(text, t)) break
    if (isCapWord(t) || t.initials) last = j
    else if (!isParticle(t)) break
  }
  return last
}

/** Names after a title or role: "meneer Jansen", "juf Annie", "dhr. J. van der Berg". */
function findTitledNames(text: string, tokens: Token[], out: Candidate[], known: Set<string>) {
  for (let i = 0; i < tokens.length - 1; i++) {
    const title = tokens[i]!
    if (!isTitle(text, title)) continue
    const first = tokens[i + 1]!
    const between = text.slice(title.end, first.start)
    // "dhr. Jansen" yes, but "bij mijn oom. Henk kwam" is a new sentence.
    if (!/^\.?[ \t\u00a0]{1,2}$/.test(between) || (between.startsWith('.') && !DOTTED_TITLES.has(title.lower))) continue
    // The name must start with a capital or initials ("meneer van Dijk" starts with a particle).
    let k = i + 1
    while (k < tokens.length && isParticle(tokens[k]!) && !isCapWord(tokens[k]!)) k++
    const head = tokens[k]
    if (!head || !(isCapWord(head) || head.initials)) continue
    const last = nameRunEnd(text, tokens, i + 1, true)
    if (last < k) continue
    const run = tokens.slice(i + 1, last + 1)
    const words = run.filter(isCapWord)
    for (const w of words) if (!PARTICLES.has(w.lower) && !NOT_NAMES.has(w.lower)) known.add(w.lower)
    // Initials alone ("meneer K.") are usually the survivor's own anonymisation.
    const confidence: MarkConfidence = words.some((w) => !PARTICLES.has(w.lower)) ? 'high' : 'low'
    out.push({ kind: 'titledName', start: run[0]!.start, end: run[run.length - 1]!.end, confidence })
    i = last
  }
}

/** Character ranges of well-known phrases that look like names but are not people. */
const NOT_NAME_PHRASES =
  /(?<!\p{L})(?:commissie[- ](?:de[- ])?winter|de winter|den haag|den bosch|den helder|goede herder|leger des heils|nationaal archief|tweede kamer|eerste kamer|onvoldoende beschermd|verbreek de stilte|blijvend vertellen|bureau jeugdzorg|raad voor de kinderbescherming|onze lieve vrouw|sint[- ]\p{Lu}\p{L}*|sinter ?klaas|zwarte piet|kerstman)(?!\p{L})/giu

function protectedRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(NOT_NAME_PHRASES)].map((m) => [m.index, m.index + m[0].length])
}

function isStreetName(lower: string) {
  return STRONG_STREET_ENDINGS.some((e) => lower.endsWith(e) && lower.length > e.length + 2)
}

/**
 * Capitalised words in the middle of a sentence that are not known non-names; at the start
 * of a sentence only when the same name appears elsewhere, or with a second name word.
 */
function findPersonNames(
  text: string,
  tokens: Token[],
  out: Candidate[],
  /** Name words after titles, and how often each name word was flagged by a previous pass. */
  known: { titled: Set<string>; seen: Map<string, number> },
  learn: boolean,
) {
  const shielded = protectedRanges(text)
  const inShield = (t: Token) => shielded.some(([s, e]) => t.start >= s && t.end <= e)
  const notName = (t: Token) =>
    NOT_NAMES.has(t.lower) || isTitle(text, t) || inShield(t) || isStreetName(t.lower)
  const isName = (t: Token) => isCapWord(t) && !PARTICLES.has(t.lower)

  /** "in Zetten", "te Baarn", "in de Glind", "het Poortje", "tehuis Valkenheide": not people. */
  const placeBefore = (idx: number) => {
    const t = tokens[idx]!
    const b = tokens[idx - 1]
    if (!b || /[\n\r]/.test(text.slice(b.end, t.start)) || isSentenceStart(text, t.start)) return false
    if (b.lower === 'het' || b.lower === 't' || PLACE_PREPOSITIONS.has(b.lower) || INSTITUTION_WORDS.has(b.lower)) return true
    const bb = tokens[idx - 2]
    return (
      PARTICLES.has(b.lower) &&
      b.text === b.lower &&
      !!bb &&
      !/[\n\r.!?]/.test(text.slice(bb.end, b.start)) &&
      (PLACE_PREPOSITIONS.has(bb.lower) || INSTITUTION_WORDS.has(bb.lower))
    )
  }

  const headsNameList = (idx: number) => {
    const t = tokens[idx]!
    let next = tokens[idx + 1]
    if (!next) return false
    const gap = text.slice(t.end, next.start)
    if (/^[ \t\u00a0]+$/.test(gap) && (next.lower === 'en' || next.lower === 'and')) {
      const after = tokens[idx + 2]
      if (!after || !/^[ \t\u00a0]+$/.test(text.slice(next.end, after.start))) return false
      next = after
    } else if (!/^,[ \t\u00a0]+$/.test(gap)) {
      return false
    }
    return isName(next) && !notName(next) && (known.seen.get(next.lower) ?? 0) > 0
  }

  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!
    if (!isCapWord(first) && !first.initials) continue
    const last = nameRunEnd(text, tokens, i, true)
    if (last < 0) continue

    // Split the run at words that are not names ("Toen Henk", "Kerst Amsterdam").
    const pieces: number[][] = [[]]
    for (let j = i; j <= last; j++) {
      if (isName(tokens[j]!) && notName(tokens[j]!)) pieces.push([])
      else pieces[pieces.length - 1]!.push(j)
    }
    i = last

    for (let piece of pieces) {
      while (piece.length && !isCapWord(tokens[piece[piece.length - 1]!]!) && !tokens[piece[piece.length - 1]!]!.initials) piece = piece.slice(0, -1)
      while (piece.length && isParticle(tokens[piece[0]!]!) && tokens[piece[0]!]!.text === tokens[piece[0]!]!.lower) piece = piece.slice(1)
      const run = piece.map((j) => tokens[j]!)
      const names = run.filter(isName)
      if (names.length === 0) continue
      if (INSTITUTION_WORDS.has(run[0]!.lower) || placeBefore(piece[0]!)) continue

      const atStart = isSentenceStart(text, run[0]!.start)
      const times = (t: Token) => (known.titled.has(t.lower) ? 2 : 0) + (known.seen.get(t.lower) ?? 0)
      const strong = names.length > 1 || run.some((t) => t.initials) || (run.length > 1 && isParticle(run[0]!))
      // A capitalised word opening a sentence is only a name when something else says so:
      // it recurs elsewhere, or it heads a list of names ("Rob, Kees en Jan sliepen …").
      if (atStart && !strong && !names.some((t) => times(t) > 0) && !headsNameList(piece[piece.length - 1]!)) continue
      if (learn) for (const t of names) known.seen.set(t.lower, (known.seen.get(t.lower) ?? 0) + 1)
      // Seen once (this very word) is a guess; a name that recurs or follows a title is likelier.
      const confidence: MarkConfidence = strong || names.some((t) => times(t) > 1) ? 'medium' : 'low'
      out.push({ kind: 'personName', start: run[0]!.start, end: run[run.length - 1]!.end, confidence })
    }
  }
}

// ——— public API ————————————————————————————————————————————————————————————

/**
 * Every detail in `text` that could identify someone, without overlaps (the more specific
 * kind wins, then the longer span), in text order.
 */
export function findIdentifyingDetails(text: string): Mark[] {
  const candidates: Candidate[] = []
  findEmails(text, candidates)
  findPhones(text, candidates)
  findBsns(text, candidates)
  findPostcodes(text, candidates)
  findDates(text, candidates)
  findAddresses(text, candidates)

  const tokens = tokenize(text)
  const known = { titled: new Set<string>(), seen: new Map<string, number>() }
  findTitledNames(text, tokens, candidates, known.titled)
  // First learn which words are names (after titles, in mid-sentence), then find them
  // everywhere, also where a sentence starts with one.
  findPersonNames(text, tokens, [], known, true)
  findPersonNames(text, tokens, candidates, known, false)

  candidates.sort((a, b) => RANK[b.kind] - RANK[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const chosen: Candidate[] = []
  for (const c of candidates) {
    if (c.end <= c.start) continue
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue
    chosen.push(c)
  }
  return chosen
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ id: `${c.kind}:${c.start}`, kind: c.kind, start: c.start, end: c.end, text: text.slice(c.start, c.end), confidence: c.confidence }))
}

/** Thrown when decisions or marks do not belong to this text; re-run the guard. */
export class StaleMarksError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StaleMarksError'
  }
}

/**
 * The text with every span decided as `redact` replaced (by `replacement` or the kind's
 * placeholder). Text outside those spans is returned unchanged, character for character.
 * Refuses (StaleMarksError) rather than guess when a mark no longer matches the text: a
 * redaction shifted by one edit could publish the very name it was meant to hide.
 */
export function applyRedactions(
  text: string,
  decisions: RedactionDecision[],
  marks: Mark[],
  labels: RedactionLabels,
): string {
  const byId = new Map(marks.map((m) => [m.id, m]))
  const seen = new Set<string>()
  const redact: Array<{ mark: Mark; replacement: string }> = []
  for (const decision of decisions) {
    if (seen.has(decision.markId)) throw new StaleMarksError(`two decisions for mark ${decision.markId}`)
    seen.add(decision.markId)
    const mark = byId.get(decision.markId)
    if (!mark) throw new StaleMarksError(`decision for unknown mark ${decision.markId}`)
    if (mark.start < 0 || mark.end > text.length || text.slice(mark.start, mark.end) !== mark.text) {
      throw new StaleMarksError(`mark ${mark.id} does not match the text`)
    }
    if (decision.action === 'redact') redact.push({ mark, replacement: decision.replacement ?? labels[mark.kind] })
  }
  redact.sort((a, b) => a.mark.start - b.mark.start)
  let out = ''
  let at = 0
  for (const { mark, replacement } of redact) {
    if (mark.start < at) throw new StaleMarksError(`mark ${mark.id} overlaps another redaction`)
    out += text.slice(at, mark.start) + replacement
    at = mark.end
  }
  return out + text.slice(at)
}

/** Marks without a decision yet: a story is not published while this is not empty. */
export function findUndecidedMarks(marks: Mark[], decisions: RedactionDecision[]): Mark[] {
  const decided = new Set(decisions.map((d) => d.markId))
  return marks.filter((m) => !decided.has(m.id))
}

/**
 * The guard for a WebVTT captions file. Only the cue text is read (and voice tags such as
 * `<v Wim>`, which can name someone): the header and the timing lines are blanked out with
 * spaces of the same length first, so the marks' offsets are into the file exactly as stored
 * and `applyRedactions` works on the file itself.
 */
export function findIdentifyingDetailsInCaptions(vtt: string): Mark[] {
  const masked = vtt
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : i === 0 || part.includes('-->') ? ' '.repeat(part.length) : part))
    .join('')
  return findIdentifyingDetails(masked).filter((m) => vtt.slice(m.start, m.end) === m.text)
}
