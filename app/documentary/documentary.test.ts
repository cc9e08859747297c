import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { createPublicTestStory } from '~/monument/for-documentary-testing.server'
import { setOwnMediaConsent } from '~/monument/media-consent.server'
import { setStoryConsent } from '~/monument/story-consent.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { chaptersUsingAuthor, listCuratorNotices, listPublishedChapters, loadPublishedChapter, requestExclusion } from './chapters.server'
import { applyEditorAction, createChapter, listBlocks } from './compose.server'
import { getCuratorFigures } from './figures.server'
import { listPickableStories } from './pick-list.server'
import { applyBoardAction, getReviewStatus, listHistory } from './review.server'
import { ChapterEditorActionSchema } from './schemas'

afterAll(() => closeDb())

const BODY_A = 'Ik was negen toen ik werd geplaatst. Elke ochtend moesten we om zes uur de was doen. Niemand vroeg hoe het met ons ging.'
const BODY_B = 'In het gesticht aan de dijk was het stil. We mochten niet praten tijdens het werk.'
const EXCERPT_A = 'Elke ochtend moesten we om zes uur de was doen.'

let curator: Persona
let board1: Persona
let board2: Persona
let authorA: Persona
let authorB: Persona
let authorC: Persona
let storyA: string
let storyB: string
let storyC: string
let audioB: string

const grantDocumentary = (authorId: string, storyId: string, grant = true) => setStoryConsent({ authorId, storyId, purpose: 'monument.documentary', grant, locale: 'nl' })

async function generation() {
  const rows = await db.execute<{ generation: string }>(sql`select generation::text from publication_state where id = 1`)
  return BigInt(rows[0]!.generation)
}

async function act(chapterId: string, form: Record<string, unknown>, who: Persona = curator) {
  const action = ChapterEditorActionSchema.parse(form)
  return applyEditorAction({ curator: { id: who.id, roles: who.roles }, chapterId, action })
}

beforeAll(async () => {
  ;[curator, board1, board2, authorA, authorB, authorC] = await Promise.all([
    createPersona({ roles: ['curator'] }),
    createPersona({ roles: ['sounding_board'] }),
    createPersona({ roles: ['sounding_board'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
  ])
  storyA = (await createPublicTestStory({ authorId: authorA.id, title: 'De was', body: BODY_A })).story.id
  const b = await createPublicTestStory({ authorId: authorB.id, title: 'De dijk', body: BODY_B, withAudio: true })
  storyB = b.story.id
  audioB = b.mediaId!
  // C is on the public monument but never gave the documentary consent.
  storyC = (await createPublicTestStory({ authorId: authorC.id, title: 'Zonder toestemming', body: 'Dit mag niet in de documentaire.' })).story.id
  // The public consent through the real path (the ledger and its audience projection).
  for (const [a, st] of [[authorA, storyA], [authorB, storyB], [authorC, storyC]] as const) {
    expect(await setStoryConsent({ authorId: a.id, storyId: st, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })).toMatchObject({ ok: true, audience: 'public' })
  }
  await grantDocumentary(authorA.id, storyA)
  await grantDocumentary(authorB.id, storyB)
  await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: true, locale: 'nl' })
})

async function newChapter(title = 'Werken zonder loon') {
  return createChapter({ curator: { id: curator.id, roles: curator.roles }, value: { title, intro: 'Over de wasserijen.', themeKind: 'history', themeValue: 'Goede Herder 1945–1975', contentNote: 'Over dwangarbeid.' } })
}

describe('composing', () => {
  it('offers only stories with the documentary consent, and of those only media with their own consent', async () => {
    const pickable = await listPickableStories()
    const ids = pickable.map((s) => s.id)
    expect(ids).toContain(storyA)
    expect(ids).toContain(storyB)
    expect(ids).not.toContain(storyC)
    expect(pickable.find((s) => s.id === storyB)!.media.map((m) => m.id)).toEqual([audioB])
  })

  it('composes a chapter from consented stories, a medium, a report passage and help', async () => {
    const { id } = await newChapter('Samengesteld')
    expect(await act(id, { intent: 'addStory', storyId: storyA, excerpt: EXCERPT_A })).toEqual({ ok: true })
    expect(await act(id, { intent: 'addStory', storyId: storyB })).toEqual({ ok: true })
    expect(await act(id, { intent: 'addMedium', mediaId: audioB })).toEqual({ ok: true })
    expect(await act(id, { intent: 'addReport', reportRef: 'residential', body: 'Het rapport beschrijft dwangarbeid in wasserijen.' })).toEqual({ ok: true })
    expect(await act(id, { intent: 'addHelp', setting: '', need: 'peerContact' })).toEqual({ ok: true })
    const blocks = await listBlocks({ chapterId: id })
    expect(blocks.map((b) => b.kind)).toEqual(['story', 'story', 'medium', 'report', 'help'])
    expect(blocks[0]!.excerpt).toBe(EXCERPT_A)
  })

  it('refuses a forged addition of a story or medium without consent, and an excerpt not in the moderated text, with a message', async () => {
    const { id } = await newChapter('Vervalst')
    expect(await act(id, { intent: 'addStory', storyId: storyC })).toEqual({ ok: false, field: 'storyId', message: 'documentary:staff.editor.errors.notConsented' })
    expect(await act(id, { intent: 'addStory', storyId: storyA, excerpt: 'Iets wat er niet staat.' })).toMatchObject({ ok: false, field: 'excerpt' })
    expect(await act(id, { intent: 'addMedium', mediaId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, field: 'mediaId' })
    expect(await listBlocks({ chapterId: id })).toEqual([])
  })
})

describe('review and publication', () => {
  it('changes → edit → new version → two approvals → published; an open objection blocks', async () => {
    const { id, slug } = await newChapter('Herzien')
    await act(id, { intent: 'addStory', storyId: storyA, excerpt: EXCERPT_A })
    expect(await act(id, { intent: 'submitForReview' })).toEqual({ ok: true })
    const m1 = { id: board1.id, roles: board1.roles }
    const m2 = { id: board2.id, roles: board2.roles }
    expect(await applyBoardAction({ member: m1, chapterId: id, action: { intent: 'comment', blockId: (await listBlocks({ chapterId: id }))[0]!.id, body: 'Graag een inleiding erbij.' } })).toEqual({ ok: true })
    expect(await applyBoardAction({ member: m1, chapterId: id, action: { intent: 'changes', version: 1, note: 'Meer context nodig.' } })).toEqual({ ok: true })
    expect(await applyBoardAction({ member: m2, chapterId: id, action: { intent: 'approve', version: 1 } })).toMatchObject({ ok: false, message: 'documentary:staff.board.errors.versionChanged' })
    // Publishing is refused while in changes_requested.
    expect(await act(id, { intent: 'publish' })).toMatchObject({ ok: false })

    expect(await act(id, { intent: 'addText', body: 'Een inleidende tekst van de samensteller.' })).toEqual({ ok: true })
    expect(await act(id, { intent: 'submitForReview' })).toEqual({ ok: true })
    const [chapter] = await db.execute<{ version: number; state: string }>(sql`select version, state from documentary_chapters where id = ${id}`)
    expect(chapter).toEqual({ version: 2, state: 'in_review' })

    expect(await applyBoardAction({ member: m1, chapterId: id, action: { intent: 'approve', version: 2 } })).toEqual({ ok: true })
    expect(await applyBoardAction({ member: m1, chapterId: id, action: { intent: 'approve', version: 2 } })).toMatchObject({ ok: false, message: 'documentary:staff.board.errors.alreadyReviewed' })
    expect(await act(id, { intent: 'publish' })).toMatchObject({ ok: false, message: 'documentary:staff.editor.errors.notEnoughApprovals' })
    expect(await applyBoardAction({ member: m2, chapterId: id, action: { intent: 'approve', version: 2 } })).toEqual({ ok: true })
    expect(await getReviewStatus({ chapter: { id, version: 2 } })).toMatchObject({ approvals: 2, objections: 0, publishable: true })

    const before = await generation()
    expect(await act(id, { intent: 'publish' })).toEqual({ ok: true })
    expect(await generation()).toBeGreaterThan(before)
    expect((await listPublishedChapters()).map((c) => c.slug)).toContain(slug)
    const kinds = (await listHistory({ chapterId: id })).map((e) => e.kind).reverse()
    expect(kinds).toEqual(['created', 'blockAdded', 'submitted', 'commented', 'changesRequested', 'blockAdded', 'submitted', 'approved', 'approved', 'published'])
  })

  it('an edit during review starts a new version in which earlier approvals do not count', async () => {
    const { id } = await newChapter('Nieuwe versie')
    await act(id, { intent: 'addStory', storyId: storyA })
    await act(id, { intent: 'submitForReview' })
    await applyBoardAction({ member: { id: board1.id, roles: board1.roles }, chapterId: id, action: { intent: 'approve', version: 1 } })
    await applyBoardAction({ member: { id: board2.id, roles: board2.roles }, chapterId: id, action: { intent: 'approve', version: 1 } })
    await act(id, { intent: 'addText', body: 'Nog een zin.' })
    expect(await getReviewStatus({ chapter: { id, version: 2 } })).toMatchObject({ approvals: 0, publishable: false })
    expect(await act(id, { intent: 'publish' })).toMatchObject({ ok: false, message: 'documentary:staff.editor.errors.notEnoughApprovals' })
  })
})

async function publishedChapterWithAB(title: string) {
  const { id, slug } = await newChapter(title)
  await act(id, { intent: 'addStory', storyId: storyA, excerpt: EXCERPT_A })
  await act(id, { intent: 'addStory', storyId: storyB })
  await act(id, { intent: 'addMedium', mediaId: audioB })
  await act(id, { intent: 'addText', body: 'Tekst van de samensteller.' })
  await act(id, { intent: 'submitForReview' })
  for (const m of [board1, board2]) await applyBoardAction({ member: { id: m.id, roles: m.roles }, chapterId: id, action: { intent: 'approve', version: 1 } })
  expect(await act(id, { intent: 'publish' })).toEqual({ ok: true })
  return { id, slug }
}

describe('consent on every read', () => {
  it('shows the consented blocks with the excerpt, the medium with its transcript and captions', async () => {
    const { slug } = await publishedChapterWithAB('Lezen')
    const page = await loadPublishedChapter(slug)
    expect(page!.blocks.map((b) => b.kind)).toEqual(['story', 'story', 'medium', 'text'])
    expect(page!.blocks[0]).toMatchObject({ kind: 'story', text: EXCERPT_A, whole: false })
    expect(page!.blocks[2]).toMatchObject({ kind: 'medium', mediaId: audioB, mediaKind: 'audio', transcript: 'Wat ik vertel.', captionsUrl: `/media/${audioB}/captions` })
    expect(JSON.stringify(page)).not.toContain(authorA.id)
    expect(await loadPublishedChapter('bestaat-niet')).toBeNull()
  })

  it('withdrawing the medium consent, then the documentary consent hides the blocks at the next read and tells the curator once', async () => {
    const { id, slug } = await publishedChapterWithAB('Intrekken')
    const g0 = await generation()
    await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: false, locale: 'nl' })
    expect(await generation()).toBeGreaterThan(g0)
    expect((await loadPublishedChapter(slug))!.blocks.map((b) => b.kind)).toEqual(['story', 'story', 'text'])
    await grantDocumentary(authorB.id, storyB, false)
    expect((await loadPublishedChapter(slug))!.blocks.map((b) => b.kind)).toEqual(['story', 'text'])
    await loadPublishedChapter(slug)
    const notices = await listCuratorNotices({ chapterId: id })
    expect(notices.map((n) => n.reason).sort()).toEqual(['documentaryConsent', 'mediaConsent'])
    const figures = await getCuratorFigures()
    expect(figures.removedLast30Days).toBeGreaterThanOrEqual(2)
    // The pick-list no longer offers B.
    expect((await listPickableStories()).map((s) => s.id)).not.toContain(storyB)
    // Put back for the other tests.
    await grantDocumentary(authorB.id, storyB)
    await setOwnMediaConsent({ authorId: authorB.id, storyId: storyB, mediaId: audioB, purpose: 'media.publish', grant: true, locale: 'nl' })
  })

  it('withdrawing the public consent hides the story block', async () => {
    const { id, slug } = await publishedChapterWithAB('Openbaar')
    await setStoryConsent({ authorId: authorA.id, storyId: storyA, purpose: 'monument.publishPublic', grant: false, locale: 'nl' })
    expect((await loadPublishedChapter(slug))!.blocks.some((b) => b.kind === 'story' && b.storyId === storyA)).toBe(false)
    expect((await listCuratorNotices({ chapterId: id })).map((n) => n.reason)).toEqual(['publicConsent'])
    await setStoryConsent({ authorId: authorA.id, storyId: storyA, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
    expect((await loadPublishedChapter(slug))!.blocks.some((b) => b.kind === 'story' && b.storyId === storyA)).toBe(true)
  })

  it("the author sees where their story is used and can ask, without withdrawing, that a block not be used", async () => {
    const { slug } = await publishedChapterWithAB('Uitsluiten')
    const uses = await chaptersUsingAuthor(authorA.id)
    const use = uses.find((u) => u.chapterSlug === slug)!
    expect(use.blocks).toEqual([expect.objectContaining({ excerpt: EXCERPT_A, shown: true, exclusionRequested: false })])
    expect(await requestExclusion(authorB.id, use.blocks[0]!.blockId)).toEqual({ ok: false, reason: 'notFound' })
    const g0 = await generation()
    expect(await requestExclusion(authorA.id, use.blocks[0]!.blockId)).toEqual({ ok: true })
    expect(await requestExclusion(authorA.id, use.blocks[0]!.blockId)).toEqual({ ok: true })
    expect(await generation()).toBeGreaterThan(g0)
    expect((await loadPublishedChapter(slug))!.blocks.some((b) => b.id === use.blocks[0]!.blockId)).toBe(false)
    expect((await chaptersUsingAuthor(authorA.id)).find((u) => u.chapterSlug === slug)!.blocks[0]).toMatchObject({ shown: false, exclusionRequested: true })
  })
})
