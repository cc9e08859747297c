import type { SubmissionResult } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { SecondFactorForms } from './second-factor-forms'

/** The page around the second-step forms: sign-in (`secondFactor`) or step-up (`stepUp`). */
export function SecondFactorPage({
  screen,
  offer,
  actionData,
}: {
  screen: 'secondFactor' | 'stepUp'
  offer: { totp: boolean; passkey: boolean }
  actionData: { intent: string; result: SubmissionResult<string[]> | null; passkeyFailed: boolean } | undefined
}) {
  const { t } = useTranslation('account')
  return (
    <div className="page">
      <h1>{t(`${screen}.title`)}</h1>
      <p className="lead">{t(`${screen}.lead`)}</p>
      <SecondFactorForms offer={offer} actionData={actionData} optionsUrl={`/inloggen/passkey-opties?doel=${screen === 'stepUp' ? 'stepUp' : 'signIn'}`} />
    </div>
  )
}
