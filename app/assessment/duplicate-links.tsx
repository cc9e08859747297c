import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type DuplicateLink = { id: string; reference: string | null }

/**
 * The possible-duplicate flag of a case, with a link to each other application of the same
 * person, so an assessor sees both sides from either one.
 */
export function DuplicateLinks({ duplicates }: { duplicates: DuplicateLink[] }) {
  const { t } = useTranslation('assessment')
  if (duplicates.length === 0) return null
  return (
    <section className="notice" aria-labelledby="h-duplicates">
      <h2 id="h-duplicates">{t('case.duplicates.heading')}</h2>
      <p>{t('case.duplicates.explain')}</p>
      <ul>
        {duplicates.map((d) => (
          <li key={d.id}>
            <Link to={`/beheer/aanvragen/${d.id}`}>{t('case.duplicates.link', { reference: d.reference ?? '–' })}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
