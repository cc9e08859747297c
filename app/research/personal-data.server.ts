import { eq } from 'drizzle-orm'
import { researchExports, researchProjectResearchers } from '@db/schema/research'
import { registerPersonalData } from '~/privacy/data-registry.server'
import { sweepDeletionNotices } from './notices.server'
import { listOwnResearchInclusions } from './survivor-view.server'

/**
 * Exported: for a survivor, every research export that held one of their stories (project,
 * organisation, purpose, date); for a researcher, the projects they are on and the exports they made.
 *
 * Erased: a researcher's project memberships go (cascade), their exports stay with the actor
 * emptied (set null). A survivor's stories are erased by the monument (registered before this),
 * after which the sweep here sends every project that received one a deletion notice. The
 * export log keeps each story's pseudonym and its now dangling id: the proof of what went to
 * whom, holding nothing that leads back to the person.
 */
registerPersonalData({
  name: 'research',
  tables: ['research_projects', 'research_project_researchers', 'research_exports', 'research_export_items', 'research_deletion_notices'],
  exportFor: async ({ userId, tx }) => {
    const inclusions = await listOwnResearchInclusions({ authorId: userId }, tx)
    const projects = await tx.select({ projectId: researchProjectResearchers.projectId }).from(researchProjectResearchers).where(eq(researchProjectResearchers.userId, userId))
    const exports = await tx.select({ id: researchExports.id, projectId: researchExports.projectId, format: researchExports.format, storyCount: researchExports.storyCount, at: researchExports.createdAt }).from(researchExports).where(eq(researchExports.exportedBy, userId))
    return {
      storiesInResearchExports: inclusions.map((i) => ({ story: i.storyTitle, project: i.projectTitle, organisation: i.organisation, purpose: i.purpose, exportedAt: i.exportedAt })),
      researchProjects: projects.map((p) => p.projectId),
      exportsMade: exports,
    }
  },
  eraseFor: async ({ tx }) => {
    await sweepDeletionNotices({ tx })
    return {}
  },
})
