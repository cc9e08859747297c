import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDate } from './format'
import type { OwnLifeStorySummary } from './own.server'

/**
 * The survivor's claimed life stories, for `/mijn-verhalen/archief` (its loader calls
 * listOwnLifeStories). Private: only the survivor sees these.
 */
export function OwnLifeStories({ stories, headingLevel = 2 }: { stories: Array<Pick<OwnLifeStorySummary, 'id' | 'title' | 'source' | 'recordedOn' | 'hasAudio' | 'state'>>; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation('lifeStories')
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="own-life-stories-title">
      <Heading id="own-life-stories-title">{t('own.title')}</Heading>
      <p>{t('own.lead')}</p>
      {stories.length === 0 ? (
        <p>{t('own.empty')}</p>
      ) : (
        <ul className="story-list">
          {stories.map((s) => (
            <li key={s.id}>
              <Link to={`/mijn-verhalen/levensverhaal/${s.id}`}>{s.title}</Link>{' '}
              <span className="field__hint">
                {t('own.meta', { source: t(`sources.${s.source}`), date: formatDate(s.recordedOn, i18n.language) })}
                {s.hasAudio ? ` · ${t('own.withAudio')}` : ''}
                {s.state === 'awaiting_survivor' ? ` · ${t('own.awaiting')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
