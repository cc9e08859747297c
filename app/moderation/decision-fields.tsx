/**
 * The fields of a moderator's decision on one row of a staff page (a mark, a report): the
 * refusal for that row, the choices and the required reason, wired together for screen readers.
 */
export function DecisionFields({
  rowId,
  errorId,
  error,
  legend,
  choices,
  checked,
  reasonLabel,
  reasonDefault,
  multiline = false,
}: {
  rowId: string
  /** Id of the row's error text, referred to by the reason field. */
  errorId: string
  /** The row's translated refusal, if the last post about this row failed. */
  error: string | null
  legend: string
  choices: ReadonlyArray<{ value: string; label: string }>
  checked?: string
  reasonLabel: string
  reasonDefault?: string
  multiline?: boolean
}) {
  const described = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined }
  return (
    <>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      <fieldset className="choices">
        <legend>{legend}</legend>
        {choices.map((c) => (
          <div key={c.value}>
            <input type="radio" id={`${c.value}-${rowId}`} name="decision" value={c.value} defaultChecked={checked === undefined ? undefined : checked === c.value} />{' '}
            <label htmlFor={`${c.value}-${rowId}`}>{c.label}</label>
          </div>
        ))}
      </fieldset>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={`reason-${rowId}`}>{reasonLabel}</label>
        {multiline ? (
          <textarea id={`reason-${rowId}`} name="reason" rows={3} defaultValue={reasonDefault} {...described} />
        ) : (
          <input id={`reason-${rowId}`} name="reason" defaultValue={reasonDefault} {...described} />
        )}
      </div>
    </>
  )
}
