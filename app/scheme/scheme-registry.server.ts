import { asc, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { schemes } from '@db/schema/scheme'
import { isSchemeOpen, SchemeConfigSchema, type SchemeConfig } from './scheme-config'
import { SCHEMES } from './schemes'

/** A scheme version as stored: its database id and its rules. */
type SchemeRow = { id: string; config: SchemeConfig }

/** Upserts every configured scheme by (code, version); the data in app/scheme/schemes.ts is the source. */
async function syncSchemes(tx: DbOrTx = db): Promise<SchemeRow[]> {
  const rows: SchemeRow[] = []
  for (const config of SCHEMES) {
    const [row] = await tx
      .insert(schemes)
      .values({ code: config.code, version: config.version, config })
      .onConflictDoUpdate({ target: [schemes.code, schemes.version], set: { config } })
      .returning({ id: schemes.id })
    rows.push({ id: row!.id, config })
  }
  return rows
}

/** The known schemes with their database ids (created on first use, so a fresh database just works). */
export async function listSchemes(tx: DbOrTx = db): Promise<SchemeRow[]> {
  const rows = await tx.select().from(schemes).orderBy(asc(schemes.createdAt))
  const known = new Set(rows.map((r) => `${r.code}@${r.version}`))
  if (SCHEMES.some((s) => !known.has(`${s.code}@${s.version}`))) return syncSchemes(tx)
  return rows.map((r) => ({ id: r.id, config: SchemeConfigSchema.parse(r.config) }))
}

/** The scheme that takes applications today, if any (the newest open one). */
export async function getOpenScheme({ now = new Date() }: { now?: Date } = {}, tx: DbOrTx = db): Promise<SchemeRow | null> {
  const open = (await listSchemes(tx)).filter((s) => isSchemeOpen(s.config, now))
  return open.at(-1) ?? null
}

/** The rules of the scheme an application belongs to. */
export async function getSchemeConfig(id: string, tx: DbOrTx = db): Promise<SchemeConfig> {
  const [row] = await tx.select({ config: schemes.config }).from(schemes).where(eq(schemes.id, id))
  if (!row) throw new Error('unknown scheme')
  return SchemeConfigSchema.parse(row.config)
}
