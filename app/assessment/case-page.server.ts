import { data, redirect, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { notFoundForeign, requireRecentAuth, type requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { clientIp } from '~/utils/request.server'
import { TEXT_MESSAGES } from '~/utils/text-schema'
import { AssessmentError } from './case-access.server'
import { AssessmentActionSchema, KEPT_FIELDS, type AssessmentAction } from './case-action-schema'
import { getCaseForAssessor, revealSensitive } from './case-view.server'
import { addAssessmentNote, declareConflictOfInterest, requestInformation, saveChecklist } from './case-work.server'
import { confirmAssessment, ProposalSchema, proposeAssessment, returnAssessment } from './four-eyes.server'

/**
 * The assessor's case page (/beheer/aanvragen/:id) behind its route: loading the case (with a
 * revealed identifier after step-up) and running the button that was pressed.
 */

type StaffContext = Awaited<ReturnType<typeof requireStaff>>
type PageArgs = { ctx: StaffContext; request: Request; context: AppLoadContext; applicationId: string }

const RevealSchema = z.enum(['bsn', 'iban'])

/** A refused case answers 404 (unknown) or 403 (conflict of interest); both are logged. */
async function refusal(error: unknown, { ctx, request, context }: PageArgs) {
  if (error instanceof AssessmentError && error.code === 'notFound') return notFoundForeign(ctx, request, context)
  if (error instanceof AssessmentError && error.code === 'conflict') return new Response('Forbidden', { status: 403 })
  return null
}

function actorOf(ctx: StaffContext) {
  return { id: ctx.user.id, roles: ctx.user.roles }
}

export async function loadCasePage(args: PageArgs) {
  const { ctx, request, context, applicationId } = args
  const actor = actorOf(ctx)
  const ip = clientIp(context)
  try {
    const caseView = await getCaseForAssessor({ actor, applicationId, ip })
    // Revealing is a GET (?toon=bsn), so after the step-up sign-in the person lands on the revealed value.
    const reveal = RevealSchema.safeParse(new URL(request.url).searchParams.get('toon'))
    let revealed: { field: 'bsn' | 'iban'; value: string | null } | null = null
    if (reveal.success) {
      requireRecentAuth(ctx, request)
      revealed = { field: reveal.data, value: await revealSensitive({ actor, applicationId, field: reveal.data, ip }) }
    }
    return { caseView, revealed, title: await getPageTitle(request, 'case.title', 'assessment') }
  } catch (error) {
    const response = await refusal(error, args)
    if (response) throw response
    throw error
  }
}

/** The page's error key for a refused field: its own keys are bare, the text layer's are namespaced. */
function errorKey(message: string | undefined) {
  if (message === TEXT_MESSAGES.controlCharacters) return 'controlCharacters'
  return message && /^[a-z][a-zA-Z]+$/.test(message) ? message : 'invalid'
}

type Kept = { intent: string; values: Record<(typeof KEPT_FIELDS)[number], string> }

function refused({ error, field = null, kept, status }: { error: string; field?: string | null; kept: Kept; status: number }) {
  return data({ error, ok: null, field, ...kept }, { status })
}

/** The form as sent, parsed; a refusal hands back what was typed or chosen, so no form on the page loses it. */
export function parseCaseAction(form: FormData) {
  const kept: Kept = {
    intent: String(form.get('intent') ?? ''),
    values: Object.fromEntries(KEPT_FIELDS.map((name) => [name, String(form.get(name) ?? '')])) as Kept['values'],
  }
  const parsed = AssessmentActionSchema.safeParse({ ...Object.fromEntries(form), items: form.getAll('items').map(String) })
  if (!parsed.success) return { success: false as const, refusal: refused({ error: errorKey(parsed.error.issues[0]?.message), kept, status: 400 }) }
  return { success: true as const, input: parsed.data, kept }
}

async function dispatch({ ctx, request, applicationId, input, kept, ip }: PageArgs & { input: AssessmentAction; kept: Kept; ip: string | null }) {
  const actor = actorOf(ctx)
  const done = (ok: string) => ({ ok, error: null })
  switch (input.intent) {
    case 'checklist':
      await saveChecklist({ actor, applicationId, items: input.items, ip })
      return done('checklistSaved')
    case 'requestInformation':
      await requestInformation({ actor, applicationId, question: input.question, ip })
      return done('informationRequested')
    case 'note':
      await addAssessmentNote({ actor, applicationId, body: input.body, ip })
      return done('noteAdded')
    case 'propose': {
      const proposal = ProposalSchema.safeParse(input)
      if (!proposal.success) {
        const issue = proposal.error.issues[0]
        return refused({ error: issue?.message.replace('assessment:errors.', '') ?? 'invalid', field: String(issue?.path[0] ?? ''), kept, status: 400 })
      }
      await proposeAssessment({ actor, applicationId, proposal: proposal.data, ip })
      return done('proposed')
    }
    case 'confirm':
      // Confirming hands the case (with BSN and IBAN) to the fund: only after a fresh sign-in.
      requireRecentAuth(ctx, request)
      await confirmAssessment({ actor, applicationId, ip })
      return done('confirmed')
    case 'return':
      await returnAssessment({ actor, applicationId, note: input.note, ip })
      return done('returned')
    case 'declareConflict':
      await declareConflictOfInterest({ actor, applicationId, ip })
      throw redirect('/beheer/aanvragen')
  }
}

/** Runs the pressed button; a refused step answers with its code and what was sent. */
export async function runCaseAction(args: PageArgs & { input: AssessmentAction; kept: Kept }) {
  try {
    return await dispatch({ ...args, ip: clientIp(args.context) })
  } catch (error) {
    if (error instanceof Response) throw error
    const response = await refusal(error, args)
    if (response) throw response
    if (error instanceof AssessmentError) return refused({ error: error.code, kept: args.kept, status: error.code === 'ownProposal' || error.code === 'ownRegistration' ? 403 : 409 })
    throw error
  }
}
