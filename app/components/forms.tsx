import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useEffect, useRef, type ReactNode } from 'react'
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
}

/**
 * Label, hint and error around one control: the error stands next to the field and is linked
 * with aria-describedby (conform's ids), so every kind of field reads the same way.
 */
function FieldShell({ meta, label, hint, className, children }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; className?: string; children: ReactNode }) {
  const errorText = useErrorText()
  const errors = meta.errors ?? []
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={meta.id}>{label}</label>
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
      {children}
    </div>
  )
}

/** A labelled input; what was typed stays after an error (except passwords). */
export function Field({ meta, label, hint, type = 'text', autoComplete, inputMode, spellCheck, className }: FieldProps) {
  return (
    <FieldShell meta={meta} label={label} hint={hint} className={className}>
      <input
        {...getInputProps(meta, { type, ariaDescribedBy: hint ? meta.descriptionId : undefined })}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
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
