import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/utils/format-date'
import { Fact } from './staff-fields'
import type { StaffRequestView } from './staff-view.server'

type Summary = StaffRequestView['summary']
type Details = Extract<StaffRequestView, { access: 'mine' }>['details']

/** What every triage worker may see of a request: received, needs, language, status. */
export function RequestSummary({ summary: s }: { summary: Summary }) {
  const { t, i18n } = useTranslation('triage')
  return (
    <dl className="facts">
      <Fact term={t('detail.received')}>{formatDateTime(s.createdAt, i18n.language)}</Fact>
      <Fact term={t('detail.needs')}>{s.needs.map((n) => t(`facets:needs.${n}`)).join(', ')}</Fact>
      <Fact term={t('detail.language')}>{t(`facets:languages.${s.language}`)}</Fact>
      <Fact term={t('detail.status')}>{t(`status.${s.status}.short`)}</Fact>
    </dl>
  )
}

/** How and when to reach the survivor: for the contact person alone. */
export function ContactSection({ details: d }: { details: Details }) {
  const { t } = useTranslation('triage')
  const c = d.contact
  const background = [d.setting ? t(`facets:settings.${d.setting}`) : null, d.decade ? t(`facets:decades.${d.decade}`) : null, d.region ? t(`facets:regions.${d.region}`) : null]
  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">{t('detail.contact.title')}</h2>
      <dl className="facts">
        <Fact term={t('detail.contact.channel')}>{t(`channels.${d.channel}`)}</Fact>
        <Fact term={t('detail.contact.phone')}>{c.phone}</Fact>
        <Fact term={t('detail.contact.email')}>{c.email}</Fact>
        <Fact term={t('detail.contact.address')}>{c.street ? [c.street, [c.postcode, c.town].filter(Boolean).join(' ')].join(', ') : null}</Fact>
        <Fact term={t('detail.contact.safeTimes')}>{c.safeTimes ?? t('detail.contact.notGiven')}</Fact>
        <Fact term={t('detail.contact.voicemail')}>{d.voicemailAllowed ? t('detail.contact.voicemailYes') : t('detail.contact.voicemailNo')}</Fact>
        <Fact term={t('detail.contact.neutralName')}>{c.neutralName ?? t('detail.contact.notGiven')}</Fact>
        <Fact term={t('detail.contact.interpreter')}>{t(`interpreter.${d.interpreter}`)}</Fact>
        <Fact term={t('detail.contact.background')}>{background.filter(Boolean).join(', ') || t('detail.contact.notGiven')}</Fact>
      </dl>
      {d.followUpDue ? <p className="flag flag--due">{t('detail.followUpDue')}</p> : null}
    </section>
  )
}
