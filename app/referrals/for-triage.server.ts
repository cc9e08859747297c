import { and, eq, inArray } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'

/**
 * What triage needs from the referral directory (app/triage may not read the table itself):
 * which published entry a worker may refer to, and the names of entries a request was
 * referred to. Only id, slug and name are read here: the per-language texts change shape
 * with the directory and are read through the directory module, never from triage.
 */

type ReferralTargetName = { id: string; slug: string; name: string }

/** A published entry to refer to, or null (unknown, unpublished and malformed ids look the same). */
export async function getReferralTarget({ entryId, tx = defaultDb }: { entryId: string; tx?: DbOrTx }): Promise<ReferralTargetName | null> {
  // A tampered id would reach PostgreSQL's uuid comparison and fail there: refuse it first.
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) return null
  const [row] = await tx
    .select({ id: directoryEntries.id, slug: directoryEntries.slug, name: directoryEntries.name })
    .from(directoryEntries)
    .where(and(eq(directoryEntries.id, entryId), eq(directoryEntries.published, true)))
  return row ?? null
}

/**
 * Names of the entries with these ids, published or not: a referral made before an entry was
 * unpublished still names the organisation it went to.
 */
export async function getReferralTargetNames({ entryIds, tx = defaultDb }: { entryIds: readonly string[]; tx?: DbOrTx }): Promise<Map<string, ReferralTargetName>> {
  if (entryIds.length === 0) return new Map()
  const rows = await tx
    .select({ id: directoryEntries.id, slug: directoryEntries.slug, name: directoryEntries.name })
    .from(directoryEntries)
    .where(inArray(directoryEntries.id, [...new Set(entryIds)]))
  return new Map(rows.map((r) => [r.id, r]))
}

/** Test-only: a published peer-support entry to refer to. */
export async function createTestEntry(slug = `test-${Math.random().toString(36).slice(2, 10)}`) {
  const [row] = await defaultDb
    .insert(directoryEntries)
    .values({
      slug,
      name: `Lotgenoten ${slug}`,
      kind: 'peerSupport',
      texts: { nl: { description: 'Contact met lotgenoten.', forWhom: 'Iedereen.' }, en: { description: 'Contact with fellow survivors.', forWhom: 'Everyone.' } },
      needs: ['peerContact'],
      languages: ['nl'],
      source: 'test',
      lastCheckedAt: '2020-01-01',
      published: true,
    })
    .returning({ id: directoryEntries.id })
  return row!.id
}
