import { and, asc, desc, eq, max } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { documentaryBlocks, documentaryChapters, documentaryEvents, type DocumentaryChapter } from '@db/schema/documentary'
import { getPickableMedium, getPickableStory } from './pick-list.server'
import type { ChapterEditorAction, ChapterFields } from './schemas'

/**
 * The curator's side of a chapter (ADR 0029). Every change is an event in the chapter's history.
 * Once review has begun, any content change starts a new version: approvals are counted per
 * version, so nothing the board did not read is published. A published chapter is not edited
 * in place: the curator takes it back to draft first, except removing a block, which only ever
 * takes something away.
 */

export type Actor = { id: string; roles: string[] }
type AddAction = Extract<ChapterEditorAction, { intent: 'addStory' | 'addMedium' | 'addReport' | 'addText' | 'addHelp' }>
export type ComposeResult = { ok: true } | { ok: false; field: string; message: string }

const inTx = <T>(tx: DbOrTx | undefined, fn: (t: DbOrTx) => Promise<T>) => (tx ? fn(tx) : defaultDb.transaction(fn))

function slugify(title: string) {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return base || 'hoofdstuk'
}

export async function recordEvent(t: DbOrTx, e: { chapterId: string; version: number; kind: string; actorId?: string | null; blockId?: string | null; reason?: string | null }) {
  await t.insert(documentaryEvents).values({ ...e, actorId: e.actorId ?? null })
}

export async function createChapter({ curator, value, tx }: { curator: Actor; value: ChapterFields; tx?: DbOrTx }): Promise<{ id: string; slug: string }> {
  return inTx(tx, async (t) => {
    const base = slugify(value.title)
    let slug = base
    for (let n = 2; ; n++) {
      const [taken] = await t.select({ id: documentaryChapters.id }).from(documentaryChapters).where(eq(documentaryChapters.slug, slug))
      if (!taken) break
      slug = `${base}-${n}`
    }
    const [row] = await t
      .insert(documentaryChapters)
      .values({ slug, title: value.title, intro: value.intro, themeKind: value.themeKind, themeValue: value.themeValue, contentNote: value.contentNote ?? null, curatorId: curator.id })
      .returning()
    await recordEvent(t, { chapterId: row!.id, version: 1, kind: 'created', actorId: curator.id })
    return { id: row!.id, slug: row!.slug }
  })
}

export async function getChapter({ chapterId, lock, tx = defaultDb }: { chapterId: string; lock?: boolean; tx?: DbOrTx }): Promise<DocumentaryChapter | null> {
  if (!/^[0-9a-f-]{36}$/i.test(chapterId)) return null
  const q = tx.select().from(documentaryChapters).where(eq(documentaryChapters.id, chapterId))
  const [row] = lock ? await q.for('update') : await q
  return row ?? null
}

/** A content change: a new version once review has begun (a draft that was never submitted keeps version 1). */
async function touchContent(t: DbOrTx, chapter: DocumentaryChapter, actorId: string, kind: string, blockId?: string) {
  const reviewed = chapter.state !== 'draft' || (await t.select({ id: documentaryEvents.id }).from(documentaryEvents).where(and(eq(documentaryEvents.chapterId, chapter.id), eq(documentaryEvents.kind, 'submitted'))).limit(1)).length > 0
  const version = reviewed ? chapter.version + 1 : chapter.version
  await t.update(documentaryChapters).set({ version, updatedAt: new Date() }).where(eq(documentaryChapters.id, chapter.id))
  await recordEvent(t, { chapterId: chapter.id, version, kind, actorId, blockId: blockId ?? null })
  return version
}

export async function listChapters({ tx = defaultDb }: { tx?: DbOrTx } = {}) {
  return tx.select().from(documentaryChapters).orderBy(desc(documentaryChapters.updatedAt))
}

export async function listBlocks({ chapterId, tx = defaultDb }: { chapterId: string; tx?: DbOrTx }) {
  return tx.select().from(documentaryBlocks).where(eq(documentaryBlocks.chapterId, chapterId)).orderBy(asc(documentaryBlocks.position))
}

/** Applies one editor action; refusals come back as a field message, never as an error. */
export async function applyEditorAction({ curator, chapterId, action, tx }: { curator: Actor; chapterId: string; action: ChapterEditorAction; tx?: DbOrTx }): Promise<ComposeResult | null> {
  return inTx(tx, async (t) => {
    const chapter = await getChapter({ chapterId, lock: true, tx: t })
    if (!chapter) return null
    const published = chapter.state === 'published'
    switch (action.intent) {
      case 'updateChapter':
        if (published) return { ok: false, field: 'title', message: 'documentary:staff.editor.errors.publishedLocked' }
        await t
          .update(documentaryChapters)
          .set({ title: action.title, intro: action.intro, themeKind: action.themeKind, themeValue: action.themeValue, contentNote: action.contentNote ?? null })
          .where(eq(documentaryChapters.id, chapter.id))
        await touchContent(t, chapter, curator.id, 'edited')
        return { ok: true }
      case 'addStory':
      case 'addMedium':
      case 'addReport':
      case 'addText':
      case 'addHelp':
        if (published) return { ok: false, field: 'intent', message: 'documentary:staff.editor.errors.publishedLocked' }
        return addBlock(t, chapter, curator, action)
      case 'removeBlock': {
        const [gone] = await t.delete(documentaryBlocks).where(and(eq(documentaryBlocks.id, action.blockId), eq(documentaryBlocks.chapterId, chapter.id))).returning()
        if (!gone) return { ok: false, field: 'blockId', message: 'documentary:staff.editor.errors.pick' }
        await touchContent(t, chapter, curator.id, 'blockRemoved', gone.id)
        return { ok: true }
      }
      case 'moveBlock': {
        if (published) return { ok: false, field: 'blockId', message: 'documentary:staff.editor.errors.publishedLocked' }
        const blocks = await listBlocks({ chapterId: chapter.id, tx: t })
        const i = blocks.findIndex((b) => b.id === action.blockId)
        const j = action.direction === 'up' ? i - 1 : i + 1
        if (i < 0 || j < 0 || j >= blocks.length) return { ok: true }
        const [a, b] = [blocks[i]!, blocks[j]!]
        await t.update(documentaryBlocks).set({ position: b.position }).where(eq(documentaryBlocks.id, a.id))
        await t.update(documentaryBlocks).set({ position: a.position }).where(eq(documentaryBlocks.id, b.id))
        await touchContent(t, chapter, curator.id, 'blockMoved', a.id)
        return { ok: true }
      }
      case 'submitForReview': {
        if (chapter.state !== 'draft' && chapter.state !== 'changes_requested') return { ok: false, field: 'intent', message: 'documentary:staff.editor.errors.wrongState' }
        const blocks = await listBlocks({ chapterId: chapter.id, tx: t })
        if (blocks.length === 0) return { ok: false, field: 'intent', message: 'documentary:staff.editor.errors.noBlocks' }
        await t.update(documentaryChapters).set({ state: 'in_review' }).where(eq(documentaryChapters.id, chapter.id))
        await recordEvent(t, { chapterId: chapter.id, version: chapter.version, kind: 'submitted', actorId: curator.id })
        return { ok: true }
      }
      case 'publish': {
        const { publishChapter } = await import('./review.server')
        return publishChapter({ chapter, curator, tx: t })
      }
      case 'unpublish':
        if (!published) return { ok: false, field: 'intent', message: 'documentary:staff.editor.errors.wrongState' }
        await t.update(documentaryChapters).set({ state: 'draft', version: chapter.version + 1 }).where(eq(documentaryChapters.id, chapter.id))
        await recordEvent(t, { chapterId: chapter.id, version: chapter.version + 1, kind: 'unpublished', actorId: curator.id })
        return { ok: true }
    }
  })
}

async function addBlock(t: DbOrTx, chapter: DocumentaryChapter, curator: Actor, action: AddAction): Promise<ComposeResult> {
  const values: typeof documentaryBlocks.$inferInsert = { chapterId: chapter.id, position: 0, kind: 'text', contentNote: 'contentNote' in action ? (action.contentNote ?? null) : null }
  if (action.intent === 'addStory') {
    const story = await getPickableStory({ storyId: action.storyId, tx: t })
    if (!story) return { ok: false, field: 'storyId', message: 'documentary:staff.editor.errors.notConsented' }
    // The excerpt is quoted exactly from the moderated text the author approved.
    if (action.excerpt !== undefined && !story.body.includes(action.excerpt)) return { ok: false, field: 'excerpt', message: 'documentary:staff.editor.errors.excerptNotInText' }
    Object.assign(values, { kind: 'story', storyId: story.id, excerpt: action.excerpt ?? null })
  } else if (action.intent === 'addMedium') {
    const found = await getPickableMedium({ mediaId: action.mediaId, tx: t })
    if (!found) return { ok: false, field: 'mediaId', message: 'documentary:staff.editor.errors.notConsented' }
    Object.assign(values, { kind: 'medium', storyId: found.storyId, mediaId: found.mediaId })
  } else if (action.intent === 'addReport') {
    Object.assign(values, { kind: 'report', reportRef: action.reportRef, body: action.body })
  } else if (action.intent === 'addText') {
    Object.assign(values, { kind: 'text', body: action.body })
  } else {
    const facets = Object.fromEntries(Object.entries({ setting: action.setting, decade: action.decade, region: action.region, need: action.need }).filter(([, v]) => v))
    Object.assign(values, { kind: 'help', facets })
  }
  const [last] = await t.select({ p: max(documentaryBlocks.position) }).from(documentaryBlocks).where(eq(documentaryBlocks.chapterId, chapter.id))
  values.position = (last?.p ?? -1) + 1
  const [row] = await t.insert(documentaryBlocks).values(values).returning({ id: documentaryBlocks.id })
  await touchContent(t, chapter, curator.id, 'blockAdded', row!.id)
  return { ok: true }
}

