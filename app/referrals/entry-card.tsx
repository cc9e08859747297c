import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ContactLink } from './format'
import { INFORMATION_POINT_SLUG } from './schemas'

/** Phone numbers, web addresses and e-mail as plain links (tel:, mailto:, https): they work without JavaScript. */
export function ContactList({ contacts }: { contacts: ContactLink[] }) {
  const { t } = useTranslation('referrals')
  if (contacts.length === 0) {
    return (
      <p>
        {t('entry.noContacts')} <Link to={`/hulp/${INFORMATION_POINT_SLUG}`}>{t('entry.noContactsLink')}</Link>
      </p>
    )
  }
  return (
    <ul className="contact-list">
      {contacts.map((contact) => (
        <li key={contact.href}>
          {t(`contact.${contact.type}`)} <a href={contact.href}>{contact.label}</a>
          {contact.hours ? (
            <>
              {' '}
              <span className="muted">{t('contact.hours', { hours: contact.hours })}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

type CardEntry = {
  slug: string
  name: string
  kind: string
  description: string
  forWhom: string
  contacts: ContactLink[]
}

/** One entry in the directory list: name (to its page), kind, what they offer, for whom, contact. */
export function EntryCard({ entry, headingLevel = 3 }: { entry: CardEntry; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('referrals')
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <li className="card">
      <Heading>
        <Link to={`/hulp/${entry.slug}`}>{entry.name}</Link>
      </Heading>
      <p className="muted">{t(`kinds.${entry.kind}`)}</p>
      <p>{entry.description}</p>
      <p>
        <strong>{t('entry.forWhom')}</strong> {entry.forWhom}
      </p>
      <ContactList contacts={entry.contacts} />
    </li>
  )
}
