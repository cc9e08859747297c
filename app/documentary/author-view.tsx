import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { IntentForm } from '~/components/intent-form'
import type { AuthorBlockView, AuthorChapterView } from './author-page.server'

/**
 * What an author sees of the documentary: per chapter, each block made from their story, the
 * excerpt as used, whether readers see it now, and their two ways out: withdraw the
 * documentary consent (the story's own consent step) or ask that this one excerpt not be used.
 */
export function AuthorDocumentaryView({ chapters }: { chapters: AuthorChapterView[] }) {
  const { t } = useTranslation('documentary')
  if (chapters.length === 0) return <p>{t('author.empty')}</p>
  return (
    <ul className="doc-usage">
      {chapters.map((c) => (
        <li key={c.chapterSlug}>
          <h2>{c.chapterTitle}</h2>
          <p>
            {c.published ? (
              <>
                {t('author.chapter.published')} <Link to={`/documentaire/${c.chapterSlug}`}>{t('author.chapter.read', { title: c.chapterTitle })}</Link>
              </>
            ) : (
              t('author.chapter.notPublished')
            )}
          </p>
          {c.blocks.map((b) => (
            <AuthorBlock key={b.blockId} block={b} />
          ))}
        </li>
      ))}
    </ul>
  )
}

function AuthorBlock({ block: b }: { block: AuthorBlockView }) {
  const { t } = useTranslation('documentary')
  const state = b.exclusionRequested ? 'excluded' : b.shown ? 'shown' : 'notShown'
  return (
    <section aria-label={t('author.block.label', { title: b.storyTitle })}>
      <h3>
        {t(b.kind === 'medium' ? 'author.block.medium' : 'author.block.story', {
          title: b.storyTitle,
        })}
      </h3>
      {b.kind === 'story' ? (
        b.excerpt ? (
          <>
            <p>{t('author.block.excerptUsed')}</p>
            <blockquote className="doc-block__excerpt">
              <p className="preserve-lines">{b.excerpt}</p>
            </blockquote>
          </>
        ) : (
          <p>{t('author.block.wholeStory')}</p>
        )
      ) : null}
      <p>
        <span className="tag">{t(`author.state.${state}`)}</span>
      </p>
      <ul>
        <li>
          <Link to={`/mijn-verhalen/${b.storyId}?stap=toestemming#consent-monument-documentary`}>{t('author.block.withdraw')}</Link>
        </li>
      </ul>
      {b.exclusionRequested ? null : (
        <IntentForm intent="exclude" fields={{ blockId: b.blockId }} label={t('author.block.exclude')}>
          <p className="field__hint">{t('author.block.excludeHelp')}</p>
        </IntentForm>
      )}
    </section>
  )
}
