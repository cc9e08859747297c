import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { listOwnStories } from '~/monument/stories.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['monument', 'archive', 'documentary'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const stories = await listOwnStories({ authorId: ctx.user.id })
  const deleted = new URL(request.url).searchParams.get('verwijderd')
  return {
    stories: stories.map((s) => ({ id: s.id, title: s.title, status: s.status, audience: s.audience, hidden: Boolean(s.hiddenAt), updatedAt: s.updatedAt.toISOString() })),
    deleted: deleted === '1' ? 'deleted' : deleted === 'archief' ? 'archived' : null,
    title: await getPageTitle(request, 'list.title', 'monument'),
  }
}

export default function MyStories() {
  const { stories, deleted } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('monument')
  const { t: tArchive } = useTranslation('archive')
  const { t: tDocumentary } = useTranslation('documentary')
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' })
  return (
    <div className="page">
      <h1>{t('list.title')}</h1>
      <p className="lead">{t('list.lead')}</p>
      {deleted ? <p className="status-message" role="status">{t(`list.${deleted}`)}</p> : null}
      <Form method="post" action="/mijn-verhalen/nieuw">
        <button type="submit" className="button button--primary">
          {t('list.new')}
        </button>
      </Form>
      {stories.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="story-list">
          {stories.map((s) => (
            <li key={s.id} className="story-list__item">
              <h2 className="story-list__title">
                <Link to={`/mijn-verhalen/${s.id}`}>{s.title || t('list.untitled')}</Link>
              </h2>
              <p>
                <span className="tag">{t(`status.${s.status}.label`)}</span> {t('list.updated', { date: date.format(new Date(s.updatedAt)) })}
              </p>
              <p>{t(`status.${s.status}.next`)}</p>
              {s.hidden ? <p>{t('list.hidden')}</p> : null}
              {s.status === 'published' && s.audience === 'none' ? <p>{t('list.noAudience')}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {/* What happens to the stories beyond the portal: the archive copy and research use. */}
      <nav aria-label={tArchive('myStories.navLabel')}>
        <ul>
          <li>
            <Link to="/mijn-verhalen/archief">{tArchive('myStories.archive')}</Link>
          </li>
          <li>
            <Link to="/mijn-verhalen/onderzoek">{tArchive('myStories.research')}</Link>
          </li>
          <li>
            <Link to="/mijn-verhalen/documentaire">{tDocumentary('author.link')}</Link>
          </li>
        </ul>
      </nav>
    </div>
  )
}
