import { z } from 'zod'
import { optionalText, text } from '~/utils/text-schema'

export const REPORT_REASON_VALUES = ['identifies', 'falseAccusation', 'threat', 'privacy', 'other'] as const
export const REPORT_DECISION_VALUES = ['keep', 'redact', 'remove'] as const

/** The public report form. Messages are i18n keys. */
export const ReportSchema = z.object({
  reason: z.enum(REPORT_REASON_VALUES, { errorMap: () => ({ message: 'moderation:report.reasonRequired' }) }),
  details: optionalText({ max: 4000, tooLong: 'moderation:report.detailsTooLong' }),
  contact: z.string().trim().email('moderation:report.contactInvalid').max(320).optional(),
})
export type ReportInput = z.infer<typeof ReportSchema>

/** A moderator's decision on a report: the reason is required. */
export const ReportDecisionSchema = z.object({
  reportId: z.string().uuid(),
  decision: z.enum(REPORT_DECISION_VALUES, { errorMap: () => ({ message: 'moderation:reports.decisionRequired' }) }),
  reason: text({ max: 2000, required: 'moderation:reports.reasonRequired' }),
})

/** One mark's decision: redact or keep, always with a reason. */
export const MarkDecisionSchema = z.object({
  intent: z.literal('decideMark'),
  markRowId: z.string().uuid(),
  decision: z.enum(['redact', 'keep'], { errorMap: () => ({ message: 'moderation:review.decisionRequired' }) }),
  reason: text({ max: 1000, required: 'moderation:review.reasonRequired' }),
})

export const RequestChangesSchema = z.object({
  intent: z.literal('requestChanges'),
  note: text({ max: 4000, required: 'moderation:review.noteRequired' }),
})

export const ReviewActionSchema = z.discriminatedUnion('intent', [
  MarkDecisionSchema,
  RequestChangesSchema,
  z.object({ intent: z.literal('startReview') }),
  z.object({ intent: z.literal('proposeVersion') }),
])

/** 48 hours: the time within which a report is decided (DOMAIN.md: employers are urged to respond within 48 hours). */
export const REPORT_DECISION_HOURS = 48
