import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TotpCodeSchema } from '~/auth/schemas'
import { ErrorSummary, Field, StatusMessage } from '~/components/forms'
import { IntentForm } from '~/components/intent-form'
import { PasskeyButton } from './passkey-button'
import { formatDate } from '~/utils/format-date'

type State = {
  totpConfirmed: boolean
  pendingTotp: { secret: string; qrDataUrl: string } | null
  passkeys: Array<{ id: string; name: string; createdAt: string | Date; lastUsedAt: string | Date | null }>
  recoveryCodesLeft: number
  passkeyRequired: boolean
  staff: boolean
}
type ActionData =
  | { intent: string; result?: SubmissionResult<string[]>; recoveryCodes?: string[]; totp?: { secret: string; qrDataUrl: string }; passkeyFailed?: boolean }
  | undefined

/** Authenticator app, passkeys and recovery codes: add and remove, in plain steps. */
export function FactorSettings({ state, actionData, continueTo }: { state: State; actionData: ActionData; continueTo?: string }) {
  const { t, i18n } = useTranslation('account')
  const pending = actionData?.totp ?? state.pendingTotp
  const [form, fields] = useForm({
    id: 'confirm-totp',
    lastResult: actionData?.intent === 'confirmTotp' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TotpCodeSchema }),
    shouldValidate: 'onSubmit',
  })

  const date = (d: string | Date | null) => (d ? formatDate(d, i18n.language) : '–')

  return (
    <>
      {actionData?.recoveryCodes ? (
        <section aria-labelledby="codes-title" className="notice">
          <h2 id="codes-title">{t('factors.recoveryCodesTitle')}</h2>
          <p>{t('factors.recoveryCodesBody')}</p>
          <ul className="codes">
            {actionData.recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {continueTo ? (
            <p>
              <a href={continueTo} className="button button--primary">
                {t('factors.continue')}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="totp-title">
        <h2 id="totp-title">{t('factors.totpTitle')}</h2>
        {state.totpConfirmed ? (
          <>
            <StatusMessage>{t('factors.totpOn')}</StatusMessage>
            {!state.staff ? (
              <IntentForm intent="removeTotp" label={t('factors.totpRemove')} />
            ) : null}
          </>
        ) : pending ? (
          <>
            <p>{t('factors.totpStep1')}</p>
            <img className="qr" src={pending.qrDataUrl} alt={t('factors.qrAlt')} width={200} height={200} />
            <p>
              {t('factors.totpManual')} <code data-testid="totp-secret">{pending.secret}</code>
            </p>
            <p>{t('factors.totpStep2')}</p>
            <ErrorSummary form={form} fields={fields} />
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="confirmTotp" />
              <Field meta={fields.code} label={t('secondFactor.codeLabel')} hint={t('secondFactor.codeHint')} autoComplete="one-time-code" inputMode="numeric" />
              <button type="submit" className="button button--primary">
                {t('factors.totpConfirm')}
              </button>
            </Form>
          </>
        ) : (
          <IntentForm intent="startTotp" label={t('factors.totpStart')} variant="primary">
            <p>{t('factors.totpIntro')}</p>
          </IntentForm>
        )}
      </section>

      <section aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{t('factors.passkeysTitle')}</h2>
        <p>{state.passkeyRequired ? t('factors.passkeysRequired') : t('factors.passkeysIntro')}</p>
        {state.passkeys.length ? (
          <ul>
            {state.passkeys.map((p) => (
              <li key={p.id}>
                {t('factors.passkeyItem', { name: p.name, created: date(p.createdAt), used: date(p.lastUsedAt) })}{' '}
                <IntentForm
                  intent="removePasskey"
                  fields={{ credentialId: p.id }}
                  label={t('factors.passkeyRemove', { name: p.name })}
                  variant="link"
                  className="inline-form"
                />
              </li>
            ))}
          </ul>
        ) : null}
        <PasskeyButton
          ceremony="register"
          optionsUrl="/account/passkey-opties"
          label={t('factors.passkeyAdd')}
          fields={{ intent: 'registerPasskey', name: t('factors.passkeyDefaultName') }}
          serverFailed={actionData?.passkeyFailed}
        />
      </section>

      {state.totpConfirmed || state.passkeys.length ? (
        <section aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('factors.recoveryTitle')}</h2>
          <p>{t('factors.recoveryLeft', { count: state.recoveryCodesLeft })}</p>
          <IntentForm intent="newRecoveryCodes" label={t('factors.recoveryNew')} />
        </section>
      ) : null}
    </>
  )
}
