import { useTranslation } from 'react-i18next'

/** The crisis numbers, one click away on every page (a native disclosure: no JavaScript needed). */
const CRISIS_LINES = [
  { id: 'suicide', tel: '113', altTel: '08000113' },
  { id: 'victimSupport', tel: '09000101' },
  { id: 'breakTheSilence', tel: '09009999001' },
  { id: 'emergency', tel: '112' },
] as const

export function CrisisHelp() {
  const { t } = useTranslation()
  return (
    <details className="crisis-help">
      <summary>{t('crisis.summary')}</summary>
      <div className="crisis-help__panel">
        <p>{t('crisis.intro')}</p>
        <ul>
          {CRISIS_LINES.map((line) => (
            <li key={line.id}>
              <strong>{t(`crisis.lines.${line.id}.name`)}</strong>{' '}
              <a href={`tel:${line.tel}`}>{t(`crisis.lines.${line.id}.number`)}</a>
              {'altTel' in line ? (
                <>
                  {' '}
                  {t('crisis.or')} <a href={`tel:${line.altTel}`}>{t(`crisis.lines.${line.id}.altNumber`)}</a>
                </>
              ) : null}
              <br />
              <span className="muted">{t(`crisis.lines.${line.id}.when`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  )
}
