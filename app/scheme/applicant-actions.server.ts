import { z } from 'zod'
import { storage } from '~/utils/storage.server'
import { text } from '~/utils/text-schema'
import { parseStoredUpload, readEvidenceForm } from './application-steps.server'
import { answerInformationRequest } from './information-requests.server'
import { withdrawApplication } from './withdraw-application.server'

const AnswerSchema = z.object({
  intent: z.literal('answer'),
  requestId: z.string().uuid(),
  answer: text({ max: 20_000, tooLong: 'scheme:form.errors.tooLong' }),
})
const WithdrawSchema = z.object({ intent: z.literal('withdraw'), applicationId: z.string().uuid(), confirm: z.literal('on') })

export type ApplicantActionOutcome = { redirectTo: string } | { error: string; requestId?: string }

/** The applicant's actions on /mijn-aanvraag: answer a question (with an optional file) or withdraw. */
export async function runApplicantAction({ request, userId }: { request: Request; userId: string }): Promise<ApplicantActionOutcome> {
  const multipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  let formData: FormData
  if (multipart) {
    // A post cut off or malformed is answered with a message; its stored file is already gone.
    const read = await readEvidenceForm({ request, prefix: `scheme/answers/${userId}` })
    if (!read.ok) return { error: read.error, requestId: read.fields.requestId }
    formData = read.form
  } else {
    // A body that is no form at all (another content type, or cut off) is answered like a cut-off upload.
    const read = await request.formData().catch(() => null)
    if (!read) return { error: 'scheme:evidence.errors.interrupted' }
    formData = read
    // Only a streamed file may fill the file field: a typed value there would name any object in the bucket.
    formData.delete('file')
  }
  const values = Object.fromEntries([...formData.entries()].filter(([k]) => k !== 'file'))
  const upload = parseStoredUpload(formData.get('file'))
  // A stored file that ends up in no answer belongs to nothing: it goes.
  const discardUpload = async () => {
    if (upload && !('error' in upload)) await storage.remove(upload.key).catch(() => {})
  }
  if (values.intent === 'withdraw') {
    await discardUpload()
    const parsed = WithdrawSchema.safeParse(values)
    if (!parsed.success) return { error: 'scheme:status.withdraw.confirmRequired' }
    const { ok } = await withdrawApplication({ userId, applicationId: parsed.data.applicationId })
    return ok ? { redirectTo: '/mijn-aanvraag?ingetrokken=1' } : { error: 'scheme:status.withdraw.notPossible' }
  }
  const parsed = AnswerSchema.safeParse(values)
  const requestId = typeof values.requestId === 'string' ? values.requestId : undefined
  if (!parsed.success) {
    await discardUpload()
    return { error: parsed.error.issues[0]?.message ?? 'validation:required', requestId }
  }
  if (upload && 'error' in upload) return { error: upload.error, requestId }
  const { ok } = await answerInformationRequest({ applicantUserId: userId, requestId: parsed.data.requestId, answer: parsed.data.answer, upload })
  if (!ok) await discardUpload()
  return ok ? { redirectTo: '/mijn-aanvraag?beantwoord=1' } : { error: 'scheme:status.answer.notPossible', requestId }
}
