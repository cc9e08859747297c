import type { TFunction } from 'i18next'
import { EVIDENCE_TYPES } from './application-form'
import { PARTS, type Part } from './application-pages'
import { localise, type SchemeConfig } from './scheme-config'

/**
 * The paper application form (issue 17, ADR 0032) as a model: the same pages, questions,
 * options and help texts as the online application, from the same scheme configuration and
 * i18n keys, so a change online shows on paper too. The PDF (paper-form-pdf.server.ts) only
 * draws this model; paper-form.test.ts fails when an online question has no paper question.
 * Isomorphic.
 */

export type PaperAnswerKind = 'line' | 'lines' | 'date' | 'monthYear' | 'choice' | 'choices' | 'tick'

export type PaperQuestion = {
  /** The online form's field name (its zod schema key), so the test can match them. */
  field: string
  label: string
  hint?: string
  answer: PaperAnswerKind
  options?: Array<{ label: string; hint?: string }>
  /** Write-in lines for 'lines'. */
  lines?: number
}

export type PaperStep = {
  part: Part
  title: string
  intro: string
  /** Said once above the questions (e.g. "fill this in only when…"). */
  notes: string[]
  questions: PaperQuestion[]
  /** Placements: the questions are printed this many times, numbered. */
  repeat?: { times: number; label: (n: number) => string }
}

export type PaperForm = {
  lang: string
  title: string
  schemeName: string
  demonstration: string | null
  instructions: string[]
  steps: PaperStep[]
  signature: { title: string; date: string; signature: string; send: string }
}

/** Paper never knows the survivor's name: a neutral word stands in for it. */
function who(t: TFunction) {
  return { name: t('scheme:paperForm.theSurvivor') }
}

const q = (field: string, label: string, answer: PaperAnswerKind, extra: Partial<PaperQuestion> = {}): PaperQuestion => ({ field, label, answer, ...extra })

function addressQuestions(t: TFunction): PaperQuestion[] {
  return [
    q('street', t('scheme:personal.street'), 'line'),
    q('houseNumber', t('scheme:personal.houseNumber'), 'line'),
    q('postcode', t('scheme:personal.postcode'), 'line', { hint: t('scheme:personal.postcodeHint') }),
    q('town', t('scheme:personal.town'), 'line'),
  ]
}

function questionsOf(part: Part, scheme: SchemeConfig, t: TFunction, lng: string): Pick<PaperStep, 'notes' | 'questions' | 'repeat'> {
  const name = who(t)
  const yesNo = [{ label: t('scheme:check.yes') }, { label: t('scheme:check.no') }]
  switch (part) {
    case 'applicant':
      return {
        // The online upload of the authorisation becomes a copy sent with the form.
        notes: [t('scheme:applicant.othersHint'), t('scheme:applicant.authorisationHint'), t('scheme:paperForm.authorisationEnclose')],
        questions: [
          q('kind', t('scheme:applicant.question'), 'choice', {
            options: (['self', 'representative', 'relative'] as const)
              .filter((k) => k === 'self' || scheme.applicantKinds[k])
              .map((k) => ({ label: t(`scheme:applicant.kinds.${k}.label`), hint: t(`scheme:applicant.kinds.${k}.hint`) })),
          }),
          q('survivorName', t('scheme:applicant.survivorName'), 'line', { hint: t('scheme:applicant.survivorNameHint') }),
          q('relation', t('scheme:applicant.relation'), 'line'),
          q('survivorDateOfBirth', t('scheme:applicant.survivorDateOfBirth'), 'date', { hint: t('scheme:applicant.relativeHint') }),
          q('survivorDiedOn', t('scheme:applicant.survivorDiedOn'), 'date'),
        ],
      }
    case 'survivor':
      return {
        notes: [t('scheme:paperForm.survivorOnly')],
        questions: [
          q('dateOfBirth', t('scheme:survivor.dateOfBirthLegend', name), 'date'),
          q('bsn', t('scheme:personal.bsn'), 'line', { hint: t('scheme:survivor.bsnHint', name) }),
          ...addressQuestions(t),
        ],
      }
    case 'personal':
      return {
        notes: [],
        questions: [
          q('fullName', t('scheme:personal.fullName'), 'line'),
          q('dateOfBirth', t('scheme:personal.dateOfBirthLegend'), 'date'),
          q('bsn', t('scheme:personal.bsn'), 'line', { hint: t('scheme:personal.bsnHint') }),
          ...addressQuestions(t),
          q('email', t('scheme:personal.email'), 'line', { hint: t('scheme:paperForm.emailHint') }),
          q('phone', t('scheme:personal.phone'), 'line', { hint: t('scheme:personal.optional') }),
          q('payee', t('scheme:personal.payeeQuestion'), 'choice', {
            hint: `${t('scheme:paperForm.representativeOnly')} ${t('scheme:personal.payeeHint', name)}`,
            options: [{ label: t('scheme:personal.payees.survivor', name) }, { label: t('scheme:personal.payees.representative') }],
          }),
          q('authorisationCoversPayment', t('scheme:personal.authorisationCoversPayment', name), 'tick'),
          q('iban', t('scheme:personal.iban'), 'line', { hint: t('scheme:personal.ibanHint') }),
          q('accountHolder', t('scheme:personal.accountHolder'), 'line', { hint: t('scheme:personal.accountHolderHint') }),
        ],
      }
    case 'placements':
      return {
        notes: [t('scheme:paperForm.morePlacements')],
        repeat: { times: 3, label: (n) => t('scheme:placements.number', { number: n }) },
        questions: [
          q('from', t('scheme:placements.from'), 'monthYear', { hint: t('scheme:placements.monthHint') }),
          q('to', t('scheme:placements.to'), 'monthYear', { hint: t('scheme:placements.toHint') }),
          q('kind', t('scheme:placements.kind'), 'choice', {
            options: [...scheme.placementKinds.map((k) => ({ label: localise(k.label, lng) })), { label: t('scheme:placements.adoption') }, { label: t('scheme:placements.otherKind') }],
          }),
          q('place', t('scheme:placements.place'), 'line', { hint: t('scheme:placements.placeHint') }),
          q('municipality', t('scheme:placements.municipality'), 'line'),
          q('placedBy', t('scheme:placements.placedBy'), 'line', { hint: t('scheme:placements.placedByHint') }),
          q('inNetherlands', t('scheme:placements.inNetherlands'), 'choice', { options: yesNo }),
        ],
      }
    case 'harm':
      return {
        notes: [],
        questions: [
          q('kinds', t('scheme:harm.kindsLabel'), 'choices', { hint: t('scheme:harm.kindsHint'), options: scheme.harmKinds.map((k) => ({ label: t(`facets:violenceKinds.${k}`) })) }),
          q('mode', t('scheme:harm.modeQuestion'), 'choice', {
            options: [{ label: t('scheme:harm.modes.write') }, { label: t('scheme:harm.modes.story'), hint: t('scheme:harm.modes.storyHint') }, { label: t('scheme:harm.modes.lifeStory'), hint: t('scheme:harm.modes.lifeStoryHint') }],
          }),
          q('ownWords', t('scheme:harm.ownWords'), 'lines', { hint: `${t('scheme:harm.ownWordsHint')} ${t('scheme:paperForm.extraSheet')}`, lines: 14 }),
          q('storyId', t('scheme:harm.storyQuestion'), 'line', { hint: t('scheme:paperForm.storyTitleHint') }),
          q('storyConsent', t('scheme:harm.storyConsent'), 'tick', { hint: t('scheme:harm.storyConsentHint') }),
          q('lifeStoryId', t('scheme:harm.lifeStoryQuestion'), 'line', { hint: t('scheme:paperForm.lifeStoryHint') }),
          q('lifeStoryConsent', t('consent:purposes.schemeUseCommissionStory.label'), 'tick', {
            hint: `${t('consent:purposes.schemeUseCommissionStory.text')} ${t('consent:purposes.schemeUseCommissionStory.withdrawEffect')}`,
          }),
        ],
      }
    case 'evidence':
      return {
        notes: [t('scheme:paperForm.evidenceEnclose')],
        questions: [
          q('type', t('scheme:evidence.type'), 'choices', { hint: t('scheme:paperForm.evidenceTypesHint'), options: EVIDENCE_TYPES.map((k) => ({ label: t(`scheme:evidence.types.${k}`) })) }),
          q('file', t('scheme:paperForm.evidenceCount'), 'line'),
          q('searchRecords', t('scheme:evidence.searchRecords'), 'tick', { hint: t('scheme:evidence.searchRecordsHint') }),
        ],
      }
    case 'conversation': {
      const fast = scheme.fastTrack
      return {
        notes: [t('scheme:conversation.explain')],
        questions: [
          q('wish', t('scheme:conversation.question'), 'choice', { options: [{ label: t('scheme:conversation.yes') }, { label: t('scheme:conversation.no') }] }),
          ...(fast?.seriouslyIll
            ? [
                q('seriouslyIll', t('scheme:fastTrack.seriouslyIll'), 'tick', {
                  hint: `${t('scheme:fastTrack.age', { age: fast.minimumAge })} ${t('scheme:fastTrack.seriouslyIllHint')} ${fast.seriouslyIll.evidence === 'optional' ? t('scheme:paperForm.medicalEnclose') : ''}`.trim(),
                }),
              ]
            : []),
        ],
      }
    }
    case 'declarations':
      return { notes: [], questions: [q('truthful', t('scheme:declarations.truthful'), 'tick'), q('processing', t('scheme:declarations.processing'), 'tick')] }
  }
}

/** The whole paper form for one scheme version in one language (keys name their namespace: scheme, facets, consent). */
export function paperFormModel({ scheme, t, lng }: { scheme: SchemeConfig; t: TFunction; lng: string }): PaperForm {
  return {
    lang: lng,
    title: t('scheme:paperForm.title'),
    schemeName: localise(scheme.name, lng),
    demonstration: scheme.demonstration ? t('scheme:pdf.demonstration') : null,
    instructions: [t('scheme:paperForm.howTo'), t('scheme:paperForm.skip'), t('scheme:paperForm.help'), t('scheme:tasks.painful')],
    steps: PARTS.map((part, i) => ({
      part,
      title: t('scheme:paperForm.stepTitle', { number: i + 1, total: PARTS.length, title: t(`scheme:parts.${part}`) }),
      intro: t(`scheme:intro.${part}`, part === 'survivor' ? who(t) : {}),
      ...questionsOf(part, scheme, t, lng),
    })),
    signature: { title: t('scheme:paperForm.signTitle'), date: t('scheme:paperForm.signDate'), signature: t('scheme:paperForm.signature'), send: t('scheme:paperForm.send') },
  }
}

/** Every text of the model that the printed form must carry (the test checks each one reaches the PDF). */
export function paperFormTexts(form: PaperForm): string[] {
  return [
    form.title,
    form.schemeName,
    ...form.instructions,
    ...form.steps.flatMap((s) => [s.title, s.intro, ...s.notes, ...s.questions.flatMap((qn) => [qn.label, qn.hint ?? '', ...(qn.options ?? []).flatMap((o) => [o.label, o.hint ?? ''])])]),
    form.signature.title,
    form.signature.send,
  ].filter((text) => text.length > 0)
}
