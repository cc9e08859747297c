import { createCookie, redirect } from '@remix-run/node'
import { and, eq, gt, lte } from 'drizzle-orm'
import { z } from 'zod'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { draftRescues } from '@db/schema/draft-rescue'
import { getSessionContext, sessionCookie } from '~/auth/session.server'
import { hashToken, randomToken } from '~/auth/tokens.server'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { BODY_MAX, CONTENT_NOTE_MAX, TITLE_MAX } from './schemas'

/**
 * Nothing typed is lost when a session ends while a survivor writes (issue 4; ADR 0015).
 * Without JavaScript a long story is typed and sent in one go; if the session ended in the
 * meantime, the sign-in detour would throw the text away. Instead the text of that submit is
 * kept encrypted for a day, tied to this browser by a cookie and to the story, and handed
 * back in the form once the story's author has signed in again.
 */

const RESCUE_HOURS = 24

export const rescueCookie = createCookie(process.env.APP_ENV === 'production' ? '__Host-rescue' : 'rescue', {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: process.env.APP_ENV === 'production',
  maxAge: RESCUE_HOURS * 60 * 60,
})

// Generous bounds (twice the editor's limits): a text that is too long is handed back too, so
// its author can shorten it instead of losing it; the editor then says what is too long.
const RescuedTextSchema = z.object({
  title: z.string().max(TITLE_MAX * 2).default(''),
  body: z.string().max(BODY_MAX * 2).default(''),
  contentNote: z.string().max(CONTENT_NOTE_MAX * 2).default(''),
})
export type RescuedText = z.infer<typeof RescuedTextSchema>

const text = (form: FormData, name: string) => {
  const v = form.get(name)
  return typeof v === 'string' ? v : ''
}

/**
 * For a story-text submit from a browser whose session has ended: keeps what was typed and
 * answers with the sign-in page (and back to this step). Null when there is nothing to keep
 * (a live session, another step, no sign of an earlier session, nothing typed, an unknown story).
 * Each submit of the same story overwrites the previous one (the newest text wins).
 */
export async function rescueTypedStory({ request, storyId, tx = defaultDb }: { request: Request; storyId: string; tx?: DbOrTx }): Promise<Response | null> {
  if (request.method !== 'POST') return null
  if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return null
  // Only a browser that was signed in: an anonymous post has nothing to rescue.
  if (!(await sessionCookie.parse(request.headers.get('cookie')))) return null
  if (await getSessionContext(request)) return null
  if (!z.string().uuid().safeParse(storyId).success) return null
  const form = await request.clone().formData()
  // Also the autosave: with JavaScript, that is what first meets the ended session.
  if (form.get('step') !== 'verhaal') return null
  const typed = RescuedTextSchema.safeParse({ title: text(form, 'title'), body: text(form, 'body'), contentNote: text(form, 'contentNote') })
  if (!typed.success || !(typed.data.title.trim() || typed.data.body.trim() || typed.data.contentNote.trim())) return null

  const token = randomToken()
  try {
    // One kept text per story and browser: a newer submit (the autosave, then the button) replaces it.
    const earlier = await rescueCookie.parse(request.headers.get('cookie'))
    if (typeof earlier === 'string') await tx.delete(draftRescues).where(and(eq(draftRescues.tokenHash, hashToken(earlier)), eq(draftRescues.storyId, storyId)))
    await tx.insert(draftRescues).values({
      tokenHash: hashToken(token),
      storyId,
      payload: encryptField(JSON.stringify(typed.data)),
      expiresAt: new Date(Date.now() + RESCUE_HOURS * 60 * 60 * 1000),
    })
  } catch {
    return null // no such story: the usual sign-in redirect follows
  }
  const back = `/mijn-verhalen/${storyId}?stap=verhaal`
  return redirect(`/inloggen?redirectTo=${encodeURIComponent(back)}`, { headers: { 'Set-Cookie': await rescueCookie.serialize(token) } })
}

/**
 * The text kept for this story in this browser, for its signed-in author (the caller has
 * checked the story is theirs). Handing it back uses it up; the cookie, then pointing at
 * nothing, runs out with the day.
 */
export async function takeRescuedStory({ request, storyId, tx = defaultDb }: { request: Request; storyId: string; tx?: DbOrTx }): Promise<RescuedText | null> {
  const token = await rescueCookie.parse(request.headers.get('cookie'))
  if (typeof token !== 'string' || token.length < 20) return null
  const [row] = await tx
    .delete(draftRescues)
    .where(and(eq(draftRescues.tokenHash, hashToken(token)), eq(draftRescues.storyId, storyId), gt(draftRescues.expiresAt, new Date())))
    .returning({ payload: draftRescues.payload })
  if (!row) return null
  const parsed = RescuedTextSchema.safeParse(JSON.parse(decryptField(row.payload)))
  return parsed.success ? parsed.data : null
}

/** Rescues nobody came back for are deleted after a day (the monument's hourly job). */
export async function deleteExpiredRescues(tx: DbOrTx = defaultDb) {
  const gone = await tx.delete(draftRescues).where(lte(draftRescues.expiresAt, new Date())).returning({ id: draftRescues.id })
  return gone.length
}
