import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { stories } from './monument'

/**
 * What a survivor typed in a story step when their session had ended: kept encrypted for a
 * day, tied to the browser by a random token (only its hash is stored) and to the story, and
 * handed back only to the story's author after they sign in again (ADR 0015).
 */
export const draftRescues = pgTable(
  'draft_rescues',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    /** AES-GCM (field-crypto) of the JSON of the typed fields. */
    payload: text('payload').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('draft_rescues_story_idx').on(t.storyId), index('draft_rescues_expires_idx').on(t.expiresAt)],
)
