import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { readUploadForm, type FormFailure } from '~/files/multipart.server'
import type { Lng } from '~/i18n/config'
import type { ApplicantKind } from './scheme-config'
import { storage } from '~/utils/storage.server'
import { ApplicantPartSchema, ConversationPartSchema, DeclarationsPartSchema, EvidenceDoneSchema, EvidenceUploadSchema, HarmPartSchema, personalPartSchemaFor, PlacementSchema, SurvivorPartSchema } from './application-form'
import { nextPart, PART_SLUGS, type Part } from './application-pages'
import { addAuthorisationDocument, addDocument, finishEvidence, removeDocument } from './draft-documents.server'
import { ApplicationLockedError, getOrCreateDraft } from './draft-store.server'
import { listDocuments } from './read-application.server'
import { addPlacement, finishPlacements, removePlacement, saveApplicantPart, saveConversationPart, saveDeclarationsPart, savePersonalPart, saveSurvivorPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { saveHarmPart, type HarmError } from './story-use.server'
import { CHANGE_QUERY, CHECK_PAGE, returnTarget } from './return-to'
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

/**
 * Where a saved page goes: the task list for "later", back to the check page when the person
 * came from its "Change" link (GOV.UK: change, then return), otherwise the next page that
 * applies to who is applying (a representative's next page after 'who is applying' is the
 * survivor's details, even when coming from the check page: those are new questions).
 */
function after(part: Part, intent: FormDataEntryValue | null, { kind, back, newQuestions = false }: { kind?: ApplicantKind; back?: string | null; newQuestions?: boolean } = {}) {
  if (intent === 'later') return `${TASKS}?opgeslagen=1`
  const next = nextPart(part, kind)
  if (back && !newQuestions) return back
  return next ? `${TASKS}/${PART_SLUGS[next]}` : CHECK_PAGE
}

/** Why an upload form could not be read, as the message shown next to its file field. */
export type FormReadError = 'scheme:evidence.errors.interrupted' | 'scheme:evidence.errors.storage'

function formReadError(reason: FormFailure): FormReadError {
  return reason === 'storage' ? 'scheme:evidence.errors.storage' : 'scheme:evidence.errors.interrupted'
}

/**
 * Reads an upload form, streaming its file into storage under `prefix` while it arrives (never
 * held in memory); the file field then holds a JSON description of the stored file, or why it
 * was refused. A form that cannot be read to its end (cut off, malformed, too many parts, the
 * client gone, storage down) gives the message to show instead, with the fields that did
 * arrive, and its stored file is removed again: nothing stays in the bucket.
 */
export async function readEvidenceForm({ request, prefix, fileField = 'file' }: { request: Request; prefix: string; fileField?: string }) {
  const read = await readUploadForm({
    request,
    fileField,
    storeFile: ({ fileName, stream }) => storeDocumentUpload({ prefix, fileName, data: stream }),
    discardFile: async (stored) => {
      if (!('error' in stored)) await storage.remove(stored.key)
    },
  })
  if (!read.ok) return { ok: false as const, error: formReadError(read.reason), fields: read.fields }
  if (read.file) read.form.set(fileField, JSON.stringify(read.file))
  return { ok: true as const, form: read.form }
}

/** Registers a stored file; when that fails (the application was sent meanwhile, the database is down) the file goes too. */
async function keepOrDiscard(upload: StoredUpload, register: () => Promise<unknown>) {
  try {
    await register()
  } catch (error) {
    await storage.remove(upload.key).catch(() => {})
    throw error
  }
}

export function parseStoredUpload(value: FormDataEntryValue | null): StoredUpload | { error: UploadError } | null {
  if (typeof value !== 'string' || !value) return null
  return JSON.parse(value) as StoredUpload | { error: UploadError }
}

const HARM_ERRORS: Record<HarmError, Record<string, string[]>> = {
  storyConsent: { storyConsent: ['scheme:form.errors.storyConsent'] },
  storyNotFound: { storyId: ['scheme:form.errors.chooseStory'] },
  lifeStoryConsent: { lifeStoryConsent: ['scheme:form.errors.lifeStoryConsent'] },
  lifeStoryNotFound: { lifeStoryId: ['scheme:form.errors.chooseLifeStory'] },
}

/** Saves one page of the application and says where to go next (or returns the errors, with everything typed kept). */
export async function runApplicationStep({ request, userId, locale, part }: { request: Request; userId: string; locale: Lng; part: Part }): Promise<StepOutcome> {
  const scheme = await getOpenScheme()
  if (!scheme) return { redirectTo: '/regeling' }
  const ids = { userId, schemeId: scheme.id }
  const back = returnTarget(new URL(request.url).searchParams)
  try {
    if (part === 'evidence') return await runEvidence(request, ids)
    if (part === 'applicant') return await runApplicant(request, ids, back)
    const draft = await getOrCreateDraft(ids)
    const kind = (draft.answers as { applicant?: { kind?: ApplicantKind } }).applicant?.kind
    const formData = await request.formData()
    const intent = formData.get('intent')
    const go = (p: Part) => ({ redirectTo: after(p, intent, { kind, back }) })
    switch (part) {
      case 'survivor': {
        // Only a representative has this page; anyone else is sent to the task list.
        if (kind !== 'representative') return { redirectTo: TASKS }
        const s = parseWithZod(formData, { schema: SurvivorPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await saveSurvivorPart({ ...ids, value: s.value })
        return go(part)
      }
      case 'personal': {
        const s = parseWithZod(formData, { schema: personalPartSchemaFor(kind) })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await savePersonalPart({ ...ids, value: s.value })
        return go(part)
      }
      case 'placements': {
        if (typeof intent === 'string' && intent.startsWith('remove-')) {
          await removePlacement({ ...ids, index: Number(intent.slice('remove-'.length)) })
          return { redirectTo: `${TASKS}/${PART_SLUGS.placements}${back ? CHANGE_QUERY : ''}` }
        }
        if (intent === 'add') {
          const s = parseWithZod(formData, { schema: PlacementSchema })
          if (s.status !== 'success') return { result: s.reply(), status: 400 }
          await addPlacement({ ...ids, value: s.value })
          return { redirectTo: `${TASKS}/${PART_SLUGS.placements}?toegevoegd=1${back ? `&${CHANGE_QUERY.slice(1)}` : ''}` }
        }
        if (intent === 'later') return { redirectTo: `${TASKS}?opgeslagen=1` }
        const { ok } = await finishPlacements(ids)
        if (!ok) {
          const s = parseWithZod(formData, { schema: PlacementSchema })
          return { result: s.reply({ formErrors: ['scheme:placements.errors.none'] }), status: 400 }
        }
        return go(part)
      }
      case 'harm': {
        const s = parseWithZod(formData, { schema: HarmPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        const saved = await saveHarmPart({ ...ids, locale, value: s.value })
        if (!saved.ok) {
          const fieldErrors: Record<string, string[]> = HARM_ERRORS[saved.error]
          return { result: s.reply({ fieldErrors }), status: 400 }
        }
        return go(part)
      }
      case 'conversation': {
        const s = parseWithZod(formData, { schema: ConversationPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await saveConversationPart({ ...ids, wish: s.value.wish, seriouslyIll: s.value.seriouslyIll === 'on' })
        return go(part)
      }
      case 'declarations': {
        const s = parseWithZod(formData, { schema: DeclarationsPartSchema })
        if (s.status !== 'success') return { result: s.reply(), status: 400 }
        await saveDeclarationsPart(ids)
        return go(part)
      }
    }
  } catch (error) {
    if (error instanceof ApplicationLockedError) return { redirectTo: '/mijn-aanvraag' }
    throw error
  }
}

/**
 * A page's form data; a multipart post streams its file into the draft's storage folder while
 * it is read. A post that cannot be read to its end comes back as the page's 400 answer, with
 * the message next to the file field and the fields that did arrive.
 */
async function readStepForm(request: Request, ids: { userId: string; schemeId: string }, fileField = 'file'): Promise<{ formData: FormData } | { failed: StepOutcome }> {
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!contentType.startsWith('multipart/form-data')) {
    // A body that is no form at all (another content type, or cut off) is answered like a cut-off upload.
    const formData = await request.formData().catch(() => null)
    if (!formData) return { failed: { result: { status: 'error', initialValue: {}, error: { [fileField]: ['scheme:evidence.errors.interrupted'] } }, status: 400 } }
    // Only a streamed file may fill the file field: a typed value there would name any object in the bucket.
    formData.delete(fileField)
    return { formData }
  }
  const draft = await getOrCreateDraft(ids)
  const read = await readEvidenceForm({ request, prefix: `scheme/applications/${draft.id}`, fileField })
  if (read.ok) return { formData: read.form }
  const { [fileField]: _file, ...typed } = read.fields
  return { failed: { result: { status: 'error', initialValue: typed, error: { [fileField]: [read.error] } }, status: 400 } }
}

/**
 * Who is applying, with the authorisation (machtiging, or proof of being next of kin) as an
 * optional upload on the same page. A good upload is kept even when another answer needs
 * fixing, so nothing has to be chosen twice; for someone applying for themselves it is not kept.
 */
async function runApplicant(request: Request, ids: { userId: string; schemeId: string }, back: string | null): Promise<StepOutcome> {
  const self = `${TASKS}/${PART_SLUGS.applicant}`
  const read = await readStepForm(request, ids, 'authorisation')
  if ('failed' in read) return read.failed
  const formData = read.formData
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
  else if (upload && (kind === 'representative' || kind === 'relative')) await keepOrDiscard(upload, () => addAuthorisationDocument({ ...ids, upload }))
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
  const before = await getOrCreateDraft(ids)
  const wasRepresentative = (before.answers as { applicant?: { kind?: string } }).applicant?.kind === 'representative'
  await saveApplicantPart({ ...ids, value: s.value })
  // Becoming a representative brings new questions (the survivor's details, the payee): go on to them.
  const newQuestions = s.value.kind === 'representative' && !wasRepresentative
  return { redirectTo: after('applicant', intent, { kind: s.value.kind, back, newQuestions }) }
}

async function runEvidence(request: Request, ids: { userId: string; schemeId: string }): Promise<StepOutcome> {
  const self = `${TASKS}/${PART_SLUGS.evidence}`
  const read = await readStepForm(request, ids)
  if ('failed' in read) return read.failed
  const formData = read.formData
  const intent = formData.get('intent')
  if (typeof intent === 'string' && intent.startsWith('remove-')) {
    await removeDocument({ ...ids, documentId: intent.slice('remove-'.length) })
    return { redirectTo: self }
  }
  if (intent === 'upload') {
    const s = parseWithZod(formData, { schema: EvidenceUploadSchema })
    const upload = parseStoredUpload(formData.get('file'))
    if (s.status !== 'success' || !upload || 'error' in upload) {
      // A stored file whose form is refused belongs to nothing: it goes (it is chosen again).
      if (upload && !('error' in upload)) await storage.remove(upload.key).catch(() => {})
      const fileError = !upload ? 'scheme:evidence.errors.noFile' : 'error' in upload ? upload.error : null
      const base = s.status === 'success' ? parseWithZod(formData, { schema: EvidenceUploadSchema }) : s
      return { result: base.reply(fileError ? { fieldErrors: { file: [fileError] } } : undefined), status: 400 }
    }
    await keepOrDiscard(upload, () => addDocument({ ...ids, type: s.value.type, upload }))
    return { redirectTo: `${self}?toegevoegd=1` }
  }
  const s = parseWithZod(formData, { schema: EvidenceDoneSchema })
  if (s.status !== 'success') return { result: s.reply(), status: 400 }
  await finishEvidence({ ...ids, searchRecords: s.value.searchRecords === 'on' })
  return { redirectTo: after('evidence', intent) }
}
