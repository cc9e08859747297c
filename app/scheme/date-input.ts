import { z } from 'zod'
import { isIsoDate, type IsoDate } from './dates'

/**
 * The GOV.UK date-input pattern: day, month and year as three plain number fields, so no
 * browser turns a birth date into a mm/dd/yyyy picker. Isomorphic: the question pages parse
 * with the same schema as the server. Conform sends the fields as `<name>.day` etc., which
 * arrive here as one object.
 *
 * Error messages follow GOV.UK ("Date of birth must include a month", "must be a real date",
 * "must be in the past") and name the date they are about, so each date has its own keys:
 * `scheme:dateInput.<subject>.<problem>`.
 */

export const DATE_SUBJECTS = ['dateOfBirth', 'survivorDateOfBirth', 'survivorDiedOn'] as const
export type DateSubject = (typeof DATE_SUBJECTS)[number]
export const DATE_PROBLEMS = ['required', 'missingDay', 'missingMonth', 'missingYear', 'notReal', 'future', 'tooOld'] as const
export type DateProblem = (typeof DATE_PROBLEMS)[number]

export type DateParts = { day?: string; month?: string; year?: string }

const MONTH_NAMES: Record<string, number> = {
  jan: 1, januari: 1, january: 1,
  feb: 2, februari: 2, february: 2,
  mrt: 3, maart: 3, mar: 3, march: 3,
  apr: 4, april: 4,
  mei: 5, may: 5,
  jun: 6, juni: 6, june: 6,
  jul: 7, juli: 7, july: 7,
  aug: 8, augustus: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
}

/** A month as people type it: '3', '03', 'maart', 'Mar'. */
function monthNumber(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) return Number(value)
  return MONTH_NAMES[value.toLowerCase()] ?? null
}

/**
 * Reads three typed parts as a calendar date, or says what is wrong with them, in GOV.UK's
 * order: nothing typed, a part missing, not a real date, in the future.
 */
export function parseDateParts(parts: DateParts, { today }: { today: IsoDate }): { ok: true; date: IsoDate } | { ok: false; problem: DateProblem } {
  const day = (parts.day ?? '').trim()
  const month = (parts.month ?? '').trim()
  const year = (parts.year ?? '').trim()
  if (!day && !month && !year) return { ok: false, problem: 'required' }
  if (!day) return { ok: false, problem: 'missingDay' }
  if (!month) return { ok: false, problem: 'missingMonth' }
  if (!year) return { ok: false, problem: 'missingYear' }
  const m = monthNumber(month)
  if (!/^\d{1,2}$/.test(day) || m === null || !/^\d{4}$/.test(year)) return { ok: false, problem: 'notReal' }
  const iso = `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`
  if (!isIsoDate(iso)) return { ok: false, problem: 'notReal' }
  if (iso > today) return { ok: false, problem: 'future' }
  // Nobody in this scheme was born before 1900: a typo in the year, not a real birth date.
  if (iso < '1900-01-01') return { ok: false, problem: 'tooOld' }
  return { ok: true, date: iso }
}

/** The three fields of a stored date, to fill the inputs again. */
export function datePartsOf(date: string | null | undefined): DateParts | undefined {
  if (!date || !isIsoDate(date)) return undefined
  const [year, month, day] = date.split('-') as [string, string, string]
  return { day: String(Number(day)), month: String(Number(month)), year }
}

function todayIso() {
  return new Date().toISOString().slice(0, 10)
}

/**
 * Three fields, or one ISO string (a post from a page of before the three fields, or an API
 * caller): both read the same way, so a draft saved either way keeps working.
 */
const PartsSchema = z
  .union([z.string(), z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })])
  .optional()
  .transform((v): DateParts => {
    if (v === undefined) return {}
    if (typeof v !== 'string') return v
    const s = v.trim()
    if (!s) return {}
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
    return m ? { year: m[1], month: m[2], day: m[3] } : { day: s, month: '?', year: '?' }
  })

/** A required date in three fields; the output is an ISO date. */
export function dateInputSchema(subject: DateSubject) {
  return PartsSchema.transform((parts, ctx) => {
    const parsed = parseDateParts(parts, { today: todayIso() })
    if (parsed.ok) return parsed.date
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `scheme:dateInput.${subject}.${parsed.problem}`, fatal: true })
    return z.NEVER
  })
}

/** The same, but nothing typed at all is allowed (the caller decides whether the date is needed). */
export function optionalDateInputSchema(subject: DateSubject) {
  return PartsSchema.transform((parts, ctx): IsoDate | undefined => {
    const parsed = parseDateParts(parts, { today: todayIso() })
    if (parsed.ok) return parsed.date
    if (parsed.problem === 'required') return undefined
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `scheme:dateInput.${subject}.${parsed.problem}`, fatal: true })
    return z.NEVER
  })
}
