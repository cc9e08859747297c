import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DecisionFields } from './decision-fields'
import type { StoryReview, TextPart } from './story-review.server'

type ReviewError = { key: string; rowId: string | null } | undefined

/** A text with the guard's marks highlighted, each a link to its decision below. */
export function Highlighted({ parts }: { parts: TextPart[] }) {
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

/** The author's own title, content note and text, with the marks in place. */
export function AuthorText({ story, parts, markCount }: { story: StoryReview['story']; parts: StoryReview['parts']; markCount: number }) {
  const { t } = useTranslation('moderation')
  return (
    <section aria-labelledby="text-title">
      <h2 id="text-title">{t('review.authorText')}</h2>
      <p className="muted">{t('review.marksLegend', { count: markCount })}</p>
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
  )
}

/** Every mark with its decision, and (while in review) the form to decide it. */
export function MarkList({ marks, undecided, inReview, error }: { marks: StoryReview['marks']; undecided: number; inReview: boolean; error: ReviewError }) {
  const { t } = useTranslation('moderation')
  const placeLabel = (place: StoryReview['marks'][number]['place']) =>
    place.kind
      ? t('review.media.markPlace', { field: t(`review.media.fields.${place.field}`), medium: t(`review.media.kinds.${place.kind}`, { number: place.number }) })
      : t(`review.fields.${place.field}`)
  if (marks.length === 0) return null
  return (
    <section aria-labelledby="marks-title">
      <h2 id="marks-title">{t('review.marks.title')}</h2>
      <p>{t('review.marks.lead', { count: undecided })}</p>
      <ol className="mark-list">
        {marks.map((mark) => (
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
                <DecisionFields
                  rowId={mark.id}
                  errorId={`mark-error-${mark.id}`}
                  error={error?.rowId === mark.id ? t(error.key) : null}
                  legend={t('review.marks.decision')}
                  choices={[
                    { value: 'redact', label: t('review.marks.redact') },
                    { value: 'keep', label: t('review.marks.keep') },
                  ]}
                  checked={mark.decision === 'keep' ? 'keep' : 'redact'}
                  reasonLabel={t('review.marks.reason')}
                  reasonDefault={mark.reason ?? ''}
                />
                <button type="submit" className="button">
                  {t('review.marks.save')}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
