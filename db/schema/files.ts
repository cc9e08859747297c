import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'

/**
 * Every binary kept in S3 has one row here (key, size, type, checksum). Objects without
 * a row are orphans (an interrupted upload) and are removed by the storage clean-up job.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: id(),
    key: text('key').notNull().unique(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    purpose: text('purpose').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stored_files_purpose_idx').on(t.purpose)],
)
export type StoredFile = typeof storedFiles.$inferSelect
export type NewStoredFile = typeof storedFiles.$inferInsert
