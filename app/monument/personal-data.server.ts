import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { draftRescues } from '@db/schema/draft-rescue'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia } from '@db/schema/monument'
import { decryptField } from '~/privacy/field-crypto.server'
import { declareNotPersonal, registerPersonalData } from '~/privacy/data-registry.server'
import { mediaKeysOfStories } from './delete-story.server'

// The monument's personal data: a survivor's stories (their own text and the moderated
// version), the media metadata and the media files. Consents live in the ledger (consent
// capability). A story handed to the commission archive with the survivor's consent is kept
// as that consent covers (text and media, no longer linked to the account): the archive holds
// a copy we cannot call back.

async function storiesOf(userId: string, tx: DbOrTx, which: 'all' | 'erasable' | 'archived' = 'all') {
  const archived = which === 'erasable' ? isNull(stories.archiveTransferredAt) : which === 'archived' ? isNotNull(stories.archiveTransferredAt) : undefined
  return tx.select().from(stories).where(and(eq(stories.authorId, userId), archived))
}

registerPersonalData({
  name: 'monument',
  tables: ['stories', 'story_media'],
  exportFor: async ({ userId, tx }) => {
    const own = await storiesOf(userId, tx)
    const media = own.length ? await tx.select().from(storyMedia).where(inArray(storyMedia.storyId, own.map((s) => s.id))) : []
    return own.map((s) => ({
      id: s.id,
      status: s.status,
      title: s.title,
      body: s.body,
      contentNote: s.contentNote,
      decades: s.decades,
      settings: s.settings,
      institutionName: s.institutionName,
      violenceKinds: s.violenceKinds,
      themes: s.themes,
      region: s.region,
      displayMode: s.displayMode,
      pseudonym: s.pseudonym,
      moderatedVersion: s.publishedBody === null ? null : { title: s.publishedTitle, body: s.publishedBody, contentNote: s.publishedContentNote },
      audience: s.audience,
      createdAt: s.createdAt,
      submittedAt: s.submittedAt,
      authorApprovedAt: s.authorApprovedAt,
      publishedAt: s.publishedAt,
      archiveTransferredAt: s.archiveTransferredAt,
      media: media
        .filter((m) => m.storyId === s.id)
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          mime: m.mime,
          byteSize: m.byteSize,
          description: m.description,
          transcript: m.transcript,
          hasCaptions: Boolean(m.captionsFileId),
          // The moderated texts readers get (after the author approved them).
          publishedDescription: m.publishedDescription,
          publishedTranscript: m.publishedTranscript,
          publishedCaptions: m.publishedCaptions,
          createdAt: m.createdAt,
        })),
    }))
  },
  // Every file of the person's stories goes into the export; the eraser says which stay
  // (those of stories already handed to an archive) through `keepFiles`.
  filesFor: async ({ userId, tx }) => {
    const all = [...(await storiesOf(userId, tx, 'erasable')), ...(await storiesOf(userId, tx, 'archived'))]
    return (await mediaKeysOfStories(all.map((s) => s.id), tx)).keys
  },
  eraseFor: async ({ userId, tx }) => {
    const erasable = await storiesOf(userId, tx, 'erasable')
    const { fileIds } = await mediaKeysOfStories(erasable.map((s) => s.id), tx)
    if (erasable.length) await tx.delete(stories).where(inArray(stories.id, erasable.map((s) => s.id))) // media rows cascade
    if (fileIds.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, fileIds))
    const archived = await storiesOf(userId, tx, 'archived')
    if (archived.length === 0) return {}
    const ids = archived.map((s) => s.id)
    const keepFiles = (await mediaKeysOfStories(ids, tx)).keys
    // Kept for the archive, unlinked from the person and off the portal; the own name goes with the account.
    await tx.update(storyMedia).set({ ownerId: null }).where(inArray(storyMedia.storyId, ids))
    await tx
      .update(stories)
      .set({ authorId: null, status: 'withdrawn', audience: 'none', displayMode: 'anonymous', pseudonym: null, updatedAt: new Date() })
      .where(inArray(stories.id, ids))
    return { kept: 'monument:kept.archiveTransfer', keepFiles }
  },
})

declareNotPersonal({
  table: 'story_facet_counts',
  reason: 'how many visible stories carry each public facet value (decade, setting, region…), kept by triggers for the listing; counts only, no story or person',
})
declareNotPersonal({
  table: 'institution_names',
  reason: 'names of institutions survivors typed, with a use count; not linked to any person or story, only offered as suggestions',
})

// Text kept for a day after a session ended mid-writing (ADR 0015): the author's own words.
registerPersonalData({
  name: 'monumentRescuedText',
  tables: ['draft_rescues'],
  exportFor: async ({ userId, tx }) => {
    const rows = await tx
      .select({ storyId: draftRescues.storyId, payload: draftRescues.payload, createdAt: draftRescues.createdAt, expiresAt: draftRescues.expiresAt })
      .from(draftRescues)
      .innerJoin(stories, eq(stories.id, draftRescues.storyId))
      .where(eq(stories.authorId, userId))
    return rows.map((r) => ({ storyId: r.storyId, text: JSON.parse(decryptField(r.payload)) as unknown, keptAt: r.createdAt, deletedAt: r.expiresAt }))
  },
  eraseFor: async ({ userId, tx }) => {
    const own = await tx.select({ id: stories.id }).from(stories).where(eq(stories.authorId, userId))
    if (own.length) await tx.delete(draftRescues).where(inArray(draftRescues.storyId, own.map((s) => s.id)))
    return {}
  },
})
