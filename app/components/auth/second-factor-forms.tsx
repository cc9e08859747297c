import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useSearchParams, useSubmit } from '@remix-run/react'
import { startAuthentication } from '@simplewebauthn/browser'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RecoveryCodeSchema, TotpCodeSchema } from '~/auth/schemas'
import { ErrorSummary, Field } from '~/components/forms'

type ActionData = { intent: string; result: SubmissionResult<string[]> | null; passkeyFailed: boolean } | undefined

/**
 * The second step: a passkey (needs JavaScript), an authenticator code, or a recovery code
 * (both work without JavaScript).
 */
export function SecondFactorForms({ offer, actionData, optionsUrl }: { offer: { totp: boolean; passkey: boolean }; actionData: ActionData; optionsUrl: string }) {
  const { t } = useTranslation('account')
  const [params] = useSearchParams()
  const submit = useSubmit()
  const [hydrated, setHydrated] = useState(false)
  const [passkeyError, setPasskeyError] = useState(false)
  useEffect(() => setHydrated(true), [])
  const redirectTo = params.get('redirectTo') ?? ''

  const [totpForm, totpFields] = useForm({
    id: 'totp',
    lastResult: actionData?.intent === 'totp' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TotpCodeSchema }),
    shouldValidate: 'onSubmit',
  })
  const [recoveryForm, recoveryFields] = useForm({
    id: 'recovery',
    lastResult: actionData?.intent === 'recovery' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RecoveryCodeSchema }),
    shouldValidate: 'onSubmit',
  })

  async function usePasskey() {
    setPasskeyError(false)
    try {
      const res = await fetch(optionsUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' } })
      const optionsJSON = await res.json()
      const response = await startAuthentication({ optionsJSON })
      submit({ intent: 'passkey', passkeyResponse: JSON.stringify(response), redirectTo }, { method: 'post' })
    } catch {
      setPasskeyError(true)
    }
  }

  return (
    <>
      {offer.passkey ? (
        <section aria-labelledby="passkey-title">
          <h2 id="passkey-title">{t('secondFactor.passkeyTitle')}</h2>
          {hydrated ? (
            <button type="button" className="button button--primary" onClick={usePasskey}>
              {t('secondFactor.usePasskey')}
            </button>
          ) : (
            <p>{t('secondFactor.passkeyNeedsJs')}</p>
          )}
          {passkeyError || actionData?.passkeyFailed ? (
            <p className="field__error" role="alert">
              {t('secondFactor.passkeyFailed')}
            </p>
          ) : null}
        </section>
      ) : null}
      {offer.totp ? (
        <section aria-labelledby="totp-title">
          <h2 id="totp-title">{t('secondFactor.totpTitle')}</h2>
          <ErrorSummary form={totpForm} fields={totpFields} />
          <Form method="post" {...getFormProps(totpForm)}>
            <input type="hidden" name="intent" value="totp" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field meta={totpFields.code} label={t('secondFactor.codeLabel')} hint={t('secondFactor.codeHint')} autoComplete="one-time-code" inputMode="numeric" />
            <button type="submit" className="button button--primary">
              {t('secondFactor.submit')}
            </button>
          </Form>
        </section>
      ) : null}
      <details open={actionData?.intent === 'recovery'}>
        <summary>{t('secondFactor.recoveryTitle')}</summary>
        <ErrorSummary form={recoveryForm} fields={recoveryFields} />
        <Form method="post" {...getFormProps(recoveryForm)}>
          <input type="hidden" name="intent" value="recovery" />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field meta={recoveryFields.recoveryCode} label={t('secondFactor.recoveryLabel')} hint={t('secondFactor.recoveryHint')} autoComplete="off" spellCheck={false} />
          <button type="submit" className="button">
            {t('secondFactor.submitRecovery')}
          </button>
        </Form>
      </details>
    </>
  )
}
