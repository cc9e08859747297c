import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { toLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { createSubmitToken } from '~/scheme/submit-application.server'
import { getStatusLetterData, letterCodeMatches } from '~/scheme/for-intake-letters.server'
import { localise } from '~/scheme/scheme-config'
import { getOpenScheme } from '~/scheme/scheme-registry.server'
import { renderLetterPdf } from './letter-pdf.server'
import { INTAKE_PURPOSE } from './register.server'

/** What the registration page needs: a one-time token for its form and the scheme's placement kinds in the staff member's language. */
export async function getRegistrationPage({ request }: { request: Request }) {
  const locale = toLng(await i18next.getLocale(request))
  const scheme = await getOpenScheme()
  return {
    token: createSubmitToken(),
    open: Boolean(scheme),
    placementKinds: (scheme?.config.placementKinds ?? []).map((k) => ({
      value: k.code,
      label: localise(k.label, locale),
    })),
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A letter for posting, as PDF: the current status (GET), or right after registering the
 * first letter with the letter code (POST with the code the page showed; printed only when it
 * still matches the application's hash, so the route prints no code it did not issue). The
 * decrypted address makes this a view of personal data: logged.
 */
export async function getLetterPdf({ staff, applicationId, code, lng, ip }: { staff: AuditActor; applicationId: string; code?: string; lng: string | null; ip: string | null }) {
  if (!UUID.test(applicationId)) return null
  const data = await getStatusLetterData({ applicationId })
  if (!data) return null
  if (code !== undefined && !(await letterCodeMatches({ applicationId, code }))) return null
  await recordAccess({
    actor: staff,
    action: code === undefined ? 'application.statusLetter' : 'application.welcomeLetter',
    objectType: 'application',
    objectId: applicationId,
    subjectId: data.applicantUserId,
    purpose: INTAKE_PURPOSE,
    outcome: 'success',
    ip,
  })
  const pdf = await renderLetterPdf({ data, code, locale: toLng(lng ?? 'nl') })
  return {
    pdf,
    fileName: `${data.reference || 'brief'}-${code === undefined ? 'status' : 'code'}.pdf`,
  }
}
