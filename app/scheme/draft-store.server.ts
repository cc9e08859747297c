import { and, eq, ne } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { applicationEvents, applications, type Application } from '@db/schema/scheme'

/**
 * The applicant's draft: one per person per scheme, scoped by their user id by construction,
 * and written only while it is still a draft.
 */

/** The applicant's current (not withdrawn) application for a scheme, or null. */
export async function getCurrentApplication({ userId, schemeId }: { userId: string; schemeId: string }, tx: DbOrTx = db): Promise<Application | null> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, userId), eq(applications.schemeId, schemeId), ne(applications.status, 'withdrawn')))
  return row ?? null
}

/** The draft to write into; created on the first answer (one per person per scheme, by a unique index). */
export async function getOrCreateDraft({ userId, schemeId }: { userId: string; schemeId: string }, tx: DbOrTx = db): Promise<Application> {
  const existing = await getCurrentApplication({ userId, schemeId }, tx)
  if (existing) return existing
  const [created] = await tx
    .insert(applications)
    .values({ schemeId, applicantUserId: userId, answers: {} })
    .onConflictDoNothing()
    .returning()
  if (created) {
    await tx.insert(applicationEvents).values({ applicationId: created.id, status: 'draft', visibleToApplicant: false })
    return created
  }
  // Two first saves at once: the other one created it.
  const again = await getCurrentApplication({ userId, schemeId }, tx)
  if (!again) throw new Error('draft not created')
  return again
}

export class ApplicationLockedError extends Error {
  constructor() {
    super('the application was already submitted')
    this.name = 'ApplicationLockedError'
  }
}

/** Runs `change` on the applicant's draft (locked), refusing once it was submitted. */
export async function updateDraft(
  { userId, schemeId }: { userId: string; schemeId: string },
  change: (draft: Application, tx: DbOrTx) => Promise<Partial<typeof applications.$inferInsert> | void>,
) {
  return db.transaction(async (tx) => {
    const created = await getOrCreateDraft({ userId, schemeId }, tx)
    const [draft] = await tx.select().from(applications).where(eq(applications.id, created.id)).for('update')
    if (!draft || draft.status !== 'draft') throw new ApplicationLockedError()
    const set = await change(draft, tx)
    if (set) await tx.update(applications).set({ ...set, updatedAt: new Date() }).where(eq(applications.id, draft.id))
    return draft.id
  })
}
