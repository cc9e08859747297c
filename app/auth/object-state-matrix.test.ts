/**
 * Route × role × object state: the route matrix (route-matrix.test.ts) checks who may open a
 * page at all; this checks what they get for one object in each of its states. Every page or
 * endpoint with a survivor's personal data is requested, with a real Request through its
 * loader, as every kind of visitor, for an object made in every state it can be in.
 *
 * The tables below are the spec: one row per route × state, one column per visitor. 404 means
 * "no such thing" (existence must not leak), 403 a role that never uses the page, 302 a
 * sign-in redirect, 410 a public story that is gone.
 */
import { and, eq, gt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { auditLog } from '@db/schema/audit'
import { helpRequests } from '@db/schema/triage'
import { stories, storyMedia, type Story } from '@db/schema/monument'
import { applications, type ApplicationStatus } from '@db/schema/scheme'
import { grantConsent } from '~/consent/consent.server'
import { deleteStory } from '~/monument/delete-story.server'
import { createTestStoryWithPhoto } from '~/monument/testing.server'
import { createSubmittedApplication, fillInApplication } from '~/scheme/testing.server'
import { createTestRequest } from '~/triage/testing.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { ROLES } from './roles'

import * as staffStoryRoute from '~/routes/beheer.verhalen.$id'
import * as mediaRoute from '~/routes/media.$id'
import * as mediaVariantRoute from '~/routes/media.$id.$variant'
import * as ownStoryRoute from '~/routes/mijn-verhalen.$id._index'
import * as publicStoryRoute from '~/routes/verhalen.$slug'
import * as staffApplicationRoute from '~/routes/beheer.aanvragen.$id'
import * as ownApplicationCopyRoute from '~/routes/mijn-aanvraag.$id.kopie'
import * as staffTriageRoute from '~/routes/beheer.triage.$id'
import * as ownHelpRoute from '~/routes/mijn-hulp.$id'
import * as staffArchivePackageRoute from '~/routes/beheer.archief.$ref'
import * as staffArchiveDownloadRoute from '~/routes/beheer.archief.$ref_.download'
import * as ownArchiveDownloadRoute from '~/routes/mijn-verhalen.archief.$ref.download'
import { createTestArchivePackage } from '~/archive/ui-testing.server'
import { listArchiveQueue } from '~/archive/queue.server'
import { withdrawConsent } from '~/consent/consent.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'

/**
 * The visitors, in the tables' column order (assr = assessor, arch = archivist, rsrch = researcher). `owner` is the story's author, the applicant, the person asking for help. */
const VISITORS = ['anonymous', 'owner', 'otherSurvivor', 'moderator', 'triage', 'assessor', 'archivist', 'researcher', 'admin'] as const
/**
 * The staff roles with no power over stories, applications, help requests or archive packages:
 * each is checked in every cell and expected to get exactly what the researcher gets (the column
 * written out in the tables), unless SAME_AS_RESEARCHER_EXCEPT says otherwise. Their own objects
 * (chapters, interviewer life stories) have matrices of their own.
 */
const POWERLESS_HERE = ['curator', 'sounding_board', 'interviewer', 'intake'] as const
const SAME_AS_RESEARCHER_EXCEPT: Partial<Record<(typeof POWERLESS_HERE)[number], (route: string, state: string) => number | undefined>> = {}
type Visitor = (typeof VISITORS)[number] | (typeof POWERLESS_HERE)[number]
type Statuses = [number, number, number, number, number, number, number, number, number]

// ——— stories ————————————————————————————————————————————————————————————————————

const STORY_STATES = [
  'draft',
  /** Sent in, then taken back by the author before review: a draft again. */
  'retracted',
  'submitted',
  'inReview',
  'changesRequested',
  'awaitingAuthor',
  /** The author approved the moderated version; not published (no publish consent yet). */
  'approved',
  'published',
  /** Published, then hidden at once after a report that says someone is identified. */
  'hidden',
  /** Withdrawn by the author while still a draft. */
  'withdrawnDraft',
  /** Withdrawn by the author after it was published. */
  'withdrawnPublished',
  /** Removed by a moderator after a report. */
  'removed',
  /** Deleted by the author: nothing is left. */
  'erased',
] as const
type StoryState = (typeof STORY_STATES)[number]

const STORY_ROUTES = {
  staff: { label: '/beheer/verhalen/:id', mod: staffStoryRoute },
  media: { label: '/media/:id', mod: mediaRoute },
  mediaVariant: { label: '/media/:id/thumb', mod: mediaVariantRoute },
  own: { label: '/mijn-verhalen/:id', mod: ownStoryRoute },
  public: { label: '/verhalen/:slug', mod: publicStoryRoute },
} as const
type StoryRoute = keyof typeof STORY_ROUTES

/* prettier-ignore */
const STORY_SPEC: Array<[StoryRoute, StoryState, ...Statuses]> = [
  //                                          anon  owner other  mod  triage assr  arch  rsrch admin
  // The moderator's review page: only from "sent in" on; never a draft, nor a story its author withdrew.
  ['staff',        'draft',                    302,  403,  403,  404,  403,  403,  403,  403,  403],
  ['staff',        'retracted',                302,  403,  403,  404,  403,  403,  403,  403,  403],
  ['staff',        'submitted',                302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'inReview',                 302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'changesRequested',         302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'awaitingAuthor',           302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'approved',                 302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'published',                302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'hidden',                   302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'withdrawnDraft',           302,  403,  403,  404,  403,  403,  403,  403,  403],
  ['staff',        'withdrawnPublished',       302,  403,  403,  404,  403,  403,  403,  403,  403],
  ['staff',        'removed',                  302,  403,  403,  200,  403,  403,  403,  403,  403],
  ['staff',        'erased',                   302,  403,  403,  404,  403,  403,  403,  403,  403],
  // A photo of the story: the author always; a moderator like the review page; readers only while published (410 once it was).
  ['media',        'draft',                    404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['media',        'retracted',                404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['media',        'submitted',                404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['media',        'inReview',                 404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['media',        'changesRequested',         404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['media',        'awaitingAuthor',           404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['media',        'approved',                 404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['media',        'published',                200,  200,  200,  200,  200,  200,  200,  200,  200],
  ['media',        'hidden',                   410,  200,  410,  200,  410,  410,  410,  410,  410],
  ['media',        'withdrawnDraft',           404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['media',        'withdrawnPublished',       410,  200,  410,  410,  410,  410,  410,  410,  410],
  ['media',        'removed',                  410,  200,  410,  200,  410,  410,  410,  410,  410],
  ['media',        'erased',                   404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['mediaVariant', 'draft',                    404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['mediaVariant', 'retracted',                404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['mediaVariant', 'submitted',                404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['mediaVariant', 'inReview',                 404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['mediaVariant', 'changesRequested',         404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['mediaVariant', 'awaitingAuthor',           404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['mediaVariant', 'approved',                 404,  200,  404,  200,  404,  404,  404,  404,  404],
  ['mediaVariant', 'published',                200,  200,  200,  200,  200,  200,  200,  200,  200],
  ['mediaVariant', 'hidden',                   410,  200,  410,  200,  410,  410,  410,  410,  410],
  ['mediaVariant', 'withdrawnDraft',           404,  200,  404,  404,  404,  404,  404,  404,  404],
  ['mediaVariant', 'withdrawnPublished',       410,  200,  410,  410,  410,  410,  410,  410,  410],
  ['mediaVariant', 'removed',                  410,  200,  410,  200,  410,  410,  410,  410,  410],
  ['mediaVariant', 'erased',                   404,  404,  404,  404,  404,  404,  404,  404,  404],
  // The author's own page: theirs in every state; anyone else's story is unknown; staff never use it.
  ['own',          'draft',                    302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'retracted',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'submitted',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'inReview',                 302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'changesRequested',         302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'awaitingAuthor',           302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'approved',                 302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'published',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'hidden',                   302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'withdrawnDraft',           302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'withdrawnPublished',       302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'removed',                  302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'erased',                   302,  404,  404,  403,  403,  403,  403,  403,  403],
  // The public page: only while published and not hidden; staff read it as anyone does.
  ['public',       'draft',                    404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'retracted',                404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'submitted',                404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'inReview',                 404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'changesRequested',         404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'awaitingAuthor',           404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'approved',                 404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'published',                200,  200,  200,  200,  200,  200,  200,  200,  200],
  ['public',       'hidden',                   404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'withdrawnDraft',           404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'withdrawnPublished',       404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'removed',                  404,  404,  404,  404,  404,  404,  404,  404,  404],
  ['public',       'erased',                   404,  404,  404,  404,  404,  404,  404,  404,  404],
]

// ——— scheme applications ————————————————————————————————————————————————————————————

const APPLICATION_STATES = ['draft', 'submitted', 'inAssessment', 'handedOff', 'decided', 'withdrawn', 'erased'] as const
type ApplicationState = (typeof APPLICATION_STATES)[number]

const APPLICATION_ROUTES = {
  staff: { label: '/beheer/aanvragen/:id', mod: staffApplicationRoute },
  ownCopy: { label: '/mijn-aanvraag/:id/kopie', mod: ownApplicationCopyRoute },
} as const
type ApplicationRoute = keyof typeof APPLICATION_ROUTES

/* prettier-ignore */
const APPLICATION_SPEC: Array<[ApplicationRoute, ApplicationState, ...Statuses]> = [
  //                                          anon  owner other  mod  triage assr  arch  rsrch admin
  // The assessor's case page: never an application that was not sent in.
  ['staff',        'draft',                    302,  403,  403,  403,  403,  404,  403,  403,  403],
  ['staff',        'submitted',                302,  403,  403,  403,  403,  200,  403,  403,  403],
  ['staff',        'inAssessment',             302,  403,  403,  403,  403,  200,  403,  403,  403],
  ['staff',        'handedOff',                302,  403,  403,  403,  403,  200,  403,  403,  403],
  ['staff',        'decided',                  302,  403,  403,  403,  403,  200,  403,  403,  403],
  ['staff',        'withdrawn',                302,  403,  403,  403,  403,  200,  403,  403,  403],
  ['staff',        'erased',                   302,  403,  403,  403,  403,  404,  403,  403,  403],
  // The applicant's PDF copy of what they sent: exists from sending on, and only for them.
  ['ownCopy',      'draft',                    302,  404,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'submitted',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'inAssessment',             302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'handedOff',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'decided',                  302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'withdrawn',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownCopy',      'erased',                   302,  404,  404,  403,  403,  403,  403,  403,  403],
]

// ——— guidance requests ——————————————————————————————————————————————————————————————
// A request has no draft: it exists from the moment it is sent. The triage worker is its contact person from 'inContact' on.

const REQUEST_STATES = ['new', 'inContact', 'referred', 'inCare', 'closed', 'withdrawn', 'erased'] as const
type RequestState = (typeof REQUEST_STATES)[number]

const REQUEST_ROUTES = {
  staff: { label: '/beheer/triage/:id', mod: staffTriageRoute },
  own: { label: '/mijn-hulp/:id', mod: ownHelpRoute },
} as const
type RequestRoute = keyof typeof REQUEST_ROUTES

/* prettier-ignore */
const REQUEST_SPEC: Array<[RequestRoute, RequestState, ...Statuses]> = [
  //                                          anon  owner other  mod  triage assr  arch  rsrch admin
  ['staff',        'new',                      302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'inContact',                302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'referred',                 302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'inCare',                   302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'closed',                   302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'withdrawn',                302,  403,  403,  403,  200,  403,  403,  403,  403],
  ['staff',        'erased',                   302,  403,  403,  403,  404,  403,  403,  403,  403],
  ['own',          'new',                      302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'inContact',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'referred',                 302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'inCare',                   302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'closed',                   302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'withdrawn',                302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['own',          'erased',                   302,  404,  404,  403,  403,  403,  403,  403,  403],
]

// ——— archive packages ————————————————————————————————————————————————————————————————
// A story whose author gave the archive-transfer consent, in each state of its package. The
// archivist works on packages; the author may download theirs once it was handed over, and keeps
// that copy when they delete the story afterwards (the consent text promises both).

const ARCHIVE_STATES = [
  /** Consent given, no package built yet: there is no package to open. */
  'notPackaged',
  'packaged',
  'handedOver',
  /** Packaged, then the author withdrew the archive consent before the hand-over. */
  'consentWithdrawn',
  /** Handed over, then the author deleted the story: the archive copy stays. */
  'erasedAfterHandover',
] as const
type ArchiveState = (typeof ARCHIVE_STATES)[number]

const ARCHIVE_ROUTES = {
  staff: { label: '/beheer/archief/:ref', mod: staffArchivePackageRoute },
  staffDownload: { label: '/beheer/archief/:ref/download', mod: staffArchiveDownloadRoute },
  ownDownload: { label: '/mijn-verhalen/archief/:ref/download', mod: ownArchiveDownloadRoute },
} as const
type ArchiveRoute = keyof typeof ARCHIVE_ROUTES

/* prettier-ignore */
const ARCHIVE_SPEC: Array<[ArchiveRoute, ArchiveState, ...Statuses]> = [
  //                                          anon  owner other  mod  triage assr  arch  rsrch admin
  // The archivist's package page and download: only the archivist, for every package that exists.
  ['staff',        'notPackaged',              302,  403,  403,  403,  403,  403,  404,  403,  403],
  ['staff',        'packaged',                 302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staff',        'handedOver',               302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staff',        'consentWithdrawn',         302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staff',        'erasedAfterHandover',      302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staffDownload', 'notPackaged',             302,  403,  403,  403,  403,  403,  404,  403,  403],
  ['staffDownload', 'packaged',                302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staffDownload', 'handedOver',              302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staffDownload', 'consentWithdrawn',        302,  403,  403,  403,  403,  403,  200,  403,  403],
  ['staffDownload', 'erasedAfterHandover',     302,  403,  403,  403,  403,  403,  200,  403,  403],
  // The author's copy: only what the archive holds, so only from the hand-over on; nobody else's.
  ['ownDownload',  'notPackaged',              302,  404,  404,  403,  403,  403,  403,  403,  403],
  ['ownDownload',  'packaged',                 302,  404,  404,  403,  403,  403,  403,  403,  403],
  ['ownDownload',  'handedOver',               302,  200,  404,  403,  403,  403,  403,  403,  403],
  ['ownDownload',  'consentWithdrawn',         302,  404,  404,  403,  403,  403,  403,  403,  403],
  ['ownDownload',  'erasedAfterHandover',      302,  200,  404,  403,  403,  403,  403,  403,  403],
]

// ——— plumbing ————————————————————————————————————————————————————————————————————

type Target = { path: string; params: Record<string, string> }
type RouteModule = { loader: (args: { request: Request; params: Record<string, string>; context: typeof testContext }) => Promise<unknown> }

async function statusOf(mod: RouteModule, path: string, params: Record<string, string>, cookie?: string) {
  try {
    const result = await mod.loader({ request: makeRequest(path, { cookie }), params, context: testContext })
    if (result instanceof Response) {
      await result.body?.cancel()
      return result.status
    }
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

let cells = 0
const personas = {} as Record<Exclude<Visitor, 'anonymous' | 'owner'>, Persona>
let author: Persona

beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
  personas.otherSurvivor = await createPersona({ roles: ['survivor'] })
  for (const role of ['moderator', 'triage', 'assessor', 'archivist', 'researcher', 'admin', ...POWERLESS_HERE] as const) personas[role] = await createPersona({ roles: [role] })
})
afterAll(async () => {
  process.stdout.write(`object-state matrix: ${cells} cells checked\n`)
  await closeDb()
})

/** Requests every row of `spec` for this state as every visitor; returns the cells that differ. */
async function check<R extends string, S extends string>(
  spec: Array<[R, S, ...Statuses]>,
  routes: Record<R, { label: string; mod: RouteModule }>,
  state: S,
  targets: Record<R, Target>,
  owner: Persona,
) {
  const wrong: string[] = []
  for (const [route, rowState, ...expected] of spec) {
    if (rowState !== state) continue
    const { path, params } = targets[route]
    const researcher = expected[VISITORS.indexOf('researcher')]!
    const columns: Array<[Visitor, number]> = [
      ...VISITORS.map((v, i): [Visitor, number] => [v, expected[i]!]),
      ...POWERLESS_HERE.map((role): [Visitor, number] => [role, SAME_AS_RESEARCHER_EXCEPT[role]?.(route, state) ?? researcher]),
    ]
    for (const [visitor, want] of columns) {
      const cookie = visitor === 'anonymous' ? undefined : visitor === 'owner' ? owner.cookie : personas[visitor].cookie
      const [{ last } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog)
      const got = await statusOf(routes[route].mod, path, params, cookie)
      cells++
      if (got !== want) wrong.push(`${routes[route].label} ${state} as ${visitor}: ${got}, expected ${want}`)
      // A refused request leaves no successful view in the access log (a refusal may be logged, as denied).
      if (got >= 300) {
        const logged = await db.select({ action: auditLog.action }).from(auditLog).where(and(gt(auditLog.id, Number(last)), eq(auditLog.outcome, 'success')))
        if (logged.length) wrong.push(`${routes[route].label} ${state} as ${visitor}: refused (${got}) but logged as ${logged.map((l) => l.action).join(', ')}`)
      }
    }
  }
  return wrong
}

it('the tables name every role and every state exactly once per route', () => {
  // Every role of the portal has a column (the owner and the other survivor are both 'survivor').
  expect(new Set(ROLES)).toEqual(new Set(['survivor', 'moderator', 'triage', 'assessor', 'archivist', 'researcher', 'admin', ...POWERLESS_HERE]))
  const complete = (spec: Array<[string, string, ...Statuses]>, routes: object, states: readonly string[]) =>
    expect(spec.map(([r, s]) => `${r}|${s}`).sort()).toEqual(Object.keys(routes).flatMap((r) => states.map((s) => `${r}|${s}`)).sort())
  complete(STORY_SPEC, STORY_ROUTES, STORY_STATES)
  complete(APPLICATION_SPEC, APPLICATION_ROUTES, APPLICATION_STATES)
  complete(REQUEST_SPEC, REQUEST_ROUTES, REQUEST_STATES)
  complete(ARCHIVE_SPEC, ARCHIVE_ROUTES, ARCHIVE_STATES)
})

// ——— objects in each state ———————————————————————————————————————————————————————

const PUBLISHED = { publishedTitle: 'Mijn tijd in het tehuis', publishedBody: 'Ik was negen toen ik werd geplaatst.', audience: 'public' as const }

/** A story of the author with one photo, written through the author's own functions, then put in `state`. */
async function storyIn(state: StoryState): Promise<{ story: Story; mediaId: string }> {
  const { story, media } = await createTestStoryWithPhoto({ authorId: author.id })
  const sent = { title: 'Mijn tijd in het tehuis', body: 'Ik was negen toen ik werd geplaatst.', submittedAt: new Date() }
  const everPublished = { ...sent, ...PUBLISHED, authorApprovedAt: new Date(), publishedAt: new Date() }
  const values: Partial<Story> = {
    draft: { title: 'Concept', body: 'Nog niet verstuurd.' },
    retracted: { ...sent, status: 'draft' as const },
    submitted: { ...sent, status: 'submitted' as const },
    inReview: { ...sent, status: 'inReview' as const },
    changesRequested: { ...sent, status: 'changesRequested' as const },
    awaitingAuthor: { ...sent, publishedTitle: PUBLISHED.publishedTitle, publishedBody: PUBLISHED.publishedBody, status: 'awaitingAuthor' as const },
    approved: { ...sent, publishedTitle: PUBLISHED.publishedTitle, publishedBody: PUBLISHED.publishedBody, authorApprovedAt: new Date(), status: 'approved' as const },
    published: { ...everPublished, status: 'published' as const },
    hidden: { ...everPublished, status: 'published' as const, hiddenAt: new Date() },
    withdrawnDraft: { status: 'withdrawn' as const },
    withdrawnPublished: { ...everPublished, status: 'withdrawn' as const },
    removed: { ...everPublished, status: 'removed' as const },
    erased: { ...sent, status: 'submitted' as const },
  }[state]
  const [updated] = await db.update(stories).set(values).where(eq(stories.id, story.id)).returning()
  if (everPublishedState(state)) {
    // Readers get a photo only with its own publish consent and its moderated text.
    await db.update(storyMedia).set({ textModeratedAt: new Date() }).where(eq(storyMedia.id, media.id))
    await grantConsent({ subjectRef: author.id, userId: author.id, objectType: 'media', objectId: media.id, purpose: 'media.publish', locale: 'nl', channel: 'web' })
  }
  // Deleted by the author with its media and files: nothing is left.
  if (state === 'erased') expect((await deleteStory({ authorId: author.id, storyId: story.id })).deleted).toBe(true)
  return { story: updated!, mediaId: media.id }
}

function everPublishedState(state: StoryState) {
  return state === 'published' || state === 'hidden' || state === 'withdrawnPublished' || state === 'removed'
}

describe('stories: route × role × state', () => {
  for (const state of STORY_STATES) {
    it(state, async () => {
      const { story, mediaId } = await storyIn(state)
      const targets: Record<StoryRoute, Target> = {
        staff: { path: `/beheer/verhalen/${story.id}`, params: { id: story.id } },
        media: { path: `/media/${mediaId}`, params: { id: mediaId } },
        mediaVariant: { path: `/media/${mediaId}/thumb`, params: { id: mediaId, variant: 'thumb' } },
        own: { path: `/mijn-verhalen/${story.id}`, params: { id: story.id } },
        public: { path: `/verhalen/${story.slug}`, params: { slug: story.slug } },
      }
      const wrong = await check(STORY_SPEC, STORY_ROUTES, state, targets, author)
      expect(wrong).toEqual([])
    })
  }

  it('a moderation step on a draft answers 404 as for an unknown story, and changes nothing', async () => {
    const { story } = await storyIn('draft')
    const request = makeRequest(`/beheer/verhalen/${story.id}`, { cookie: personas.moderator.cookie, method: 'POST', form: { intent: 'startReview' } })
    const result = await staffStoryRoute.action({ request, params: { id: story.id }, context: testContext })
    expect((result as { init?: { status?: number } }).init?.status).toBe(404)
    const [after] = await db.select({ status: stories.status }).from(stories).where(eq(stories.id, story.id))
    expect(after?.status).toBe('draft')
  })

  it('a refused staff view is logged as refused, never as a view', async () => {
    const { story } = await storyIn('draft')
    expect(await statusOf(staffStoryRoute, `/beheer/verhalen/${story.id}`, { id: story.id }, personas.moderator.cookie)).toBe(404)
    const rows = await db.select({ action: auditLog.action, outcome: auditLog.outcome, subjectId: auditLog.subjectId }).from(auditLog).where(eq(auditLog.objectId, story.id))
    expect(rows).toEqual([{ action: 'story.view', outcome: 'denied', subjectId: null }])
  })
})

describe('scheme applications: route × role × state', () => {
  for (const state of APPLICATION_STATES) {
    it(state, async () => {
      // One application per person and scheme: each state gets an applicant of its own.
      const applicant = await createPersona({ roles: ['survivor'] })
      let applicationId: string
      if (state === 'draft') {
        await fillInApplication({ userId: applicant.id })
        const [draft] = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.applicantUserId, applicant.id), eq(applications.status, 'draft')))
        applicationId = draft!.id
      } else {
        applicationId = (await createSubmittedApplication({ userId: applicant.id })).applicationId
        if (state !== 'submitted' && state !== 'erased') await db.update(applications).set({ status: state as ApplicationStatus }).where(eq(applications.id, applicationId))
        if (state === 'erased') await db.delete(applications).where(eq(applications.id, applicationId))
      }
      const targets: Record<ApplicationRoute, Target> = {
        staff: { path: `/beheer/aanvragen/${applicationId}`, params: { id: applicationId } },
        ownCopy: { path: `/mijn-aanvraag/${applicationId}/kopie`, params: { id: applicationId } },
      }
      const wrong = await check(APPLICATION_SPEC, APPLICATION_ROUTES, state, targets, applicant)
      expect(wrong).toEqual([])
    })
  }
})

describe('guidance requests: route × role × state', () => {
  for (const state of REQUEST_STATES) {
    it(state, async () => {
      const { id } = await createTestRequest({ userId: author.id })
      if (state !== 'new' && state !== 'erased') {
        await db
          .update(helpRequests)
          .set({ status: state, contactPersonId: personas.triage.id, takenAt: new Date(), endedAt: state === 'closed' || state === 'withdrawn' ? new Date() : null })
          .where(eq(helpRequests.id, id))
      }
      if (state === 'erased') await db.delete(helpRequests).where(eq(helpRequests.id, id))
      const targets: Record<RequestRoute, Target> = { staff: { path: `/beheer/triage/${id}`, params: { id } }, own: { path: `/mijn-hulp/${id}`, params: { id } } }
      const wrong = await check(REQUEST_SPEC, REQUEST_ROUTES, state, targets, author)
      expect(wrong).toEqual([])
    })
  }
})

/** A story of the author with the archive consent, its package put in `state`; the ref (a never-built one when there is no package). */
async function archivePackageIn(state: ArchiveState): Promise<{ storyId: string; ref: string }> {
  if (state === 'notPackaged') {
    const story = await createTestStory({ authorId: author.id, status: 'published', authorApprovedAt: new Date() })
    await grantConsent({ subjectRef: author.id, userId: author.id, objectType: 'story', objectId: story.id, purpose: 'monument.archiveTransfer', locale: 'nl', channel: 'web' })
    return { storyId: story.id, ref: 'ARCH-2026-NOTBUILT' }
  }
  const handedOver = state === 'handedOver' || state === 'erasedAfterHandover'
  const made = await createTestArchivePackage({ authorId: author.id, archivistId: personas.archivist.id, handedOver })
  if (state === 'consentWithdrawn') {
    await withdrawConsent({ subjectRef: author.id, userId: author.id, objectType: 'story', objectId: made.storyId, purpose: 'monument.archiveTransfer', locale: 'nl', channel: 'web' })
  }
  // The author deletes a handed-over story: it is withdrawn from the portal, the archive copy stays.
  if (state === 'erasedAfterHandover') expect(await deleteStory({ authorId: author.id, storyId: made.storyId })).toMatchObject({ deleted: false, reason: 'archived' })
  return made
}

describe('archive packages: route × role × state', () => {
  for (const state of ARCHIVE_STATES) {
    it(state, async () => {
      const { storyId, ref } = await archivePackageIn(state)
      const targets: Record<ArchiveRoute, Target> = {
        staff: { path: `/beheer/archief/${ref}`, params: { ref } },
        staffDownload: { path: `/beheer/archief/${ref}/download`, params: { ref } },
        ownDownload: { path: `/mijn-verhalen/archief/${ref}/download`, params: { ref } },
      }
      const wrong = await check(ARCHIVE_SPEC, ARCHIVE_ROUTES, state, targets, author)
      expect(wrong).toEqual([])
      // The queue holds a story while its author's consent holds, and never after it was withdrawn.
      const queued = (await listArchiveQueue()).find((item) => item.storyId === storyId)
      if (state === 'consentWithdrawn') expect(queued).toBeUndefined()
      if (state === 'notPackaged') expect(queued?.latestPackage).toBeNull()
      if (state === 'packaged') expect(queued?.latestPackage?.ref).toBe(ref)
    })
  }

  it('a hand-over refused after the author withdrew the consent changes nothing', async () => {
    const { ref } = await archivePackageIn('consentWithdrawn')
    const request = makeRequest(`/beheer/archief/${ref}`, { cookie: personas.archivist.cookie, method: 'POST', form: { receiptReference: 'NA-2026-0002' } })
    const result = await staffArchivePackageRoute.action({ request, params: { ref }, context: testContext })
    expect((result as { init?: { status?: number } }).init?.status).toBe(409)
    const [row] = await db.select({ handedOverAt: archivePackages.handedOverAt }).from(archivePackages).where(eq(archivePackages.ref, ref))
    expect(row?.handedOverAt).toBeNull()
  })
})

describe('stories shown inside another staff view', () => {
  it("the assessor's related stories hold only a version the author approved, never a draft", async () => {
    const { createTestApplication } = await import('~/scheme/for-assessment-testing.server')
    const story = (status: Story['status'], publishedTitle: string | null) =>
      db
        .insert(stories)
        .values({ authorId: author.id, slug: `verhaal-${status}-${Date.now()}`, title: 'Eigen titel', institutionName: 'Voorbeeldhuis', decades: ['1970s'], publishedTitle, status })
        .returning({ id: stories.id })
        .then(([row]) => row!.id)
    const draft = await story('draft', null)
    const inReview = await story('inReview', null)
    const published = await story('published', 'Goedgekeurde titel')
    // The author agreed to research use for all three: the state alone must keep the first two out.
    for (const objectId of [draft, inReview, published]) {
      await grantConsent({ subjectRef: author.id, userId: author.id, objectType: 'story', objectId, purpose: 'monument.research', locale: 'nl', channel: 'web' })
    }
    const app = await createTestApplication()
    const result = (await staffApplicationRoute.loader({ request: makeRequest(`/beheer/aanvragen/${app.id}`, { cookie: personas.assessor.cookie }), params: { id: app.id }, context: testContext })) as {
      caseView: { related: { stories: Array<{ id: string; title: string }> } }
    }
    expect(result.caseView.related.stories.map((s) => s.id)).toEqual([published])
  })
})

// ——— life stories recorded with an interviewer (ADR 0030) ——————————————————————————
// Own visitors: the interviewer who registered the story and another interviewer are columns
// here, the roles that never touch life stories are represented by the moderator and the admin.

const LIFE_STORY_VISITORS = ['anonymous', 'owner', 'otherSurvivor', 'interviewer', 'otherInterviewer', 'archivist', 'moderator', 'admin'] as const
const LIFE_STORY_STATES = [
  /** Registered, the link or letter not yet used: nobody's account holds it. */
  'invited',
  /** Claimed by the survivor, who has not approved it yet: the interviewer still reads it. */
  'awaitingSurvivor',
  /** Approved: the survivor's alone; the interviewer's access has ended. */
  'approved',
] as const
type LifeStoryState = (typeof LIFE_STORY_STATES)[number]
type LifeStoryRoute = 'staff' | 'own' | 'ownText'

/* prettier-ignore */
const LIFE_STORY_SPEC: Array<[LifeStoryRoute, LifeStoryState, number, number, number, number, number, number, number, number]> = [
  //                                          anon  owner other  intv  other-intv arch  mod  admin
  // The staff page: the registering interviewer until approval; the archivist sees the state, never the text (checked in app/life-stories/interviewer.test.ts).
  ['staff',        'invited',                  302,  403,  403,  200,  404,       200,  403,  403],
  ['staff',        'awaitingSurvivor',         302,  403,  403,  200,  404,       200,  403,  403],
  ['staff',        'approved',                 302,  403,  403,  404,  404,       200,  403,  403],
  // The survivor's page and text download: only once claimed, only theirs.
  ['own',          'invited',                  302,  404,  404,  403,  403,       403,  403,  403],
  ['own',          'awaitingSurvivor',         302,  200,  404,  403,  403,       403,  403,  403],
  ['own',          'approved',                 302,  200,  404,  403,  403,       403,  403,  403],
  ['ownText',      'invited',                  302,  404,  404,  403,  403,       403,  403,  403],
  ['ownText',      'awaitingSurvivor',         302,  200,  404,  403,  403,       403,  403,  403],
  ['ownText',      'approved',                 302,  200,  404,  403,  403,       403,  403,  403],
]

describe('life stories recorded with an interviewer: route × role × state', () => {
  it('the table names every route and state once', () => {
    expect(LIFE_STORY_SPEC.map(([r, s]) => `${r}|${s}`).sort()).toEqual((['staff', 'own', 'ownText'] as const).flatMap((r) => LIFE_STORY_STATES.map((s) => `${r}|${s}`)).sort())
  })

  for (const state of LIFE_STORY_STATES) {
    it(state, async () => {
      const { createTestLifeStory } = await import('~/life-stories/testing.server')
      const staffRoute = (await import('~/routes/beheer.levensverhalen.$id')) as unknown as RouteModule
      const ownRoute = (await import('~/routes/mijn-verhalen.levensverhaal.$id._index')) as unknown as RouteModule
      const ownTextRoute = (await import('~/routes/mijn-verhalen.levensverhaal.$id.tekst')) as unknown as RouteModule
      const [owner, interviewer, otherInterviewer] = await Promise.all([
        createPersona({ roles: ['survivor'] }),
        createPersona({ roles: ['interviewer'] }),
        createPersona({ roles: ['interviewer'] }),
      ])
      const id = await createTestLifeStory({ source: 'interviewer', registeredBy: interviewer.id, claimedBy: state === 'invited' ? undefined : owner.id, approved: state === 'approved' })
      const cookies: Record<(typeof LIFE_STORY_VISITORS)[number], string | undefined> = {
        anonymous: undefined,
        owner: owner.cookie,
        otherSurvivor: personas.otherSurvivor.cookie,
        interviewer: interviewer.cookie,
        otherInterviewer: otherInterviewer.cookie,
        archivist: personas.archivist.cookie,
        moderator: personas.moderator.cookie,
        admin: personas.admin.cookie,
      }
      const routes: Record<LifeStoryRoute, { mod: RouteModule; path: string }> = {
        staff: { mod: staffRoute, path: `/beheer/levensverhalen/${id}` },
        own: { mod: ownRoute, path: `/mijn-verhalen/levensverhaal/${id}` },
        ownText: { mod: ownTextRoute, path: `/mijn-verhalen/levensverhaal/${id}/tekst` },
      }
      const wrong: string[] = []
      for (const [route, rowState, ...expected] of LIFE_STORY_SPEC) {
        if (rowState !== state) continue
        for (const [i, visitor] of LIFE_STORY_VISITORS.entries()) {
          const [{ last } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog)
          const got = await statusOf(routes[route].mod, routes[route].path, { id }, cookies[visitor])
          cells++
          if (got !== expected[i]) wrong.push(`${route} ${state} as ${visitor}: ${got}, expected ${expected[i]}`)
          if (got >= 300) {
            const logged = await db.select({ action: auditLog.action }).from(auditLog).where(and(gt(auditLog.id, Number(last)), eq(auditLog.outcome, 'success')))
            if (logged.length) wrong.push(`${route} ${state} as ${visitor}: refused (${got}) but logged as ${logged.map((l) => l.action).join(', ')}`)
          }
        }
      }
      expect(wrong).toEqual([])
    })
  }
})
