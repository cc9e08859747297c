import { and, eq, isNull } from 'drizzle-orm'
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { db } from '@db/client.server'
import { lifeStories } from '@db/schema/life-stories'
import { recordAccess } from '~/audit/audit.server'
import type { Lng } from '~/i18n/config'
import { discardAudio, readRegistrationForm } from './audio.server'
import { issueLetterCode } from './letter-code.server'
import { renderLetterPdf } from './letter-pdf.server'
import { RegisterInterviewSchema } from './schemas'
import { registerLifeStory, type StaffViewer } from './staff.server'

/**
 * The interviewer's side (ADR 0030): register a recorded conversation (text, optional audio)
 * for a survivor reached by e-mail or by a posted letter, and print that letter.
 */

type Outcome = { redirectTo: string } | { result: SubmissionResult<string[]>; status: 400 }

/** The interviewer's registration form: like the archivist's, with the contact chosen instead of the source. */
export async function runRegisterInterviewAction({ request, viewer, ip }: { request: Request; viewer: StaffViewer; ip?: string | null }): Promise<Outcome> {
  const read = await readRegistrationForm(request)
  if (!read.ok) {
    const form = new FormData()
    for (const [k, v] of Object.entries(read.fields)) form.set(k, v)
    const s = parseWithZod(form, { schema: RegisterInterviewSchema })
    const key = read.reason === 'tooLarge' ? 'lifeStories:register.errors.formTooLarge' : 'lifeStories:register.errors.interrupted'
    return { result: s.reply({ formErrors: [key] }), status: 400 }
  }
  const s = parseWithZod(read.form, { schema: RegisterInterviewSchema })
  const audio = read.audio
  if (s.status !== 'success' || (audio && 'error' in audio)) {
    await discardAudio(audio)
    const fieldErrors = audio && 'error' in audio ? { audio: [audio.error] } : undefined
    return { result: s.reply(fieldErrors ? { fieldErrors } : undefined), status: 400 }
  }
  const v = s.value
  const email = v.contact === 'email' ? (v.email ?? null) : null
  const id = await registerLifeStory({
    archivist: { id: viewer.id, roles: viewer.roles },
    value: { source: 'interviewer', recordedOn: v.recordedOn, title: v.title, body: v.body, email, locale: v.locale },
    audio,
    request,
    ip,
  })
  return { redirectTo: `/beheer/levensverhalen/${id}?klaar=${email ? 'registered' : 'registeredLetter'}` }
}

/**
 * A letter with a fresh code for a story the interviewer registered and nobody claimed yet
 * (every earlier link or code stops working). The code exists only in this PDF; the portal
 * keeps its keyed hash. Null when the story is not theirs or already claimed.
 */
export async function printLetter({ viewer, id, locale, request, ip }: { viewer: StaffViewer; id: string; locale: Lng; request?: Request; ip?: string | null }) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null
  const issued = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: lifeStories.id, reference: lifeStories.reference })
      .from(lifeStories)
      .where(and(eq(lifeStories.id, id), eq(lifeStories.source, 'interviewer'), eq(lifeStories.registeredBy, viewer.id), isNull(lifeStories.claimedBy), isNull(lifeStories.interviewerAccessEndedAt)))
      .for('update')
    if (!row) return null
    const { code, expiresAt } = await issueLetterCode({ lifeStoryId: row.id }, tx)
    await recordAccess({ actor: { id: viewer.id, roles: viewer.roles }, action: 'lifeStory.printLetter', objectType: 'lifeStory', objectId: row.id, purpose: 'lifeStories', outcome: 'success', ip }, tx)
    return { code, expiresAt, reference: row.reference }
  })
  if (!issued) return null
  const pdf = await renderLetterPdf({ ...issued, locale, request })
  // The code goes back to the caller only for tests; the route sends the PDF alone.
  return { pdf, fileName: `${issued.reference}-brief.pdf`, code: issued.code }
}
