import { and, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { applicationEvents, applications } from '@db/schema/scheme'

/** Withdraws the applicant's own application (before a decision). */
export async function withdrawApplication({ userId, applicationId }: { userId: string; applicationId: string }) {
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.applicantUserId, userId)))
      .for('update')
    if (!app || !['submitted', 'inAssessment', 'informationRequested'].includes(app.status)) return { ok: false as const }
    await tx.update(applications).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(applications.id, app.id))
    await tx.insert(applicationEvents).values({ applicationId: app.id, status: 'withdrawn' })
    return { ok: true as const }
  })
}
