import { useTranslation } from 'react-i18next'
import { formatWarningParams } from '~/scheme/eligibility'
import { localise } from '~/scheme/scheme-config'
import { useCaseDates } from './case-form-state'
import type { AssessorCase } from './case-view.server'

/** The read-only parts of a case: the pre-check's warnings, placements, harms, evidence and related items. */

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`
}

export function CaseWarnings({ warnings }: { warnings: AssessorCase['warnings'] }) {
  const { t, i18n } = useTranslation('assessment')
  if (!warnings.length) return null
  return (
    <section aria-labelledby="h-warnings" className="notice">
      <h2 id="h-warnings">{t('case.warnings.heading')}</h2>
      <ul>
        {warnings.map((w, i) => (
          // In the assessor's voice ("the applicant gave…"), not the applicant's ("you gave…").
          <li key={`${w.code}-${i}`}>{t(`precheck.${w.code}`, formatWarningParams({ params: w.params, lng: i18n.language }))}</li>
        ))}
      </ul>
    </section>
  )
}

export function CasePlacements({ placements, placementKinds }: Pick<AssessorCase, 'placements' | 'placementKinds'>) {
  const { t, i18n } = useTranslation('assessment')
  // Codes never reach the page: the scheme's own names, or ours for kinds outside it.
  const kindLabel = (code: string) => {
    const kind = placementKinds.find((k) => k.code === code)
    return kind ? localise(kind.label, i18n.language) : t(code === 'adoption' ? 'case.placements.adoption' : 'case.placements.otherKind')
  }
  return (
    <section aria-labelledby="h-placements">
      <h2 id="h-placements">{t('case.placements.heading')}</h2>
      {placements.length ? (
        <ul>
          {placements.map((p, i) => (
            <li key={i}>{t('case.placements.item', { from: p.from, to: p.to ?? '…', kind: kindLabel(p.kind), institution: p.institutionName ?? t('case.placements.unknownInstitution'), place: p.place ?? '' })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('case.placements.none')}</p>
      )}
    </section>
  )
}

export function CaseHarms({ harms, story }: Pick<AssessorCase, 'harms' | 'story'>) {
  const { t } = useTranslation('assessment')
  const { instant } = useCaseDates()
  return (
    <section aria-labelledby="h-harms">
      <h2 id="h-harms">{t('case.harms.heading')}</h2>
      <p>{harms.kinds.length ? harms.kinds.map((k) => t(`facets:violenceKinds.${k}`)).join(', ') : t('case.harms.noKinds')}</p>
      {story ? (
        story.text !== null ? (
          <details className="assessment-case__story">
            <summary>{t(story.source === 'commissionStory' ? 'case.harms.showLifeStory' : 'case.harms.showStory', { title: story.title })}</summary>
            {story.source === 'commissionStory' ? <p>{t('case.harms.lifeStorySource', { reference: story.reference })}</p> : null}
            <p className="muted">{t('case.harms.storyShared', { date: instant(story.sharedOn) })}</p>
            <p className="assessment-case__account">{story.text}</p>
          </details>
        ) : (
          <p>
            {story.source === 'commissionStory'
              ? t(story.withdrawn ? 'case.harms.lifeStoryWithdrawn' : 'case.harms.lifeStory')
              : t(story.withdrawn ? 'case.harms.storyWithdrawn' : 'case.harms.monumentStory')}
          </p>
        )
      ) : null}
      {harms.account ? (
        <details>
          <summary>{t('case.harms.showAccount')}</summary>
          <p className="assessment-case__account">{harms.account}</p>
        </details>
      ) : null}
    </section>
  )
}

export function CaseEvidence({ recordsSearchRequested, documents }: Pick<AssessorCase, 'recordsSearchRequested' | 'documents'>) {
  const { t } = useTranslation('assessment')
  return (
    <section aria-labelledby="h-evidence">
      <h2 id="h-evidence">{t('case.evidence.heading')}</h2>
      {recordsSearchRequested ? <p>{t('case.evidence.recordsSearch')}</p> : null}
      {documents.length ? (
        <ul>
          {documents.map((d) => (
            <li key={d.id}>{t('case.evidence.document', { type: t(`documentType.${d.type}`), name: d.fileName, size: formatBytes(d.byteSize) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('case.evidence.none')}</p>
      )}
    </section>
  )
}

export function CaseRelated({ related }: Pick<AssessorCase, 'related'>) {
  const { t } = useTranslation('assessment')
  return (
    <section aria-labelledby="h-related">
      <h2 id="h-related">{t('case.related.heading')}</h2>
      <p>{t('case.related.help')}</p>
      {related.stories.length ? (
        <ul>
          {related.stories.map((s) => (
            <li key={s.id}>{s.title || t('case.related.untitled')}</li>
          ))}
        </ul>
      ) : (
        <p>{t('case.related.noStories')}</p>
      )}
      <p>{t('case.related.otherApplications', { count: related.otherApplications })}</p>
    </section>
  )
}
