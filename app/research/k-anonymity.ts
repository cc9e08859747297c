import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'

/**
 * k-anonymity for research exports (ADR 0024). The quasi-identifiers (QIs) are the period
 * (decade), the kind of setting, the region and the institution: together they can point to
 * one person even without a name. Every combination of QI values in an export must occur at
 * least k times, or the data set is empty.
 *
 * Method: full-domain global recoding, one step at a time, then suppression.
 * 1. Institution names that fewer than k records share become '*' (a name is its own group).
 * 2. While more records sit in groups smaller than k than the suppression budget allows, the
 *    one QI whose next generalisation level leaves the fewest such records is generalised for
 *    every record (decade → 20-year span → era → '*'; setting → group → '*'; region → part
 *    of the country → '*'; institution → '*').
 * 3. The records still in a small group lose every QI ('*'). If the group of all-'*' records
 *    is then itself smaller than k, those records are left out of the export altogether.
 * Pure and isomorphic: no I/O, tested with fast-check (k-anonymity.test.ts).
 */

export const K = 5
export const SUPPRESSED = '*'
export const QI_NAMES = ['decade', 'setting', 'region', 'institution'] as const
export type QiName = (typeof QI_NAMES)[number]
export type Qis = Record<QiName, string>

/** A story's raw facets, before generalisation. Several values mean "more than one" (several decades, settings). */
export type RawQis = { decades: readonly string[]; settings: readonly string[]; region: string | null; institution: string | null }

type Hierarchy = { levels: number; up: (value: string, level: number) => string; levelOf: (value: string) => number }

const SPAN_OF: Record<string, string> = {}
for (const d of DECADES) {
  const start = Number(d.slice(0, 4))
  const spanStart = start - ((start - 1940) % 20)
  SPAN_OF[d] = `${spanStart}-${spanStart + 19}`
}
const ERA_OF_SPAN = (span: string) => (Number(span.slice(0, 4)) < 1980 ? '1940-1979' : '1980-2019')

/** decade (0) → 20-year span (1) → era (2) → '*' (3) */
const decadeHierarchy: Hierarchy = {
  levels: 3,
  levelOf: (v) => (v === SUPPRESSED ? 3 : /^\d{4}s$/.test(v) ? 0 : ['1940-1979', '1980-2019'].includes(v) ? 2 : 1),
  up(value, level) {
    let v = value
    let at = this.levelOf(v)
    while (at < level) {
      v = at === 0 ? (SPAN_OF[v] ?? SUPPRESSED) : at === 1 ? ERA_OF_SPAN(v) : SUPPRESSED
      at += 1
    }
    return v
  },
}

export const SETTING_GROUPS: Record<string, string> = {
  fosterFamily: 'family',
  residentialGroup: 'residential',
  closedYouthCare: 'residential',
  judicialYouthInstitution: 'residential',
  unaccompaniedMinorsReception: 'residential',
  youthMentalHealthCare: 'careInstitution',
  psychiatricHospital: 'careInstitution',
  intellectualDisabilityInstitution: 'careInstitution',
  blindOrDeafInstitution: 'careInstitution',
  other: 'other',
}

/** setting (0) → setting group (1) → '*' (2) */
const settingHierarchy: Hierarchy = {
  levels: 2,
  levelOf: (v) => (v === SUPPRESSED ? 2 : (SETTINGS as readonly string[]).includes(v) ? 0 : 1),
  up(value, level) {
    const at = this.levelOf(value)
    if (at >= level) return value
    if (level >= 2) return SUPPRESSED
    return SETTING_GROUPS[value] ?? SUPPRESSED
  },
}

export const REGION_PARTS: Record<string, string> = {
  groningen: 'north',
  friesland: 'north',
  drenthe: 'north',
  overijssel: 'east',
  gelderland: 'east',
  flevoland: 'east',
  utrecht: 'west',
  noordHolland: 'west',
  zuidHolland: 'west',
  zeeland: 'south',
  noordBrabant: 'south',
  limburg: 'south',
  national: 'national',
}

/** province (0) → part of the country (1) → '*' (2) */
const regionHierarchy: Hierarchy = {
  levels: 2,
  levelOf: (v) => (v === SUPPRESSED ? 2 : v !== 'national' && (REGIONS as readonly string[]).includes(v) ? 0 : 1),
  up(value, level) {
    const at = this.levelOf(value)
    if (at >= level) return value
    if (level >= 2) return SUPPRESSED
    return REGION_PARTS[value] ?? SUPPRESSED
  },
}

/** institution (0) → '*' (1) */
const institutionHierarchy: Hierarchy = {
  levels: 1,
  levelOf: (v) => (v === SUPPRESSED ? 1 : 0),
  up: (value, level) => (level >= 1 ? SUPPRESSED : value),
}

const HIERARCHIES: Record<QiName, Hierarchy> = {
  decade: decadeHierarchy,
  setting: settingHierarchy,
  region: regionHierarchy,
  institution: institutionHierarchy,
}

/** The lowest common value of several values of one hierarchy (e.g. 1960s + 1970s → 1960-1979). */
function commonValue(h: Hierarchy, values: readonly string[]): string {
  const known = [...new Set(values)]
  if (known.length === 0) return SUPPRESSED
  for (let level = 0; level <= h.levels; level++) {
    const ups = new Set(known.map((v) => h.up(v, level)))
    if (ups.size === 1) return [...ups][0]!
  }
  return SUPPRESSED
}

/** An unknown or tampered value never passes: it becomes '*'. */
function known(list: readonly string[], allowed: readonly string[]) {
  return list.filter((v) => allowed.includes(v))
}

/** Normalises a story's facets into one value per QI (unknown → '*'). */
export function toQis(raw: RawQis): Qis {
  const institution = raw.institution?.trim().replace(/\s+/g, ' ').toLowerCase() ?? ''
  return {
    decade: commonValue(decadeHierarchy, known(raw.decades, DECADES)),
    setting: commonValue(settingHierarchy, known(raw.settings, SETTINGS)),
    region: raw.region && (REGIONS as readonly string[]).includes(raw.region) ? raw.region : SUPPRESSED,
    institution: institution === '' ? SUPPRESSED : institution,
  }
}

export type Levels = Record<QiName, number>
export type Anonymised<T> = { records: Array<T & { qis: Qis }>; levels: Levels; suppressedQis: number; droppedRecords: number; k: number }

const keyOf = (q: Qis) => `${q.decade}\u0000${q.setting}\u0000${q.region}\u0000${q.institution}`

function generalise(q: Qis, levels: Levels): Qis {
  return {
    decade: HIERARCHIES.decade.up(q.decade, levels.decade),
    setting: HIERARCHIES.setting.up(q.setting, levels.setting),
    region: HIERARCHIES.region.up(q.region, levels.region),
    institution: HIERARCHIES.institution.up(q.institution, levels.institution),
  }
}

function countByKey(qis: Qis[]) {
  const counts = new Map<string, number>()
  for (const q of qis) {
    const key = keyOf(q)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function violating(qis: Qis[], k: number) {
  const counts = countByKey(qis)
  let n = 0
  for (const c of counts.values()) if (c < k) n += c
  return n
}

/**
 * Makes `records` k-anonymous over their QIs. `maxSuppression` is the share of records that
 * may lose their QIs instead of generalising everyone further (default 5 %).
 */
export function anonymise<T extends { qis: Qis }>(records: readonly T[], { k = K, maxSuppression = 0.05 }: { k?: number; maxSuppression?: number } = {}): Anonymised<T> {
  if (!Number.isInteger(k) || k < 1) throw new Error('k must be a positive integer')
  // 1. A rare institution name is as good as a name: suppressed before anything else.
  const institutionCounts = new Map<string, number>()
  for (const r of records) institutionCounts.set(r.qis.institution, (institutionCounts.get(r.qis.institution) ?? 0) + 1)
  const base = records.map((r) => ({ ...r.qis, institution: (institutionCounts.get(r.qis.institution) ?? 0) >= k ? r.qis.institution : SUPPRESSED }))

  // 2. Global recoding, the QI that helps most first; ties go to the least informative QI.
  const levels: Levels = { decade: 0, setting: 0, region: 0, institution: 0 }
  const budget = Math.floor(records.length * maxSuppression)
  let current = base.map((q) => generalise(q, levels))
  let bad = violating(current, k)
  const order: QiName[] = ['institution', 'region', 'setting', 'decade']
  while (bad > budget) {
    let best: { qi: QiName; bad: number; qis: Qis[] } | null = null
    for (const qi of order) {
      if (levels[qi] >= HIERARCHIES[qi].levels) continue
      const tryLevels = { ...levels, [qi]: levels[qi] + 1 }
      const tried = base.map((q) => generalise(q, tryLevels))
      const n = violating(tried, k)
      if (!best || n < best.bad) best = { qi, bad: n, qis: tried }
    }
    if (!best) break
    levels[best.qi] += 1
    current = best.qis
    bad = best.bad
  }

  // 3. Suppression: records still in a small group lose every QI; a too-small all-'*' group goes.
  const counts = countByKey(current)
  let suppressedQis = 0
  const allSuppressed: Qis = { decade: SUPPRESSED, setting: SUPPRESSED, region: SUPPRESSED, institution: SUPPRESSED }
  const out = records.map((r, i) => {
    const q = current[i]!
    if ((counts.get(keyOf(q)) ?? 0) >= k) return { ...r, qis: q }
    suppressedQis += 1
    return { ...r, qis: allSuppressed }
  })
  const starKey = keyOf(allSuppressed)
  const starCount = out.filter((r) => keyOf(r.qis) === starKey).length
  const kept = starCount > 0 && starCount < k ? out.filter((r) => keyOf(r.qis) !== starKey) : out
  return { records: kept, levels, suppressedQis, droppedRecords: out.length - kept.length, k }
}

/** Test and README helper: the smallest group size of the data set (Infinity when empty). */
export function smallestGroup(qis: readonly Qis[]): number {
  const counts = countByKey([...qis])
  return counts.size === 0 ? Infinity : Math.min(...counts.values())
}
