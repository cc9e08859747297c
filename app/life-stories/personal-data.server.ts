import { eq, inArray } from 'drizzle-orm'
import { storedFiles } from '@db/schema/files'
import { lifeStories } from '@db/schema/life-stories'
import { decryptField } from '~/privacy/field-crypto.server'
import { registerPersonalData } from '~/privacy/data-registry.server'

/**
 * Exported: every life story the person claimed, with its text, and its audio file.
 * Erased: the claimed stories and their audio, deleted (the portal's copy; the commission's or
 * Slachtofferhulp's own record is outside the portal). A story not yet claimed is linked to an
 * address, not an account: it is not found by account and stays for the archivist to withdraw.
 * Invitations go with their story (ON DELETE CASCADE).
 */
registerPersonalData({
  name: 'lifeStories',
  tables: ['life_stories', 'life_story_invitations'],
  exportFor: async ({ userId, tx }) => {
    const rows = await tx.select().from(lifeStories).where(eq(lifeStories.claimedBy, userId))
    return {
      lifeStories: rows.map((r) => ({
        reference: r.reference,
        source: r.source,
        recordedOn: r.recordedOn,
        claimedAt: r.claimedAt,
        state: r.state,
        approvedAt: r.approvedAt,
        title: decryptField(r.titleEncrypted),
        text: decryptField(r.bodyEncrypted),
        correctedTitle: r.correctedTitleEncrypted ? decryptField(r.correctedTitleEncrypted) : null,
        correctedText: r.correctedBodyEncrypted ? decryptField(r.correctedBodyEncrypted) : null,
      })),
    }
  },
  filesFor: async ({ userId, tx }) => {
    const rows = await tx
      .select({ key: storedFiles.key, contentType: storedFiles.contentType, reference: lifeStories.reference })
      .from(lifeStories)
      .innerJoin(storedFiles, eq(storedFiles.id, lifeStories.audioFileId))
      .where(eq(lifeStories.claimedBy, userId))
    return rows.map((r) => ({ key: r.key, name: r.reference, contentType: r.contentType, folder: 'life-stories' }))
  },
  eraseFor: async ({ userId, tx }) => {
    const rows = await tx.delete(lifeStories).where(eq(lifeStories.claimedBy, userId)).returning({ audioFileId: lifeStories.audioFileId })
    const fileIds = rows.map((r) => r.audioFileId).filter((id): id is string => id !== null)
    if (fileIds.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, fileIds))
    return {}
  },
})
