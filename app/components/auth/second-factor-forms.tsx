import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RecoveryCodeSchema, TotpCodeSchema } from '~/auth/schemas'
import { ErrorSummary, Field } from '~/components/forms'
import { PasskeyButton } from './passkey-button'

type ActionData = { intent: string; result: SubmissionResult<string[]> | null; passkeyFailed: boolean } | undefined

/**
 * The second step: a passkey (needs JavaScript), an authenticator code, or a recovery code
 * (both work without JavaScript).
 */
export function SecondFactorForms({ offer, actionData, optionsUrl }: { offer: { totp: boolean; passkey: boolean }; actionData: ActionData; optionsUrl: string }) {
  const { t } = useTranslation('account')
  const [params] = useSearchParams()
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

  return (
    <>
      {offer.passkey ? (
        <section aria-labelledby="passkey-title">
          <h2 id="passkey-title">{t('secondFactor.passkeyTitle')}</h2>
          <PasskeyButton
            ceremony="authenticate"
            optionsUrl={optionsUrl}
            label={t('secondFactor.usePasskey')}
            fields={{ intent: 'passkey', redirectTo }}
            primary
            serverFailed={actionData?.passkeyFailed}
          />
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
