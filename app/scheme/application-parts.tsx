import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup, ErrorSummary, Field, SelectField, StatusMessage, TextAreaField } from '~/components/forms'
import type { z } from 'zod'
import {
  ConversationPartSchema,
  DeclarationsPartSchema,
  EVIDENCE_TYPES,
  personalPartSchemaFor,
  type HarmPartSchema,
  type PersonalPart,
  type PlacementSchema,
} from './application-form'
import type { Answers } from './answers'
import { SaveButtons } from './components'
import { datePartsOf, type DateParts } from './date-input'
import { amsterdamDate, formatLongDate } from './dates'
import type { ApplicantKind } from './scheme-config'

/** The pages of the application, one topic each. Forms work without JavaScript (plain POST). */

type Result = SubmissionResult<string[]> | undefined

/** i18next context for a question about someone else, by name ("Where was Kees placed?"). */
export function named(subjectName: string | null) {
  return subjectName ? { context: 'named', name: subjectName } : {}
}

/**
 * The GOV.UK date input: day, month and year as three number fields in one group, the error
 * above them and the first field carrying the group's id (the error summary links there).
 * Works without JavaScript; what was typed is kept after an error.
 */
export function DateInput({ meta, legend, autoComplete }: { meta: FieldMetadata<DateParts | string | undefined>; legend: string; autoComplete?: 'bday' }) {
  const { t } = useTranslation(['scheme', 'validation'])
  const parts = (meta as FieldMetadata<DateParts | undefined>).getFieldset()
  const errors = meta.errors ?? []
  const hintId = `${meta.id}-hint`
  const describedBy = errors.length ? `${hintId} ${meta.errorId}` : hintId
  return (
    <div className={`field date-input${errors.length ? ' field--invalid' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend>{legend}</legend>
        <p id={hintId} className="field__hint">
          {t('scheme:dateInput.hint')}
        </p>
        {errors.length ? (
          <p id={meta.errorId} className="field__error">
            {errors.map((e) => t(e)).join(' ')}
          </p>
        ) : null}
        <div className="date-input__items">
          {(['day', 'month', 'year'] as const).map((p, i) => {
            const part = parts[p]
            const id = i === 0 ? meta.id : part.id
            return (
              <div className={`date-input__item date-input__item--${p}`} key={p}>
                <label htmlFor={id}>{t(`scheme:dateInput.${p}`)}</label>
                <input
                  key={part.key}
                  id={id}
                  name={part.name}
                  type="text"
                  inputMode="numeric"
                  size={p === 'year' ? 4 : 2}
                  defaultValue={typeof part.initialValue === 'string' ? part.initialValue : undefined}
                  autoComplete={autoComplete ? `${autoComplete}-${p}` : 'off'}
                  aria-invalid={errors.length ? true : undefined}
                />
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

export type OwnDetails = {
  bsn: string | null
  iban: string | null
  dateOfBirth: string | null
  phone: string | null
  address: { street: string; houseNumber: string; postcode: string; town: string } | null
}

export function ApplicantForm({ answers, authorisations, lastResult }: { answers: Answers; authorisations: Array<{ id: string; fileName: string }>; lastResult: Result }) {
  const { t } = useTranslation('scheme')
  const a = answers.applicant
  const [form, fields] = useForm<{ kind?: string; survivorName?: string; relation?: string; survivorDateOfBirth?: DateParts; survivorDiedOn?: DateParts; authorisation?: string }>({
    lastResult,
    defaultValue: {
      kind: a?.kind,
      survivorName: a?.survivorName,
      relation: a?.relation,
      survivorDateOfBirth: datePartsOf(a?.survivorDateOfBirth),
      survivorDiedOn: datePartsOf(a?.survivorDiedOn),
    },
    shouldValidate: 'onSubmit',
  })
  const file = fields.authorisation
  const fileErrors = file.errors ?? []
  const removeFormId = `${form.id}-remove`
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      {/* Removing a file is its own small form, so pressing Enter in a field never removes one. */}
      <Form method="post" id={removeFormId} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <ChoiceGroup className="scheme-choices"
          meta={fields.kind}
          legend={t('applicant.question')}
          type="radio"
          options={(['self', 'representative', 'relative'] as const).map((k) => ({ value: k, label: t(`applicant.kinds.${k}.label`), hint: t(`applicant.kinds.${k}.hint`) }))}
        />
        <p className="field__hint">{t('applicant.othersHint')}</p>
        <fieldset className="scheme-group">
          <legend>{t('applicant.someoneElseTitle')}</legend>
          <Field meta={fields.survivorName} label={t('applicant.survivorName')} hint={t('applicant.survivorNameHint')} autoComplete="off" />
          <Field meta={fields.relation} label={t('applicant.relation')} autoComplete="off" />
        </fieldset>
        <fieldset className="scheme-group">
          <legend>{t('applicant.relativeTitle')}</legend>
          <p className="field__hint">{t('applicant.relativeHint')}</p>
          <DateInput meta={fields.survivorDateOfBirth} legend={t('applicant.survivorDateOfBirth')} />
          <DateInput meta={fields.survivorDiedOn} legend={t('applicant.survivorDiedOn')} />
        </fieldset>
        <fieldset className="scheme-group" id="authorisation">
          <legend>{t('applicant.authorisationTitle')}</legend>
          <p className="field__hint">{t('applicant.authorisationHint')}</p>
          {authorisations.length ? (
            <ul className="scheme-documents">
              {authorisations.map((d) => (
                <li key={d.id}>
                  {`${d.fileName} `}
                  <button type="submit" form={removeFormId} name="intent" value={`remove-${d.id}`} className="link-button">
                    {t('evidence.remove', { name: d.fileName })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className={`field${fileErrors.length ? ' field--invalid' : ''}`}>
            <label htmlFor={file.id}>{t(authorisations.length ? 'applicant.authorisationAnother' : 'applicant.authorisationFile')}</label>
            <p id={file.descriptionId} className="field__hint">
              {t('evidence.fileHint')}
            </p>
            {fileErrors.length ? (
              <p id={file.errorId} className="field__error">
                {fileErrors.map((e: string) => t(e)).join(' ')}
              </p>
            ) : null}
            <input
              // A new input once a file is kept: the browser would otherwise send the same file again.
              key={authorisations.map((d) => d.id).join()}
              id={file.id}
              name={file.name}
              type="file"
              accept="application/pdf,image/*"
              aria-describedby={fileErrors.length ? `${file.descriptionId} ${file.errorId}` : file.descriptionId}
              aria-invalid={fileErrors.length ? true : undefined}
            />
          </div>
        </fieldset>
        <SaveButtons />
      </Form>
    </>
  )
}

type PersonalShape = {
  fullName?: string
  dateOfBirth?: DateParts
  bsn?: string
  street?: string
  houseNumber?: string
  postcode?: string
  town?: string
  email?: string
  phone?: string
  iban?: string
  accountHolder?: string
  payee?: string
  authorisationCoversPayment?: string
}

export function PersonalForm({
  answers,
  own,
  applicantKind,
  subjectName,
  lastResult,
}: {
  answers: Answers
  own: OwnDetails | null
  applicantKind: ApplicantKind | null
  subjectName: string | null
  lastResult: Result
}) {
  const { t } = useTranslation('scheme')
  const p = answers.personal
  const representative = applicantKind === 'representative'
  const schema = personalPartSchemaFor(applicantKind ?? undefined)
  const [form, fields] = useForm<PersonalShape, PersonalPart>({
    lastResult,
    defaultValue: {
      payee: p?.payee,
      authorisationCoversPayment: p?.authorisationCoversPayment ? 'on' : undefined,
      fullName: p?.fullName,
      dateOfBirth: datePartsOf(own?.dateOfBirth),
      bsn: own?.bsn ?? undefined,
      street: own?.address?.street,
      houseNumber: own?.address?.houseNumber,
      postcode: own?.address?.postcode,
      town: own?.address?.town,
      email: p?.email,
      phone: own?.phone ?? undefined,
      iban: own?.iban ?? undefined,
      accountHolder: p?.accountHolder,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    // Checked on submit, then again while correcting: the error summary goes away as the
    // fields are fixed, not at the moment someone presses a button (which would move it).
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.fullName} label={t('personal.fullName')} autoComplete="name" />
        <DateInput meta={fields.dateOfBirth} legend={t('personal.dateOfBirthLegend')} autoComplete="bday" />
        <Field meta={fields.bsn} label={t('personal.bsn')} hint={t('personal.bsnHint')} inputMode="numeric" autoComplete="off" spellCheck={false} />
        <fieldset className="scheme-group">
          <legend>{t('personal.address')}</legend>
          <Field meta={fields.street} label={t('personal.street')} autoComplete="address-line1" />
          <Field meta={fields.houseNumber} label={t('personal.houseNumber')} autoComplete="address-line2" />
          <Field meta={fields.postcode} label={t('personal.postcode')} hint={t('personal.postcodeHint')} autoComplete="postal-code" />
          <Field meta={fields.town} label={t('personal.town')} autoComplete="address-level2" />
        </fieldset>
        <Field meta={fields.email} label={t('personal.email')} type="email" autoComplete="email" />
        <Field meta={fields.phone} label={t('personal.phone')} hint={t('personal.optional')} type="tel" autoComplete="tel" />
        {representative ? (
          <>
            <ChoiceGroup
              className="scheme-choices"
              meta={fields.payee}
              legend={t('personal.payeeQuestion')}
              hint={t('personal.payeeHint', { name: subjectName ?? '' })}
              type="radio"
              options={[
                { value: 'survivor', label: t('personal.payees.survivor', { name: subjectName ?? '' }) },
                { value: 'representative', label: t('personal.payees.representative') },
              ]}
            />
            <CheckboxField meta={fields.authorisationCoversPayment} label={t('personal.authorisationCoversPayment', { name: subjectName ?? '' })} />
          </>
        ) : null}
        <Field meta={fields.iban} label={t('personal.iban')} hint={representative ? t('personal.ibanPayeeHint') : t('personal.ibanHint')} autoComplete="off" spellCheck={false} />
        <Field meta={fields.accountHolder} label={t('personal.accountHolder')} hint={t('personal.accountHolderHint')} autoComplete="off" />
        <SaveButtons />
      </Form>
    </>
  )
}

/** A representative's survivor: their birth date, BSN and address (their name is on 'who is applying'). */
export function SurvivorForm({
  survivor,
  subjectName,
  lastResult,
}: {
  survivor: { bsn: string; dateOfBirth: string; address: { street: string; houseNumber: string; postcode: string; town: string } } | null
  subjectName: string | null
  lastResult: Result
}) {
  const { t } = useTranslation('scheme')
  const name = subjectName ?? ''
  const [form, fields] = useForm<{ dateOfBirth?: DateParts; bsn?: string; street?: string; houseNumber?: string; postcode?: string; town?: string }>({
    lastResult,
    defaultValue: {
      dateOfBirth: datePartsOf(survivor?.dateOfBirth),
      bsn: survivor?.bsn,
      street: survivor?.address.street,
      houseNumber: survivor?.address.houseNumber,
      postcode: survivor?.address.postcode,
      town: survivor?.address.town,
    },
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <DateInput meta={fields.dateOfBirth} legend={t('survivor.dateOfBirthLegend', { name })} />
        <Field meta={fields.bsn} label={t('personal.bsn')} hint={t('survivor.bsnHint', { name })} inputMode="numeric" autoComplete="off" spellCheck={false} />
        <fieldset className="scheme-group">
          <legend>{t('survivor.addressLegend', { name })}</legend>
          <Field meta={fields.street} label={t('personal.street')} autoComplete="off" />
          <Field meta={fields.houseNumber} label={t('personal.houseNumber')} autoComplete="off" />
          <Field meta={fields.postcode} label={t('personal.postcode')} hint={t('personal.postcodeHint')} autoComplete="off" />
          <Field meta={fields.town} label={t('personal.town')} autoComplete="off" />
        </fieldset>
        <SaveButtons />
      </Form>
    </>
  )
}

export function PlacementsForm({
  answers,
  placementKinds,
  subjectName,
  lastResult,
  added,
}: {
  answers: Answers
  placementKinds: Array<{ value: string; label: string }>
  subjectName: string | null
  lastResult: Result
  added: boolean
}) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm<z.input<typeof PlacementSchema>>({
    lastResult,
    defaultValue: { inNetherlands: 'yes' },
    shouldValidate: 'onSubmit',
  })
  const placements = answers.placements ?? []
  const kinds = [...placementKinds, { value: 'adoption', label: t('placements.adoption') }, { value: 'other', label: t('placements.otherKind') }]
  const labelOf = (code: string) => kinds.find((k) => k.value === code)?.label ?? code
  return (
    <>
      {added ? <StatusMessage>{t('placements.added')}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <h2>{t('placements.listTitle')}</h2>
        {placements.length === 0 ? (
          <p>{t('placements.none')}</p>
        ) : (
          <ol className="scheme-placements">
            {placements.map((p, i) => (
              <li key={`${p.from}-${p.place}-${i}`}>
                <dl className="facts">
                  <dt>{t('placements.period')}</dt>
                  <dd>{`${p.from} – ${p.to ?? t('placements.unknownEnd')}`}</dd>
                  <dt>{t('placements.kind')}</dt>
                  <dd>{labelOf(p.kind)}</dd>
                  <dt>{t('placements.place')}</dt>
                  <dd>{p.place}</dd>
                  <dt>{t('placements.municipality')}</dt>
                  <dd>{p.municipality}</dd>
                </dl>
                <button type="submit" name="intent" value={`remove-${i}`} className="link-button" formNoValidate>
                  {t('placements.remove', { number: i + 1 })}
                </button>
              </li>
            ))}
          </ol>
        )}
        <fieldset className="scheme-group">
          <legend>{placements.length === 0 ? t('placements.addFirst') : t('placements.addAnother')}</legend>
          <Field meta={fields.from} label={t('placements.from')} hint={t('placements.monthHint')} inputMode="numeric" />
          <Field meta={fields.to} label={t('placements.to')} hint={t('placements.toHint')} inputMode="numeric" />
          <SelectField meta={fields.kind} label={t('placements.kind')} options={kinds} emptyLabel={t('placements.choose')} />
          <Field meta={fields.place} label={t('placements.place')} hint={t('placements.placeHint')} />
          <Field meta={fields.municipality} label={t('placements.municipality')} />
          <Field meta={fields.placedBy} label={t('placements.placedBy', named(subjectName))} hint={t('placements.placedByHint')} />
          <ChoiceGroup className="scheme-choices"
            meta={fields.inNetherlands}
            legend={t('placements.inNetherlands')}
            type="radio"
            options={[
              { value: 'yes', label: t('check.yes') },
              { value: 'no', label: t('check.no') },
            ]}
          />
          <button type="submit" name="intent" value="add" className="button">
            {t('placements.add')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" name="intent" value="continue" className="button button--primary" formNoValidate>
            {t('placements.done')}
          </button>
          <button type="submit" name="intent" value="later" className="button" formNoValidate>
            {t('form.saveLater')}
          </button>
        </div>
      </Form>
    </>
  )
}

export function HarmForm({
  answers,
  harmKinds,
  stories,
  subjectName,
  lastResult,
}: {
  answers: Answers
  harmKinds: string[]
  /** Own stories with a moderated text; `consentGrantedAt` when the story's "use in my application" consent stands. */
  stories: Array<{ id: string; title: string; text: string; consentGrantedAt: string | null }>
  subjectName: string | null
  lastResult: Result
}) {
  const { t, i18n } = useTranslation(['scheme', 'facets'])
  const h = answers.harm
  const [form, fields] = useForm<z.input<typeof HarmPartSchema>>({
    lastResult,
    defaultValue: { mode: h?.mode ?? 'write', kinds: h?.kinds ?? [], ownWords: h?.ownWords, storyId: h?.story?.id },
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <ChoiceGroup className="scheme-choices" meta={fields.kinds} legend={t('harm.kindsLabel', named(subjectName))} hint={t('harm.kindsHint')} type="checkbox" options={harmKinds.map((k) => ({ value: k, label: t(`facets:violenceKinds.${k}`) }))} />
        {stories.length > 0 ? (
          <ChoiceGroup className="scheme-choices"
            meta={fields.mode}
            legend={t('harm.modeQuestion')}
            type="radio"
            options={[
              { value: 'write', label: t('harm.modes.write') },
              { value: 'story', label: t('harm.modes.story'), hint: t('harm.modes.storyHint') },
            ]}
          />
        ) : (
          <input type="hidden" name={fields.mode.name} value="write" />
        )}
        <TextAreaField meta={fields.ownWords} label={t('harm.ownWords')} hint={t('harm.ownWordsHint')} rows={10} />
        {stories.length > 0 ? (
          <>
            <ChoiceGroup className="scheme-choices"
              meta={fields.storyId}
              legend={t('harm.storyQuestion')}
              type="radio"
              options={stories.map((s) => ({ value: s.id, label: s.title || t('harm.untitled') }))}
            />
            {/* Exactly the text that would be shared, so nobody agrees to something they have not seen. */}
            {stories.map((s) => (
              <details key={s.id} className="scheme-story" open={stories.length === 1 || h?.story?.id === s.id}>
                <summary>{t('harm.storyTextTitle', { title: s.title || t('harm.untitled') })}</summary>
                <p className="field__hint">{t('harm.storyTextLead')}</p>
                <blockquote className="scheme-story__text">{s.text}</blockquote>
                {s.consentGrantedAt ? <p>{t('harm.storyConsentGiven', { date: formatLongDate(amsterdamDate(new Date(s.consentGrantedAt)), i18n.language) })}</p> : null}
              </details>
            ))}
            {stories.some((s) => !s.consentGrantedAt) ? <CheckboxField meta={fields.storyConsent} label={t('harm.storyConsent')} hint={t('harm.storyConsentHint')} /> : null}
          </>
        ) : null}
        <SaveButtons />
      </Form>
    </>
  )
}

export function EvidenceForm({
  answers,
  documents,
  lastResult,
  added,
}: {
  answers: Answers
  documents: Array<{ id: string; type: string; fileName: string }>
  lastResult: Result
  added: boolean
}) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm<{ type?: string; file?: string; searchRecords?: string }>({ lastResult, defaultValue: { searchRecords: answers.evidence?.searchRecords ? 'on' : undefined }, shouldValidate: 'onSubmit' })
  const fileErrors = fields.file?.errors ?? []
  return (
    <>
      {added ? <StatusMessage>{t('evidence.added')}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <h2>{t('evidence.listTitle')}</h2>
        {documents.length === 0 ? (
          <p>{t('evidence.none')}</p>
        ) : (
          <ul className="scheme-documents">
            {documents.map((d) => (
              <li key={d.id}>
                {`${t(`evidence.types.${d.type}`)}: ${d.fileName} `}
                <button type="submit" name="intent" value={`remove-${d.id}`} className="link-button">
                  {t('evidence.remove', { name: d.fileName })}
                </button>
              </li>
            ))}
          </ul>
        )}
        <fieldset className="scheme-group">
          <legend>{t('evidence.addTitle')}</legend>
          <SelectField
            meta={fields.type}
            label={t('evidence.type')}
            options={EVIDENCE_TYPES.map((v) => ({ value: v, label: t(`evidence.types.${v}`) }))}
            emptyLabel={t('placements.choose')}
          />
          <div className={`field${fileErrors.length ? ' field--invalid' : ''}`}>
            <label htmlFor="evidence-file">{t('evidence.file')}</label>
            <p id="evidence-file-hint" className="field__hint">
              {t('evidence.fileHint')}
            </p>
            {fileErrors.length ? (
              <p id="evidence-file-error" className="field__error">
                {fileErrors.map((e: string) => t(e)).join(' ')}
              </p>
            ) : null}
            <input
              id="evidence-file"
              name="file"
              type="file"
              accept="application/pdf,image/*"
              aria-describedby={fileErrors.length ? 'evidence-file-hint evidence-file-error' : 'evidence-file-hint'}
              aria-invalid={fileErrors.length ? true : undefined}
            />
          </div>
          <button type="submit" name="intent" value="upload" className="button">
            {t('evidence.upload')}
          </button>
        </fieldset>
        <div className="field">
          <input {...getInputProps(fields.searchRecords, { type: 'checkbox', value: 'on' })} />{' '}
          <label htmlFor={fields.searchRecords.id}>{t('evidence.searchRecords')}</label>
          <p className="field__hint">{t('evidence.searchRecordsHint')}</p>
        </div>
        <SaveButtons />
      </Form>
    </>
  )
}

export function ConversationForm({ answers, lastResult }: { answers: Answers; lastResult: Result }) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { wish: answers.conversation?.wish },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConversationPartSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <p>{t('conversation.explain')}</p>
        <ChoiceGroup className="scheme-choices"
          meta={fields.wish}
          legend={t('conversation.question')}
          type="radio"
          options={[
            { value: 'yes', label: t('conversation.yes') },
            { value: 'no', label: t('conversation.no') },
          ]}
        />
        <SaveButtons />
      </Form>
    </>
  )
}

export function DeclarationsForm({ answers, lastResult }: { answers: Answers; lastResult: Result }) {
  const { t } = useTranslation('scheme')
  const done = Boolean(answers.declarations)
  const [form, fields] = useForm({
    lastResult,
    defaultValue: done ? { truthful: 'on', processing: 'on' } : {},
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclarationsPartSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        {(['truthful', 'processing'] as const).map((name) => (
          <CheckboxField key={name} meta={fields[name]} label={t(`declarations.${name}`)} />
        ))}
        <SaveButtons />
      </Form>
    </>
  )
}
