/**
 * The descriptive metadata of an archive package (data/metadata.xml) and its consent record
 * (data/consent.json). Dublin Core terms for description; each element that MDTO (the Nationaal
 * Archief's metadata standard) also has carries `mdto="<its MDTO name>"`, so an archive can map
 * it without guessing (ADR 0023). The metadata is in Dutch, the archive's language.
 */

export const SOURCE_ORGANIZATION = 'Erkenningsportaal jeugdzorg (digitaal monument, Commissie De Winter)'
export const METADATA_NAMESPACE = 'urn:x-erkenningsportaal:archiefpakket:1'

export type ConsentRecordEntry = {
  purpose: string
  textVersion: string
  fingerprint: string | null
  grantedAt: Date
  channel: string
  locale: string
}

export type PackageMedium = {
  id: string
  kind: 'photo' | 'audio' | 'video'
  mime: string
  bytes: number
  path: string
  description: string | null
  transcriptPath: string | null
  captionsPath: string | null
  consent: ConsentRecordEntry
}

export type PackageMetadata = {
  ref: string
  storyId: string
  textVersion: string
  title: string
  contentNote: string | null
  shownAs: string | null
  decades: string[]
  settings: string[]
  violenceKinds: string[]
  themes: string[]
  region: string | null
  submittedAt: Date | null
  approvedAt: Date | null
  publishedAt: Date | null
  baggedAt: Date
  storyConsent: ConsentRecordEntry
  media: PackageMedium[]
  /** The story began as a life story recorded with an interviewer and approved by the survivor (ADR 0030). */
  recordedWith?: { source: 'interviewer'; reference: string; recordedOn: string; approvedAt: string | null } | null
}

// XML 1.0 cannot carry these at all, not even as character references: they become U+FFFD
// here (story.txt keeps the exact text), as are lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text content or attribute value, escaped and made legal XML 1.0. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
}

const el = (name: string, value: string, attrs: Record<string, string> = {}, indent = '  ') =>
  `${indent}<${name}${Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('')}>${xmlText(value)}</${name}>\n`

const iso = (d: Date) => d.toISOString()

const RIGHTS =
  'Niet openbaar. Op verzoek van de verteller overgedragen aan het archief van de Commissie De Winter, dat later naar het Nationaal Archief gaat. ' +
  'De archiefbeheerder bepaalt wie het mag inzien. Alleen de verteller zelf kan dit verhaal opvragen en houdt er toegang toe.'

export function metadataXml(m: PackageMetadata): string {
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n'
  x += `<archiefpakket xmlns="${METADATA_NAMESPACE}" xmlns:dcterms="http://purl.org/dc/terms/" xml:lang="nl">\n`
  x += el('dcterms:identifier', m.ref, { mdto: 'identificatie', bron: 'archiefpakket' })
  x += el('dcterms:identifier', m.storyId, { mdto: 'identificatie', bron: SOURCE_ORGANIZATION })
  x += el('dcterms:title', m.title, { mdto: 'naam' })
  x += el('dcterms:type', 'Text', { schema: 'DCMIType' })
  x += el('dcterms:creator', m.shownAs ?? 'Anoniem', { mdto: 'betrokkene', rol: 'verteller' })
  if (m.contentNote) x += el('dcterms:description', m.contentNote, { mdto: 'omschrijving', soort: 'inhoudswaarschuwing' })
  for (const d of m.decades) x += el('dcterms:temporal', d, { mdto: 'dekkingInTijd' })
  if (m.region) x += el('dcterms:spatial', m.region, { mdto: 'dekkingInRuimte' })
  for (const [scheme, values] of [['setting', m.settings], ['violenceKind', m.violenceKinds], ['theme', m.themes]] as const)
    for (const v of values) x += el('dcterms:subject', v, { mdto: 'trefwoord', schema: scheme })
  if (m.submittedAt) x += el('dcterms:created', iso(m.submittedAt))
  if (m.approvedAt) x += el('dcterms:date', iso(m.approvedAt), { mdto: 'event', eventType: 'goedkeuringTekstDoorVerteller' })
  if (m.publishedAt) x += el('dcterms:issued', iso(m.publishedAt))
  x += el('dcterms:hasVersion', m.textVersion, { soort: 'tekstversie' })
  x += el('dcterms:rights', RIGHTS, { mdto: 'beperkingGebruik' })
  x += el('dcterms:accessRights', 'niet openbaar', { mdto: 'beperkingGebruik' })
  x += el('dcterms:publisher', SOURCE_ORGANIZATION, { mdto: 'archiefvormer' })
  x += el(
    'dcterms:provenance',
    `Geschreven door de verteller op het digitale monument, gecontroleerd door een moderator en door de verteller goedgekeurd; ` +
      `op verzoek van de verteller (toestemming ${m.storyConsent.textVersion}, ${iso(m.storyConsent.grantedAt)}) verpakt op ${iso(m.baggedAt)}.`,
    { mdto: 'event' },
  )
  if (m.recordedWith) {
    x += el('dcterms:source', `Levensverhaal ${m.recordedWith.reference}, opgenomen in een gesprek met een interviewer op ${m.recordedWith.recordedOn}`, { mdto: 'event', soort: 'opgenomenMetInterviewer' })
    if (m.recordedWith.approvedAt) x += el('dcterms:date', m.recordedWith.approvedAt, { mdto: 'event', eventType: 'levensverhaalGoedgekeurdDoorVerteller' })
  }
  x += el('dcterms:conformsTo', 'RFC 8493 (BagIt 1.0)')
  x += '  <gebeurtenissen>\n'
  const events: Array<[string, Date | null]> = [
    ['ingezonden', m.submittedAt],
    ['goedgekeurdDoorVerteller', m.approvedAt],
    ['gepubliceerd', m.publishedAt],
    ['toestemmingArchief', m.storyConsent.grantedAt],
    ['verpakt', m.baggedAt],
  ]
  for (const [type, at] of events) if (at) x += `    <event mdto="event"><eventType>${type}</eventType><eventTijd>${iso(at)}</eventTijd></event>\n`
  x += '  </gebeurtenissen>\n'
  x += '  <bestand pad="data/story.txt" mdto="bestand"><dcterms:format mdto="bestandsformaat">text/plain; charset=UTF-8</dcterms:format></bestand>\n'
  for (const medium of m.media) {
    x += `  <bestand pad="${xmlText(medium.path)}" mdto="bestand">\n`
    x += el('dcterms:identifier', medium.id, { mdto: 'identificatie', bron: SOURCE_ORGANIZATION }, '    ')
    x += el('dcterms:type', medium.kind === 'photo' ? 'StillImage' : medium.kind === 'audio' ? 'Sound' : 'MovingImage', { schema: 'DCMIType' }, '    ')
    x += el('dcterms:format', medium.mime, { mdto: 'bestandsformaat' }, '    ')
    x += el('dcterms:extent', `${medium.bytes} bytes`, { mdto: 'omvang' }, '    ')
    if (medium.description) x += el('dcterms:description', medium.description, { mdto: 'omschrijving' }, '    ')
    if (medium.transcriptPath) x += el('dcterms:relation', medium.transcriptPath, { soort: 'transcriptie' }, '    ')
    if (medium.captionsPath) x += el('dcterms:relation', medium.captionsPath, { soort: 'ondertiteling' }, '    ')
    x += el('dcterms:rights', `toestemming ${medium.consent.textVersion}, ${iso(medium.consent.grantedAt)}`, { mdto: 'beperkingGebruik' }, '    ')
    x += '  </bestand>\n'
  }
  x += '</archiefpakket>\n'
  return x
}

const record = (c: ConsentRecordEntry) => ({
  purpose: c.purpose,
  textVersion: c.textVersion,
  fingerprint: c.fingerprint,
  date: iso(c.grantedAt),
  channel: c.channel,
  locale: c.locale,
})

/** data/consent.json: the consents the package rests on, for the story and for each file. */
export function consentJson(m: Pick<PackageMetadata, 'ref' | 'storyId' | 'storyConsent' | 'media'>): string {
  const doc = {
    package: m.ref,
    story: { id: m.storyId, ...record(m.storyConsent) },
    media: m.media.map((medium) => ({ id: medium.id, file: medium.path, ...record(medium.consent) })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
