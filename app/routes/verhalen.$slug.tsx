import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'
import { fallbackLng, isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { readingT } from '~/moderation/i18n.server'
import { getReader } from '~/monument/reading-reader.server'
import { getReadableMedia } from '~/monument/media-serve.server'
import { getVisibleStory } from '~/monument/reading.server'
import { oneOf, readingCacheHeaders } from '~/monument/reading-schemas'
import { EntryCard } from '~/referrals/entry-card'
import { matchEntries } from '~/referrals/matching.server'
import { SlugSchema } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'
import { formatDate } from '~/utils/format-date'

export const handle = { i18n: ['reading', 'facets', 'referrals'] }
export const meta = titleMeta

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const { signedIn, reader, viewer } = await getReader(request)
  const story = slug.success ? await getVisibleStory({ slug: slug.data, reader }) : null
  // Withdrawn, hidden, removed, not shared with this reader or unknown: all the same 404.
  if (!story) throw new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const lng = await i18next.getLocale(request)
  const locale = isLng(lng) ? lng : fallbackLng
  // Help that fits this story's setting and period (peer groups first, the Trimbos information point always), and the crisis lines.
  const url = new URL(request.url)
  const showStory = !story.contentNote || url.searchParams.get('lezen') === 'ja'
  const [help, crisis, media] = await Promise.all([
    matchEntries({
      locale,
      setting: oneOf(SETTINGS, story.settings[0]),
      decade: oneOf(DECADES, story.decades[0]),
      region: oneOf(REGIONS, story.region),
      limit: 5,
    }),
    matchEntries({ locale, need: 'crisis', limit: 5 }),
    // Photos, audio and video with their own consent and transcripts; served by /media/<id>, which checks again on every request.
    showStory ? getReadableMedia({ storyId: story.id, viewer }) : Promise.resolve([]),
  ])
  const t = await readingT(request, ['reading', 'common'])
  return data(
    {
      title: `${story.title || t('reading:story.untitled')} – ${t('common:siteName')}`,
      story: showStory ? story : { ...story, body: '', paragraphs: [] },
      showStory,
      media,
      help: help.map((m) => m.entry),
      crisis: crisis.map((m) => m.entry).filter((e) => e.kind === 'crisisLine'),
    },
    { headers: readingCacheHeaders(signedIn) },
  )
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
      <p>
        <Link to="/verhalen">{t('story.back')}</Link>
      </p>
      <h1>{story.title || t('story.untitled')}</h1>
      <p className="muted">
        {t('story.byline', { author: story.author ?? t('story.anonymous'), date: formatDate(story.publishedAt, i18n.language) })}
      </p>

      {!showStory && story.contentNote ? (
        <section aria-labelledby="note-title" className="notice content-note">
          <h2 id="note-title">{t('story.contentNote.title')}</h2>
          <p className="preserve-lines">{story.contentNote}</p>
          <p>{t('story.contentNote.choice')}</p>
          {/* A plain link: works without JavaScript, and the reader decides. */}
          <p>
            <Link to="?lezen=ja" className="button button--primary">
              {t('story.contentNote.continue')}
            </Link>{' '}
            <Link to="/verhalen">{t('story.contentNote.notNow')}</Link>
          </p>
        </section>
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
          {media.length > 0 ? (
            <section aria-labelledby="media-title" className="story-media">
              <h2 id="media-title">{t('story.media.title')}</h2>
              {media.map((m) => (
                <figure key={m.id}>
                  {m.kind === 'photo' ? (
                    <img src={m.variantUrls.web ?? m.url} alt={m.description ?? ''} loading="lazy" />
                  ) : m.kind === 'audio' ? (
                    // A transcript is required before audio or video is shown (below); a captions track is added when the author gave one.
                    // eslint-disable-next-line jsx-a11y/media-has-caption
                    <audio controls preload="none" src={m.url}>
                      {m.captionsUrl ? <track kind="captions" src={m.captionsUrl} srcLang="nl" label={t('story.media.captions')} default /> : null}
                    </audio>
                  ) : (
                    // eslint-disable-next-line jsx-a11y/media-has-caption
                    <video controls preload="none" src={m.url}>
                      {m.captionsUrl ? <track kind="captions" src={m.captionsUrl} srcLang="nl" label={t('story.media.captions')} default /> : null}
                    </video>
                  )}
                  {m.description && m.kind !== 'photo' ? <figcaption>{m.description}</figcaption> : null}
                  {m.transcript ? (
                    <details>
                      <summary>{t('story.media.transcript')}</summary>
                      <p className="preserve-lines">{m.transcript}</p>
                    </details>
                  ) : null}
                </figure>
              ))}
            </section>
          ) : null}
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
