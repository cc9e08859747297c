import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { consentTextKeys } from '~/consent/texts'
import { formatLongDateTime } from '~/utils/format-date'
import type { EditorData, MediaView } from './editor-data'
import { MEDIA_CONSENT_PURPOSES } from './media-consent'

// The archive's buttons say what they are about: a page with several files holds many consent
// buttons, and a screen reader's list of buttons must tell them apart.
const BUTTONS = {
  'media.publish': { grant: 'consent.grant', withdraw: 'consent.withdraw' },
  'media.archiveTransfer': { grant: 'mediaConsent.archiveGrant', withdraw: 'mediaConsent.archiveWithdraw' },
} as const

/**
 * A medium's own consents (show it, keep it in the archive), each with its text, its state and
 * one button to give or withdraw: the same one click either way, at every state of the story
 * (ADR 0022). Plain forms posting to the medium's route, so they work without JavaScript.
 */
export function MediaConsentPanel({ storyId, media, storyArchiveGranted, headingLevel }: { storyId: string; media: MediaView; storyArchiveGranted: boolean; headingLevel: 4 | 5 }) {
  const { t, i18n } = useTranslation(['monument', 'consent'])
  const Heading = headingLevel === 4 ? 'h4' : 'h5'
  return (
    <div className="media-item__consent">
      {MEDIA_CONSENT_PURPOSES.map((purpose) => {
        const state = media.consents[purpose]
        const keys = consentTextKeys(purpose)
        const id = `media-${media.id}-${purpose.replace('.', '-')}`
        return (
          <section key={purpose} id={id} className="consent-item" aria-labelledby={`${id}-title`}>
            <Heading id={`${id}-title`}>{t(keys.label, { ns: 'consent' })}</Heading>
            <p>{t(keys.text, { ns: 'consent' })}</p>
            {purpose === 'media.archiveTransfer' ? (
              <p className="field__hint">{storyArchiveGranted ? t('mediaConsent.archiveWithStory') : t('mediaConsent.archiveNeedsStory')}</p>
            ) : null}
            <p>
              <strong>{state.granted ? t('consent:state.granted') : state.since ? t('consent:state.withdrawn') : t('consent:state.notGranted')}</strong>
              {state.since ? ` (${formatLongDateTime(state.since, i18n.language)})` : null}
            </p>
            {purpose === 'media.publish' ? <p>{state.granted ? t('media.item.consentGiven') : t('media.item.consentNotGiven')}</p> : null}
            {state.granted ? <p className="field__hint">{t(keys.withdrawEffect, { ns: 'consent' })}</p> : null}
            <Form method="post" action={`/mijn-verhalen/${storyId}/media/${media.id}`} className="consent-form">
              <input type="hidden" name="intent" value="consent" />
              <input type="hidden" name="purpose" value={purpose} />
              <input type="hidden" name="grant" value={state.granted ? 'false' : 'true'} />
              <button type="submit" className="button">
                {t(BUTTONS[purpose][state.granted ? 'withdraw' : 'grant'])}
              </button>
            </Form>
          </section>
        )
      })}
    </div>
  )
}

/**
 * The status page's list of the story's files, each with its own consents: a survivor who
 * regrets a recognisable photo takes that one file off, not the whole story.
 */
export function MediaConsentList({ data }: { data: EditorData }) {
  const { t } = useTranslation('monument')
  if (data.media.length === 0) return null
  const storyArchiveGranted = Boolean(data.consents.state['monument.archiveTransfer']?.granted)
  const counts = { photo: 0, audio: 0, video: 0 }
  return (
    <section aria-labelledby="media-consent-title">
      <h2 id="media-consent-title">{t('mediaConsent.title')}</h2>
      <p>{t('mediaConsent.lead')}</p>
      <ul className="media-list">
        {data.media.map((m) => {
          const number = ++counts[m.kind]
          return (
            <li key={m.id} id={`media-${m.id}`} className="media-item">
              <section aria-labelledby={`media-${m.id}-title`}>
                <h3 id={`media-${m.id}-title`}>{t(`editor.status.moderatedMedia.kinds.${m.kind}`, { number })}</h3>
                {m.kind === 'photo' ? (
                  <img className="media-item__thumb" src={m.hasThumb ? `/media/${m.id}/thumb` : `/media/${m.id}`} alt={m.description || t('media.item.noDescription')} />
                ) : m.description ? (
                  <p>{m.description}</p>
                ) : null}
                <MediaConsentPanel storyId={data.story.id} media={m} storyArchiveGranted={storyArchiveGranted} headingLevel={4} />
              </section>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
