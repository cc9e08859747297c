import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isValidBsn } from './details'
import { findIdentifyingDetails, findIdentifyingDetailsInCaptions } from './find'
import { MARK_KINDS, type Mark, type MarkKind, type RedactionLabels } from './marks'
import { applyRedactions, findUndecidedMarks, StaleMarksError } from './redactions'

type Case = { name: string; text: string; marks: Array<[MarkKind, string]> }

const summary = (text: string) => findIdentifyingDetails(text).map((m): [MarkKind, string] => [m.kind, m.text])

// Each case lists every mark expected, so a case with fewer marks also says what must NOT be flagged.
const cases: Case[] = [
  // — names after titles and roles —
  { name: 'meneer + achternaam', text: 'Elke avond kwam meneer Jansen langs.', marks: [['titledName', 'Jansen']] },
  { name: 'aanspreekvorm aan het begin van de zin', text: 'Meneer Bakker sloeg ons.', marks: [['titledName', 'Bakker']] },
  { name: 'afkorting met initialen en tussenvoegsels', text: 'Ik sprak met dhr. J. van der Berg over mijn dossier.', marks: [['titledName', 'J. van der Berg']] },
  { name: 'mevr. met hoofdletter-tussenvoegsel', text: 'Daarna kwam mevr. De Boer binnen.', marks: [['titledName', 'De Boer']] },
  { name: 'juf en voornaam', text: 'Ik was bang voor juf Annie.', marks: [['titledName', 'Annie']] },
  { name: 'kloosterlingen', text: 'We moesten bidden met broeder Anselmus en zuster Agnes.', marks: [['titledName', 'Anselmus'], ['titledName', 'Agnes']] },
  { name: 'pater met tussenvoegsel in kleine letters', text: 'Het was pater van Dijk die het zag.', marks: [['titledName', 'van Dijk']] },
  { name: 'pleegvader met voor- en achternaam', text: 'Mijn pleegvader Henk de Groot dronk veel.', marks: [['titledName', 'Henk de Groot']] },
  { name: 'oom en tante', text: 'Ik logeerde bij oom Kees en tante Truus.', marks: [['titledName', 'Kees'], ['titledName', 'Truus']] },
  { name: 'groepsleider en directeur', text: 'De groepsleider Wim wist het, en directeur Smit ook.', marks: [['titledName', 'Wim'], ['titledName', 'Smit']] },
  { name: 'pleegouders + achternaam', text: 'Ik kwam bij de pleegouders Visser terecht.', marks: [['titledName', 'Visser']] },
  { name: 'meneer en mevrouw', text: 'Ik woonde bij meneer en mevrouw Hendriks.', marks: [['titledName', 'Hendriks']] },
  { name: 'dokter met titel-afkorting dr.', text: 'Ik moest naar dr. Mulder voor een onderzoek.', marks: [['titledName', 'Mulder']] },
  { name: 'punt na een rol begint een nieuwe zin', text: 'Ik sliep bij mijn oom. Daarna ging ik terug.', marks: [] },
  { name: 'regel erboven hoort niet bij het adres', text: 'Groeten\nKerkstraat 12', marks: [['address', 'Kerkstraat 12']] },
  { name: 'functie zonder naam: geen markering', text: 'De leider sloeg het kind en de directeur keek weg.', marks: [] },
  { name: 'meneer De Winter is wél een persoon', text: 'Mijn mentor was meneer De Winter.', marks: [['titledName', 'De Winter']] },

  // — names in the middle of a sentence —
  { name: 'voornaam midden in de zin', text: 'Ik speelde vaak met Pieter op het plein.', marks: [['personName', 'Pieter']] },
  { name: 'voor- en achternaam aan het begin van de zin', text: 'Henk de Vries was mijn groepsleider.', marks: [['personName', 'Henk de Vries']] },
  { name: 'achternaam met tussenvoegsel aan het begin', text: 'De Vries sloeg ons vaak.', marks: [['personName', 'De Vries']] },
  { name: 'naam die eerder na een titel stond, ook aan het zinsbegin', text: 'Meneer Bakker was streng. Bakker sloeg ons.', marks: [['titledName', 'Bakker'], ['personName', 'Bakker']] },
  { name: 'naam die midden in een zin terugkomt, ook aan het zinsbegin', text: 'Ik zat bij Marco in de groep. Marco was aardig.', marks: [['personName', 'Marco'], ['personName', 'Marco']] },
  { name: 'zinsbeginwoord hoort niet bij de naam', text: 'Toen Henk kwam, werd het erger.', marks: [['personName', 'Henk']] },
  { name: 'na een afkorting begint geen nieuwe zin', text: 'Er waren veel kinderen, o.a. Fatima en ik.', marks: [['personName', 'Fatima']] },
  { name: 'lijst van namen aan het zinsbegin', text: 'Rob, Kees en Jan sliepen in slaapzaal 3.', marks: [['personName', 'Rob'], ['personName', 'Kees'], ['personName', 'Jan']] },
  { name: "namen met 't, koppelteken en apostrof", text: "Mijn vriendin Sandra van ’t Hek en Jan-Willem O'Brien waren er ook.", marks: [['personName', 'Sandra van ’t Hek'], ['personName', "Jan-Willem O'Brien"]] },
  { name: 'initiaal en achternaam', text: 'Hij heette J. Visser. J. Visser was streng.', marks: [['personName', 'J. Visser'], ['personName', 'J. Visser']] },
  { name: 'aangesproken in een citaat', text: 'Hij riep: "Pieter, kom hier!" en Pieter kwam.', marks: [['personName', 'Pieter'], ['personName', 'Pieter']] },
  { name: 'Engelse tekst', text: 'I met Mary when I was nine.', marks: [['personName', 'Mary']] },

  // — negatives: capitalised words that are not people —
  { name: 'woord met hoofdletter aan het zinsbegin', text: 'Vroeger was alles anders. Gelukkig kwam er hulp.', marks: [] },
  { name: 'enkele onbekende naam aan het zinsbegin blijft onbesproken', text: 'Pieter ging weg.', marks: [] },
  { name: 'maanden en dagen met hoofdletter', text: 'Het gebeurde op een Maandag in Maart, vlak voor Pasen.', marks: [] },
  { name: 'God en Nederland', text: 'Ik bad tot God en vroeg waarom Nederland wegkeek.', marks: [] },
  { name: 'commissie De Winter', text: 'Het rapport van de commissie De Winter kwam in 2019 uit.', marks: [] },
  { name: 'De Winter als begrip aan het zinsbegin', text: 'De Winter heeft veel losgemaakt.', marks: [] },
  { name: 'vaste namen van organisaties', text: 'Goede Herder, Leger des Heils en het Nationaal Archief.', marks: [] },
  { name: 'St. en Sint als begin van een instelling', text: 'We gingen naar St. Jozef en daarna naar Sint Anna.', marks: [] },
  { name: 'plaatsen en instellingen', text: 'Ik werd geplaatst in Zetten en later naar Huize Sint Jozef gestuurd.', marks: [] },
  { name: 'tehuis met naam en Het + naam', text: 'In het tehuis Valkenheide en daarna in Het Poortje was het zwaar.', marks: [] },
  { name: 'steden en instanties', text: 'Ik verhuisde van Amsterdam naar Rotterdam, waar Jeugdzorg en de Kinderbescherming me volgden.', marks: [] },
  { name: 'afkortingen in hoofdletters', text: 'Na de OTS kwam ik in een JJI en later bij de GGZ.', marks: [] },
  { name: 'gewone zelfstandige naamwoorden', text: 'de groepsleiding sloot de deur en het kind huilde in de slaapzaal.', marks: [] },
  { name: 'jaartal en maand zonder dag', text: 'In maart 1975 werd ik opgenomen, ik was toen 9.', marks: [] },
  { name: 'bedragen en jaartallen', text: 'Ik kreeg 5000 euro in 2021; er waren 27454 aanvragen.', marks: [] },

  // — contact details, numbers, dates, addresses —
  { name: 'e-mailadres', text: 'Mail naar jan.jansen@hotmail.com als je meer wilt weten.', marks: [['email', 'jan.jansen@hotmail.com']] },
  { name: 'verstopt e-mailadres', text: 'Schrijf naar piet [at] gmail.com.', marks: [['email', 'piet [at] gmail.com']] },
  { name: 'mobiel nummer met streepje', text: 'Bel me op 06-12345678.', marks: [['phone', '06-12345678']] },
  { name: 'mobiel nummer aan elkaar', text: 'Mijn nummer is 0612345678 en ik ben er altijd.', marks: [['phone', '0612345678']] },
  { name: 'internationaal mobiel nummer', text: 'Bereikbaar op +31 6 1234 5678 of +31 (0)6 12345678.', marks: [['phone', '+31 6 1234 5678'], ['phone', '+31 (0)6 12345678']] },
  { name: 'vast nummer met netnummer', text: 'Het tehuis had nummer 020-1234567 of (020) 123 45 67.', marks: [['phone', '020-1234567'], ['phone', '(020) 123 45 67']] },
  { name: 'gratis nummer', text: 'De hulplijn 0800-1238 hielp me.', marks: [['phone', '0800-1238']] },
  { name: 'adres met huisnummer', text: 'Wij woonden op de Kerkstraat 12 in het dorp.', marks: [['address', 'Kerkstraat 12']] },
  { name: 'straatnaam met titel en huisnummertoevoeging', text: 'Zij woonde aan de Burgemeester de Withstraat 14-2 in Den Haag.', marks: [['address', 'Burgemeester de Withstraat 14-2']] },
  { name: 'straat in kleine letters en familie', text: 'ik woonde in de kerkstraat 4 bij de familie Bos.', marks: [['address', 'kerkstraat 4'], ['titledName', 'Bos']] },
  { name: 'adres met tussenvoegsel en toevoeging', text: 'Later aan de Van Goghlaan 3a.', marks: [['address', 'Van Goghlaan 3a']] },
  { name: 'zinsbegin hoort niet bij het adres', text: 'In de Kerkstraat 12 woonde de familie.', marks: [['address', 'Kerkstraat 12']] },
  { name: 'postcode met en zonder spatie', text: 'Postcode 1234 AB, later 5678CD.', marks: [['postcode', '1234 AB'], ['postcode', '5678CD']] },
  { name: 'volledig adres met postcode en plaats', text: 'Het adres was Dorpsstraat 5, 1234 AB Zetten.', marks: [['address', 'Dorpsstraat 5'], ['postcode', '1234 AB'], ['personName', 'Zetten']] },
  { name: 'BSN dat de elfproef haalt', text: 'Mijn BSN is 123456782.', marks: [['bsn', '123456782']] },
  { name: 'BSN met punten', text: 'Het nummer 1234.56.782 stond op de brief.', marks: [['bsn', '1234.56.782']] },
  { name: 'geboortedatum met streepjes', text: 'Ik ben geboren op 12-03-1961 in het ziekenhuis.', marks: [['dateOfBirth', '12-03-1961']] },
  { name: 'geboortedatum voluit', text: 'geb. 12 maart 1961', marks: [['dateOfBirth', '12 maart 1961']] },
  { name: 'ISO-datum', text: 'Datum van opname: 1961-03-12.', marks: [['dateOfBirth', '1961-03-12']] },
]

describe('findIdentifyingDetails', () => {
  it('has at least thirty cases', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it.each(cases)('$name', ({ text, marks }) => {
    expect(summary(text)).toEqual(marks)
  })

  it('gives each mark a stable id, exact offsets and its text', () => {
    const text = 'Ik sprak met meneer Jansen. Zijn nummer was 06-12345678.'
    const marks = findIdentifyingDetails(text)
    expect(marks).toHaveLength(2)
    for (const m of marks) {
      expect(m.id).toBe(`${m.kind}:${m.start}`)
      expect(text.slice(m.start, m.end)).toBe(m.text)
    }
    // Same text, same ids: a moderator's decisions stay attached.
    expect(findIdentifyingDetails(text).map((m) => m.id)).toEqual(marks.map((m) => m.id))
  })

  it('is surer of a BSN that passes the 11-test and of a date near "geboren"', () => {
    const [valid, invalid] = findIdentifyingDetails('Nummers: 123456782 en 123456789.')
    expect(valid).toMatchObject({ kind: 'bsn', confidence: 'high' })
    expect(invalid).toMatchObject({ kind: 'bsn', text: '123456789', confidence: 'medium' })
    const [birth] = findIdentifyingDetails('Ik ben geboren op 1 mei 1960.')
    const [other] = findIdentifyingDetails('Op 1 mei 1975 ging ik weg.')
    expect(birth).toMatchObject({ kind: 'dateOfBirth', confidence: 'high' })
    expect(other).toMatchObject({ kind: 'dateOfBirth', confidence: 'medium' })
  })

  it('never returns overlapping marks and prefers the more specific kind', () => {
    const text =
      'Bel meneer Jansen op +31 612 345 678, schrijf naar Kerkstraat 12, 1234 AB Zetten of mail jansen@voorbeeld.nl. ' +
      'Geboren 12-03-1961, BSN 123.456.782. Toen Henk de Vries en mevr. Van der Berg kwamen, op 3 okt. 1975.'
    const marks = findIdentifyingDetails(text)
    for (let i = 1; i < marks.length; i++) expect(marks[i]!.start).toBeGreaterThanOrEqual(marks[i - 1]!.end)
    expect(summary(text)).toEqual([
      ['titledName', 'Jansen'],
      ['phone', '+31 612 345 678'],
      ['address', 'Kerkstraat 12'],
      ['postcode', '1234 AB'],
      ['personName', 'Zetten'],
      ['email', 'jansen@voorbeeld.nl'],
      ['dateOfBirth', '12-03-1961'],
      ['bsn', '123.456.782'],
      ['personName', 'Henk de Vries'],
      ['titledName', 'Van der Berg'],
      ['dateOfBirth', '3 okt. 1975'],
    ])
  })

  it('does not mistake a date for a phone number, nor a phone number for a BSN', () => {
    expect(summary('Op 06-03-1975 en 0612345678.')).toEqual([
      ['dateOfBirth', '06-03-1975'],
      ['phone', '0612345678'],
    ])
    expect(summary('Een te lang nummer: 061234567890.')).toEqual([])
  })

  it('stays fast on a long story', () => {
    const paragraph =
      'Toen ik negen was, kwam ik bij pleegouders Visser in Zetten. Meneer Visser sloeg ons, en juf Annie wist het. ' +
      'Ik speelde met Pieter en Fatima. In maart 1975 belde ik 06-12345678 maar niemand nam op. Visser lachte. '
    const text = paragraph.repeat(250) // ≈ 50,000 characters
    const t0 = performance.now()
    const marks = findIdentifyingDetails(text)
    expect(performance.now() - t0).toBeLessThan(2000)
    expect(marks.length).toBe(250 * 7)
  })
})

const labels: RedactionLabels = {
  titledName: '[naam verwijderd]',
  personName: '[naam verwijderd]',
  email: '[e-mailadres verwijderd]',
  phone: '[telefoonnummer verwijderd]',
  address: '[adres verwijderd]',
  postcode: '[postcode verwijderd]',
  bsn: '[nummer verwijderd]',
  dateOfBirth: '[datum verwijderd]',
}

describe('applyRedactions', () => {
  const text = 'Meneer Jansen woonde op de Kerkstraat 12. Ik speelde met Pieter. Bel 06-12345678!'
  const marks = findIdentifyingDetails(text)
  const id = (kind: MarkKind) => marks.find((m) => m.kind === kind)!.id

  it('finds the marks this suite relies on', () => {
    expect(summary(text)).toEqual([
      ['titledName', 'Jansen'],
      ['address', 'Kerkstraat 12'],
      ['personName', 'Pieter'],
      ['phone', '06-12345678'],
    ])
  })

  it('replaces redacted spans with the placeholder of their kind and keeps the rest', () => {
    const out = applyRedactions(
      text,
      [
        { markId: id('titledName'), action: 'redact' },
        { markId: id('address'), action: 'redact' },
        { markId: id('personName'), action: 'keep' },
        { markId: id('phone'), action: 'redact' },
      ],
      marks,
      labels,
    )
    expect(out).toBe(
      'Meneer [naam verwijderd] woonde op de [adres verwijderd]. Ik speelde met Pieter. Bel [telefoonnummer verwijderd]!',
    )
  })

  it('uses a chosen replacement and translated labels', () => {
    const english = { ...labels, titledName: '[name removed]' }
    expect(applyRedactions(text, [{ markId: id('titledName'), action: 'redact' }], marks, english)).toBe(
      text.replace('Jansen', '[name removed]'),
    )
    expect(applyRedactions(text, [{ markId: id('titledName'), action: 'redact', replacement: 'J.' }], marks, labels)).toBe(
      text.replace('Jansen', 'J.'),
    )
  })

  it('never changes text outside redacted spans', () => {
    const story =
      'Ik was negen.  Meneer Jansen  (de groepsleider) zei: "Kom hier, Pieter."\n\nIk belde 06-12345678 — niemand.\t Einde.'
    const all = findIdentifyingDetails(story)
    expect(all.length).toBe(3)
    const out = applyRedactions(story, all.map((m) => ({ markId: m.id, action: 'redact' as const })), all, labels)
    // Walk the original: every character outside a mark must appear, in order, unchanged.
    let rebuilt = ''
    let at = 0
    for (const m of all) {
      rebuilt += story.slice(at, m.start) + labels[m.kind]
      at = m.end
    }
    expect(out).toBe(rebuilt + story.slice(at))
    expect(out.startsWith('Ik was negen.  Meneer ')).toBe(true)
    expect(out.endsWith(' — niemand.\t Einde.')).toBe(true)
    expect(applyRedactions(story, [], all, labels)).toBe(story)
    expect(applyRedactions(story, all.map((m) => ({ markId: m.id, action: 'keep' as const })), all, labels)).toBe(story)
  })

  it('refuses marks that no longer match the text, unknown marks and double decisions', () => {
    const edited = `Hallo. ${text}`
    expect(() => applyRedactions(edited, [{ markId: id('titledName'), action: 'redact' }], marks, labels)).toThrow(StaleMarksError)
    expect(() => applyRedactions(text, [{ markId: 'personName:999', action: 'redact' }], marks, labels)).toThrow(StaleMarksError)
    const twice = [
      { markId: id('phone'), action: 'redact' as const },
      { markId: id('phone'), action: 'keep' as const },
    ]
    expect(() => applyRedactions(text, twice, marks, labels)).toThrow(StaleMarksError)
    const overlapping: Mark[] = [
      { id: 'personName:0', kind: 'personName', start: 0, end: 13, text: text.slice(0, 13), confidence: 'low' },
      { id: 'titledName:7', kind: 'titledName', start: 7, end: 13, text: 'Jansen', confidence: 'high' },
    ]
    expect(() =>
      applyRedactions(text, overlapping.map((m) => ({ markId: m.id, action: 'redact' as const })), overlapping, labels),
    ).toThrow(StaleMarksError)
  })

  it('lists marks still waiting for a decision', () => {
    expect(findUndecidedMarks(marks, [{ markId: id('phone'), action: 'keep' }]).map((m) => m.kind)).toEqual([
      'titledName',
      'address',
      'personName',
    ])
  })
})

describe('isValidBsn', () => {
  it.each([
    ['123456782', true],
    ['111222333', true],
    ['123.456.782', true],
    ['123456789', false],
    ['000000000', false],
    ['12345678', false],
  ])('%s → %s', (value, valid) => expect(isValidBsn(value)).toBe(valid))
})

describe('monument locale files', () => {
  it.each(['nl', 'en'])('%s has a kind name and a placeholder for every mark kind', (lng) => {
    const messages = JSON.parse(readFileSync(path.resolve(`public/locales/${lng}/monument.json`), 'utf8'))
    for (const kind of MARK_KINDS) {
      expect(messages.pillory.placeholders[kind], `${lng} ${kind}`).toMatch(/^\[.+\]$/)
      expect(messages.pillory.kinds[kind], `${lng} ${kind}`).toEqual(expect.any(String))
    }
  })
})

describe('captions (WebVTT)', () => {
  const vtt = [
    'WEBVTT - Kind: captions',
    '',
    'NOTE opgenomen op 12-03-1968',
    '',
    'cue-1',
    '00:00:01.000 --> 00:00:04.000 align:start',
    'Meneer Jansen sloeg mij.',
    '',
    '00:01:02.500 --> 00:01:05.000',
    '<v Wim de Boer>Dat was in 1971.',
    '',
  ].join('\r\n')

  it('reads the cue text and the voice tags, never the header or the timing lines', () => {
    const marks = findIdentifyingDetailsInCaptions(vtt)
    expect(marks.map((m) => m.text)).toEqual(expect.arrayContaining(['Jansen', 'Wim de Boer']))
    expect(marks.some((m) => /-->|\d\d:\d\d/.test(m.text) || vtt.slice(m.start, m.end) !== m.text)).toBe(false)
    // A note in the file is published with it, so it is read too.
    expect(marks.map((m) => m.text)).toContain('12-03-1968')
  })

  it('redacts in the file itself, keeping the timing lines character for character', () => {
    const marks = findIdentifyingDetailsInCaptions(vtt)
    const labels = Object.fromEntries(MARK_KINDS.map((k) => [k, '[weg]'])) as RedactionLabels
    const out = applyRedactions(vtt, marks.map((m) => ({ markId: m.id, action: 'redact' as const })), marks, labels)
    expect(out).toContain('00:00:01.000 --> 00:00:04.000 align:start\r\nMeneer [weg] sloeg mij.')
    expect(out).not.toContain('Jansen')
    expect(out.startsWith('WEBVTT - Kind: captions\r\n')).toBe(true)
  })
})
