import { useTranslation } from 'react-i18next'
import { MEDIA_TEXT_FIELDS } from './media-text'
import { Highlighted } from './review-marks'
import type { StoryReview } from './story-review.server'

type Medium = StoryReview['media'][number]

/** See or hear the medium itself; /media/<id> checks the moderator again and logs the view. */
function MediaPreview({ medium }: { medium: Medium }) {
  const { t } = useTranslation('moderation')
  const label = t(`review.media.kinds.${medium.kind}`, { number: medium.number })
  const track = medium.captionsUrl ? <track kind="captions" src={medium.captionsUrl} srcLang="nl" label={t('review.media.fields.captions')} /> : null
  return (
    <>
      {medium.kind === 'photo' ? (
        <img src={medium.thumbUrl ?? medium.url} alt={medium.texts.description || t('review.media.noDescriptionAlt', { medium: label })} className="review-media__photo" />
      ) : null}
      {medium.kind === 'audio' ? (
        // The transcript is shown right below; captions are added when the author gave them.
        // eslint-disable-next-line jsx-a11y/media-has-caption
        <audio controls preload="none" src={medium.url} aria-label={label}>
          {track}
        </audio>
      ) : null}
      {medium.kind === 'video' ? (
        // eslint-disable-next-line jsx-a11y/media-has-caption
        <video controls preload="none" src={medium.url} aria-label={label} className="review-media__video">
          {track}
        </video>
      ) : null}
      <p>
        <a href={medium.url}>{t('review.media.open', { medium: label })}</a>
      </p>
    </>
  )
}

/** The story's photos, audio and video: each with its own consent, the medium itself and its texts with their marks. */
export function ReviewMediaSection({ media, mediaParts }: { media: StoryReview['media']; mediaParts: StoryReview['mediaParts'] }) {
  const { t } = useTranslation('moderation')
  return (
    <section aria-labelledby="media-title">
      <h2 id="media-title">{t('review.media.title')}</h2>
      {media.length === 0 ? (
        <p>{t('review.media.empty')}</p>
      ) : (
        <>
          <p>{t('review.media.lead')}</p>
          <ol className="review-media">
            {media.map((m) => (
              <li key={m.id} id={`media-${m.id}`} className="card">
                <h3>{t(`review.media.kinds.${m.kind}`, { number: m.number })}</h3>
                <p>
                  {t('review.media.consent')} <strong>{m.publishConsent ? t('review.consent.granted') : t('review.consent.notGranted')}</strong>
                </p>
                <MediaPreview medium={m} />
                <dl className="review-media__texts">
                  {MEDIA_TEXT_FIELDS.filter((f) => m.kind !== 'photo' || f === 'description').map((f) => (
                    <div key={f}>
                      <dt>{t(`review.media.fields.${f}`)}</dt>
                      <dd className="preserve-lines">{m.texts[f] ? <Highlighted parts={mediaParts[m.id]?.[f] ?? []} /> : t('review.media.noText')}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

/** The moderated version as the author was shown it (or approved it), media texts included. */
export function ProposedVersion({ story, media }: { story: StoryReview['story']; media: StoryReview['media'] }) {
  const { t } = useTranslation('moderation')
  if (story.status !== 'awaitingAuthor' && !story.publishedBody) return null
  return (
    <section aria-labelledby="proposed-title">
      <h2 id="proposed-title">{t('review.proposed.title')}</h2>
      <p>{story.status === 'awaitingAuthor' ? t('review.proposed.waiting') : t('review.proposed.current')}</p>
      <h3>{story.publishedTitle}</h3>
      <p className="preserve-lines">{story.publishedBody}</p>
      {media
        .filter((m) => m.published)
        .map((m) => (
          <div key={m.id}>
            <h4>{t(`review.media.kinds.${m.kind}`, { number: m.number })}</h4>
            <dl className="review-media__texts">
              {MEDIA_TEXT_FIELDS.filter((f) => m.published?.[f]).map((f) => (
                <div key={f}>
                  <dt>{t(`review.media.fields.${f}`)}</dt>
                  <dd className="preserve-lines">{m.published?.[f]}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
    </section>
  )
}
