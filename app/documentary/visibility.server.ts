import { asc, eq, inArray, sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { documentaryBlocks, documentaryEvents, documentaryExclusions, type DocumentaryBlock } from '@db/schema/documentary'
import { getDocumentaryConsentedStories, getPublishableMedia } from '~/consent/for-documentary.server'
import type { Lng } from '~/i18n/config'
import { getPublicStoriesForDocumentary, type DocumentaryStory } from '~/monument/for-documentary.server'
import type { DirectoryEntryView } from '~/referrals/directory.server'
import { matchHelpForFacets } from '~/referrals/for-documentary.server'

/**
 * Whether each block may be shown, decided on EVERY read (ADR 0029): a story block only while
 * the story is on the public monument and its author holds 'monument.documentary', its excerpt
 * is still part of the moderated text, and the author has not asked that it not be used; a
 * medium block also only while that medium holds 'media.publish' and its transcript. Nothing is
 * cached here: the public page cache follows the publication generation, which the ledger and
 * the stories triggers raise in the same transaction as a withdrawal.
 */

export type HiddenReason = 'publicConsent' | 'documentaryConsent' | 'mediaConsent' | 'excerptChanged' | 'authorExclusion'

type Base = { id: string; position: number; contentNote: string | null }
export type VisibleBlock =
  | (Base & { kind: 'story'; storyId: string; storySlug: string; storyTitle: string; text: string; whole: boolean })
  | (Base & {
      kind: 'medium'
      storyId: string
      mediaId: string
      mediaKind: 'photo' | 'audio' | 'video'
      mime: string
      description: string | null
      transcript: string | null
      /** Portal URLs: /media/<id> checks consent again on every request. */
      url: string
      captionsUrl: string | null
    })
  | (Base & { kind: 'report'; reportRef: string; text: string })
  | (Base & { kind: 'text'; text: string })
  | (Base & { kind: 'help'; entries: DirectoryEntryView[] })

export type BlockCheck = { block: DocumentaryBlock; hidden: HiddenReason | null; story: DocumentaryStory | null }

/** Every block of a chapter with the reason it is hidden (null: visible), in reading order. */
export async function checkBlocks({ chapterId, tx = defaultDb }: { chapterId: string; tx?: DbOrTx }): Promise<BlockCheck[]> {
  const blocks = await tx.select().from(documentaryBlocks).where(eq(documentaryBlocks.chapterId, chapterId)).orderBy(asc(documentaryBlocks.position))
  return checkBlockRows({ blocks, tx })
}

export async function checkBlockRows({ blocks, tx = defaultDb }: { blocks: DocumentaryBlock[]; tx?: DbOrTx }): Promise<BlockCheck[]> {
  const storyIds = blocks.flatMap((b) => (b.storyId ? [b.storyId] : []))
  const storiesById = await getPublicStoriesForDocumentary({ storyIds, tx })
  const present = [...storiesById.values()]
  const consented = await getDocumentaryConsentedStories({ stories: present.map((s) => ({ storyId: s.id, authorId: s.authorId })), tx })
  const mediaBlocks = blocks.filter((b) => b.kind === 'medium' && b.mediaId && b.storyId && storiesById.has(b.storyId))
  const publishable = await getPublishableMedia({ media: mediaBlocks.map((b) => ({ mediaId: b.mediaId!, authorId: storiesById.get(b.storyId!)!.authorId })), tx })
  const excluded = blocks.length
    ? new Set(
        (await tx.select({ blockId: documentaryExclusions.blockId }).from(documentaryExclusions).where(inArray(documentaryExclusions.blockId, blocks.map((b) => b.id)))).map(
          (r) => r.blockId,
        ),
      )
    : new Set<string>()

  return blocks.map((block) => {
    if (block.kind !== 'story' && block.kind !== 'medium') return { block, hidden: null, story: null }
    const story = block.storyId ? (storiesById.get(block.storyId) ?? null) : null
    let hidden: HiddenReason | null = null
    if (!story) hidden = 'publicConsent'
    else if (!consented.has(story.id)) hidden = 'documentaryConsent'
    else if (excluded.has(block.id)) hidden = 'authorExclusion'
    else if (block.kind === 'story' && block.excerpt !== null && !story.body.includes(block.excerpt)) hidden = 'excerptChanged'
    else if (block.kind === 'medium' && (!block.mediaId || !story.media.some((m) => m.id === block.mediaId) || !publishable.has(block.mediaId))) hidden = 'mediaConsent'
    return { block, hidden, story }
  })
}

/**
 * Tells the chapter's curator, once per block, that a block is no longer shown: an event in the
 * chapter's history that is also the curator's notice. Idempotent under concurrent reads (the
 * unique index on blockHidden events).
 */
export async function recordHiddenBlocks({ chapterId, version, checks, tx = defaultDb }: { chapterId: string; version: number; checks: BlockCheck[]; tx?: DbOrTx }) {
  const hidden = checks.filter((c) => c.hidden)
  if (hidden.length === 0) return
  await tx
    .insert(documentaryEvents)
    .values(hidden.map((c) => ({ chapterId, version, kind: 'blockHidden', blockId: c.block.id, reason: c.hidden })))
    .onConflictDoNothing({ target: documentaryEvents.blockId, where: sql`${documentaryEvents.kind} = 'blockHidden'` })
}

/** What a reader gets of the visible blocks: story text as moderated, media with their texts, help resolved. */
export async function toVisibleBlocks({ checks, locale, tx }: { checks: BlockCheck[]; locale: Lng; tx?: DbOrTx }): Promise<VisibleBlock[]> {
  const out: VisibleBlock[] = []
  for (const { block: b, hidden, story } of checks) {
    if (hidden) continue
    const base = { id: b.id, position: b.position, contentNote: b.contentNote }
    if (b.kind === 'story' && story) {
      out.push({ ...base, contentNote: b.contentNote ?? story.contentNote, kind: 'story', storyId: story.id, storySlug: story.slug, storyTitle: story.title, text: b.excerpt ?? story.body, whole: b.excerpt === null })
    } else if (b.kind === 'medium' && story) {
      const m = story.media.find((x) => x.id === b.mediaId)
      if (!m) continue
      out.push({
        ...base,
        contentNote: b.contentNote ?? story.contentNote,
        kind: 'medium',
        storyId: story.id,
        mediaId: m.id,
        mediaKind: m.kind,
        mime: m.mime,
        description: m.description,
        transcript: m.transcript,
        url: `/media/${m.id}`,
        captionsUrl: m.hasCaptions ? `/media/${m.id}/captions` : null,
      })
    } else if (b.kind === 'report') {
      out.push({ ...base, kind: 'report', reportRef: b.reportRef ?? 'main', text: b.body ?? '' })
    } else if (b.kind === 'text') {
      out.push({ ...base, kind: 'text', text: b.body ?? '' })
    } else if (b.kind === 'help') {
      out.push({ ...base, kind: 'help', entries: await matchHelpForFacets({ facets: b.facets ?? {}, locale, tx }) })
    }
  }
  return out
}
