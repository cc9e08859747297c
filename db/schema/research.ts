import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'

export const RESEARCH_EXPORT_FORMATS = ['csv', 'json'] as const
export type ResearchExportFormat = (typeof RESEARCH_EXPORT_FORMATS)[number]

/**
 * A research project an admin registered. It may export only while it is active: today on or
 * before `ends_on`, with an ethics approval reference and a data-use agreement date (ADR 0024).
 * `pseudonym_salt` is random per project, so the same story gets a different number in every
 * project and two projects cannot link their datasets.
 */
export const researchProjects = pgTable(
  'research_projects',
  {
    id: id(),
    title: text('title').notNull(),
    organisation: text('organisation').notNull(),
    purpose: text('purpose').notNull(),
    ethicsReference: text('ethics_reference'),
    dataUseAgreementOn: date('data_use_agreement_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    pseudonymSalt: text('pseudonym_salt').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('research_projects_ends_idx').on(t.endsOn)],
)
export type ResearchProject = typeof researchProjects.$inferSelect
export type NewResearchProject = typeof researchProjects.$inferInsert

/** The researchers listed on a project: only they may export for it. */
export const researchProjectResearchers = pgTable(
  'research_project_researchers',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('research_project_researchers_user_idx').on(t.userId)],
)

/** Every export: who, for which project, when, in which format and how many stories. */
export const researchExports = pgTable(
  'research_exports',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'restrict' }),
    exportedBy: uuid('exported_by').references(() => users.id, { onDelete: 'set null' }),
    format: text('format', { enum: RESEARCH_EXPORT_FORMATS }).notNull(),
    k: integer('k').notNull(),
    storyCount: integer('story_count').notNull(),
    suppressedCount: integer('suppressed_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('research_exports_project_idx').on(t.projectId, t.createdAt),
    check('research_exports_format_check', sql`${t.format} in ('csv', 'json')`),
  ],
)
export type ResearchExport = typeof researchExports.$inferSelect

/**
 * Which stories an export held and under which pseudonym. No foreign key to the story: the
 * log must outlive a deleted story, so that its researchers can still be told to delete it.
 */
export const researchExportItems = pgTable(
  'research_export_items',
  {
    exportId: uuid('export_id')
      .notNull()
      .references(() => researchExports.id, { onDelete: 'cascade' }),
    storyId: uuid('story_id').notNull(),
    pseudonym: text('pseudonym').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.storyId] }), index('research_export_items_story_idx').on(t.storyId)],
)

/**
 * A project must delete a story it received: its research consent was withdrawn (or the story
 * left the monument) after an export. One per project and pseudonym.
 */
export const researchDeletionNotices = pgTable(
  'research_deletion_notices',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id, { onDelete: 'cascade' }),
    pseudonym: text('pseudonym').notNull(),
    /** When the consent stopped (the withdrawal), or when the sweep noticed it. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('research_deletion_notices_project_pseudonym_idx').on(t.projectId, t.pseudonym)],
)
export type ResearchDeletionNotice = typeof researchDeletionNotices.$inferSelect
