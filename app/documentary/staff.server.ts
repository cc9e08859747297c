import type { AppLoadContext } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import { requireStaff } from '~/auth/guards.server'
import { listCuratorNotices } from './chapters.server'
import { applyEditorAction, createChapter, getChapter, listChapters } from './compose.server'
import { getCuratorFigures } from './figures.server'
import { logStoryViews, listPickableStories } from './pick-list.server'
import { getReviewStatus, listFeedback, listHistory } from './review.server'
import { ChapterEditorActionSchema, ChapterFieldsSchema } from './schemas'
import { checkBlocks, recordHiddenBlocks } from './visibility.server'

/** The curator's pages (/beheer/documentaire): `documentary.curate`, with a second factor. */
export async function requireCurator(request: Request, context?: AppLoadContext) {
  const ctx = await requireStaff(request, context, 'documentary.curate')
  return { id: ctx.user.id, roles: ctx.user.roles }
}

/** The sounding board's pages (/beheer/klankbord): `documentary.review`, with a second factor. */
export async function requireBoardMember(request: Request, context?: AppLoadContext) {
  const ctx = await requireStaff(request, context, 'documentary.review')
  return { id: ctx.user.id, roles: ctx.user.roles }
}

export async function loadCuratorHome() {
  const [figures, chapters, notices] = await Promise.all([getCuratorFigures(), listChapters(), listCuratorNotices()])
  return {
    figures,
    chapters: chapters.map((c) => ({ id: c.id, title: c.title, state: c.state, version: c.version, updatedAt: c.updatedAt.toISOString() })),
    notices: notices.map((n) => ({ id: n.id, chapterId: n.chapterId, chapterTitle: n.chapterTitle, reason: n.reason ?? '', at: n.at.toISOString() })),
  }
}

/**
 * The chapter editor: every block with whether it is shown now (and why not), the stories the
 * curator may add (their texts are personal data: each shown story is logged), feedback and
 * the review status of the current version.
 */
export async function loadChapterEditor({ curator, chapterId, ip }: { curator: { id: string; roles: string[] }; chapterId: string; ip: string | null }) {
  const chapter = await getChapter({ chapterId })
  if (!chapter) return null
  const checks = await checkBlocks({ chapterId: chapter.id })
  if (chapter.state === 'published') await recordHiddenBlocks({ chapterId: chapter.id, version: chapter.version, checks })
  const pickable = chapter.state === 'published' ? [] : await listPickableStories()
  const shownStories = new Map([...pickable, ...checks.flatMap((c) => (c.story ? [c.story] : []))].map((s) => [s.id, s]))
  await logStoryViews({ actor: curator, stories: [...shownStories.values()], purpose: 'documentaryCuration', ip })
  const [status, feedback] = await Promise.all([getReviewStatus({ chapter }), listFeedback({ chapterId: chapter.id })])
  return {
    chapter: { id: chapter.id, slug: chapter.slug, title: chapter.title, intro: chapter.intro, themeKind: chapter.themeKind, themeValue: chapter.themeValue, contentNote: chapter.contentNote ?? '', state: chapter.state, version: chapter.version },
    blocks: checks.map(({ block: b, hidden, story }) => ({
      id: b.id,
      kind: b.kind,
      hidden,
      storyTitle: story?.title ?? null,
      text: b.kind === 'story' ? (b.excerpt ?? story?.body ?? '') : b.kind === 'medium' ? (story?.media.find((m) => m.id === b.mediaId)?.description ?? '') : (b.body ?? ''),
      mediaKind: b.kind === 'medium' ? (story?.media.find((m) => m.id === b.mediaId)?.kind ?? null) : null,
      reportRef: b.reportRef,
      facets: b.facets ?? {},
      contentNote: b.contentNote,
    })),
    pickable: pickable.map((s) => ({ id: s.id, title: s.title, body: s.body, media: s.media.map((m) => ({ id: m.id, kind: m.kind, description: m.description ?? '' })) })),
    status,
    feedback: {
      comments: feedback.comments.map((c) => ({ id: c.id, blockId: c.blockId, version: c.version, body: c.body, at: c.at.toISOString() })),
      reviews: feedback.reviews.map((r) => ({ id: r.id, version: r.version, verdict: r.verdict, note: r.note, at: r.at.toISOString() })),
    },
  }
}

type EditorOutcome = { redirectTo: string } | { intent: string; result: SubmissionResult<string[]>; status: 400 } | null

/** The editor's forms: zod first; a refusal (no consent, excerpt not in the text, wrong state) comes back next to the field. */
export async function runEditorAction({ request, curator, chapterId }: { request: Request; curator: { id: string; roles: string[] }; chapterId: string }): Promise<EditorOutcome> {
  const form = await request.formData()
  const intentValue = form.get('intent')
  const intent = typeof intentValue === 'string' && /^[a-zA-Z]{1,30}$/.test(intentValue) ? intentValue : ''
  const s = parseWithZod(form, { schema: ChapterEditorActionSchema })
  if (s.status !== 'success') return { intent, result: s.reply(), status: 400 }
  const outcome = await applyEditorAction({ curator, chapterId, action: s.value })
  if (outcome === null) return null
  if (!outcome.ok) {
    const reply = outcome.field === 'intent' ? s.reply({ formErrors: [outcome.message] }) : s.reply({ fieldErrors: { [outcome.field]: [outcome.message] } })
    return { intent, result: reply, status: 400 }
  }
  return { redirectTo: `/beheer/documentaire/${chapterId}?klaar=${intent}` }
}

/** The new-chapter form. */
export async function runNewChapterAction({ request, curator }: { request: Request; curator: { id: string; roles: string[] } }): Promise<{ redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 }> {
  const s = parseWithZod(await request.formData(), { schema: ChapterFieldsSchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  const { id } = await createChapter({ curator, value: s.value })
  return { redirectTo: `/beheer/documentaire/${id}?klaar=created` }
}

export async function loadChapterHistory({ chapterId }: { chapterId: string }) {
  const chapter = await getChapter({ chapterId })
  if (!chapter) return null
  const events = await listHistory({ chapterId: chapter.id })
  return { chapter: { id: chapter.id, title: chapter.title }, events: events.map((e) => ({ id: e.id, kind: e.kind, version: e.version, reason: e.reason, at: e.at.toISOString() })) }
}
