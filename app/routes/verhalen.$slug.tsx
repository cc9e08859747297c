import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadStoryPage } from '~/monument/reading-story-page.server'
import { StoryMediaSection } from '~/monument/reading-story-media'
import { ContentNoteGate } from '~/monument/content-note-gate'
import { EntryCard } from '~/referrals/entry-card'
import { SlugSchema } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'
import { formatDate } from '~/utils/format-date'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['reading', 'facets', 'referrals'] }
export const meta = titleMeta

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const { page, headers } = await loadStoryPage({ request, slug: slug.success ? slug.data : null })
  return data(page, { headers })
}

export default function StoryPage() {
  const { t, i18n } = useTranslation('reading')
  const { story, showStory, media, help, crisis } = useLoaderData<typeof loader>()
  const facts = [
    ...story.decades.map((v) => t(`facets:decades.${v}`)),
    ...story.settings.map((v) => t(`facets:settings.${v}`)),
    ...story.violenceKinds.map((v) => t(`facets:violenceKinds.${v}`)),
    ...story.themes.map((v) => t(`facets:themes.${v}`)),
  ]
  return (
    <article className="page">
      <PageHeading back={{ to: '/verhalen', label: t('story.back') }} title={story.title || t('story.untitled')} />
      <p className="muted">
        {t('story.byline', { author: story.author ?? t('story.anonymous'), date: formatDate(story.publishedAt, i18n.language) })}
      </p>

      {!showStory && story.contentNote ? (
        <ContentNoteGate note={story.contentNote} />
      ) : (
        <>
          {story.contentNote ? (
            <p className="muted content-note">
              <strong>{t('story.contentNote.title')}</strong> {story.contentNote}
            </p>
          ) : null}
          <div className="story-body">
            {story.paragraphs.map((p, i) => (
              <p key={i} className="preserve-lines">
                {p}
              </p>
            ))}
          </div>
          <StoryMediaSection media={media} lang={i18n.language} />
          {facts.length > 0 ? <p className="muted">{t('story.facets', { list: facts.join(', ') })}</p> : null}
          <p>
            <Link to={`/verhalen/${story.slug}/melden`}>{t('story.report')}</Link>
          </p>
        </>
      )}

      <section aria-labelledby="help-title" className="story-help">
        <h2 id="help-title">{t('story.help.title')}</h2>
        <p>{t('story.help.lead')}</p>
        <ul className="cards">
          {help.map((entry) => (
            <EntryCard key={entry.slug} entry={entry} />
          ))}
        </ul>
        <h3>{t('story.help.crisisTitle')}</h3>
        <ul className="cards">
          {crisis.map((entry) => (
            <EntryCard key={entry.slug} entry={entry} />
          ))}
        </ul>
        <p>
          <Link to="/hulp">{t('story.help.more')}</Link>
        </p>
      </section>
    </article>
  )
}
