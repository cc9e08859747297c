import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup, ErrorSummary, Field, SelectField, TextAreaField } from '~/components/forms'
import { VIOLENCE_KINDS } from '~/facets/facets'
import type { DateParts } from '~/scheme/date-input'
import { DateInput } from '~/scheme/date-input-field'
import { AddressFields, FileField } from '~/scheme/form-pieces'
import { CHANNEL_CHOICES } from './schemas'

type Result = SubmissionResult<string[]> | undefined
type Address = {
  street?: string
  houseNumber?: string
  postcode?: string
  town?: string
}
type Shape = {
  token: string
  channel: string
  receivedOn: string
  applicant: {
    kind: string
    survivorName: string
    relation: string
    survivorDateOfBirth: DateParts
    survivorDiedOn: DateParts
  }
  survivor: Address & { dateOfBirth: DateParts; bsn: string }
  personal: Address & {
    fullName: string
    dateOfBirth: DateParts
    bsn: string
    email: string
    phone: string
    iban: string
    accountHolder: string
    payee: string
    authorisationCoversPayment: string
  }
  placement: {
    from: string
    to: string
    kind: string
    place: string
    municipality: string
    placedBy: string
    inNetherlands: string
  }
  harm: { mode: string; kinds: string[]; ownWords: string }
  searchRecords: string
  conversation: { wish: string }
  seriouslyIll: string
  scan: string
}

/**
 * Staff enter an application from a paper form or a phone call: the online application's
 * questions on one page (its own labels), plus the channel, the day received and the scanned
 * pages. A multipart form, so it works without JavaScript; checked on the server, and what was
 * typed comes back with the messages (the scan must be chosen again).
 */
export function RegisterApplicationForm({ lastResult, token, placementKinds }: { lastResult: Result; token: string; placementKinds: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation(['intake', 'scheme', 'facets', 'validation'])
  const [form, fields] = useForm<Shape>({
    lastResult,
    defaultValue: { token, harm: { mode: 'write' } },
    shouldValidate: 'onSubmit',
  })
  const applicant = fields.applicant.getFieldset()
  const survivor = fields.survivor.getFieldset()
  const personal = fields.personal.getFieldset()
  const placement = fields.placement.getFieldset()
  const harm = fields.harm.getFieldset()
  const conversation = fields.conversation.getFieldset()
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <input type="hidden" name={fields.token.name} value={fields.token.initialValue ?? token} />
        <input type="hidden" name={harm.mode.name} value="write" />
        <h2>{t('register.sections.intake')}</h2>
        <ChoiceGroup
          meta={fields.channel}
          legend={t('register.channel')}
          type="radio"
          options={CHANNEL_CHOICES.map((c) => ({
            value: c,
            label: t(`channels.${c}`),
          }))}
        />
        <Field meta={fields.receivedOn} label={t('register.receivedOn')} hint={t('register.receivedOnHint')} type="date" />
        <FileField id={fields.scan.id} name={fields.scan.name} label={t('register.scan')} hintId={fields.scan.descriptionId} errorId={fields.scan.errorId} errors={fields.scan.errors ?? []} />

        <h2>{t('scheme:parts.applicant')}</h2>
        <ChoiceGroup
          meta={applicant.kind}
          legend={t('scheme:applicant.question')}
          type="radio"
          options={(['self', 'representative', 'relative'] as const).map((k) => ({ value: k, label: t(`scheme:applicant.kinds.${k}.label`) }))}
        />
        <fieldset className="scheme-group">
          <legend>{t('scheme:applicant.someoneElseTitle')}</legend>
          <Field meta={applicant.survivorName} label={t('scheme:applicant.survivorName')} autoComplete="off" />
          <Field meta={applicant.relation} label={t('scheme:applicant.relation')} autoComplete="off" />
          <DateInput meta={applicant.survivorDateOfBirth} legend={t('scheme:applicant.survivorDateOfBirth')} />
          <DateInput meta={applicant.survivorDiedOn} legend={t('scheme:applicant.survivorDiedOn')} />
        </fieldset>
        <fieldset className="scheme-group">
          <legend>{t('register.survivorTitle')}</legend>
          <p className="field__hint">{t('register.survivorHint')}</p>
          <DateInput meta={survivor.dateOfBirth} legend={t('scheme:applicant.survivorDateOfBirth')} />
          <Field meta={survivor.bsn} label={t('scheme:personal.bsn')} inputMode="numeric" autoComplete="off" spellCheck={false} />
          <AddressFields fields={survivor} legend={t('scheme:personal.address')} own={false} />
        </fieldset>

        <h2>{t('scheme:parts.personal')}</h2>
        <Field meta={personal.fullName} label={t('scheme:personal.fullName')} autoComplete="off" />
        <DateInput meta={personal.dateOfBirth} legend={t('scheme:personal.dateOfBirthLegend')} />
        <Field meta={personal.bsn} label={t('scheme:personal.bsn')} inputMode="numeric" autoComplete="off" spellCheck={false} />
        <AddressFields fields={personal} legend={t('scheme:personal.address')} own={false} />
        <Field meta={personal.email} label={t('scheme:personal.email')} hint={t('register.emailHint')} type="email" autoComplete="off" />
        <Field meta={personal.phone} label={t('scheme:personal.phone')} hint={t('scheme:personal.optional')} type="tel" autoComplete="off" />
        <ChoiceGroup
          meta={personal.payee}
          legend={t('scheme:personal.payeeQuestion')}
          hint={t('register.payeeHint')}
          type="radio"
          options={[
            {
              value: 'survivor',
              label: t('scheme:personal.payees.survivor', { name: '' }),
            },
            {
              value: 'representative',
              label: t('scheme:personal.payees.representative'),
            },
          ]}
        />
        <CheckboxField meta={personal.authorisationCoversPayment} label={t('scheme:personal.authorisationCoversPayment', { name: '' })} />
        <Field meta={personal.iban} label={t('scheme:personal.iban')} autoComplete="off" spellCheck={false} />
        <Field meta={personal.accountHolder} label={t('scheme:personal.accountHolder')} autoComplete="off" />

        <h2>{t('scheme:parts.placements')}</h2>
        <p className="field__hint">{t('register.placementHint')}</p>
        <Field meta={placement.from} label={t('scheme:placements.from')} hint={t('scheme:placements.monthHint')} />
        <Field meta={placement.to} label={t('scheme:placements.to')} hint={t('scheme:placements.toHint')} />
        <SelectField meta={placement.kind} label={t('scheme:placements.kind')} options={placementKinds} emptyLabel={t('scheme:placements.choose')} />
        <Field meta={placement.place} label={t('scheme:placements.place')} hint={t('scheme:placements.placeHint')} />
        <Field meta={placement.municipality} label={t('scheme:placements.municipality')} />
        <Field meta={placement.placedBy} label={t('scheme:placements.placedBy')} hint={t('scheme:placements.placedByHint')} />
        <ChoiceGroup
          meta={placement.inNetherlands}
          legend={t('scheme:placements.inNetherlands')}
          type="radio"
          options={[
            { value: 'yes', label: t('scheme:check.yes') },
            { value: 'no', label: t('scheme:check.no') },
          ]}
        />

        <h2>{t('scheme:parts.harm')}</h2>
        <ChoiceGroup
          meta={harm.kinds}
          legend={t('scheme:harm.kindsLabel')}
          type="checkbox"
          options={VIOLENCE_KINDS.map((k) => ({
            value: k,
            label: t(`facets:violenceKinds.${k}`),
          }))}
        />
        <TextAreaField meta={harm.ownWords} label={t('register.ownWords')} hint={t('register.ownWordsHint')} rows={12} />

        <h2>{t('register.sections.more')}</h2>
        <CheckboxField meta={fields.searchRecords} label={t('scheme:evidence.searchRecords')} />
        <ChoiceGroup
          meta={conversation.wish}
          legend={t('scheme:conversation.question')}
          type="radio"
          options={[
            { value: 'yes', label: t('scheme:conversation.yes') },
            { value: 'no', label: t('scheme:conversation.no') },
          ]}
        />
        <CheckboxField meta={fields.seriouslyIll} label={t('register.seriouslyIll')} hint={t('register.seriouslyIllHint')} />
        <button type="submit" className="button button--primary">
          {t('register.submit')}
        </button>
      </Form>
    </>
  )
}
