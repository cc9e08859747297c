import { unstable_parseMultipartFormData } from '@remix-run/node'
import { z } from 'zod'
import { evidenceUploadHandler, parseStoredUpload } from './application-steps.server'
import { answerInformationRequest, withdrawApplication } from './applications.server'

const AnswerSchema = z.object({
  intent: z.literal('answer'),
  requestId: z.string().uuid(),
  answer: z.string().trim().min(1, 'validation:required').max(20_000, 'scheme:form.errors.tooLong'),
})
const WithdrawSchema = z.object({ intent: z.literal('withdraw'), applicationId: z.string().uuid(), confirm: z.literal('on') })

export type ApplicantActionOutcome = { redirectTo: string } | { error: string; requestId?: string }

/** The applicant's actions on /mijn-aanvraag: answer a question (with an optional file) or withdraw. */
export async function runApplicantAction({ request, userId }: { request: Request; userId: string }): Promise<ApplicantActionOutcome> {
  const multipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  const formData = multipart ? await unstable_parseMultipartFormData(request, evidenceUploadHandler(`scheme/answers/${userId}`)) : await request.formData()
  const values = Object.fromEntries([...formData.entries()].filter(([k]) => k !== 'file'))
  if (values.intent === 'withdraw') {
    const parsed = WithdrawSchema.safeParse(values)
    if (!parsed.success) return { error: 'scheme:status.withdraw.confirmRequired' }
    const { ok } = await withdrawApplication({ userId, applicationId: parsed.data.applicationId })
    return ok ? { redirectTo: '/mijn-aanvraag?ingetrokken=1' } : { error: 'scheme:status.withdraw.notPossible' }
  }
  const parsed = AnswerSchema.safeParse(values)
  const requestId = typeof values.requestId === 'string' ? values.requestId : undefined
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'validation:required', requestId }
  const upload = parseStoredUpload(formData.get('file'))
  if (upload && 'error' in upload) return { error: upload.error, requestId }
  const { ok } = await answerInformationRequest({ applicantUserId: userId, requestId: parsed.data.requestId, answer: parsed.data.answer, upload })
  return ok ? { redirectTo: '/mijn-aanvraag?beantwoord=1' } : { error: 'scheme:status.answer.notPossible', requestId }
}
