import { parseWithZod } from '@conform-to/zod'
import type { SubmissionResult } from '@conform-to/react'
import { getChapter } from './compose.server'
import { logStoryViews } from './pick-list.server'
import { applyBoardAction, BOARD_STATES, getReviewStatus, listFeedback } from './review.server'
import { BoardActionSchema } from './schemas'
import { checkBlocks } from './visibility.server'

type Member = { id: string; roles: string[] }

/**
 * What a sounding-board member reads: the draft chapter as readers would get it (only blocks
 * that may be shown), with no author identity (no names, no story links), their own verdict on
 * this version and the comments. Story texts are personal data: each view is logged.
 */
export async function loadBoardChapter({ member, chapterId, ip }: { member: Member; chapterId: string; ip: string | null }) {
  const chapter = await getChapter({ chapterId })
  if (!chapter || !BOARD_STATES.includes(chapter.state)) return null
  const checks = await checkBlocks({ chapterId: chapter.id })
  const visible = checks.filter((c) => !c.hidden)
  await logStoryViews({ actor: member, stories: visible.flatMap((c) => (c.story ? [c.story] : [])).filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i), purpose: 'documentaryReview', ip })
  const [status, feedback] = await Promise.all([getReviewStatus({ chapter }), listFeedback({ chapterId: chapter.id })])
  return {
    chapter: { id: chapter.id, title: chapter.title, intro: chapter.intro, themeKind: chapter.themeKind, themeValue: chapter.themeValue, contentNote: chapter.contentNote, state: chapter.state, version: chapter.version },
    blocks: visible.map(({ block: b, story }) => {
      const medium = b.kind === 'medium' ? story?.media.find((m) => m.id === b.mediaId) : undefined
      return {
        id: b.id,
        kind: b.kind,
        contentNote: b.contentNote ?? (story?.contentNote || null),
        text: b.kind === 'story' ? (b.excerpt ?? story?.body ?? '') : b.kind === 'medium' ? (medium?.transcript ?? medium?.description ?? '') : (b.body ?? ''),
        mediaKind: medium?.kind ?? null,
        reportRef: b.reportRef,
        facets: b.facets ?? {},
      }
    }),
    myVerdict: feedback.reviews.find((r) => r.version === chapter.version && r.reviewerId === member.id)?.verdict ?? null,
    status: { approvals: status.approvals, objections: status.objections, required: status.required },
    comments: feedback.comments.filter((c) => c.version === chapter.version).map((c) => ({ id: c.id, blockId: c.blockId, body: c.body })),
  }
}

type BoardOutcome = { redirectTo: string } | { intent: string; result: SubmissionResult<string[]>; status: 400 } | null

export async function runBoardAction({ request, member, chapterId }: { request: Request; member: Member; chapterId: string }): Promise<BoardOutcome> {
  const form = await request.formData()
  const intentValue = form.get('intent')
  const intent = typeof intentValue === 'string' && /^[a-zA-Z]{1,30}$/.test(intentValue) ? intentValue : ''
  const s = parseWithZod(form, { schema: BoardActionSchema })
  if (s.status !== 'success') return { intent, result: s.reply(), status: 400 }
  const outcome = await applyBoardAction({ member, chapterId, action: s.value })
  if (outcome === null) return null
  if (!outcome.ok) return { intent, result: s.reply({ formErrors: [outcome.message] }), status: 400 }
  return { redirectTo: `/beheer/klankbord/${chapterId}?klaar=${intent}` }
}
