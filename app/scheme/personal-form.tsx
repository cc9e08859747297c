import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, ChoiceGroup, ErrorSummary, Field } from '~/components/forms'
import type { Answers } from './answers'
import { personalPartSchemaFor, type PersonalPart } from './application-form'
import { SaveButtons } from './components'
import { datePartsOf, type DateParts } from './date-input'
import { DateInput } from './date-input-field'
import { AddressFields, type Result } from './form-pieces'
import type { ApplicantKind } from './scheme-config'

/** The applicant's own details and account, and a representative's survivor's identity. */

type OwnDetails = {
  bsn: string | null
  iban: string | null
  dateOfBirth: string | null
  phone: string | null
  address: { street: string; houseNumber: string; postcode: string; town: string } | null
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
        <AddressFields fields={fields} legend={t('personal.address')} own />
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
        <AddressFields fields={fields} legend={t('survivor.addressLegend', { name })} own={false} />
        <SaveButtons />
      </Form>
    </>
  )
}
