import { asc, eq } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { listStaleEntries } from './directory.server'
import { DirectoryEntryInputSchema } from './schemas'
import type { DirectoryEntryForm } from './directory-form'

/**
 * Staff upkeep of the help directory: list (with entries not checked for six months flagged),
 * edit, and mark as checked. The public pages read the same rows.
 */
export async function listEntriesForStaff({ now = new Date(), tx = defaultDb }: { now?: Date; tx?: DbOrTx } = {}) {
  const stale = new Set((await listStaleEntries({ now, tx })).map((e) => e.id))
  const rows = await tx
    .select({ id: directoryEntries.id, slug: directoryEntries.slug, name: directoryEntries.name, kind: directoryEntries.kind, lastCheckedAt: directoryEntries.lastCheckedAt, published: directoryEntries.published })
    .from(directoryEntries)
    .orderBy(asc(directoryEntries.lastCheckedAt), asc(directoryEntries.name))
  return rows.map((r) => ({ ...r, stale: stale.has(r.id) }))
}

/** Published directory entries to refer to, by name. */
export async function listReferralTargets({ tx = defaultDb }: { tx?: DbOrTx } = {}) {
  return tx
    .select({ id: directoryEntries.id, slug: directoryEntries.slug, name: directoryEntries.name, kind: directoryEntries.kind })
    .from(directoryEntries)
    .where(eq(directoryEntries.published, true))
    .orderBy(asc(directoryEntries.name))
}

export async function getEntryForEdit({ id, tx = defaultDb }: { id: string; tx?: DbOrTx }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
  const [row] = await tx.select().from(directoryEntries).where(eq(directoryEntries.id, id))
  return row ?? null
}

/**
 * Saves an edited entry after the same validation the seed uses (DirectoryEntryInputSchema),
 * so a staff edit can never store what the public pages would refuse to show.
 */
export async function updateDirectoryEntry({ id, form, tx = defaultDb }: { id: string; form: DirectoryEntryForm; tx?: DbOrTx }) {
  const existing = await getEntryForEdit({ id, tx })
  if (!existing) return null
  const value = DirectoryEntryInputSchema.parse({
    ...form,
    slug: existing.slug,
    lastCheckedAt: existing.lastCheckedAt,
  })
  const { slug: _slug, lastCheckedAt: _checked, ...changes } = value
  await tx.update(directoryEntries).set(changes).where(eq(directoryEntries.id, id))
  return { id }
}

/** "Checked today": the facts were compared with the source again. */
export async function markEntryChecked({ id, today = new Date(), tx = defaultDb }: { id: string; today?: Date; tx?: DbOrTx }) {
  const updated = await tx
    .update(directoryEntries)
    .set({ lastCheckedAt: today.toISOString().slice(0, 10) })
    .where(eq(directoryEntries.id, id))
    .returning({ id: directoryEntries.id })
  return updated.length === 1
}
