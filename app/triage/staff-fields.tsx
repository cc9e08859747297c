import type { ReactNode } from 'react'

/** A labelled select for the triage worker's forms; `empty` adds a first "choose" option. */
export function SelectBox({ id, name, label, defaultValue = '', empty, children }: { id: string; name: string; label: string; defaultValue?: string; empty?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {children}
      </select>
    </div>
  )
}

/** The options of a select: a value and what it is called. */
export function Options({ options }: { options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  )
}

/** One choice (radio or checkbox) with its label. */
export function Choice({ type, id, name, value, label, defaultChecked }: { type: 'radio' | 'checkbox'; id: string; name: string; value: string; label: string; defaultChecked?: boolean }) {
  return (
    <div className="choice">
      <input type={type} id={id} name={name} value={value} defaultChecked={defaultChecked} /> <label htmlFor={id}>{label}</label>
    </div>
  )
}

/** A term and its description in a facts list, left out when there is nothing to show. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  )
}
