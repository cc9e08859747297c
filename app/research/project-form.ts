import { z } from 'zod'
import { line, optionalLine, text } from '~/utils/text-schema'

const tooLong = 'research:errors.tooLong'
const DATE = /^\d{4}-\d{2}-\d{2}$/
const isDate = (v: string) => !Number.isNaN(Date.parse(v))
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)
const requiredDate = z.preprocess(
  blankToUndefined,
  z.string({ required_error: 'research:errors.date', invalid_type_error: 'research:errors.date' }).refine((v) => DATE.test(v) && isDate(v), 'research:errors.date'),
)
const optionalDate = z.preprocess(
  blankToUndefined,
  z.string({ invalid_type_error: 'research:errors.date' }).refine((v) => DATE.test(v) && isDate(v), 'research:errors.date').optional(),
)

/**
 * The admin's registration of a research project. The ethics reference and the data-use
 * agreement date may still be missing (the project then cannot export until they are known);
 * the end date is required. Researchers are picked from staff accounts with the researcher role
 * (checked again on the server: a tampered id is refused).
 */
export const ResearchProjectFormSchema = z.object({
  title: line({ max: 200, tooLong }),
  organisation: line({ max: 200, tooLong }),
  purpose: text({ max: 4000, tooLong }),
  ethicsReference: optionalLine({ max: 200, tooLong }).transform((v) => v ?? null),
  dataUseAgreementOn: optionalDate.transform((v) => v ?? null),
  endsOn: requiredDate,
  researchers: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid('research:errors.researchers')).max(50, 'research:errors.researchers').min(1, 'research:errors.researchers'),
  ),
})
export type ResearchProjectForm = z.infer<typeof ResearchProjectFormSchema>

/** The researcher's export form: which project, which format. */
export const ResearchExportFormSchema = z.object({
  projectId: z.string({ required_error: 'research:errors.project' }).uuid('research:errors.project'),
  format: z.enum(['csv', 'json'], { errorMap: () => ({ message: 'research:errors.format' }) }),
})

/** Acknowledging a deletion notice. */
export const AcknowledgeNoticeSchema = z.object({ intent: z.literal('acknowledge'), noticeId: z.string().uuid() })
