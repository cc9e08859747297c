import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { documentaryBlocks, documentaryChapters, documentaryEvents, documentaryExclusions, type ThemeKind } from '@db/schema/documentary'
import type { Lng } from '~/i18n/config'
import { listStoriesOfAuthor } from '~/monument/for-documentary.server'
import { checkBlockRows, checkBlocks, recordHiddenBlocks, toVisibleBlocks, type VisibleBlock } from './visibility.server'

/**
 * The documentary's public face and the author's view (the API app/documentary/public-* and
 * author-* build on; see README.md). Every read decides consent afresh (visibility.server.ts).
 */

export type { VisibleBlock }
export type ChapterSummary = { slug: string; title: string; intro: string; theme: { kind: ThemeKind; value: string }; contentNote: string | null }

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

function summary(c: typeof documentaryChapters.$inferSelect): ChapterSummary {
  return { slug: c.slug, title: c.title, intro: c.intro, theme: { kind: c.themeKind, value: c.themeValue }, contentNote: c.contentNote }
}

/** Published chapters, oldest publication first (the documentary's reading order). */
export async function listPublishedChapters({ tx = defaultDb }: { tx?: DbOrTx } = {}): Promise<ChapterSummary[]> {
  const rows = await tx
    .select()
    .from(documentaryChapters)
    .where(eq(documentaryChapters.state, 'published'))
    .orderBy(asc(documentaryChapters.publishedAt), asc(documentaryChapters.slug))
  return rows.map(summary)
}

/**
 * A published chapter with only the blocks that may be shown now, or null (unknown slug, not
 * published). Blocks that became invisible are recorded once for the curator.
 */
export async function loadPublishedChapter(
  slug: string,
  { locale = 'nl', tx = defaultDb }: { locale?: Lng; tx?: DbOrTx } = {},
): Promise<null | { chapter: ChapterSummary & { id: string; publishedAt: string | null }; blocks: VisibleBlock[] }> {
  if (typeof slug !== 'string' || slug.length > 120 || !SLUG.test(slug)) return null
  const [chapter] = await tx.select().from(documentaryChapters).where(and(eq(documentaryChapters.slug, slug), eq(documentaryChapters.state, 'published')))
  if (!chapter) return null
  const checks = await checkBlocks({ chapterId: chapter.id, tx })
  await recordHiddenBlocks({ chapterId: chapter.id, version: chapter.version, checks, tx })
  return {
    chapter: { ...summary(chapter), id: chapter.id, publishedAt: chapter.publishedAt?.toISOString() ?? null },
    blocks: await toVisibleBlocks({ checks, locale, tx }),
  }
}

export type AuthorUse = {
  chapterSlug: string
  chapterTitle: string
  published: boolean
  blocks: Array<{ blockId: string; storyId: string; storyTitle: string; kind: 'story' | 'medium'; excerpt: string | null; mediaId: string | null; shown: boolean; exclusionRequested: boolean }>
}

/**
 * For the author's account: every chapter (in any state) that uses one of their stories or
 * media, with the excerpt used and whether it is shown now.
 */
export async function chaptersUsingAuthor(userId: string, { tx = defaultDb }: { tx?: DbOrTx } = {}): Promise<AuthorUse[]> {
  const own = await listStoriesOfAuthor({ authorId: userId, tx })
  if (own.length === 0) return []
  const titleOf = new Map(own.map((s) => [s.storyId, s.title]))
  const rows = await tx
    .select({ block: documentaryBlocks, chapter: documentaryChapters })
    .from(documentaryBlocks)
    .innerJoin(documentaryChapters, eq(documentaryChapters.id, documentaryBlocks.chapterId))
    .where(inArray(documentaryBlocks.storyId, [...titleOf.keys()]))
    .orderBy(asc(documentaryChapters.title), asc(documentaryBlocks.position))
  const exclusions = new Set(
    (await tx.select({ blockId: documentaryExclusions.blockId }).from(documentaryExclusions).where(eq(documentaryExclusions.authorId, userId))).map((r) => r.blockId),
  )
  const byChapter = new Map<string, AuthorUse>()
  for (const { block, chapter } of rows) {
    if (block.kind !== 'story' && block.kind !== 'medium') continue
    const use = byChapter.get(chapter.id) ?? { chapterSlug: chapter.slug, chapterTitle: chapter.title, published: chapter.state === 'published', blocks: [] }
    byChapter.set(chapter.id, use)
    const [check] = await checkBlockRows({ blocks: [block], tx })
    use.blocks.push({
      blockId: block.id,
      storyId: block.storyId!,
      storyTitle: titleOf.get(block.storyId!) ?? '',
      kind: block.kind,
      excerpt: block.excerpt,
      mediaId: block.mediaId,
      shown: use.published && !check?.hidden,
      exclusionRequested: exclusions.has(block.id),
    })
  }
  return [...byChapter.values()]
}

/**
 * The author asks that one block from their own story not be used, without withdrawing any
 * consent. Only for a block of the author's own story (else 'notFound'); asking twice is fine.
 * The block disappears from the public chapter at the next request (the exclusions trigger
 * raises the publication generation) and the curator is told.
 */
export async function requestExclusion(userId: string, blockId: string, { tx }: { tx?: DbOrTx } = {}): Promise<{ ok: true } | { ok: false; reason: 'notFound' }> {
  if (!/^[0-9a-f-]{36}$/i.test(blockId)) return { ok: false, reason: 'notFound' }
  const run = async (t: DbOrTx) => {
    const [block] = await t.select().from(documentaryBlocks).where(eq(documentaryBlocks.id, blockId))
    if (!block?.storyId) return { ok: false as const, reason: 'notFound' as const }
    const own = await listStoriesOfAuthor({ authorId: userId, tx: t })
    if (!own.some((s) => s.storyId === block.storyId)) return { ok: false as const, reason: 'notFound' as const }
    const [inserted] = await t.insert(documentaryExclusions).values({ blockId, storyId: block.storyId, authorId: userId }).onConflictDoNothing().returning()
    if (inserted) {
      const [chapter] = await t.select({ version: documentaryChapters.version }).from(documentaryChapters).where(eq(documentaryChapters.id, block.chapterId))
      await t.insert(documentaryEvents).values({ chapterId: block.chapterId, version: chapter?.version ?? 1, kind: 'exclusionRequested', blockId })
    }
    return { ok: true as const }
  }
  return tx ? run(tx) : defaultDb.transaction(run)
}

/** The curator's notices: blocks that stopped showing, newest first. */
export async function listCuratorNotices({ chapterId, tx = defaultDb }: { chapterId?: string; tx?: DbOrTx } = {}) {
  return tx
    .select({ id: documentaryEvents.id, chapterId: documentaryEvents.chapterId, chapterTitle: documentaryChapters.title, blockId: documentaryEvents.blockId, reason: documentaryEvents.reason, at: documentaryEvents.createdAt })
    .from(documentaryEvents)
    .innerJoin(documentaryChapters, eq(documentaryChapters.id, documentaryEvents.chapterId))
    .where(and(eq(documentaryEvents.kind, 'blockHidden'), chapterId ? eq(documentaryEvents.chapterId, chapterId) : undefined))
    .orderBy(desc(documentaryEvents.createdAt))
    .limit(50)
}
