import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PART_SLUGS, type Part } from './application-pages'
import { subjectNameOf } from './precheck-input'
import type { CheckPage } from './check-page.server'
import { formatLongDate, isIsoDate } from './dates'
import { CHANGE_QUERY } from './return-to'
import { localise } from './scheme-config'

function Row({ label, value, part }: { label: string; value: string; part: Part }) {
  const { t } = useTranslation('scheme')
  return (
    <div className="scheme-summary__row">
      <dt>{label}</dt>
      <dd>{value || t('check.empty')}</dd>
      <dd>
        {/* Saving the page brings the person back here (GOV.UK: change, then return). */}
        <Link to={`/regeling/aanvraag/${PART_SLUGS[part]}${CHANGE_QUERY}`}>
          {t('check.change')}
          <span className="visually-hidden">{` ${label}`}</span>
        </Link>
      </dd>
    </div>
  )
}

/** Every answer by page, each with its "Change" link: what will be sent, read back before sending. */
export function CheckAnswers({ view }: { view: Omit<CheckPage, 'submitToken' | 'complete' | 'warnings' | 'submitted'> }) {
  const { t, i18n } = useTranslation(['scheme', 'facets'])
  const a = view.answers
  const yesNo = (v: boolean) => t(v ? 'check.yes' : 'check.no')
  const kindLabel = (code: string) => {
    const k = view.placementKinds.find((p) => p.code === code)
    return k ? localise(k.label, i18n.language) : code === 'adoption' ? t('placements.adoption') : t('placements.otherKind')
  }
  const address = view.own?.address
  const forSomeoneElse = a.applicant?.kind === 'representative' || a.applicant?.kind === 'relative'
  // An authorisation is shown with 'who is applying', where it is added and changed.
  const authorisations = forSomeoneElse ? view.documents.filter((d) => d.type === 'authorisation') : []
  const longDate = (date: string | undefined) => (date && isIsoDate(date) ? formatLongDate(date, i18n.language) : '')
  const subjectName = subjectNameOf(a) ?? ''
  return (
    <>
      {forSomeoneElse && authorisations.length === 0 ? (
        <p className="notice">
          {t('check.authorisationMissing')} <Link to={`/regeling/aanvraag/${PART_SLUGS.applicant}#authorisation`}>{t('check.authorisationLink')}</Link>
        </p>
      ) : null}

      <h2>{t('parts.applicant')}</h2>
      <dl className="scheme-summary">
        <Row part="applicant" label={t('check.applicantKind')} value={a.applicant ? t(`applicant.kinds.${a.applicant.kind}.label`) : ''} />
        {forSomeoneElse ? (
          <>
            <Row part="applicant" label={t('applicant.survivorName')} value={a.applicant?.survivorName ?? ''} />
            <Row part="applicant" label={t('applicant.relation')} value={a.applicant?.relation ?? ''} />
          </>
        ) : null}
        {a.applicant?.kind === 'relative' ? (
          <>
            <Row part="applicant" label={t('applicant.survivorDateOfBirth')} value={longDate(a.applicant.survivorDateOfBirth)} />
            <Row part="applicant" label={t('applicant.survivorDiedOn')} value={longDate(a.applicant.survivorDiedOn)} />
          </>
        ) : null}
        {forSomeoneElse ? <Row part="applicant" label={t('check.authorisation')} value={authorisations.map((d) => d.fileName).join(', ') || t('check.authorisationNone')} /> : null}
      </dl>

      {a.applicant?.kind === 'representative' ? (
        <>
          <h2>{t('parts.survivor_named', { name: subjectName })}</h2>
          <dl className="scheme-summary">
            <Row part="survivor" label={t('applicant.survivorDateOfBirth')} value={longDate(view.survivor?.dateOfBirth)} />
            <Row part="survivor" label={t('check.survivorBsn')} value={view.survivor?.bsnMasked ?? ''} />
            <Row
              part="survivor"
              label={t('check.survivorAddress')}
              value={view.survivor ? `${view.survivor.address.street} ${view.survivor.address.houseNumber}, ${view.survivor.address.postcode} ${view.survivor.address.town}` : ''}
            />
          </dl>
        </>
      ) : null}

      <h2>{t('parts.personal')}</h2>
      <dl className="scheme-summary">
        <Row part="personal" label={t('personal.fullName')} value={a.personal?.fullName ?? ''} />
        <Row part="personal" label={t('personal.dateOfBirth')} value={longDate(view.own?.dateOfBirth ?? undefined)} />
        <Row part="personal" label={t('personal.bsn')} value={a.personal?.bsnMasked ?? ''} />
        <Row part="personal" label={t('personal.address')} value={address ? `${address.street} ${address.houseNumber}, ${address.postcode} ${address.town}` : ''} />
        <Row part="personal" label={t('personal.email')} value={a.personal?.email ?? ''} />
        <Row part="personal" label={t('personal.phone')} value={view.own?.phone ?? ''} />
        <Row part="personal" label={t('personal.iban')} value={a.personal?.ibanMasked ?? ''} />
        <Row part="personal" label={t('personal.accountHolder')} value={a.personal?.accountHolder ?? ''} />
        {a.applicant?.kind === 'representative' ? (
          <Row
            part="personal"
            label={t('check.payee')}
            value={a.personal?.payee === 'representative' ? t('check.payeeRepresentative') : a.personal?.payee === 'survivor' ? t('check.payeeSurvivor', { name: subjectName }) : ''}
          />
        ) : null}
      </dl>

      <h2>{t('parts.placements')}</h2>
      <dl className="scheme-summary">
        {(a.placements ?? []).map((p, i) => (
          <Row
            key={`${p.from}-${i}`}
            part="placements"
            label={t('placements.number', { number: i + 1 })}
            value={`${p.from} – ${p.to ?? t('placements.unknownEnd')}, ${kindLabel(p.kind)}, ${p.place}, ${p.municipality}`}
          />
        ))}
      </dl>

      <h2>{t('parts.harm')}</h2>
      <dl className="scheme-summary">
        <Row part="harm" label={t('harm.kindsLabel')} value={(a.harm?.kinds ?? []).map((k) => t(`facets:violenceKinds.${k}`)).join(', ')} />
        {a.harm?.mode === 'lifeStory' && a.harm.lifeStory ? <Row part="harm" label={t('harm.usesLifeStory')} value={a.harm.lifeStory.title} /> : null}
        {a.harm?.mode === 'story' && a.harm.story ? (
          <>
            <Row part="harm" label={t('harm.usesStory')} value={a.harm.story.title} />
            {view.storyText !== null ? (
              <div className="scheme-summary__row">
                <dt>{t('check.storyShared')}</dt>
                <dd>
                  <blockquote className="scheme-story__text">{view.storyText}</blockquote>
                </dd>
              </div>
            ) : null}
          </>
        ) : (
          <Row part="harm" label={t('harm.ownWords')} value={a.harm?.ownWords ? t('check.written', { count: a.harm.ownWords.length }) : ''} />
        )}
      </dl>

      <h2>{t('parts.evidence')}</h2>
      <dl className="scheme-summary">
        {view.documents
          .filter((d) => !authorisations.includes(d))
          .map((d) => (
            <Row key={d.id} part="evidence" label={t(`evidence.types.${d.type}`)} value={d.fileName} />
          ))}
        <Row part="evidence" label={t('evidence.searchRecords')} value={yesNo(Boolean(a.evidence?.searchRecords))} />
      </dl>

      <h2>{t('parts.conversation')}</h2>
      <dl className="scheme-summary">
        <Row part="conversation" label={t('conversation.question')} value={yesNo(a.conversation?.wish === 'yes')} />
        {a.fastTrack?.seriouslyIll ? <Row part="conversation" label={t('fastTrack.checkAnswer')} value={yesNo(true)} /> : null}
      </dl>

      <h2>{t('parts.declarations')}</h2>
      <dl className="scheme-summary">
        <Row part="declarations" label={t('declarations.title')} value={a.declarations ? t('check.agreed') : ''} />
      </dl>
    </>
  )
}
