import { useTranslation } from 'react-i18next'
import { INFORMATION_POINT_SLUG } from './schemas'

/**
 * What the directory says when the filters leave no organisation. When a language was chosen,
 * the reader is told plainly that we know of no help in that language, and pointed to the
 * information and expertise point (Trimbos), which searches along with them — rather than
 * "choose fewer filters", which would drop the one thing they need. Plain links: public reading
 * pages ship no framework JavaScript, so a Remix <Link> would only be an <a> anyway.
 */
export function NoResults({ language }: { language: string | null | undefined }) {
  const { t } = useTranslation('referrals')
  if (language) {
    return (
      <div className="notice" id="no-language-results">
        <p>{t('directory.results.noLanguage', { language: t(`facets:languages.${language}`) })}</p>
        <p>
          {t('directory.results.noLanguageHint')} <a href="tel:08001238">{t('directory.results.noLanguagePhone')}</a>
        </p>
        <p>
          <a href={`/hulp/${INFORMATION_POINT_SLUG}`}>{t('entry.noContactsLink')}</a>
        </p>
      </div>
    )
  }
  return (
    <>
      <p>{t('directory.results.none')}</p>
      <p>
        {t('directory.results.noneHint')} <a href={`/hulp/${INFORMATION_POINT_SLUG}`}>{t('entry.noContactsLink')}</a>
      </p>
    </>
  )
}
