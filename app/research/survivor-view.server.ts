import { desc, eq, inArray } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { researchExportItems, researchExports, researchProjects } from '@db/schema/research'
import { listOwnStoryIdsForResearch } from '~/monument/for-research.server'

/**
 * What a survivor sees of research use: for each export that held one of their stories, the
 * project's title, organisation and purpose and the export's date (the research consent
 * promises exactly this). Never the pseudonym: it is only for the project's deletion duty.
 */
export async function listOwnResearchInclusions({ authorId }: { authorId: string }, tx: DbOrTx = db) {
  const own = await listOwnStoryIdsForResearch({ authorId, tx })
  if (own.length === 0) return []
  const titleOf = new Map(own.map((s) => [s.id, s.title]))
  const rows = await tx
    .select({
      exportId: researchExports.id,
      storyId: researchExportItems.storyId,
      exportedAt: researchExports.createdAt,
      projectTitle: researchProjects.title,
      organisation: researchProjects.organisation,
      purpose: researchProjects.purpose,
    })
    .from(researchExportItems)
    .innerJoin(researchExports, eq(researchExports.id, researchExportItems.exportId))
    .innerJoin(researchProjects, eq(researchProjects.id, researchExports.projectId))
    .where(inArray(researchExportItems.storyId, [...titleOf.keys()]))
    .orderBy(desc(researchExports.createdAt))
  return rows.map((r) => ({ ...r, storyTitle: titleOf.get(r.storyId) ?? '' }))
}
