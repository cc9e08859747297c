import { asc, desc, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { institutionNames } from '@db/schema/monument'

/** Institution suggestions for the <datalist>: names survivors typed, most used first. */
export async function listInstitutionSuggestions({ limit = 200 }: { limit?: number } = {}, tx: DbOrTx = db) {
  const rows = await tx.select({ name: institutionNames.name }).from(institutionNames).orderBy(desc(institutionNames.uses), asc(institutionNames.name)).limit(limit)
  return rows.map((r) => r.name)
}

/** Counts a name typed in a submitted story, so the suggestions learn the names survivors use. */
export async function rememberInstitution(t: DbOrTx, name: string) {
  const clean = name.trim().replace(/\s+/g, ' ')
  if (!clean) return
  // The unique index is on lower(name): drizzle's onConflict cannot name an expression.
  await t.execute(sql`insert into institution_names (name) values (${clean}) on conflict (lower(name)) do update set uses = institution_names.uses + 1`)
}
