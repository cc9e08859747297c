import { and, eq, inArray } from 'drizzle-orm'
import { grantConsent } from '~/consent/consent.server'
import { applyEditorAction, createChapter, getChapter, type Actor } from '~/documentary/compose.server'
import { applyBoardAction } from '~/documentary/review.server'
import type { DbOrTx } from '../client.server'
import { users } from '../schema/accounts'
import { stories } from '../schema/monument'

/**
 * Demo web documentary (development and e2e only): one published chapter, so /documentaire has
 * something to read on a fresh start. Built the way a real one is: the demo survivor gives the
 * documentary consent on two of her published demo stories (in the ledger), the demo curator
 * composes the chapter through the documentary's own functions (which refuse a story without
 * that consent), both demo sounding-board members approve it, and the curator publishes it.
 * The demo stories have no media, so the chapter holds a curator's text and a report passage
 * next to the two excerpts, and a help block.
 */

const WASHERY = 'demo-verhaal-2'
const SUMMER = 'demo-verhaal-1'

export const DEMO_CHAPTER_TITLE = 'Werken en zwijgen'

export async function seedDocumentaryDemo(tx: DbOrTx, { survivorId }: { survivorId: string }) {
  const staff = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ['samensteller@demo.local', 'klankbord1@demo.local', 'klankbord2@demo.local']))
  const idOf = (email: string) => staff.find((u) => u.email === email)?.id
  const [curatorId, board1, board2] = [idOf('samensteller@demo.local'), idOf('klankbord1@demo.local'), idOf('klankbord2@demo.local')]
  if (!curatorId || !board1 || !board2) return

  const own = await tx
    .select({ id: stories.id, slug: stories.slug, body: stories.publishedBody })
    .from(stories)
    .where(and(eq(stories.authorId, survivorId), inArray(stories.slug, [WASHERY, SUMMER])))
  const washery = own.find((s) => s.slug === WASHERY)
  const summer = own.find((s) => s.slug === SUMMER)
  if (!washery?.body || !summer?.body) return
  for (const story of [washery, summer]) {
    await grantConsent({ subjectRef: survivorId, userId: survivorId, objectType: 'story', objectId: story.id, purpose: 'monument.documentary', locale: 'nl', channel: 'web' }, tx)
  }

  const curator: Actor = { id: curatorId, roles: ['curator'] }
  const { id: chapterId } = await createChapter({
    curator,
    tx,
    value: {
      title: DEMO_CHAPTER_TITLE,
      intro: 'Twee verhalen over tehuizen in de jaren vijftig en zestig: over werk zonder loon, over straf, en over niemand die luisterde. Met een stuk uit het eindrapport van de commissie De Winter.',
      themeKind: 'setting',
      themeValue: 'residentialGroup',
      contentNote: 'Dit hoofdstuk gaat over gedwongen werk, straf en eenzaamheid in tehuizen. Er staan geen beschrijvingen van seksueel geweld in.',
    },
  })
  const paragraphs = (body: string) => body.split('\n\n')
  const steps = [
    {
      intent: 'addText',
      body: 'Veel kinderen in tehuizen moesten werken, en praten over wat er gebeurde mocht niet. De verhalen in dit hoofdstuk zijn verzonnen voor de demonstratie van dit portaal, maar ze lijken op wat veel mensen aan de commissie vertelden.',
    },
    { intent: 'addStory', storyId: washery.id, excerpt: paragraphs(washery.body).slice(0, 2).join('\n\n'), contentNote: 'Over gedwongen werk zonder loon.' },
    {
      intent: 'addReport',
      reportRef: 'main',
      body: 'De commissie vond seksueel, lichamelijk en psychisch geweld. Tot in de jaren zeventig ging het vooral om geweld door medewerkers, later vooral om geweld tussen kinderen onderling.',
    },
    { intent: 'addStory', storyId: summer.id, excerpt: paragraphs(summer.body)[2]!, contentNote: 'Over niet geloofd worden.' },
    { intent: 'addHelp', setting: 'residentialGroup', need: 'peerContact' },
    { intent: 'submitForReview' },
  ] as const
  for (const action of steps) {
    const result = await applyEditorAction({ curator, chapterId, action: action as Parameters<typeof applyEditorAction>[0]['action'], tx })
    if (!result?.ok) throw new Error(`documentary demo: ${action.intent} refused (${result ? result.message : 'no chapter'})`)
  }
  const chapter = await getChapter({ chapterId, tx })
  for (const member of [board1, board2]) {
    const result = await applyBoardAction({ member: { id: member, roles: ['sounding_board'] }, chapterId, action: { intent: 'approve', version: chapter!.version }, tx })
    if (!result?.ok) throw new Error(`documentary demo: approval refused (${result ? result.message : 'no chapter'})`)
  }
  // With more approvals configured (DOCUMENTARY_APPROVALS_REQUIRED) the chapter stays in review.
  await applyEditorAction({ curator, chapterId, action: { intent: 'publish' }, tx })
}
