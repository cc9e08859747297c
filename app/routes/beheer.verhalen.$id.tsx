import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireStaff } from '~/auth/guards.server'
import { consentTextKeys } from '~/consent/texts'
import { StatusMessage } from '~/components/forms'
import { i18next } from '~/i18n/i18next.server'
import {
  decideMark,
  getStoryForReview,
  ModerationError,
  proposeVersion,
  requestChanges,
  splitByMarks,
  startReview,
  type ReviewMark,
} from '~/moderation/moderation.server'
import { MEDIA_TEXT_FIELDS, mediaMarkField, parseMediaMarkField } from '~/moderation/media-text'
import { ReviewActionSchema } from '~/moderation/reports-schemas'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { formatDateTime } from '~/utils/format-date'

export const handle = { i18n: ['moderation', 'consent', 'validation'] }
export const meta = titleMeta

const IdSchema = z.string().uuid()

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'stories.moderate')
  const id = IdSchema.safeParse(params.id)
  const review = id.success ? await getStoryForReview({ storyId: id.data, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) }) : null
  if (!review) throw new Response('Not found', { status: 404 })
  const t = await i18next.getFixedT(request, ['moderation', 'common'])
  const parts = {
    title: splitByMarks(review.story.title, review.marks.filter((m) => m.field === 'title')),
    contentNote: splitByMarks(review.story.contentNote ?? '', review.marks.filter((m) => m.field === 'contentNote')),
    body: splitByMarks(review.story.body, review.marks.filter((m) => m.field === 'body')),
  }
  const mediaParts = Object.fromEntries(
    review.media.map((m) => [
      m.id,
      Object.fromEntries(MEDIA_TEXT_FIELDS.map((f) => [f, splitByMarks(m.texts[f], review.marks.filter((mark) => mark.field === mediaMarkField(m.id, f)))])),
    ]),
  )
  // Where each mark is: a field of the story, or a text of "audio 2".
  const marks = review.marks.map((mark) => {
    const inMedia = parseMediaMarkField(mark.field)
    const medium = inMedia ? review.media.find((m) => m.id === inMedia.mediaId) : undefined
    return { ...mark, place: inMedia && medium ? { field: inMedia.field, kind: medium.kind, number: medium.number } : { field: mark.field } }
  })
  return { ...review, marks, parts, mediaParts, title: `${t('review.title')} – ${t('common:siteName')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'stories.moderate')
  const id = IdSchema.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const form = Object.fromEntries(await request.formData())
  const parsed = ReviewActionSchema.safeParse(form)
  const markRowId = typeof form.markRowId === 'string' ? form.markRowId : null
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return data({ error: { key: issue?.message.includes(':') ? issue.message : 'moderation:errors.invalid', markRowId, values: form } }, { status: 400 })
  }
  const who = { actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context), storyId: id.data }
  try {
    const v = parsed.data
    if (v.intent === 'startReview') await startReview(who)
    else if (v.intent === 'decideMark') await decideMark({ ...who, markRowId: v.markRowId, decision: v.decision, reason: v.reason })
    else if (v.intent === 'requestChanges') await requestChanges({ ...who, note: v.note })
    else await proposeVersion(who)
    return redirect(`/beheer/verhalen/${id.data}?gedaan=${v.intent}${v.intent === 'decideMark' ? `#mark-${v.markRowId}` : ''}`)
  } catch (error) {
    if (error instanceof ModerationError) {
      return data({ error: { key: `moderation:${error.messageKey}`, markRowId, values: form } }, { status: error.status })
    }
    throw error
  }
}

function Highlighted({ parts }: { parts: Array<{ text: string; mark?: ReviewMark }> }) {
  const { t } = useTranslation('moderation')
  return (
    <>
      {parts.map((part, i) =>
        part.mark ? (
          <a key={i} href={`#mark-${part.mark.id}`} className={`pillory-mark pillory-mark--${part.mark.decision ?? 'open'}`}>
            <mark>{part.text}</mark>
            <span className="visually-hidden">{` (${t(`kinds.${part.mark.kind}`)})`}</span>
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  )
}

type MediumView = ReturnType<typeof useLoaderData<typeof loader>>['media'][number]

/** See or hear the medium itself; /media/<id> checks the moderator again and logs the view. */
function MediaPreview({ medium }: { medium: MediumView }) {
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

export default function ReviewStory() {
  const { t, i18n } = useTranslation(['moderation', 'consent'])
  const { story, marks, undecided, consent, events, parts, media, mediaParts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('gedaan')
  const error = actionData?.error
  const inReview = story.status === 'inReview'
  const placeLabel = (place: { field: string; kind?: string; number?: number }) =>
    place.kind
      ? t('review.media.markPlace', { field: t(`review.media.fields.${place.field}`), medium: t(`review.media.kinds.${place.kind}`, { number: place.number }) })
      : t(`review.fields.${place.field}`)
  return (
    <div className="page page--wide">
      <p>
        <Link to="/beheer/verhalen">{t('review.back')}</Link>
      </p>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.statusLine', { status: t(`status.${story.status}`) })}</p>
      {done ? <StatusMessage>{t(`review.done.${done}`, { defaultValue: t('review.done.saved') })}</StatusMessage> : null}
      {error && !error.markRowId ? (
        <div className="error-summary" role="alert">
          <p>{t(error.key)}</p>
        </div>
      ) : null}

      <section aria-labelledby="consent-title" className="notice">
        <h2 id="consent-title">{t('review.consent.title')}</h2>
        <p>{t('review.consent.lead')}</p>
        <ul>
          {consent.map((c) => (
            <li key={c.purpose}>
              {t(consentTextKeys(c.purpose).label)}
              {': '}
              <strong>{c.granted ? t('review.consent.granted') : t('review.consent.notGranted')}</strong>
            </li>
          ))}
        </ul>
      </section>

      {story.status === 'submitted' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="startReview" />
          <p>{t('review.startHint')}</p>
          <button type="submit" className="button button--primary">
            {t('review.start')}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="text-title">
        <h2 id="text-title">{t('review.authorText')}</h2>
        <p className="muted">{t('review.marksLegend', { count: marks.length })}</p>
        <div className="review-text">
          <h3>{t('review.fields.title')}</h3>
          <p>
            <Highlighted parts={parts.title} />
          </p>
          {story.contentNote ? (
            <>
              <h3>{t('review.fields.contentNote')}</h3>
              <p className="preserve-lines">
                <Highlighted parts={parts.contentNote} />
              </p>
            </>
          ) : null}
          <h3>{t('review.fields.body')}</h3>
          <p className="preserve-lines">
            <Highlighted parts={parts.body} />
          </p>
        </div>
      </section>

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

      {marks.length > 0 ? (
        <section aria-labelledby="marks-title">
          <h2 id="marks-title">{t('review.marks.title')}</h2>
          <p>{t('review.marks.lead', { count: undecided })}</p>
          <ol className="mark-list">
            {marks.map((mark) => {
              const markError = error?.markRowId === mark.id ? error : null
              return (
                <li key={mark.id} id={`mark-${mark.id}`} className="card">
                  <p>
                    <strong>{mark.text}</strong> <span className="muted">{`${t(`kinds.${mark.kind}`)} · ${placeLabel(mark.place)} · ${t(`confidence.${mark.confidence}`)}`}</span>
                  </p>
                  {mark.decision ? (
                    <p>
                      {t(`review.marks.decided.${mark.decision}`)} <span className="muted">{t('review.marks.because', { reason: mark.reason ?? '' })}</span>
                    </p>
                  ) : (
                    <p>{t('review.marks.undecided')}</p>
                  )}
                  {inReview ? (
                    <Form method="post" aria-label={t('review.marks.formLabel', { text: mark.text })}>
                      <input type="hidden" name="intent" value="decideMark" />
                      <input type="hidden" name="markRowId" value={mark.id} />
                      {markError ? (
                        <p className="field__error" id={`mark-error-${mark.id}`}>
                          {t(markError.key)}
                        </p>
                      ) : null}
                      <fieldset className="choices">
                        <legend>{t('review.marks.decision')}</legend>
                        <div>
                          <input type="radio" id={`redact-${mark.id}`} name="decision" value="redact" defaultChecked={mark.decision !== 'keep'} />{' '}
                          <label htmlFor={`redact-${mark.id}`}>{t('review.marks.redact')}</label>
                        </div>
                        <div>
                          <input type="radio" id={`keep-${mark.id}`} name="decision" value="keep" defaultChecked={mark.decision === 'keep'} />{' '}
                          <label htmlFor={`keep-${mark.id}`}>{t('review.marks.keep')}</label>
                        </div>
                      </fieldset>
                      <div className={`field${markError ? ' field--invalid' : ''}`}>
                        <label htmlFor={`reason-${mark.id}`}>{t('review.marks.reason')}</label>
                        <input
                          id={`reason-${mark.id}`}
                          name="reason"
                          defaultValue={mark.reason ?? ''}
                          aria-invalid={markError ? true : undefined}
                          aria-describedby={markError ? `mark-error-${mark.id}` : undefined}
                        />
                      </div>
                      <button type="submit" className="button">
                        {t('review.marks.save')}
                      </button>
                    </Form>
                  ) : null}
                </li>
              )
            })}
          </ol>
        </section>
      ) : null}

      {inReview ? (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('review.next.title')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="proposeVersion" />
            <p>{undecided > 0 ? t('review.next.proposeBlocked', { count: undecided }) : t('review.next.proposeHint')}</p>
            <button type="submit" className="button button--primary">
              {t('review.next.propose')}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="requestChanges" />
            <div className={`field${error?.key === 'moderation:review.noteRequired' ? ' field--invalid' : ''}`}>
              <label htmlFor="note">{t('review.next.note')}</label>
              <p className="field__hint" id="note-hint">
                {t('review.next.noteHint')}
              </p>
              <textarea id="note" name="note" rows={4} aria-describedby="note-hint" />
            </div>
            <button type="submit" className="button">
              {t('review.next.requestChanges')}
            </button>
          </Form>
        </section>
      ) : null}

      {story.status === 'awaitingAuthor' || story.publishedBody ? (
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
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('review.history.title')}</h2>
        {events.length === 0 ? (
          <p>{t('review.history.empty')}</p>
        ) : (
          <ul>
            {events.map((e, i) => (
              <li key={i}>
                {`${formatDateTime(e.createdAt, i18n.language)} · ${t(`events.${e.action}`)}`}
                {e.note ? <span className="muted">{` · ${e.note}`}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
