import type { FieldMetadata, SubmissionResult } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/forms'

/** The pages of the application, one topic each. Forms work without JavaScript (plain POST). */

/** What the page's last post returned (conform), to show its errors and keep what was typed. */
export type Result = SubmissionResult<string[]> | undefined

/** i18next context for a question about someone else, by name ("Where was Kees placed?"). */
export function named(subjectName: string | null) {
  return subjectName ? { context: 'named', name: subjectName } : {}
}

type AddressMeta = Record<'street' | 'houseNumber' | 'postcode' | 'town', FieldMetadata<string | undefined>>

/**
 * An address as four fields in one group. The browser may fill in only the applicant's own
 * address: another person's (a representative's survivor) would be filled with the wrong one.
 */
export function AddressFields({ fields, legend, own }: { fields: AddressMeta; legend: string; own: boolean }) {
  const { t } = useTranslation('scheme')
  const fill = (token: string) => (own ? token : 'off')
  return (
    <fieldset className="scheme-group">
      <legend>{legend}</legend>
      <Field meta={fields.street} label={t('personal.street')} autoComplete={fill('address-line1')} />
      <Field meta={fields.houseNumber} label={t('personal.houseNumber')} autoComplete={fill('address-line2')} />
      <Field meta={fields.postcode} label={t('personal.postcode')} hint={t('personal.postcodeHint')} autoComplete={fill('postal-code')} />
      <Field meta={fields.town} label={t('personal.town')} autoComplete={fill('address-level2')} />
    </fieldset>
  )
}

/**
 * The documents added so far, each with its own remove button (`intent=remove-<id>`). `form`
 * names a separate small form when the list stands inside another one, so pressing Enter in a
 * field never removes a file.
 */
export function DocumentList<D extends { id: string; fileName: string }>({ documents, labelOf, form }: { documents: D[]; labelOf: (d: D) => string; form?: string }) {
  const { t } = useTranslation('scheme')
  return (
    <ul className="scheme-documents">
      {documents.map((d) => (
        <li key={d.id}>
          {`${labelOf(d)} `}
          <button type="submit" form={form} name="intent" value={`remove-${d.id}`} className="link-button">
            {t('evidence.remove', { name: d.fileName })}
          </button>
        </li>
      ))}
    </ul>
  )
}

/** A file field (a PDF or an image) with its hint and errors, linked by aria-describedby; streamed as a multipart POST. */
export function FileField({
  id,
  name,
  label,
  hintId,
  errorId,
  errors,
  resetKey,
}: {
  id: string
  name: string
  label: string
  hintId: string
  errorId: string
  errors: string[]
  /** A new input once a file is kept: the browser would otherwise send the same file again. */
  resetKey?: string
}) {
  const { t } = useTranslation('scheme')
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <p id={hintId} className="field__hint">
        {t('evidence.fileHint')}
      </p>
      {errors.length ? (
        <p id={errorId} className="field__error">
          {errors.map((e) => t(e)).join(' ')}
        </p>
      ) : null}
      <input
        key={resetKey}
        id={id}
        name={name}
        type="file"
        accept="application/pdf,image/*"
        aria-describedby={errors.length ? `${hintId} ${errorId}` : hintId}
        aria-invalid={errors.length ? true : undefined}
      />
    </div>
  )
}
