import { z } from 'zod'
import { TEXT_MESSAGES } from '~/utils/text-schema'
import type { SessionContext } from '~/auth/session.server'
import { takeRequest, transferRequest } from './fixed-contact.server'
import { TriageError } from './help-request.server'
import { sendWorkerMessage } from './messages.server'
import { proposeReferral } from './referral.server'
import { addNote, closeRequest, logContactAttempt, markInCare } from './request-progress.server'
import { AttemptSchema, CloseSchema, MessageSchema, NoteSchema, ReferralProposalSchema, TransferSchema } from './schemas'

const StaffIntentSchema = z.enum(['take', 'takeOver', 'attempt', 'note', 'message', 'refer', 'inCare', 'close', 'transfer'])

function formObject(formData: FormData) {
  return {
    channel: formData.get('channel') ?? undefined,
    outcome: formData.get('outcome') ?? undefined,
    body: formData.get('body') ?? undefined,
    reason: formData.get('reason') ?? undefined,
    entryId: formData.get('entryId') || undefined,
    fields: formData.getAll('fields'),
    consentGivenByPhone: formData.get('consentGivenByPhone') ?? undefined,
    toWorkerId: formData.get('toWorkerId') ?? undefined,
  }
}

/**
 * A triage worker's action on one request. The module functions check that the worker is the
 * contact person (and log a refusal); this only parses the form. Returns a done-key for the
 * page, or a problem key (the page keeps what was typed).
 */
export async function handleStaffAction({ ctx, requestId, formData, ip }: { ctx: SessionContext; requestId: string; formData: FormData; ip: string }) {
  const worker = ctx.user
  const values = formObject(formData)
  const problem = (key: string) => ({ ok: false as const, problem: key })
  const parsedIntent = StaffIntentSchema.safeParse(formData.get('intent'))
  if (!parsedIntent.success) return problem('unknown')
  const intent = parsedIntent.data
  // A refused control character gets its own message: "empty" would puzzle the worker.
  const textProblem = (error: z.ZodError, otherwise: string) =>
    problem(error.issues.some((i) => i.message === TEXT_MESSAGES.controlCharacters) ? 'controlCharacters' : otherwise)
  try {
    switch (intent) {
      case 'take':
        await takeRequest({ worker, requestId, ip })
        return { ok: true as const, done: 'taken' }
      case 'takeOver':
        await transferRequest({ worker, requestId, toWorkerId: worker.id, takeOver: true, ip })
        return { ok: true as const, done: 'takenOver' }
      case 'attempt': {
        const parsed = AttemptSchema.safeParse(values)
        if (!parsed.success) return problem('attemptInvalid')
        await logContactAttempt({ worker, requestId, ...parsed.data, ip })
        return { ok: true as const, done: 'attemptLogged' }
      }
      case 'note': {
        const parsed = NoteSchema.safeParse(values)
        if (!parsed.success) return textProblem(parsed.error, 'noteEmpty')
        await addNote({ worker, requestId, body: parsed.data.body, ip })
        return { ok: true as const, done: 'noteAdded' }
      }
      case 'message': {
        const parsed = MessageSchema.safeParse(values)
        if (!parsed.success) return textProblem(parsed.error, 'messageEmpty')
        await sendWorkerMessage({ worker, requestId, body: parsed.data.body, ip })
        return { ok: true as const, done: 'messageSent' }
      }
      case 'refer': {
        const parsed = ReferralProposalSchema.safeParse(values)
        if (!parsed.success) return problem('referralInvalid')
        await proposeReferral({ worker, requestId, entryId: parsed.data.entryId, fields: parsed.data.fields, consentGivenByPhone: parsed.data.consentGivenByPhone === 'on', ip })
        return { ok: true as const, done: parsed.data.consentGivenByPhone ? 'referred' : 'referralProposed' }
      }
      case 'inCare':
        await markInCare({ worker, requestId, ip })
        return { ok: true as const, done: 'inCare' }
      case 'close': {
        const parsed = CloseSchema.safeParse(values)
        if (!parsed.success) return problem('closeInvalid')
        await closeRequest({ worker, requestId, reason: parsed.data.reason, ip })
        return { ok: true as const, done: 'closed' }
      }
      case 'transfer': {
        const parsed = TransferSchema.safeParse(values)
        if (!parsed.success) return problem('transferInvalid')
        await transferRequest({ worker, requestId, toWorkerId: parsed.data.toWorkerId, ip })
        return { ok: true as const, done: 'transferred' }
      }
      default:
        return intent satisfies never
    }
  } catch (error) {
    if (error instanceof TriageError) return problem(error.code)
    throw error
  }
}
