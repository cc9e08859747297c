import { bigint, check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

/**
 * One row: a counter that triggers raise whenever something anonymous readers can see may
 * have changed (a published story, its media or consents, an author's shown name, the help
 * directory). The public page cache (server/page-cache.ts, ADR 0011) reads it on every
 * request and keeps a rendered page only while the counter it was rendered under stands, so
 * a withdrawal or a report still counts from the very next request.
 */
export const publicationState = pgTable(
  'publication_state',
  {
    id: integer('id').primaryKey().default(1),
    generation: bigint('generation', { mode: 'bigint' }).notNull().default(sql`1`),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('publication_state_single_row', sql`${t.id} = 1`)],
)

/**
 * How many visible stories (published, not hidden) carry each facet value, per audience, kept
 * by statement-level triggers on `stories` in the same transaction as every change (migration
 * 0031, ADR 0033): the unfiltered listing reads these few rows instead of aggregating every
 * story after each change. Filtered and searched listings still aggregate their matches.
 */
export const storyFacetCounts = pgTable(
  'story_facet_counts',
  {
    audience: text('audience').notNull(),
    facet: text('facet').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.audience, t.facet, t.value] })],
)
