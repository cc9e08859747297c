import { z } from 'zod'
import { line, optionalLine, optionalText, text } from '~/utils/text-schema'

/**
 * The assessor's forms on a case (/beheer/aanvragen/:id), one branch per button. Free text goes
 * through the shared text layer: control characters are refused (PostgreSQL refuses NUL). The
 * page's own messages are bare keys under `assessment:errors`; the proposal itself is checked
 * again by ProposalSchema.
 */
export const AssessmentActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('checklist'), items: z.array(line({ max: 200 })).max(100).default([]) }),
  z.object({ intent: z.literal('requestInformation'), question: text({ max: 5000, required: 'questionRequired' }) }),
  z.object({ intent: z.literal('note'), body: text({ max: 20_000, required: 'noteRequired' }) }),
  z.object({ intent: z.literal('propose'), outcome: optionalLine({ max: 60 }), reasonCode: optionalLine({ max: 60 }), motivation: optionalText({ max: 20_000 }) }),
  z.object({ intent: z.literal('confirm') }),
  z.object({ intent: z.literal('return'), note: text({ max: 5000, required: 'returnNoteRequired' }) }),
  z.object({ intent: z.literal('declareConflict') }),
])

export type AssessmentAction = z.infer<typeof AssessmentActionSchema>

/** The free-text and choice fields of the case page's forms, handed back after a refusal. */
export const KEPT_FIELDS = ['outcome', 'reasonCode', 'motivation', 'question', 'body', 'note'] as const
