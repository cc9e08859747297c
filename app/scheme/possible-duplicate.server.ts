import { and, asc, eq, isNull, ne, notInArray, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { applications, type Application } from '@db/schema/scheme'

/**
 * Another application about the same person: found through the keyed hash, never by
 * decrypting. For a representative that person is the survivor, not the representative.
 * Returns the earliest such application in the scheme that is still running, or null.
 */
export async function findPossibleDuplicate(
  { draft, representative }: { draft: Pick<Application, 'id' | 'schemeId' | 'bsnHash' | 'survivorBsnHash'>; representative: boolean },
  tx: DbOrTx,
): Promise<{ id: string } | null> {
  const subjectHash = representative ? draft.survivorBsnHash : draft.bsnHash
  if (!subjectHash) return null
  const [duplicate] = await tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.schemeId, draft.schemeId),
        or(
          // Someone's own BSN is the subject's only when they did not apply as a representative.
          and(eq(applications.bsnHash, subjectHash), sql`coalesce(${applications.answers}->'applicant'->>'kind', 'self') <> 'representative'`),
          eq(applications.survivorBsnHash, subjectHash),
        ),
        ne(applications.id, draft.id),
        notInArray(applications.status, ['draft', 'withdrawn']),
      ),
    )
    .orderBy(asc(applications.submittedAt))
    .limit(1)
  return duplicate ?? null
}

/**
 * The flag goes both ways: the earlier application points back at the new one (unless it is
 * already flagged), so an assessor of either case sees the other.
 */
export async function flagEarlierDuplicate({ earlierId, laterId }: { earlierId: string; laterId: string }, tx: DbOrTx) {
  await tx
    .update(applications)
    .set({ possibleDuplicateOf: laterId })
    .where(and(eq(applications.id, earlierId), isNull(applications.possibleDuplicateOf)))
}
