import { useTranslation } from 'react-i18next'
import type { ReadableMedia } from './media-serve.server'

/**
 * A published story's photos, audio and video on the public page. Audio and video come here
 * only with a moderated transcript (WCAG 1.2.1, see getReadableMedia), shown below the player;
 * a captions track is added when the author gave one.
 *
 * `lang` is the captions' language. Stories do not record the language they were written in,
 * so the captions take the page's language, as the story's own text does (it inherits the
 * page's `lang`); it was a hard-coded "nl" before, wrong for every story written in English.
 */
export function StoryMediaSection({ media, lang }: { media: ReadableMedia[]; lang: string }) {
  const { t } = useTranslation('reading')
  if (media.length === 0) return null
  return (
    <section aria-labelledby="media-title" className="story-media">
      <h2 id="media-title">{t('story.media.title')}</h2>
      {media.map((m) => (
        <StoryMediaFigure
          key={m.id}
          medium={{
            ...m,
            url: m.kind === 'photo' ? m.variantUrls.web ?? m.url : m.url,
          }}
          lang={lang}
        />
      ))}
    </section>
  )
}

/** What one figure needs of a medium (the documentary's chapter pages show single media too). */
export type FigureMedium = Pick<ReadableMedia, 'kind' | 'url' | 'captionsUrl' | 'description' | 'transcript'>

/** One photo, sound or video with its captions track and transcript (the photo's `url` is the one to show). */
export function StoryMediaFigure({ medium: m, lang }: { medium: FigureMedium; lang: string }) {
  const { t } = useTranslation('reading')
  const captions = m.captionsUrl ? <track kind="captions" src={m.captionsUrl} srcLang={lang} label={t('story.media.captions')} default /> : null
  return (
    <figure>
      {m.kind === 'photo' ? (
        <img src={m.url} alt={m.description ?? ''} loading="lazy" />
      ) : m.kind === 'audio' ? (
        // The transcript below is the text alternative; captions are added when there are any.
        // eslint-disable-next-line jsx-a11y/media-has-caption
        <audio controls preload="none" src={m.url}>
          {captions}
        </audio>
      ) : (
        // eslint-disable-next-line jsx-a11y/media-has-caption
        <video controls preload="none" src={m.url}>
          {captions}
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
  )
}
