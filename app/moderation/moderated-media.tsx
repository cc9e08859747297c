import { useTranslation } from 'react-i18next'
import type { ModeratedMediaText } from '~/monument/media-moderated-text.server'

/**
 * The moderated texts of a story's photos, audio and video, as the author approves them with
 * the story. Placeholders the moderator put in (a bracketed text the author did not write)
 * are highlighted, as in the story text.
 */
export function ModeratedMediaTexts({ media }: { media: ModeratedMediaText[] }) {
  const { t } = useTranslation('monument')
  if (media.length === 0) return null
  return (
    <section aria-labelledby="moderated-media-title" className="moderated-media">
      <h2 id="moderated-media-title">{t('editor.status.moderatedMedia.title')}</h2>
      <p>{t('editor.status.moderatedMedia.lead')}</p>
      {media.map((m) => {
        const fields = (['description', 'transcript', 'captions'] as const).filter((f) => m[f])
        return (
          <div key={m.id} className="story-preview">
            <h3>{t(`editor.status.moderatedMedia.kinds.${m.kind}`, { number: m.number })}</h3>
            {fields.length === 0 ? (
              <p>{t('editor.status.moderatedMedia.noText')}</p>
            ) : (
              <dl>
                {fields.map((f) => (
                  <div key={f}>
                    <dt>{t(`editor.status.moderatedMedia.fields.${f}`)}</dt>
                    <dd className="preserve-lines">
                      <Redacted text={m[f] ?? ''} ownBrackets={m.ownBrackets} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        )
      })}
    </section>
  )
}

function Redacted({ text, ownBrackets }: { text: string; ownBrackets: string[] }) {
  const parts = text.split(/(\[[^\]\n]{1,80}\])/)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && !ownBrackets.includes(part) ? (
          <mark key={i} className="redaction">
            {part}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  )
}
