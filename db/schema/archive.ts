import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'
import { storedFiles } from './files'
import { stories } from './monument'

/**
 * Archive packages (ADR 0023): one BagIt bag per story and text version, zipped into the
 * bucket under `archive-packages/`. A package's bytes never change once written (a new text
 * version is a new package with a new ref); the database refuses to change what identifies
 * them, and refuses to delete a package that was handed over (migration 0022).
 */
export const archivePackages = pgTable(
  'archive_packages',
  {
    id: id(),
    /** Human-readable and not personal, e.g. `ARCH-2026-7K3M9QXA`: used in URLs and on the receipt. */
    ref: text('ref').notNull().unique(),
    // RESTRICT: a story with packages not yet handed over is deleted only after they are
    // discarded (app/archive/for-monument.server.ts); a handed-over story is never deleted.
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'restrict' }),
    /** For the survivor's own view; null once the account is erased (a handed-over package stays). */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    storageKey: text('storage_key').notNull().unique(),
    sha256: text('sha256').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    payloadOxum: text('payload_oxum').notNull(),
    /** The paths inside the zip, so a page can list them without opening it. */
    files: text('files').array().notNull(),
    /** Which approved text went in (see for-archive.server.ts in monument). */
    textVersion: text('text_version').notNull(),
    coveredMediaIds: uuid('covered_media_ids').array().notNull(),
    /** The story's archive consent event the package was built on. */
    consentEventId: bigint('consent_event_id', { mode: 'number' }).notNull(),
    consentTextVersion: text('consent_text_version').notNull(),
    /** What went in (text version, media, consent events): the same again builds nothing new. */
    contentFingerprint: text('content_fingerprint').notNull(),
    // Staff ids without a foreign key, like the access log: the record of who did it outlives an account.
    builtBy: uuid('built_by').notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
    handedOverBy: uuid('handed_over_by'),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    receiptReference: text('receipt_reference'),
    createdAt: createdAt(),
  },
  (t) => [
    index('archive_packages_story_idx').on(t.storyId, t.builtAt),
    index('archive_packages_author_idx').on(t.authorId),
    check(
      'archive_packages_handover_complete',
      sql`(${t.handedOverAt} is null) = (${t.handedOverBy} is null) and (${t.handedOverAt} is null) = (${t.receiptReference} is null)`,
    ),
  ],
)
export type ArchivePackage = typeof archivePackages.$inferSelect
export type NewArchivePackage = typeof archivePackages.$inferInsert
