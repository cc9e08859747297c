import { useTranslation } from 'react-i18next'
import { FactorSettings } from './factor-settings'

type Props = Parameters<typeof FactorSettings>[0] & { screen: 'staffEnrol' | 'security' }

export function FactorSettingsPage({ screen, ...props }: Props) {
  const { t } = useTranslation('account')
  return (
    <div className="page">
      <h1>{t(`${screen}.title`)}</h1>
      <p className="lead">{t(`${screen}.lead`)}</p>
      <FactorSettings {...props} />
    </div>
  )
}
