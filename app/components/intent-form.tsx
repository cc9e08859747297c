import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * A form with one button that posts an `intent` (and any hidden fields) to this route's
 * action: remove a factor, sign out elsewhere, new recovery codes. Works without JavaScript.
 */
export function IntentForm({
  intent,
  label,
  fields,
  variant = 'button',
  className,
  children,
}: {
  intent: string
  label: ReactNode
  fields?: Record<string, string>
  /** 'primary' for the main step on a page, 'link' for a quiet per-row action. */
  variant?: 'button' | 'primary' | 'link'
  className?: string
  /** Shown above the button, inside the form. */
  children?: ReactNode
}) {
  return (
    <Form method="post" className={className}>
      {children}
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={variant === 'link' ? 'link-button' : variant === 'primary' ? 'button button--primary' : 'button'}>
        {label}
      </button>
    </Form>
  )
}
