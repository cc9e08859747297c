import { z } from 'zod'
import { db } from '@db/client.server'
import { recordAccess } from '~/audit/audit.server'
import { toSchemeDate } from '~/scheme/dates'
import { listApplicationsForQueue, SUBMITTED_STATUSES } from '~/scheme/for-assessment.server'
import { decisionTimeFigures } from '~/scheme/for-assessment-figures.server'
import { conflictedApplicationIds, DAY_MS, deadlineOf, PURPOSE, type Ip, type Staff } from './case-access.server'

export const QueueFiltersSchema = z.object({
  status: z.enum(SUBMITTED_STATUSES as [(typeof SUBMITTED_STATUSES)[number], ...typeof SUBMITTED_STATUSES]).optional().catch(undefined),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
  duplicate: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
})
export type QueueFilters = z.infer<typeof QueueFiltersSchema>

/** The queue: fast track first (ADR 0032), then oldest first, without cases the assessor declared a conflict for. Logged without a subject. */
export async function listApplicationQueue({ actor, filters, ip, now = new Date() }: { actor: Staff; filters: QueueFilters; ip: Ip; now?: Date }) {
  const rows = await listApplicationsForQueue({
    statuses: filters.status ? [filters.status] : SUBMITTED_STATUSES,
    submittedBefore: filters.minAgeDays !== undefined ? new Date(now.getTime() - filters.minAgeDays * DAY_MS) : undefined,
    possibleDuplicate: filters.duplicate,
    excludeIds: await conflictedApplicationIds(db, actor.id),
  })
  await recordAccess({ actor, action: 'application.list', objectType: 'application', objectId: null, subjectId: null, purpose: PURPOSE, outcome: 'success', ip })
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    submittedOn: r.submittedAt ? toSchemeDate(r.submittedAt) : null,
    ageDays: r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / DAY_MS) : 0,
    decisionDue: deadlineOf(r.scheme, r, now),
    possibleDuplicate: r.possibleDuplicateOf !== null,
    fastTrack: r.fastTrack,
    fastTrackReasons: r.fastTrackReasons,
  }))
}

/** The queue's own figures (ADR 0032): median days to a decision and of waiting, fast track against the rest. Counts only. */
export function queueFigures({ now = new Date() }: { now?: Date } = {}) {
  return decisionTimeFigures({ now })
}
