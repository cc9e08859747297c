import { useSubmit } from '@remix-run/react'
import { startAuthentication, startRegistration } from '@simplewebauthn/browser'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * One WebAuthn ceremony behind a button: fetch the options (POST), let the browser create or
 * use a passkey, and post the result back to this route with `fields`. Passkeys need
 * JavaScript, so without it the button is replaced by a sentence pointing to the other ways.
 */
export function PasskeyButton({
  ceremony,
  optionsUrl,
  label,
  fields,
  primary = false,
  serverFailed = false,
}: {
  ceremony: 'register' | 'authenticate'
  optionsUrl: string
  label: string
  /** Sent along with `passkeyResponse`, e.g. the intent and where to go next. */
  fields: Record<string, string>
  primary?: boolean
  serverFailed?: boolean
}) {
  const { t } = useTranslation('account')
  const submit = useSubmit()
  const [hydrated, setHydrated] = useState(false)
  const [failed, setFailed] = useState(false)
  useEffect(() => setHydrated(true), [])

  async function run() {
    setFailed(false)
    try {
      const res = await fetch(optionsUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' } })
      const optionsJSON = await res.json()
      const response = ceremony === 'register' ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON })
      submit({ ...fields, passkeyResponse: JSON.stringify(response) }, { method: 'post' })
    } catch {
      setFailed(true)
    }
  }

  return (
    <>
      {hydrated ? (
        <button type="button" className={primary ? 'button button--primary' : 'button'} onClick={run}>
          {label}
        </button>
      ) : (
        <p>{t('secondFactor.passkeyNeedsJs')}</p>
      )}
      {failed || serverFailed ? (
        <p className="field__error" role="alert">
          {t('secondFactor.passkeyFailed')}
        </p>
      ) : null}
    </>
  )
}
