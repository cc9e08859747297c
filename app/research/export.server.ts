import { PassThrough, Readable } from 'node:stream'
import { ZipArchive } from 'archiver'
import { db } from '@db/client.server'
import { researchExportItems, researchExports, type ResearchExportFormat } from '@db/schema/research'
import { recordAccess } from '~/audit/audit.server'
import { listResearchConsentedStories } from '~/consent/for-research.server'
import { listResearchStoryFacets, readResearchStoryTexts } from '~/monument/for-research.server'
import { buildReadme, csvHeader, csvRow, jsonRow, type ResearchRow } from './export-format'
import { anonymise, K, toQis, type Qis } from './k-anonymity'
import { sweepDeletionNotices } from './notices.server'
import { requireExportableProject } from './projects.server'
import { researchPseudonym } from './pseudonym.server'

const ITEM_BATCH = 5000

export type ResearchExportResult = { exportId: string; storyCount: number; filename: string; stream: Readable }

/**
 * A researcher's dataset for one of their active projects (ADR 0024): the stories whose author
 * holds a current research consent, published and not hidden, k-anonymous over the
 * quasi-identifiers, under this project's pseudonyms, as a zip with the data file and a README.
 * The export and every story in it are logged before the first byte goes out, so a later
 * withdrawal always finds who must be told.
 */
export async function createResearchExport({ researcher, projectId, format, ip }: { researcher: { id: string; roles: string[] }; projectId: string; format: ResearchExportFormat; ip?: string | null }): Promise<ResearchExportResult> {
  const project = await requireExportableProject({ userId: researcher.id, projectId })
  // Withdrawals since the last look become notices first, whatever happens to this export.
  await sweepDeletionNotices({ projectIds: [project.id] })

  // Pass 1: only ids and facets, to make the set k-anonymous as a whole.
  const consented = await listResearchConsentedStories()
  const records: Array<{ storyId: string; qis: Qis }> = []
  for await (const batch of listResearchStoryFacets({ consented })) {
    for (const s of batch) records.push({ storyId: s.storyId, qis: toQis({ decades: s.decades, settings: s.settings, region: s.region, institution: s.institution }) })
  }
  const result = anonymise(records, { k: K })
  const kept = result.records.map((r) => ({ ...r, pseudonym: researchPseudonym({ projectSalt: project.pseudonymSalt, storyId: r.storyId }) }))

  const exportRow = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(researchExports)
      .values({ projectId: project.id, exportedBy: researcher.id, format, k: result.k, storyCount: kept.length, suppressedCount: result.suppressedQis })
      .returning()
    for (let i = 0; i < kept.length; i += ITEM_BATCH) {
      await tx.insert(researchExportItems).values(kept.slice(i, i + ITEM_BATCH).map((r) => ({ exportId: row!.id, storyId: r.storyId, pseudonym: r.pseudonym })))
    }
    await recordAccess({ actor: researcher, action: 'research.export', objectType: 'researchExport', objectId: row!.id, subjectId: null, purpose: 'research', outcome: 'success', ip }, tx)
    return row!
  })

  const readme = buildReadme({
    project,
    exportId: exportRow.id,
    exportedAt: exportRow.createdAt,
    format,
    storyCount: kept.length,
    k: result.k,
    levels: result.levels,
    suppressedQis: result.suppressedQis,
    droppedRecords: result.droppedRecords,
  })
  const byId = new Map(kept.map((r) => [r.storyId, r]))
  // Pass 2: the texts, streamed in batches straight into the zip.
  async function* lines() {
    if (format === 'csv') yield csvHeader()
    for await (const batch of readResearchStoryTexts({ storyIds: kept.map((r) => r.storyId) })) {
      let chunk = ''
      for (const t of batch) {
        const r = byId.get(t.storyId)
        if (!r) continue
        const row: ResearchRow = { pseudonym: r.pseudonym, title: t.title, text: t.body, contentNote: t.contentNote, ...r.qis }
        chunk += format === 'csv' ? csvRow(row) : `${jsonRow(row)}\n`
      }
      if (chunk) yield chunk
    }
  }
  const zip = new ZipArchive({ zlib: { level: 6 } })
  const out = new PassThrough()
  zip.on('error', (e: Error) => out.destroy(e))
  zip.pipe(out)
  zip.append(readme, { name: 'README.md' })
  zip.append(Readable.from(lines()), { name: format === 'csv' ? 'stories.csv' : 'stories.jsonl' })
  void zip.finalize().catch((e: Error) => out.destroy(e))
  const date = exportRow.createdAt.toISOString().slice(0, 10)
  return { exportId: exportRow.id, storyCount: kept.length, filename: `onderzoek-${date}-${exportRow.id.slice(0, 8)}.zip`, stream: out }
}
