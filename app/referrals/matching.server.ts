import { eq } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { directoryEntries, type DirectoryEntry } from '@db/schema/referrals'
import type { Lng } from '~/i18n/config'
import { toDirectoryView, type DirectoryEntryView } from './directory.server'
import { MatchQuerySchema, type MatchQuery } from './schemas'

export type MatchReason = 'setting' | 'period' | 'region' | 'language' | 'need'
export type EntryMatch = { entry: DirectoryEntryView; score: number; reasons: MatchReason[] }

type Criteria = {
  setting?: string
  yearFrom?: number
  yearTo?: number
  region?: string
  language?: string
  need?: string
}

/** The years someone asks about: a decade ('1960s' → 1960–1969) or an explicit range. */
function yearRange(q: { decade?: string; yearFrom?: number; yearTo?: number }): { from?: number; to?: number } {
  if (q.decade) {
    const start = Number.parseInt(q.decade, 10)
    return { from: start, to: start + 9 }
  }
  return { from: q.yearFrom, to: q.yearTo }
}

/**
 * How well one entry fits, or null when it clearly does not: an entry for other settings, for
 * a period that does not overlap, or for other regions. Language is a bonus, never a reason to
 * leave an entry out: an organisation may still help with an interpreter, and the information
 * point can arrange that. Weights favour what makes an entry specific to someone's history.
 */
export function scoreEntry(
  entry: Pick<DirectoryEntry, 'kind' | 'settings' | 'periodFrom' | 'periodTo' | 'regions' | 'languages' | 'needs'>,
  q: Criteria,
): { score: number; reasons: MatchReason[] } | null {
  // Crisis lines are on every page already; here they only come up when someone needs them now.
  if (entry.kind === 'crisisLine' && q.need !== 'crisis') return null
  let score = 0
  const reasons: MatchReason[] = []

  if (q.setting) {
    if (entry.settings.length === 0) score += 1
    else if (entry.settings.includes(q.setting)) {
      score += 4
      reasons.push('setting')
    } else return null
  }

  if ((q.yearFrom !== undefined || q.yearTo !== undefined) && (entry.periodFrom !== null || entry.periodTo !== null)) {
    const from = q.yearFrom ?? -Infinity
    const to = q.yearTo ?? Infinity
    const entryFrom = entry.periodFrom ?? -Infinity
    const entryTo = entry.periodTo ?? Infinity
    if (entryFrom > to || entryTo < from) return null
    // A narrow period (Goede Herder 1945–1975) says more than the whole 1945–2019 range.
    score += entryTo - entryFrom <= 40 ? 3 : 1
    reasons.push('period')
  }

  if (q.region && q.region !== 'national') {
    if (entry.regions.includes(q.region)) {
      score += 2
      reasons.push('region')
    } else if (!entry.regions.includes('national')) return null
  }

  if (q.language && entry.languages.includes(q.language)) {
    score += 3
    reasons.push('language')
  }

  if (q.need && entry.needs.includes(q.need)) {
    score += 4
    reasons.push('need')
  }
  return { score, reasons }
}

function byScoreThenName(a: { score: number; row: DirectoryEntry }, b: { score: number; row: DirectoryEntry }) {
  return b.score - a.score || a.row.name.localeCompare(b.row.name, 'nl') || a.row.slug.localeCompare(b.row.slug)
}

/**
 * The best directory entries for someone's history and question, for story pages and triage.
 * Order: crisis lines (only when the need is crisis), then peer-support groups that fit, then
 * the rest by score. The Trimbos information point is always included: it can help anyone
 * further, also when nothing else fits.
 */
export async function matchEntries({
  locale,
  tx = defaultDb,
  ...input
}: MatchQuery & { locale: Lng; tx?: DbOrTx }): Promise<EntryMatch[]> {
  const q = MatchQuerySchema.parse(input)
  const { from, to } = yearRange(q)
  const criteria: Criteria = { setting: q.setting, yearFrom: from, yearTo: to, region: q.region, language: q.language, need: q.need }

  // The directory holds tens of entries, not thousands: scoring them here keeps the rules readable.
  const rows = await tx.select().from(directoryEntries).where(eq(directoryEntries.published, true))
  const scored = rows.flatMap((row) => {
    const result = scoreEntry(row, criteria)
    return result ? [{ row, ...result }] : []
  })

  const peerFits = (row: DirectoryEntry) =>
    row.kind === 'peerSupport' && (!q.need || q.need === 'peerContact' || row.needs.includes(q.need))
  const crisis = scored.filter((s) => s.row.kind === 'crisisLine').sort(byScoreThenName)
  const peers = scored.filter((s) => peerFits(s.row)).sort(byScoreThenName)
  const rest = scored.filter((s) => s.row.kind !== 'crisisLine' && !peerFits(s.row)).sort(byScoreThenName)
  let chosen = [...crisis, ...peers, ...rest].slice(0, q.limit)

  if (!chosen.some((s) => s.row.kind === 'informationPoint')) {
    const point = rows.find((row) => row.kind === 'informationPoint')
    if (point) {
      const fit = scoreEntry(point, { ...criteria, setting: undefined, yearFrom: undefined, yearTo: undefined, region: undefined })
      chosen = [...chosen.slice(0, q.limit - 1), { row: point, score: fit?.score ?? 0, reasons: fit?.reasons ?? [] }]
    }
  }
  return chosen.map(({ row, score, reasons }) => ({ entry: toDirectoryView(row, locale), score, reasons }))
}
