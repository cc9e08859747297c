import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { researchDeletionNotices, researchExportItems, researchExports, researchProjectResearchers, researchProjects } from '@db/schema/research'
import { recordAccess } from '~/audit/audit.server'
import { listStoriesWithoutResearchConsent } from '~/consent/for-research.server'
import { listExportableStoryIds } from '~/monument/for-research.server'
import { ResearchError } from './projects.server'

/**
 * Deletion notices (ADR 0024). The consent and monument code stay untouched: this sweep looks
 * at every story a project received and has no notice for yet, and asks the ledger whether
 * its research consent still holds and the monument whether it is still published. Where not,
 * the project gets one notice naming the pseudonym (unique per project and pseudonym, so the
 * sweep is idempotent and safe to run from the job and from every page load at once).
 */
export async function sweepDeletionNotices({ projectIds, tx = db }: { projectIds?: readonly string[]; tx?: DbOrTx } = {}): Promise<number> {
  if (projectIds && projectIds.length === 0) return 0
  const received = await tx
    .selectDistinct({ projectId: researchExports.projectId, storyId: researchExportItems.storyId, pseudonym: researchExportItems.pseudonym })
    .from(researchExportItems)
    .innerJoin(researchExports, eq(researchExports.id, researchExportItems.exportId))
    .leftJoin(researchDeletionNotices, and(eq(researchDeletionNotices.projectId, researchExports.projectId), eq(researchDeletionNotices.pseudonym, researchExportItems.pseudonym)))
    .where(and(isNull(researchDeletionNotices.id), projectIds ? inArray(researchExports.projectId, [...projectIds]) : undefined))
  if (received.length === 0) return 0
  const storyIds = [...new Set(received.map((r) => r.storyId))]
  const ended = new Map((await listStoriesWithoutResearchConsent({ storyIds, tx })).map((r) => [r.storyId, r.endedAt]))
  const stillThere = await listExportableStoryIds({ storyIds, tx })
  const now = new Date()
  const notices = received
    .filter((r) => ended.has(r.storyId) || !stillThere.has(r.storyId))
    .map((r) => ({ projectId: r.projectId, pseudonym: r.pseudonym, withdrawnAt: ended.get(r.storyId) ?? now }))
  let created = 0
  for (let i = 0; i < notices.length; i += 5000) {
    const rows = await tx.insert(researchDeletionNotices).values(notices.slice(i, i + 5000)).onConflictDoNothing().returning({ id: researchDeletionNotices.id })
    created += rows.length
  }
  return created
}

/** The notices of the projects a researcher is on (open ones first), or of every project for admins. */
export async function listDeletionNotices({ userId, all }: { userId: string; all: boolean }, tx: DbOrTx = db) {
  const query = tx
    .select({
      id: researchDeletionNotices.id,
      projectId: researchDeletionNotices.projectId,
      projectTitle: researchProjects.title,
      pseudonym: researchDeletionNotices.pseudonym,
      withdrawnAt: researchDeletionNotices.withdrawnAt,
      createdAt: researchDeletionNotices.createdAt,
      acknowledgedAt: researchDeletionNotices.acknowledgedAt,
    })
    .from(researchDeletionNotices)
    .innerJoin(researchProjects, eq(researchProjects.id, researchDeletionNotices.projectId))
  const scoped = all
    ? query
    : query.innerJoin(researchProjectResearchers, and(eq(researchProjectResearchers.projectId, researchDeletionNotices.projectId), eq(researchProjectResearchers.userId, userId)))
  return scoped.orderBy(sql`${researchDeletionNotices.acknowledgedAt} is not null`, desc(researchDeletionNotices.createdAt)).limit(500)
}

/** A researcher on the project confirms they deleted the story. Another project's notice is not found. */
export async function acknowledgeDeletionNotice({ researcher, noticeId, ip }: { researcher: { id: string; roles: string[] }; noticeId: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select({ id: researchDeletionNotices.id, acknowledgedAt: researchDeletionNotices.acknowledgedAt })
      .from(researchDeletionNotices)
      .innerJoin(researchProjectResearchers, and(eq(researchProjectResearchers.projectId, researchDeletionNotices.projectId), eq(researchProjectResearchers.userId, researcher.id)))
      .where(eq(researchDeletionNotices.id, noticeId))
      .for('update', { of: researchDeletionNotices })
    if (!notice) throw new ResearchError('errors.noticeNotFound', 404)
    if (notice.acknowledgedAt) return
    await tx.update(researchDeletionNotices).set({ acknowledgedAt: new Date(), acknowledgedBy: researcher.id }).where(eq(researchDeletionNotices.id, noticeId))
    await recordAccess({ actor: researcher, action: 'research.noticeAcknowledge', objectType: 'researchDeletionNotice', objectId: noticeId, subjectId: null, purpose: 'research', outcome: 'success', ip }, tx)
  })
}
