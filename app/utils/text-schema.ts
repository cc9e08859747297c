import { z } from 'zod'

/**
 * One text layer for every form schema in the portal (isomorphic: the browser shows the same
 * message the server enforces). Each free-text field goes through `text`, `optionalText`,
 * `line` or `optionalLine`, so nothing a form accepts can break the database or a page.
 *
 * What is refused, and why: the C0 control characters U+0000–U+001F except tab, line feed and
 * carriage return, plus U+007F (DEL), and lone UTF-16 surrogates. PostgreSQL refuses U+0000 in
 * `text` outright (a 500 before this layer existed); lone surrogates cannot be encoded as
 * UTF-8, so postgres.js would silently store U+FFFD instead; the other controls are invisible
 * junk that no keyboard types and that breaks mail headers, PDFs and exports.
 *
 * Refuse or strip, per field type:
 * - Multi-line text a person wrote on purpose (a story, a message, a note, an answer): REFUSED
 *   with `validation:controlCharacters`, never changed behind their back. Testimony must be
 *   stored as written or not at all; the form keeps what they typed so they can fix it.
 * - Single-line names and short fields (a display name, a pseudonym, a town): the refused
 *   characters are STRIPPED and tab/line breaks become one space. Nobody means an invisible
 *   character in their name (it comes in with copy and paste), the result is shown back to
 *   them, and asking someone to remove a character they cannot see is not kind.
 *
 * Line endings are normalised (CRLF and lone CR become LF): browsers send CRLF for textareas,
 * and lengths must not depend on the platform. Every field has a length cap.
 */

export const TEXT_MESSAGES = {
  controlCharacters: 'validation:controlCharacters',
  required: 'validation:required',
  tooLong: 'validation:textTooLong',
} as const

// Built from code points so the source file holds no control characters itself.
const C0_REFUSED = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F'
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]'
const REFUSED = new RegExp(`[${C0_REFUSED}]|${LONE_SURROGATE}`)
const REFUSED_ALL = new RegExp(`[${C0_REFUSED}]|${LONE_SURROGATE}`, 'g')

/** True when `value` holds a character this layer never lets through (see the module comment). */
export function hasRefusedCharacter(value: string): boolean {
  return REFUSED.test(value)
}

/** CRLF and lone CR become LF. */
function normaliseLineEndings(value: string): string {
  return value.replace(/\r\n?/g, '\n')
}

/** For single-line fields: refused characters removed, tabs and line breaks folded into one space. */
export function cleanLine(value: string): string {
  return value.replace(REFUSED_ALL, '').replace(/[\t\r\n]+/g, ' ')
}

export type TextOptions = {
  /** Length cap in UTF-16 code units (what the browser's maxlength counts). */
  max: number
  /** Minimum length after trimming; required fields default to 1. */
  min?: number
  /** i18n key when the field is missing, empty or not text. */
  required?: string
  /** i18n key when the text is longer than `max`. */
  tooLong?: string
  /** i18n key when the text is shorter than `min`. */
  tooShort?: string
  /** Leading and trailing white space removed (default true; false for passwords). */
  trim?: boolean
}

function stringOf(o: TextOptions) {
  const required = o.required ?? TEXT_MESSAGES.required
  // A duplicated field name arrives as an array, a hostile body as anything: same message as missing.
  return z.string({ required_error: required, invalid_type_error: required })
}

function checks(o: TextOptions, min: number) {
  let s = z.string()
  if (o.trim !== false) s = s.trim()
  s = s.max(o.max, o.tooLong ?? TEXT_MESSAGES.tooLong)
  if (min > 0) s = s.min(min, min === 1 ? (o.required ?? TEXT_MESSAGES.required) : (o.tooShort ?? o.required ?? TEXT_MESSAGES.required))
  return s
}

/** Multi-line text the person must fill in; refused characters are refused (see the module comment). */
export function text(o: TextOptions) {
  return stringOf(o)
    .transform(normaliseLineEndings)
    .pipe(checks(o, o.min ?? 1).refine((v) => !hasRefusedCharacter(v), TEXT_MESSAGES.controlCharacters))
}

/** Like `text`, but empty or only white space means "not filled in" (undefined). */
export function optionalText(o: Omit<TextOptions, 'min' | 'required'>) {
  return optionalString().transform(blankToUndefined).pipe(text({ ...o, min: 0 }).optional())
}

/** A single-line field (a name): refused characters are stripped, line breaks become a space. */
export function line(o: TextOptions) {
  return stringOf(o)
    .transform(cleanLine)
    .pipe(checks(o, o.min ?? 1))
}

/** Like `line`, but empty or only white space (after cleaning) means "not filled in". */
export function optionalLine(o: Omit<TextOptions, 'min' | 'required'>) {
  return optionalString()
    .transform((v) => blankToUndefined(v === undefined ? v : cleanLine(v)))
    .pipe(line({ ...o, min: 0 }).optional())
}

// Not a preprocess: the input type stays `string | undefined`, which conform's field types need.
function optionalString() {
  return z.string({ invalid_type_error: TEXT_MESSAGES.required }).optional()
}

function blankToUndefined(v: string | undefined) {
  return v === undefined || v.trim() === '' ? undefined : v
}
