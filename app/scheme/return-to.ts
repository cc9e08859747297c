/**
 * "Change" on check-your-answers opens a question page with `?terug=controleren`; saving that
 * page returns to the check page (GOV.UK's change-then-return). Only known names are read,
 * never a path or URL from the query: an open redirect could send someone from a trusted page
 * to any site.
 */
export const CHECK_PAGE = '/regeling/aanvraag/controleren'

const TARGETS: Record<string, string> = { controleren: CHECK_PAGE }

const RETURN_PARAM = 'terug'

/** The local path to go back to after saving, or null (go on to the next page). */
export function returnTarget(params: URLSearchParams): string | null {
  const value = params.get(RETURN_PARAM)
  return value && Object.hasOwn(TARGETS, value) ? TARGETS[value]! : null
}

/** The query string a "Change" link carries, so the page's form posts back with it. */
export const CHANGE_QUERY = `?${RETURN_PARAM}=controleren`
