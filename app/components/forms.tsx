import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useEffect, useRef, type ChangeEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** Zod messages are i18n keys ('validation:required', 'account:password.tooShort'). */
function useErrorText() {
  const { t } = useTranslation(['validation', 'common'])
  return (key: string) => t(key)
}

type FieldProps = {
  meta: FieldMetadata<string | undefined>
  label: string
  hint?: ReactNode
  type?: 'text' | 'email' | 'password' | 'tel' | 'number' | 'date' | 'url' | 'search'
  autoComplete?: string
  inputMode?: 'numeric' | 'text' | 'email' | 'tel'
  spellCheck?: boolean
  className?: string
  /** The id of a <datalist> with suggestions. */
  list?: string
}

/** The hint and the errors of one field, with the ids its control points at (aria-describedby). */
function HintAndErrors({ meta, hint }: { meta: { descriptionId: string; errorId: string; errors?: string[] }; hint?: ReactNode }) {
  const errorText = useErrorText()
  const errors = meta.errors ?? []
  return (
    <>
      {hint ? (
        <p id={meta.descriptionId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={meta.errorId} className="field__error">
          {errors.map(errorText).join(' ')}
        </p>
      ) : null}
    </>
  )
}

/**
 * Label, hint and error around one control: the error stands next to the field and is linked
 * with aria-describedby (conform's ids), so every kind of field reads the same way.
 */
function FieldShell({ meta, label, hint, className, children }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; className?: string; children: ReactNode }) {
  const errors = meta.errors ?? []
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={meta.id}>{label}</label>
      <HintAndErrors meta={meta} hint={hint} />
      {children}
    </div>
  )
}

/** A labelled input; what was typed stays after an error (except passwords). */
export function Field({ meta, label, hint, type = 'text', autoComplete, inputMode, spellCheck, className, list }: FieldProps) {
  return (
    <FieldShell meta={meta} label={label} hint={hint} className={className}>
      <input
        {...getInputProps(meta, { type, ariaDescribedBy: hint ? meta.descriptionId : undefined })}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        list={list}
      />
    </FieldShell>
  )
}

export function TextAreaField({ meta, label, hint, rows = 8 }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; rows?: number }) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <textarea {...getTextareaProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined })} rows={rows} />
    </FieldShell>
  )
}

/**
 * One checkbox ("I agree"): its error above it, `after` right after the label (a link), and an
 * optional hint below. Ticked stays ticked after an error elsewhere in the form.
 */
export function CheckboxField({ meta, label, hint, after }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; after?: ReactNode }) {
  const errorText = useErrorText()
  const errors = meta.errors ?? []
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}`}>
      {errors.length ? (
        <p id={meta.errorId} className="field__error">
          {errors.map(errorText).join(' ')}
        </p>
      ) : null}
      <input {...getInputProps(meta, { type: 'checkbox', value: 'on', ariaDescribedBy: hint ? meta.descriptionId : undefined })} />{' '}
      <label htmlFor={meta.id}>{label}</label>
      {after ? <> {after}</> : null}
      {hint ? (
        <p id={meta.descriptionId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export type Option = { value: string; label: string; hint?: string }

/** Options from stored values and a way to name each (usually a translation). */
export function toOptions(values: readonly string[], labelOf: (value: string) => string): Option[] {
  return values.map((value) => ({ value, label: labelOf(value) }))
}

/** A labelled select; `emptyLabel` adds a first option meaning "no answer". */
export function SelectField({ meta, label, hint, options, emptyLabel }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; options: readonly Option[]; emptyLabel?: string }) {
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <select {...getSelectProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined })}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

/**
 * Radios or checkboxes in a fieldset with a legend; its hint and error belong to the fieldset
 * (which carries the field id, so the error summary can link to it). Validate these on the
 * server only: conform remounts keyed collections after client validation, undoing a first click.
 */
export function ChoiceGroup({
  meta,
  legend,
  hint,
  type,
  options,
  onChange,
  className,
}: {
  meta: FieldMetadata<string | string[] | undefined>
  legend: string
  hint?: ReactNode
  type: 'radio' | 'checkbox'
  options: readonly Option[]
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void
  className?: string
}) {
  const errors = meta.errors ?? []
  const describedBy = [hint ? meta.descriptionId : null, errors.length ? meta.errorId : null].filter(Boolean).join(' ') || undefined
  const byValue = new Map(options.map((o) => [o.value, o]))
  return (
    <fieldset id={meta.id} className={`field${errors.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <HintAndErrors meta={meta} hint={hint} />
      {getCollectionProps(meta, { type, options: options.map((o) => o.value), ariaAttributes: false }).map((props) => {
        const option = byValue.get(props.value)!
        return (
          <div key={props.key} className="choice">
            <input {...props} key={props.key} onChange={onChange} />{' '}
            <label htmlFor={props.id}>{option.label}</label>
            {option.hint ? <p className="field__hint">{option.hint}</p> : null}
          </div>
        )
      })}
    </fieldset>
  )
}

/**
 * GOV.UK-style summary above a form after a failed submit: every problem, each linking to its
 * field. It takes focus so screen-reader users hear what went wrong.
 */
type SummaryForm = { id: string; errors?: string[]; allErrors?: Record<string, string[]>; status?: 'success' | 'error' }

/**
 * Every error of the form at the top, each linking to its field. Read from conform's
 * `allErrors` (field name → messages; conform gives a field the id `<form id>-<name>`):
 * its fieldset is a proxy whose `Object.values` is always empty.
 */
export function ErrorSummary({ form }: { form: SummaryForm; fields?: unknown }) {
  const { t } = useTranslation(['common', 'validation'])
  const errorText = useErrorText()
  const ref = useRef<HTMLDivElement>(null)
  const submitted = useRef(false)
  const fieldErrors = Object.entries(form.allErrors ?? {})
    .filter(([name, errors]) => name !== '' && errors.length > 0)
    .map(([name, errors]) => ({ id: `${form.id}-${name}`, errors }))
  const formErrors = form.errors ?? []
  const count = fieldErrors.length + formErrors.length
  // Focus moves to the summary only after a submit attempt, never while someone is typing.
  useEffect(() => {
    const element = document.getElementById(form.id)
    const onSubmit = () => {
      submitted.current = true
    }
    element?.addEventListener('submit', onSubmit, true)
    return () => element?.removeEventListener('submit', onSubmit, true)
  }, [form.id])
  useEffect(() => {
    if (submitted.current && count > 0) {
      submitted.current = false
      ref.current?.focus()
    }
  })
  if (count === 0) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${form.id}-summary-title`}>
      <h2 id={`${form.id}-summary-title`}>{t('common:forms.errorSummaryTitle')}</h2>
      <ul>
        {formErrors.map((e) => (
          <li key={e}>{errorText(e)}</li>
        ))}
        {fieldErrors.map((f) => (
          <li key={f.id}>
            <a href={`#${f.id}`}>{(f.errors ?? []).map(errorText).join(' ')}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A notice that confirms what just happened (after a redirect), announced politely. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="status-message" role="status">
      {children}
    </div>
  )
}
