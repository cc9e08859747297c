import { and, asc, eq, ne, or } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { applications, type Application } from '@db/schema/scheme'

/**
 * The other applications flagged as possibly the same person's (the BSN matched through the
 * keyed hash at submission), in both directions: the ones this application points at and the
 * ones that point at it. Read only; opening one is logged by that case page as usual.
 */
export async function listDuplicateLinks(tx: DbOrTx, app: Pick<Application, 'id' | 'possibleDuplicateOf'>) {
  return tx
    .select({ id: applications.id, reference: applications.reference })
    .from(applications)
    .where(
      and(
        or(eq(applications.possibleDuplicateOf, app.id), app.possibleDuplicateOf ? eq(applications.id, app.possibleDuplicateOf) : undefined),
        ne(applications.id, app.id),
        ne(applications.status, 'draft'),
      ),
    )
    .orderBy(asc(applications.submittedAt))
}
