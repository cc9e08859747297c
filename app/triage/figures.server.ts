import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { helpRequests } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { addWorkingDays, median, SUPPRESS_BELOW, suppressCount } from './contact'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS
/** Target: first contact within two working days. */
export const FIRST_CONTACT_WORKING_DAYS = 2
const AGE_BUCKETS = ['upTo2Days', 'upTo7Days', 'upTo30Days', 'over30Days'] as const

// For the dashboard's charts: how the waits are spread, not only their median.
const FIRST_CONTACT_BUCKETS = [
  { bucket: 'upTo1Day', maxHours: 24 },
  { bucket: 'upTo2Days', maxHours: 48 },
  { bucket: 'upTo5Days', maxHours: 120 },
  { bucket: 'over5Days', maxHours: Infinity },
] as const
const TO_CARE_BUCKETS = [
  { bucket: 'upTo7Days', maxHours: 7 * 24 },
  { bucket: 'upTo30Days', maxHours: 30 * 24 },
  { bucket: 'upTo90Days', maxHours: 90 * 24 },
  { bucket: 'over90Days', maxHours: Infinity },
] as const

function spread<B extends string>(buckets: readonly { bucket: B; maxHours: number }[], hours: number[]) {
  return buckets.map(({ bucket, maxHours }, i) => ({
    bucket,
    count: hours.filter((h) => h <= maxHours && (i === 0 || h > buckets[i - 1]!.maxHours)).length,
  }))
}

function ageBucket(ageMs: number): (typeof AGE_BUCKETS)[number] {
  const days = ageMs / DAY_MS
  if (days <= 2) return 'upTo2Days'
  if (days <= 7) return 'upTo7Days'
  if (days <= 30) return 'upTo30Days'
  return 'over30Days'
}

/**
 * The triage dashboard: how fast people are reached and get into care, how old the open
 * requests are, and each worker's load. A request without first contact past its two-working-day
 * deadline, or a referral whose follow-up is due, is overdue.
 */
export async function getTriageDashboard({ now = new Date(), tx = db }: { now?: Date; tx?: DbOrTx } = {}) {
  const rows = await tx
    .select({
      id: helpRequests.id,
      status: helpRequests.status,
      createdAt: helpRequests.createdAt,
      firstContactAt: helpRequests.firstContactAt,
      inCareAt: helpRequests.inCareAt,
      followUpDueAt: helpRequests.followUpDueAt,
      contactPersonId: helpRequests.contactPersonId,
      workerName: users.displayName,
    })
    .from(helpRequests)
    .leftJoin(users, eq(users.id, helpRequests.contactPersonId))

  const open = rows.filter((r) => r.status === 'new' || r.status === 'inContact' || r.status === 'referred')
  const contacted = rows.filter((r) => r.firstContactAt)
  const hoursToFirstContact = contacted.map((r) => (r.firstContactAt!.getTime() - r.createdAt.getTime()) / HOUR_MS)
  // Counted: everyone reached, plus the open ones already past the deadline (they missed it).
  const deadlineOf = (r: { createdAt: Date }) => addWorkingDays(r.createdAt, FIRST_CONTACT_WORKING_DAYS)
  const judged = rows.filter((r) => r.firstContactAt || (open.includes(r) && deadlineOf(r) < now))
  const inTime = judged.filter((r) => r.firstContactAt && r.firstContactAt <= deadlineOf(r)).length
  const daysToCare = rows.filter((r) => r.inCareAt).map((r) => (r.inCareAt!.getTime() - r.createdAt.getTime()) / DAY_MS)

  const isOverdue = (r: (typeof rows)[number]) =>
    (!r.firstContactAt && deadlineOf(r) < now) || (r.status === 'referred' && r.followUpDueAt !== null && r.followUpDueAt <= now)

  const byAge = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<(typeof AGE_BUCKETS)[number], number>
  for (const r of open) byAge[ageBucket(now.getTime() - r.createdAt.getTime())]++

  const load = new Map<string, { workerId: string; name: string; open: number; overdue: number }>()
  for (const r of open) {
    if (!r.contactPersonId) continue
    const entry = load.get(r.contactPersonId) ?? { workerId: r.contactPersonId, name: r.workerName ?? '', open: 0, overdue: 0 }
    entry.open++
    if (isOverdue(r)) entry.overdue++
    load.set(r.contactPersonId, entry)
  }

  return {
    firstContact: {
      medianHours: median(hoursToFirstContact),
      count: contacted.length,
      withinTargetShare: judged.length ? inTime / judged.length : null,
      judged: judged.length,
      spread: spread(FIRST_CONTACT_BUCKETS, hoursToFirstContact),
    },
    toCare: { medianDays: median(daysToCare), count: daysToCare.length, spread: spread(TO_CARE_BUCKETS, daysToCare.map((d) => d * 24)) },
    openByAge: AGE_BUCKETS.map((bucket) => ({ bucket, count: byAge[bucket] })),
    unassigned: open.filter((r) => !r.contactPersonId).length,
    workers: [...load.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    overdue: open
      .filter(isOverdue)
      .map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt.toISOString(), reason: r.firstContactAt ? ('followUp' as const) : ('firstContact' as const) })),
  }
}

type FigureRow = { dimension: 'need' | 'setting' | 'region' | 'month'; value: string; count: string }

function tally(values: string[]) {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))
}

/**
 * Anonymised figures for the sector: requests by need, setting, region and month, and the
 * median time to care. Counts of 1–4 are shown as "<5", and the median only when at least
 * five people are in care, so no figure can point at one person. No ids, no free text.
 */
export async function getAnonymisedFigures({ tx = db }: { tx?: DbOrTx } = {}) {
  const rows = await tx
    .select({ needs: helpRequests.needs, setting: helpRequests.setting, region: helpRequests.region, createdAt: helpRequests.createdAt, inCareAt: helpRequests.inCareAt })
    .from(helpRequests)
  const table: FigureRow[] = [
    ...tally(rows.flatMap((r) => r.needs)).map(([value, n]) => ({ dimension: 'need' as const, value, count: suppressCount(n) })),
    ...tally(rows.map((r) => r.setting ?? 'unknown')).map(([value, n]) => ({ dimension: 'setting' as const, value, count: suppressCount(n) })),
    ...tally(rows.map((r) => r.region ?? 'unknown')).map(([value, n]) => ({ dimension: 'region' as const, value, count: suppressCount(n) })),
    ...tally(rows.map((r) => r.createdAt.toISOString().slice(0, 7))).map(([value, n]) => ({ dimension: 'month' as const, value, count: suppressCount(n) })),
  ]
  const daysToCare = rows.filter((r) => r.inCareAt).map((r) => (r.inCareAt!.getTime() - r.createdAt.getTime()) / DAY_MS)
  const medianDaysToCare = daysToCare.length >= SUPPRESS_BELOW ? Math.round(median(daysToCare)! * 10) / 10 : null
  return { total: suppressCount(rows.length), rows: table, medianDaysToCare, inCareCount: suppressCount(daysToCare.length) }
}

function csvCell(value: string) {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** The figures as CSV for an admin; the export itself is written to the access log. */
export async function exportFiguresCsv({ admin, ip }: { admin: { id: string; roles: string[] }; ip?: string | null }) {
  const figures = await getAnonymisedFigures()
  const lines = [['dimension', 'value', 'count'].join(',')]
  lines.push(['total', '', figures.total].map(csvCell).join(','))
  for (const r of figures.rows) lines.push([r.dimension, r.value, r.count].map(csvCell).join(','))
  lines.push(['medianDaysToCare', '', figures.medianDaysToCare === null ? `<${SUPPRESS_BELOW}` : String(figures.medianDaysToCare)].map(csvCell).join(','))
  await recordAccess({ actor: admin, action: 'figures.export', objectType: 'triageFigures', objectId: 'csv', subjectId: null, purpose: 'sectorFigures', outcome: 'success', ip })
  return `${lines.join('\r\n')}\r\n`
}
