import { useTranslation } from 'react-i18next'
import { formatDate } from './format'

/** On the moderator's review page: this story was recorded with an interviewer (the route lists the 'lifeStories' namespace). */
export function LifeStoryOriginNote({ origin }: { origin: { reference: string; recordedOn: string } | null }) {
  const { t, i18n } = useTranslation('lifeStories')
  if (!origin) return null
  return (
    <section aria-labelledby="life-story-origin-title" className="notice">
      <h2 id="life-story-origin-title">{t('origin.title')}</h2>
      <p>{t('origin.text', { reference: origin.reference, date: formatDate(origin.recordedOn, i18n.language) })}</p>
    </section>
  )
}
