import { asc, eq } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'

/**
 * What the sitemap needs from the directory (app/seo may not read the table): the address and
 * last change of every published entry, nothing else.
 */
export async function listPublishedEntryPaths({ tx = defaultDb }: { tx?: DbOrTx } = {}): Promise<Array<{ slug: string; updatedAt: Date }>> {
  return tx
    .select({ slug: directoryEntries.slug, updatedAt: directoryEntries.updatedAt })
    .from(directoryEntries)
    .where(eq(directoryEntries.published, true))
    .orderBy(asc(directoryEntries.slug))
}
