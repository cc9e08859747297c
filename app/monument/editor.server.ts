import { parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import type { ConsentLocale } from '~/consent/consent.server'
import { i18next } from '~/i18n/i18next.server'
import { takeRescuedStory } from './draft-rescue.server'
import { listOwnStoryMedia } from './media-edit.server'
import { approveModeratedVersionWithMedia, getModeratedVersionForAuthor } from './media-moderated-text.server'
import { isEditableByAuthor } from './lifecycle'
import { MEDIA_BYTE_LIMITS, formatBytes } from './media-limits'
import { EDITOR_STEPS, isEditorStep, StoryConsentChangeSchema, StoryDetailsSchema, StoryDisplaySchema, StoryTextSchema, type EditorStep } from './schemas'
import { deleteStory } from './delete-story.server'
import { listInstitutionSuggestions } from './institutions.server'
import { saveDraft } from './stories.server'
import { getStoryConsents, setStoryConsent } from './story-consent.server'
import { moderatedVersionFingerprint, rejectModeratedVersion, retractSubmission, submitStory, withdrawStory } from './story-steps.server'
import type { Story } from '@db/schema/monument'

/**
 * What the story editor page needs and does, so the route stays a guard and one call.
 */

const UPLOAD_ERRORS = ['unsupportedType', 'heicNotSupported', 'quicktimeNotSupported', 'empty', 'unreadablePhoto', 'tooLarge', 'quotaExceeded', 'interrupted', 'incomplete', 'photoTooManyPixels', 'noFile', 'notEditable', 'descriptionTooLong', 'transcriptTooLong', 'captionsNotVtt', 'captionsTooLarge'] as const
export type UploadErrorName = (typeof UPLOAD_ERRORS)[number]

/**
 * Everything the editor page shows: the step, the story's fields, media, consents, and what
 * the author must see before approving. Back from signing in after the session ended
 * mid-writing, the text typed then is handed back once (ADR 0015).
 */
export async function loadStoryEditor({ story, authorId, request }: { story: Story; authorId: string; request: Request }) {
  const editor = await loadEditorParts({ story, authorId, url: new URL(request.url) })
  // The version to approve includes the moderated media texts; the approve form carries one
  // fingerprint of both, so nothing is approved that the author has not seen.
  const moderated = editor.seenVersion ? await getModeratedVersionForAuthor({ authorId, storyId: story.id }) : null
  const rescued = editor.step === 'verhaal' && editor.editable ? await takeRescuedStory({ request, storyId: story.id }) : null
  return {
    ...editor,
    ...(rescued ? { story: { ...editor.story, ...rescued }, notice: 'rescued' } : {}),
    seenVersion: moderated?.seenVersion ?? editor.seenVersion,
    moderatedMedia: moderated?.media ?? [],
    title: await editorTitle(request),
  }
}

async function loadEditorParts({ story, authorId, url }: { story: Story; authorId: string; url: URL }) {
  const editable = isEditableByAuthor(story.status)
  const asked = url.searchParams.get('stap')
  // Text steps only while the author may edit; consent can be changed in every state.
  const step: EditorStep | 'status' = isEditorStep(asked) && (editable || asked === 'toestemming') ? asked : editable ? 'verhaal' : 'status'
  const fout = url.searchParams.get('fout')
  const uploadError = (UPLOAD_ERRORS as readonly string[]).includes(fout ?? '') ? (fout as UploadErrorName) : null
  const [media, consents, suggestions] = await Promise.all([
    listOwnStoryMedia({ authorId, storyId: story.id }),
    getStoryConsents({ authorId, storyId: story.id }),
    step === 'details' ? listInstitutionSuggestions() : Promise.resolve([]),
  ])
  return {
    step,
    editable,
    story: {
      id: story.id,
      title: story.title,
      body: story.body,
      contentNote: story.contentNote ?? '',
      decades: story.decades,
      settings: story.settings,
      violenceKinds: story.violenceKinds,
      themes: story.themes,
      institutionName: story.institutionName ?? '',
      region: story.region ?? '',
      displayMode: story.displayMode,
      pseudonym: story.pseudonym ?? '',
      status: story.status,
      audience: story.audience,
      hidden: Boolean(story.hiddenAt),
      revision: story.revision,
      updatedAt: story.updatedAt.toISOString(),
      publishedTitle: story.publishedTitle,
      publishedBody: story.publishedBody,
      publishedContentNote: story.publishedContentNote,
    },
    seenVersion: story.status === 'awaitingAuthor' ? moderatedVersionFingerprint(story) : null,
    media: media.map((m) => ({
      id: m.id,
      kind: m.kind,
      mime: m.mime,
      description: m.description ?? '',
      transcript: m.transcript ?? '',
      publishConsent: m.publishConsent,
      consents: m.consents,
      hasCaptions: m.hasCaptions,
      hasThumb: Boolean(m.variants.thumb),
    })),
    consents: {
      state: Object.fromEntries(Object.entries(consents.state).map(([k, v]) => [k, { granted: v.granted, since: v.since?.toISOString() ?? null }])),
      history: consents.history.map((e) => ({ id: e.id, at: e.occurredAt.toISOString(), purpose: e.purpose, action: e.action, textVersion: e.textVersion, channel: e.channel })),
    },
    suggestions,
    uploadError,
    uploadValues: { limit: url.searchParams.get('limiet') ?? formatBytes(MEDIA_BYTE_LIMITS.photo), remaining: url.searchParams.get('ruimte') ?? '' },
    limits: { photo: formatBytes(MEDIA_BYTE_LIMITS.photo), audio: formatBytes(MEDIA_BYTE_LIMITS.audio), video: formatBytes(MEDIA_BYTE_LIMITS.video) },
    notice: url.searchParams.get('opgeslagen'),
  }
}

const STEP_SCHEMAS = { verhaal: StoryTextSchema, details: StoryDetailsSchema, weergave: StoryDisplaySchema } as const
// The step and the button are parsed, never used to look up a property: `__proto__` or
// `constructor` from a hostile form would otherwise reach Object.prototype (a 500).
const SaveStepSchema = z.enum(['verhaal', 'details', 'weergave'])
const EditorIntentSchema = z.enum(['save', 'saveAndContinue', 'autosave', 'consent', 'submit', 'retract', 'reject', 'withdraw', 'approve', 'delete'])

function nextStepAfter(step: EditorStep) {
  return EDITOR_STEPS[Math.min(EDITOR_STEPS.indexOf(step) + 1, EDITOR_STEPS.length - 1)]!
}

type EditorActionResult =
  | { kind: 'redirect'; to: string }
  | { kind: 'data'; status: number; body: Record<string, unknown> }

/**
 * Every button of the editor and the status page. A validation error or a conflicting save
 * answers with the submission, so what was typed is shown again: nothing is lost.
 */
export async function runStoryEditorAction({ story, authorId, formData, locale }: { story: Story; authorId: string; formData: FormData; locale: ConsentLocale }): Promise<EditorActionResult> {
  const parsedIntent = EditorIntentSchema.safeParse(formData.get('intent'))
  if (!parsedIntent.success) return { kind: 'data', status: 400, body: { error: 'unknownIntent' } }
  const intent = parsedIntent.data
  const here = `/mijn-verhalen/${story.id}`
  const storyId = story.id
  if (intent === 'save' || intent === 'saveAndContinue' || intent === 'autosave') {
    const parsedStep = SaveStepSchema.safeParse(formData.get('step'))
    if (!parsedStep.success) return { kind: 'data', status: 400, body: { error: 'unknownStep' } }
    const step = parsedStep.data
    const submission = parseWithZod(formData, { schema: STEP_SCHEMAS[step] })
    if (submission.status !== 'success') return { kind: 'data', status: 400, body: { step, result: submission.reply() } }
    const revision = Number(formData.get('revision'))
    const saved = await saveDraft({ authorId, storyId, revision: Number.isInteger(revision) ? revision : -1, fields: submission.value })
    if (!saved.ok) {
      if (saved.reason === 'conflict') {
        // Keep the typed text and hand over the current revision: saving again keeps this version.
        return { kind: 'data', status: 409, body: { step, revision: saved.revision, result: submission.reply({ formErrors: ['monument:editor.errors.conflict'] }) } }
      }
      return { kind: 'data', status: 409, body: { step, result: submission.reply({ formErrors: ['monument:editor.errors.notEditable'] }) } }
    }
    if (intent === 'autosave') return { kind: 'data', status: 200, body: { autosaved: true, revision: saved.revision, savedAt: saved.savedAt.toISOString() } }
    const next = intent === 'saveAndContinue' ? nextStepAfter(step) : step
    return { kind: 'redirect', to: `${here}?stap=${next}&opgeslagen=${intent === 'save' ? 'draft' : 'step'}` }
  }
  if (intent === 'consent') {
    const parsed = StoryConsentChangeSchema.safeParse({ purpose: formData.get('purpose'), grant: formData.get('grant') })
    if (!parsed.success) return { kind: 'data', status: 400, body: { error: 'invalidConsent' } }
    await setStoryConsent({ authorId, storyId, purpose: parsed.data.purpose, grant: parsed.data.grant, locale })
    return { kind: 'redirect', to: `${here}?stap=toestemming&opgeslagen=${parsed.data.grant ? 'consentGiven' : 'consentWithdrawn'}#consent-${parsed.data.purpose.replace('.', '-')}` }
  }
  if (intent === 'submit') {
    const result = await submitStory({ authorId, storyId })
    if (!result.ok) return { kind: 'data', status: 400, body: { submitError: result.reason, fields: 'fields' in result ? (result.fields ?? []) : [] } }
    return { kind: 'redirect', to: `${here}?opgeslagen=submitted` }
  }
  if (intent === 'retract' || intent === 'reject' || intent === 'withdraw') {
    const run = intent === 'retract' ? retractSubmission : intent === 'reject' ? rejectModeratedVersion : withdrawStory
    const result = await run({ authorId, storyId })
    if (!result.ok) return { kind: 'data', status: 409, body: { submitError: result.reason } }
    return { kind: 'redirect', to: `${here}?opgeslagen=${intent}` }
  }
  if (intent === 'approve') {
    const result = await approveModeratedVersionWithMedia({ authorId, storyId, seenVersion: String(formData.get('seenVersion') ?? '') })
    if (!result.ok) return { kind: 'data', status: 409, body: { submitError: result.reason } }
    return { kind: 'redirect', to: `${here}?opgeslagen=${result.published ? 'published' : 'approved'}` }
  }
  if (intent === 'delete') {
    if (formData.get('confirm') !== 'yes') return { kind: 'data', status: 400, body: { deleteError: 'confirm' } }
    const result = await deleteStory({ authorId, storyId })
    if (result.deleted) return { kind: 'redirect', to: '/mijn-verhalen?verwijderd=1' }
    return { kind: 'redirect', to: '/mijn-verhalen?verwijderd=archief' }
  }
  return intent satisfies never
}

/** The editor's title, translated. */
async function editorTitle(request: Request) {
  const t = await i18next.getFixedT(request, ['monument', 'common'])
  return `${t('editor.title')} – ${t('common:siteName')}`
}
