import { db, type DbOrTx } from '@db/client.server'
import { exportFileName, safeSegment, uniqueName } from './export-names'

/**
 * The data-rights registry (GDPR art. 15, 17, 20). Every capability that stores personal
 * data registers its tables with an exporter and an eraser, in its own
 * `personal-data.server.ts`, imported from registrations.server.ts. data-registry.test.ts
 * fails for any table in the public schema that is neither registered here nor declared
 * not personal, so new personal data cannot be forgotten by export or erasure.
 */
export type PersonalDataContext = { userId: string; tx: DbOrTx }

/**
 * A file of the person's, with what it is called in their export: the name they gave it (and
 * its content type, for the extension), in a folder such as the application's reference.
 * A bare storage key is exported under the key, as before.
 */
export type PersonalFile = string | { key: string; name: string | null; contentType?: string | null; folder?: string }

export type PersonalDataRegistration = {
  /** Section name in the export, e.g. 'account', 'monument'. Unique. */
  name: string
  /** The database tables (public schema) this registration answers for. */
  tables: string[]
  /** What the person gets in their export. Runs in a read-only snapshot: never write here. */
  exportFor: (ctx: PersonalDataContext) => Promise<unknown>
  /**
   * Erases or anonymises the person's data. Return `kept` (an i18n key such as
   * 'privacy:kept.accessLog') when something stays, saying what and why, and `keepFiles`
   * for storage keys listed by `filesFor` (so they are in the export) that must survive.
   */
  eraseFor: (ctx: PersonalDataContext) => Promise<{ kept?: string; keepFiles?: string[] }>
  /** The person's files (storage keys, or keys with their names): added to the export, removed after erasure. */
  filesFor?: (ctx: PersonalDataContext) => Promise<PersonalFile[]>
}

const registry = new Map<string, PersonalDataRegistration>()
const notPersonal = new Map<string, string>()

/**
 * Tables in the public schema without personal data, and why. pg-boss (schema pgboss) and
 * drizzle's migration journal (schema drizzle) live outside the public schema and are not
 * checked. Capabilities can declare their own with `declareNotPersonal`.
 */
export const NOT_PERSONAL_TABLES: Record<string, string> = {
  stored_files: 'registry of binaries (key, size, type, checksum); rows are erased through their owning capability',
  request_limits: 'per-minute request counters shared by the portal processes (ADR 0027), keyed by a keyed hash of the client address, never the address; rows end with their minute',
}

/**
 * Registers (or, when a module is reloaded in development, replaces) a capability's
 * personal data. Erasers run in registration order, so registrations.server.ts imports
 * the account last: other erasers still find rows linked to the user. Returns an
 * unregister function (tests).
 */
export function registerPersonalData(registration: PersonalDataRegistration): () => void {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(registration.name)) throw new Error(`personal data section name must be camelCase: ${registration.name}`)
  registry.delete(registration.name)
  registry.set(registration.name, registration)
  return () => {
    if (registry.get(registration.name) === registration) registry.delete(registration.name)
  }
}

/** A capability's table that holds no personal data (a public directory, a lookup list). */
export function declareNotPersonal({ table, reason }: { table: string; reason: string }) {
  notPersonal.set(table, reason)
}

export function listPersonalDataRegistrations(): PersonalDataRegistration[] {
  return [...registry.values()]
}

/** Every table accounted for: registered as personal, or declared not personal with a reason. */
export function listCoveredTables(): { personal: Map<string, string[]>; notPersonal: Map<string, string> } {
  const personal = new Map<string, string[]>()
  for (const r of registry.values()) for (const t of r.tables) personal.set(t, [...(personal.get(t) ?? []), r.name])
  return { personal, notPersonal: new Map([...Object.entries(NOT_PERSONAL_TABLES), ...notPersonal]) }
}

/**
 * Everything stored about a person, one section per capability, read in one consistent
 * read-only snapshot. The caller logs the export (recordAccess 'data.export').
 */
export async function exportUserData({ userId }: { userId: string }): Promise<{ generatedAt: Date; sections: Record<string, unknown> }> {
  const sections: Record<string, unknown> = {}
  await db.transaction(
    async (tx) => {
      for (const r of registry.values()) sections[r.name] = await r.exportFor({ userId, tx })
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
  return { generatedAt: new Date(), sections }
}

const keyOf = (file: PersonalFile) => (typeof file === 'string' ? file : file.key)

/** The storage keys of all of a person's files, without duplicates. */
export async function listUserFiles({ userId }: { userId: string }, tx: DbOrTx = db): Promise<string[]> {
  const keys = new Set<string>()
  for (const r of registry.values()) {
    if (!r.filesFor) continue
    for (const file of await r.filesFor({ userId, tx })) keys.add(keyOf(file))
  }
  return [...keys]
}

/**
 * The person's files with their paths in the export zip, each key once: a named file as
 * `files/<section>/<folder>/<name.ext>` (made safe and unique), a bare key as `files/<key>`.
 */
export async function listUserExportFiles({ userId }: { userId: string }, tx: DbOrTx = db): Promise<Array<{ key: string; path: string }>> {
  const seen = new Set<string>()
  const taken = new Set<string>()
  const files: Array<{ key: string; path: string }> = []
  for (const r of registry.values()) {
    if (!r.filesFor) continue
    for (const file of await r.filesFor({ userId, tx })) {
      const key = keyOf(file)
      if (seen.has(key)) continue
      seen.add(key)
      const path =
        typeof file === 'string'
          ? `files/${key.replace(/[^\w./-]/g, '_')}`
          : ['files', r.name, ...(file.folder ? [safeSegment(file.folder)] : []), exportFileName({ name: file.name, contentType: file.contentType })].join('/')
      files.push({ key, path: uniqueName(path, taken) })
    }
  }
  return files
}

export type ErasureResult = {
  erasedAt: Date
  /** Sections with nothing left. */
  erased: string[]
  /** Sections where something stays, with the i18n key of the reason. */
  kept: Array<{ name: string; reason: string }>
  /** Storage keys that stay (e.g. media of a story transferred to an archive). */
  keepFiles: string[]
}

/**
 * Runs every eraser in one transaction: all of them, or (on any error) none. Files are
 * not touched here: take `listUserFiles` first and remove them after this commits (an
 * object left behind has no row any more and is removed by the orphan sweep).
 */
export async function eraseUserData({ userId }: { userId: string }): Promise<ErasureResult> {
  const erased: string[] = []
  const kept: ErasureResult['kept'] = []
  const keepFiles: string[] = []
  await db.transaction(async (tx) => {
    for (const r of registry.values()) {
      const result = await r.eraseFor({ userId, tx })
      if (result.kept) kept.push({ name: r.name, reason: result.kept })
      else erased.push(r.name)
      keepFiles.push(...(result.keepFiles ?? []))
    }
  })
  return { erasedAt: new Date(), erased, kept, keepFiles }
}
