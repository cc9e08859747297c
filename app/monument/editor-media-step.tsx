import { Link } from '@remix-run/react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { EditorData, MediaView } from './editor-data'
import type { UploadErrorName } from './editor.server'
import { MEDIA_ACCEPT } from './media-limits'
import { MediaConsentPanel } from './media-consent-panel'
import { StepIntro } from './editor-text-steps'

/** The media step: upload a photo, sound or video, then describe, transcribe, caption and consent per medium (both per-medium consents, ADR 0022). */
export function MediaStep({ data }: { data: EditorData }) {
  const { t } = useTranslation('monument')
  return (
    <section>
      <StepIntro step="media" />
      <UploadForm data={data} />
      <h3>{t('media.list.title')}</h3>
      {data.media.length === 0 ? <p>{t('media.list.empty')}</p> : null}
      <ul className="media-list">
        {data.media.map((m) => (
          <MediaItem key={m.id} storyId={data.story.id} media={m} storyArchiveGranted={Boolean(data.consents.state['monument.archiveTransfer']?.granted)} />
        ))}
      </ul>
      <p>
        <Link className="button button--primary" to={`/mijn-verhalen/${data.story.id}?stap=toestemming`}>
          {t('editor.continue')}
        </Link>
      </p>
    </section>
  )
}

/**
 * A plain multipart form. With JavaScript the file goes by XMLHttpRequest instead, so a
 * <progress> bar can show how far the upload is; the server answers both the same way.
 */
function UploadForm({ data }: { data: EditorData }) {
  const { t } = useTranslation('monument')
  const [progress, setProgress] = useState<number | null>(null)
  const [clientError, setClientError] = useState<UploadErrorName | null>(null)
  const error = clientError ?? data.uploadError
  const action = `/mijn-verhalen/${data.story.id}/media`
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (typeof XMLHttpRequest === 'undefined') return
    event.preventDefault()
    const form = event.currentTarget
    const xhr = new XMLHttpRequest()
    xhr.open('POST', action)
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100))
    })
    xhr.addEventListener('load', () => window.location.assign(xhr.responseURL || `/mijn-verhalen/${data.story.id}?stap=media`))
    xhr.addEventListener('error', () => {
      setProgress(null)
      setClientError('interrupted')
    })
    setClientError(null)
    setProgress(0)
    xhr.send(new FormData(form))
  }
  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="upload-form">
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor="media-file">{t('media.upload.label')}</label>
        <p id="media-file-hint" className="field__hint">
          {t('media.upload.hint', data.limits)}
        </p>
        {error ? (
          <p id="media-file-error" className="field__error">
            {t(`media.errors.${error}`, data.uploadValues)}
          </p>
        ) : null}
        <input
          id="media-file"
          type="file"
          name="media"
          required
          accept={MEDIA_ACCEPT}
          aria-describedby={error ? 'media-file-hint media-file-error' : 'media-file-hint'}
          aria-invalid={error ? true : undefined}
        />
      </div>
      {progress !== null ? (
        <div className="upload-progress">
          <label htmlFor="upload-progress">{t('media.upload.progress', { percent: progress })}</label>
          <progress id="upload-progress" max={100} value={progress} />
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={progress !== null}>
        {t('media.upload.submit')}
      </button>
    </form>
  )
}

function MediaItem({ storyId, media, storyArchiveGranted }: { storyId: string; media: MediaView; storyArchiveGranted: boolean }) {
  const { t } = useTranslation(['monument', 'consent'])
  const action = `/mijn-verhalen/${storyId}/media/${media.id}`
  const timed = media.kind !== 'photo'
  return (
    <li className="media-item" id={`media-${media.id}`}>
      <h4>{t(`media.kinds.${media.kind}`)}</h4>
      {media.kind === 'photo' ? <img className="media-item__thumb" src={media.hasThumb ? `/media/${media.id}/thumb` : `/media/${media.id}`} alt={media.description || t('media.item.noDescription')} /> : null}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the owner's own preview; the transcript below is the text alternative (WCAG 1.2.1) */}
      {media.kind === 'audio' ? <audio controls preload="none" src={`/media/${media.id}`} aria-label={media.description || t('media.kinds.audio')} /> : null}
      {media.kind === 'video' ? (
        // eslint-disable-next-line jsx-a11y/media-has-caption -- captions are optional (the track is added when uploaded); the transcript is required before publication
        <video controls preload="metadata" src={`/media/${media.id}`} aria-label={media.description || t('media.kinds.video')} className="media-item__video">
          {media.hasCaptions ? <track kind="captions" src={`/media/${media.id}/captions`} label={t('media.item.captions')} default /> : null}
        </video>
      ) : null}
      <form method="post" action={action} className="media-item__details">
        <input type="hidden" name="intent" value="details" />
        <div className="field">
          <label htmlFor={`description-${media.id}`}>{media.kind === 'photo' ? t('media.item.altText') : t('media.item.description')}</label>
          <p id={`description-${media.id}-hint`} className="field__hint">
            {media.kind === 'photo' ? t('media.item.altTextHint') : t('media.item.descriptionHint')}
          </p>
          <textarea id={`description-${media.id}`} name="description" rows={2} defaultValue={media.description} aria-describedby={`description-${media.id}-hint`} />
        </div>
        {timed ? (
          <div className="field">
            <label htmlFor={`transcript-${media.id}`}>{t('media.item.transcript')}</label>
            <p id={`transcript-${media.id}-hint`} className="field__hint">
              {t('media.item.transcriptHint')}
            </p>
            <textarea id={`transcript-${media.id}`} name="transcript" rows={6} defaultValue={media.transcript} aria-describedby={`transcript-${media.id}-hint`} />
          </div>
        ) : null}
        <button type="submit" className="button">
          {t('media.item.saveDetails')}
        </button>
      </form>
      {timed && !media.transcript ? <p className="notice">{t('media.item.needsTranscript')}</p> : null}
      {timed ? (
        <form method="post" action={action} encType="multipart/form-data" className="media-item__captions">
          <div className="field">
            <label htmlFor={`captions-${media.id}`}>{media.hasCaptions ? t('media.item.replaceCaptions') : t('media.item.addCaptions')}</label>
            <p id={`captions-${media.id}-hint`} className="field__hint">
              {t('media.item.captionsHint')}
            </p>
            <input id={`captions-${media.id}`} type="file" name="captions" accept=".vtt,text/vtt" required aria-describedby={`captions-${media.id}-hint`} />
          </div>
          <button type="submit" className="button">
            {t('media.item.uploadCaptions')}
          </button>
        </form>
      ) : null}
      <MediaConsentPanel storyId={storyId} media={media} storyArchiveGranted={storyArchiveGranted} headingLevel={5} />
      <form method="post" action={action}>
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="link-button">
          {t('media.item.delete')}
        </button>
      </form>
    </li>
  )
}
