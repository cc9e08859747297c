import { useTranslation } from 'react-i18next'

/** Hidden from people and assistive technology; see utils/honeypot.server.ts. */
export function HoneypotField() {
  const { t } = useTranslation()
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="hp-website">{t('honeypot.label')}</label>
      <input id="hp-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}
