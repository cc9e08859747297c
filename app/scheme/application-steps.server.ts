import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node'
import type { Lng } from '~/i18n/config'
import { storage } from '~/utils/storage.server'
import {
  ApplicantPartSchema,
  ConversationPartSchema,
  DeclarationsPartSchema,
  EvidenceDoneSchema,
  EvidenceUploadSchema,
  HarmPartSchema,
  nextPart,
  PART_SLUGS,
  PersonalPartSchema,
  PlacementSchema,
  type Part,
} from './application-form'
import {
  addAuthorisationDocument,
  addDocument,
  addPlacement,
  ApplicationLockedError,
  finishEvidence,
  finishPlacements,
  getOpenScheme,
  getOrCreateDraft,
  listDocuments,
  removeDocument,
  removePlacement,
  saveApplicantPart,
  saveConversationPart,
  saveDeclarationsPart,
  saveHarmPart,
  savePersonalPart,
} from './applications.server'
import { storeDocumentUpload, type StoredUpload, type UploadError } from './documents.server'

export type StepOutcome =
  | { redirectTo: string }
  | {
      result: SubmissionResult<string[]>
      status: 400
      /** The authorisations after this post: an upload is kept even when another answer needs fixing (a 400 does not reload the page's data). */
      authorisations?: Array<{ id: string; fileName: string }>
    }

const TASKS = '/regeling/aanvraag'

function after(part: Part, intent: FormDataEntryValue | null) {
  if (intent === 'later') return `${TASKS}?opgeslagen=1`
  const next = nextPart(part)
  return next ? `${TASKS}/${PART_SLUGS[next]}` : `${TASKS}/controleren`
}

/**
 * An upload handler that streams the evidence file into storage while the form is parsed
 * (never held in memory) and leaves a JSON description, or the reason it was refused.
 */
export function evidenceUploadHandler(prefix: string, fileField = 'file'): UploadHandler {
  const file: UploadHandler = async ({ name, filename, data }) => {
    if (name !== fileField) return undefined
    if (!filename) {
      for await (const _ of data) void _
      return ''
    }
    const stored = await storeDocumentUpload({ prefix, fileName: filename, data })
    return JSON.stringify(stored)
  }
  // Every other part is a plain text field (intent, type, answer), kept small in memory.
  return unstable_composeUploadHandlers(file, unstable_createMemoryUploadHandler({ maxPartSize: 100_000 }))
}

export function parseStoredUpload(value: FormDataEntryValue | null): StoredUpload | { error: UploadError } | null {
  if (typeof value !== 'string' || !value) return null
  return JSON.parse(value) as StoredUpload | { error: UploadError }
}

/** Saves one page of the application and says where to go next (or returns the errors, with everything typed kept). */
export async function runApplicationStep({ request, userId, locale, part }: { request: Request; userId: string; locale: Lng; part: Part }): Promise<StepOutcome> {
  const scheme = await getOpenScheme()
  if (!scheme) return { redirectTo: '/regeling' }
  const ids = { userId, schemeId: scheme.id }
  try {
    if (part === 'evidence') return await runEvidence(request, ids)
    if (part === 'applicant') return await runApplicant(request, ids)
    const formData = await request.formData()
    const intent = formData.get('intent')
    switch (part) {
      case 'personal': {
        const s = parseWithZod(formData, { schema: PersonalPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await savePersonalPart({ ...ids, value: s.value })
        return { redirectTo: after(part, intent) }
      }
      case 'placements': {
        if (typeof intent === 'string' && intent.startsWith('remove-')) {
          await removePlacement({ ...ids, index: Number(intent.slice('remove-'.length)) })
          return { redirectTo: `${TASKS}/${PART_SLUGS.placements}` }
        }
        if (intent === 'add') {
          const s = parseWithZod(formData, { schema: PlacementSchema })
          if (s.status !== 'success') return { result: s.reply(), status: 400 }
          await addPlacement({ ...ids, value: s.value })
          return { redirectTo: `${TASKS}/${PART_SLUGS.placements}?toegevoegd=1` }
        }
        if (intent === 'later') return { redirectTo: `${TASKS}?opgeslagen=1` }
        const { ok } = await finishPlacements(ids)
        if (!ok) {
          const s = parseWithZod(formData, { schema: PlacementSchema })
          return { result: s.reply({ formErrors: ['scheme:placements.errors.none'] }), status: 400 }
        }
        return { redirectTo: after(part, intent) }
      }
      case 'harm': {
        const s = parseWithZod(formData, { schema: HarmPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        const saved = await saveHarmPart({ ...ids, locale, value: s.value })
        if (!saved.ok) return { result: s.reply({ fieldErrors: { storyId: ['scheme:form.errors.chooseStory'] } }), status: 400 }
        return { redirectTo: after(part, intent) }
      }
      case 'conversation': {
        const s = parseWithZod(formData, { schema: ConversationPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await saveConversationPart({ ...ids, wish: s.value.wish })
        return { redirectTo: after(part, intent) }
      }
      case 'declarations': {
        const s = parseWithZod(formData, { schema: DeclarationsPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await saveDeclarationsPart(ids)
        return { redirectTo: after(part, intent) }
      }
    }
  } catch (error) {
    if (error instanceof ApplicationLockedError) return { redirectTo: '/mijn-aanvraag' }
    throw error
  }
}

/** A page's form data; a multipart post streams its file into the draft's storage folder while it is read. */
async function readStepForm(request: Request, ids: { userId: string; schemeId: string }, fileField = 'file'): Promise<FormData> {
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!contentType.startsWith('multipart/form-data')) return request.formData()
  const draft = await getOrCreateDraft(ids)
  return unstable_parseMultipartFormData(request, evidenceUploadHandler(`scheme/applications/${draft.id}`, fileField))
}

/**
 * Who is applying, with the authorisation (machtiging, or proof of being next of kin) as an
 * optional upload on the same page. A good upload is kept even when another answer needs
 * fixing, so nothing has to be chosen twice; for someone applying for themselves it is not kept.
 */
async function runApplicant(request: Request, ids: { userId: string; schemeId: string }): Promise<StepOutcome> {
  const self = `${TASKS}/${PART_SLUGS.applicant}`
  const formData = await readStepForm(request, ids, 'authorisation')
  const intent = formData.get('intent')
  if (typeof intent === 'string' && intent.startsWith('remove-')) {
    await removeDocument({ ...ids, documentId: intent.slice('remove-'.length) })
    return { redirectTo: `${self}#authorisation` }
  }
  const s = parseWithZod(formData, { schema: ApplicantPartSchema })
  const upload = parseStoredUpload(formData.get('authorisation'))
  const kind = formData.get('kind')
  let fileError: string | null = null
  if (upload && 'error' in upload) fileError = upload.error
  else if (upload && (kind === 'representative' || kind === 'relative')) await addAuthorisationDocument({ ...ids, upload })
  else if (upload) {
    // Not (yet) applying for someone else: the file has no place in this application.
    await storage.remove(upload.key).catch(() => {})
    if (kind !== 'self') fileError = 'scheme:applicant.errors.uploadAgain'
  }
  if (s.status !== 'success' || fileError) {
    const draft = await getOrCreateDraft(ids)
    const authorisations = (await listDocuments({ applicationId: draft.id }))
      .filter((d) => d.type === 'authorisation' && !d.informationRequestId)
      .map((d) => ({ id: d.id, fileName: d.fileName }))
    return {
      // The stored file's description is not sent back: it is not something the person typed.
      result: s.reply({ hideFields: ['authorisation'], ...(fileError ? { fieldErrors: { authorisation: [fileError] } } : {}) }),
      status: 400,
      authorisations,
    }
  }
  await saveApplicantPart({ ...ids, value: s.value })
  return { redirectTo: after('applicant', intent) }
}

async function runEvidence(request: Request, ids: { userId: string; schemeId: string }): Promise<StepOutcome> {
  const self = `${TASKS}/${PART_SLUGS.evidence}`
  const formData = await readStepForm(request, ids)
  const intent = formData.get('intent')
  if (typeof intent === 'string' && intent.startsWith('remove-')) {
    await removeDocument({ ...ids, documentId: intent.slice('remove-'.length) })
    return { redirectTo: self }
  }
  if (intent === 'upload') {
    const s = parseWithZod(formData, { schema: EvidenceUploadSchema })
    const upload = parseStoredUpload(formData.get('file'))
    if (s.status !== 'success' || !upload || 'error' in upload) {
      const fileError = !upload ? 'scheme:evidence.errors.noFile' : 'error' in upload ? upload.error : null
      const base = s.status === 'success' ? parseWithZod(formData, { schema: EvidenceUploadSchema }) : s
      return { result: base.reply(fileError ? { fieldErrors: { file: [fileError] } } : undefined), status: 400 }
    }
    await addDocument({ ...ids, type: s.value.type, upload })
    return { redirectTo: `${self}?toegevoegd=1` }
  }
  const s = parseWithZod(formData, { schema: EvidenceDoneSchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  await finishEvidence({ ...ids, searchRecords: s.value.searchRecords === 'on' })
  return { redirectTo: after('evidence', intent) }
}
