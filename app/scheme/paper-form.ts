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
  return { name: t('paperForm.theSurvivor') }
}

const q = (field: string, label: string, answer: PaperAnswerKind, extra: Partial<PaperQuestion> = {}): PaperQuestion => ({ field, label, answer, ...extra })

function addressQuestions(t: TFunction): PaperQuestion[] {
  return [
    q('street', t('personal.street'), 'line'),
    q('houseNumber', t('personal.houseNumber'), 'line'),
    q('postcode', t('personal.postcode'), 'line', { hint: t('personal.postcodeHint') }),
    q('town', t('personal.town'), 'line'),
  ]
}

function questionsOf(part: Part, scheme: SchemeConfig, t: TFunction, lng: string): Pick<PaperStep, 'notes' | 'questions' | 'repeat'> {
  const name = who(t)
  const yesNo = [{ label: t('check.yes') }, { label: t('check.no') }]
  switch (part) {
    case 'applicant':
      return {
        // The online upload of the authorisation becomes a copy sent with the form.
        notes: [t('applicant.othersHint'), t('applicant.authorisationHint'), t('paperForm.authorisationEnclose')],
        questions: [
          q('kind', t('applicant.question'), 'choice', {
            options: (['self', 'representative', 'relative'] as const)
              .filter((k) => k === 'self' || scheme.applicantKinds[k])
              .map((k) => ({ label: t(`applicant.kinds.${k}.label`), hint: t(`applicant.kinds.${k}.hint`) })),
          }),
          q('survivorName', t('applicant.survivorName'), 'line', { hint: t('applicant.survivorNameHint') }),
          q('relation', t('applicant.relation'), 'line'),
          q('survivorDateOfBirth', t('applicant.survivorDateOfBirth'), 'date', { hint: t('applicant.relativeHint') }),
          q('survivorDiedOn', t('applicant.survivorDiedOn'), 'date'),
        ],
      }
    case 'survivor':
      return {
        notes: [t('paperForm.survivorOnly')],
        questions: [
          q('dateOfBirth', t('survivor.dateOfBirthLegend', name), 'date'),
          q('bsn', t('personal.bsn'), 'line', { hint: t('survivor.bsnHint', name) }),
          ...addressQuestions(t),
        ],
      }
    case 'personal':
      return {
        notes: [],
        questions: [
          q('fullName', t('personal.fullName'), 'line'),
          q('dateOfBirth', t('personal.dateOfBirthLegend'), 'date'),
          q('bsn', t('personal.bsn'), 'line', { hint: t('personal.bsnHint') }),
          ...addressQuestions(t),
          q('email', t('personal.email'), 'line', { hint: t('paperForm.emailHint') }),
          q('phone', t('personal.phone'), 'line', { hint: t('personal.optional') }),
          q('payee', t('personal.payeeQuestion'), 'choice', {
            hint: `${t('paperForm.representativeOnly')} ${t('personal.payeeHint', name)}`,
            options: [{ label: t('personal.payees.survivor', name) }, { label: t('personal.payees.representative') }],
          }),
          q('authorisationCoversPayment', t('personal.authorisationCoversPayment', name), 'tick'),
          q('iban', t('personal.iban'), 'line', { hint: t('personal.ibanHint') }),
          q('accountHolder', t('personal.accountHolder'), 'line', { hint: t('personal.accountHolderHint') }),
        ],
      }
    case 'placements':
      return {
        notes: [t('paperForm.morePlacements')],
        repeat: { times: 3, label: (n) => t('placements.number', { number: n }) },
        questions: [
          q('from', t('placements.from'), 'monthYear', { hint: t('placements.monthHint') }),
          q('to', t('placements.to'), 'monthYear', { hint: t('placements.toHint') }),
          q('kind', t('placements.kind'), 'choice', {
            options: [...scheme.placementKinds.map((k) => ({ label: localise(k.label, lng) })), { label: t('placements.adoption') }, { label: t('placements.otherKind') }],
          }),
          q('place', t('placements.place'), 'line', { hint: t('placements.placeHint') }),
          q('municipality', t('placements.municipality'), 'line'),
          q('placedBy', t('placements.placedBy'), 'line', { hint: t('placements.placedByHint') }),
          q('inNetherlands', t('placements.inNetherlands'), 'choice', { options: yesNo }),
        ],
      }
    case 'harm':
      return {
        notes: [],
        questions: [
          q('kinds', t('harm.kindsLabel'), 'choices', { hint: t('harm.kindsHint'), options: scheme.harmKinds.map((k) => ({ label: t(`facets:violenceKinds.${k}`) })) }),
          q('mode', t('harm.modeQuestion'), 'choice', {
            options: [{ label: t('harm.modes.write') }, { label: t('harm.modes.story'), hint: t('harm.modes.storyHint') }, { label: t('harm.modes.lifeStory'), hint: t('harm.modes.lifeStoryHint') }],
          }),
          q('ownWords', t('harm.ownWords'), 'lines', { hint: `${t('harm.ownWordsHint')} ${t('paperForm.extraSheet')}`, lines: 14 }),
          q('storyId', t('harm.storyQuestion'), 'line', { hint: t('paperForm.storyTitleHint') }),
          q('storyConsent', t('harm.storyConsent'), 'tick', { hint: t('harm.storyConsentHint') }),
          q('lifeStoryId', t('harm.lifeStoryQuestion'), 'line', { hint: t('paperForm.lifeStoryHint') }),
          q('lifeStoryConsent', t('consent:purposes.schemeUseCommissionStory.label'), 'tick', {
            hint: `${t('consent:purposes.schemeUseCommissionStory.text')} ${t('consent:purposes.schemeUseCommissionStory.withdrawEffect')}`,
          }),
        ],
      }
    case 'evidence':
      return {
        notes: [t('paperForm.evidenceEnclose')],
        questions: [
          q('type', t('evidence.type'), 'choices', { hint: t('paperForm.evidenceTypesHint'), options: EVIDENCE_TYPES.map((k) => ({ label: t(`evidence.types.${k}`) })) }),
          q('file', t('paperForm.evidenceCount'), 'line'),
          q('searchRecords', t('evidence.searchRecords'), 'tick', { hint: t('evidence.searchRecordsHint') }),
        ],
      }
    case 'conversation': {
      const fast = scheme.fastTrack
      return {
        notes: [t('conversation.explain')],
        questions: [
          q('wish', t('conversation.question'), 'choice', { options: [{ label: t('conversation.yes') }, { label: t('conversation.no') }] }),
          ...(fast?.seriouslyIll
            ? [
                q('seriouslyIll', t('fastTrack.seriouslyIll'), 'tick', {
                  hint: `${t('fastTrack.age', { age: fast.minimumAge })} ${t('fastTrack.seriouslyIllHint')} ${fast.seriouslyIll.evidence === 'optional' ? t('paperForm.medicalEnclose') : ''}`.trim(),
                }),
              ]
            : []),
        ],
      }
    }
    case 'declarations':
      return { notes: [], questions: [q('truthful', t('declarations.truthful'), 'tick'), q('processing', t('declarations.processing'), 'tick')] }
  }
}

/** The whole paper form for one scheme version in one language (`t` over scheme, facets and consent). */
export function paperFormModel({ scheme, t, lng }: { scheme: SchemeConfig; t: TFunction; lng: string }): PaperForm {
  return {
    lang: lng,
    title: t('paperForm.title'),
    schemeName: localise(scheme.name, lng),
    demonstration: scheme.demonstration ? t('pdf.demonstration') : null,
    instructions: [t('paperForm.howTo'), t('paperForm.skip'), t('paperForm.help'), t('tasks.painful')],
    steps: PARTS.map((part, i) => ({
      part,
      title: t('paperForm.stepTitle', { number: i + 1, total: PARTS.length, title: t(`parts.${part}`) }),
      intro: t(`intro.${part}`, part === 'survivor' ? who(t) : {}),
      ...questionsOf(part, scheme, t, lng),
    })),
    signature: { title: t('paperForm.signTitle'), date: t('paperForm.signDate'), signature: t('paperForm.signature'), send: t('paperForm.send') },
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
