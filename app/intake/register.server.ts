import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { readUploadForm } from '~/files/multipart.server'
import { storeDocumentUpload, type StoredUpload, type UploadError } from '~/scheme/documents.server'
import { createRegisteredApplication } from '~/scheme/for-intake.server'
import { storage } from '~/utils/storage.server'
import { applicantKindOf, registrationSchemaFor } from './schemas'

/**
 * The registration form's action: reads the multipart form (the scanned pages streamed into
 * storage through the scheme's evidence hygiene: recognised by content, size-capped, a cut-off
 * form leaves nothing), validates every part with the online application's schemas and
 * registers the application as submitted. Anything refused comes back with its message next to
 * the field and everything typed kept; a refused scan is removed from storage again.
 */

export const SCAN_FIELD = 'scan'
export const INTAKE_PURPOSE = 'schemeIntake'

type Stored = StoredUpload | { error: UploadError }
export type RegisterOutcome = { done: { applicationId: string; reference: string; letterCode: string } } | { result: SubmissionResult<string[]>; status: 400 | 503 }

async function discard(scan: Stored | null) {
  if (scan && !('error' in scan)) await storage.remove(scan.key).catch(() => {})
}

export async function runRegistration({ request, staff, ip }: { request: Request; staff: AuditActor; ip: string | null }): Promise<RegisterOutcome> {
  const read = await readUploadForm<Stored>({
    request,
    fileField: SCAN_FIELD,
    storeFile: ({ fileName, stream }) =>
      storeDocumentUpload({
        prefix: 'evidence/registered',
        fileName,
        data: stream,
      }),
    discardFile: discard,
  })
  if (!read.ok) {
    const form = new FormData()
    for (const [k, v] of Object.entries(read.fields)) form.append(k, v)
    const s = parseWithZod(form, {
      schema: registrationSchemaFor(applicantKindOf(form)),
    })
    const key = read.reason === 'tooLarge' ? 'intake:errors.formTooLarge' : 'intake:errors.interrupted'
    return { result: s.reply({ formErrors: [key] }), status: 400 }
  }
  const s = parseWithZod(read.form, {
    schema: registrationSchemaFor(applicantKindOf(read.form)),
  })
  const scan = read.file
  const scanError = scan && 'error' in scan ? scan.error : !scan && read.form.get('channel') === 'paper' ? 'intake:errors.scanRequired' : null
  if (s.status !== 'success' || scanError) {
    await discard(scan)
    return {
      result: s.reply(scanError ? { fieldErrors: { [SCAN_FIELD]: [scanError] } } : undefined),
      status: 400,
    }
  }
  const v = s.value
  const scans = scan && !('error' in scan) ? [scan] : []
  try {
    const created = await createRegisteredApplication({
      registeredBy: staff.id,
      scans,
      input: {
        channel: v.channel,
        receivedOn: v.receivedOn,
        applicant: v.applicant,
        survivor: v.survivor,
        personal: v.personal,
        placements: [v.placement],
        harm: { kinds: v.harm.kinds, ownWords: v.harm.ownWords },
        searchRecords: v.searchRecords === 'on',
        conversationWish: v.conversation.wish,
        seriouslyIll: v.seriouslyIll === 'on',
        submitToken: v.token,
      },
    })
    if (!created.ok) {
      await discard(scan)
      return {
        result: s.reply({ formErrors: ['intake:errors.noScheme'] }),
        status: 503,
      }
    }
    await recordAccess({
      actor: staff,
      action: 'application.register',
      objectType: 'application',
      objectId: created.applicationId,
      subjectId: null,
      purpose: INTAKE_PURPOSE,
      outcome: 'success',
      ip,
    })
    return {
      done: {
        applicationId: created.applicationId,
        reference: created.reference,
        letterCode: created.letterCode,
      },
    }
  } catch (error) {
    await discard(scan)
    throw error
  }
}
