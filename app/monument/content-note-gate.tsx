import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * The content note shown before a story, with the reader's choice: read on, or not now. Both are
 * plain links (they work without JavaScript), styled as buttons of at least 44 × 44 CSS pixels
 * with space between them, so a thumb on a phone hits the one it means (WCAG 2.5.8).
 * The documentary's chapters use it too, with their own words for the choice and the way back.
 */
export function ContentNoteGate({ note, choice, back }: { note: string; choice?: string; back?: { to: string; label: string } }) {
  const { t } = useTranslation('reading')
  return (
    <section aria-labelledby="note-title" className="notice content-note">
      <h2 id="note-title">{t('story.contentNote.title')}</h2>
      <p className="preserve-lines">{note}</p>
      <p>{choice ?? t('story.contentNote.choice')}</p>
      <div className="content-note__choices">
        <Link to="?lezen=ja" className="button button--primary">
          {t('story.contentNote.continue')}
        </Link>
        <Link to={back?.to ?? '/verhalen'} className="button">
          {back?.label ?? t('story.contentNote.notNow')}
        </Link>
      </div>
    </section>
  )
}
