import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { ErrorSummary, Field } from '~/components/forms'
import { IntentForm } from '~/components/intent-form'
import { LOCALES } from '~/i18n/config'
import { formatDateTime } from '~/utils/format-date'
import { PreferencesSchema } from './schemas'

// The sections of the account page (/account), each with its own heading.

/** A survivor's own places: stories, help, application. */
export function MineNav() {
  const { t } = useTranslation('account')
  return (
    <nav aria-labelledby="mine-title" className="notice">
      <h2 id="mine-title">{t('overview.mine.title')}</h2>
      <ul>
        <li>
          <Link to="/mijn-verhalen">{t('overview.mine.stories')}</Link>
        </li>
        <li>
          <Link to="/mijn-hulp">{t('overview.mine.help')}</Link>
        </li>
        <li>
          <Link to="/mijn-aanvraag">{t('overview.mine.application')}</Link>
        </li>
      </ul>
    </nav>
  )
}

type User = { displayName: string; locale: string; email: string }

/** Name and language, plus the ways to change the address and the password. */
export function ProfileSection({ user, result }: { user: User; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('account')
  const [form, fields] = useForm({
    lastResult: result,
    defaultValue: { displayName: user.displayName, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreferencesSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('overview.profileTitle')}</h2>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.displayName} label={t('fields.displayName')} hint={t('register.displayNameHint')} autoComplete="nickname" />
        <div className="field">
          <label htmlFor={fields.locale.id}>{t('fields.language')}</label>
          <select {...getSelectProps(fields.locale)}>
            {LOCALES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.nativeName}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('common:forms.save')}
        </button>
      </Form>
      <p>
        {t('overview.emailIs', { email: user.email })} <Link to="/account/email">{t('overview.changeEmail')}</Link>
      </p>
      <p>
        <Link to="/account/wachtwoord">{t('overview.changePassword')}</Link>
      </p>
    </section>
  )
}

type Session = { ref: string; device: string | null; current: boolean; createdAt: string | Date; lastSeenAt: string | Date }

/** Where the account is signed in, with a way to end every other session. */
export function SessionsSection({ sessions }: { sessions: readonly Session[] }) {
  const { t, i18n } = useTranslation('account')
  const when = (d: string | Date) => formatDateTime(d, i18n.language)
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('overview.sessionsTitle')}</h2>
      <DataTable
        caption={t('overview.sessionsTitle')}
        captionHidden
        rows={sessions}
        rowKey={(s) => s.ref}
        columns={[
          {
            key: 'device',
            header: t('overview.sessionDevice'),
            cell: (s) => (
              <>
                {s.device ?? t('overview.unknownDevice')} {s.current ? <span className="tag">{t('overview.thisDevice')}</span> : null}
              </>
            ),
          },
          { key: 'started', header: t('overview.sessionStarted'), cell: (s) => when(s.createdAt) },
          { key: 'lastSeen', header: t('overview.sessionLastSeen'), cell: (s) => when(s.lastSeenAt) },
        ]}
      />
      <IntentForm intent="signOutOthers" label={t('overview.signOutOthers')} />
    </section>
  )
}

type Access = { at: string | Date; role: string | null; action: string }

/** Who at the organisation looked at this person's data, by role (never by name). */
export function AccessesSection({ accesses }: { accesses: readonly Access[] }) {
  const { t, i18n } = useTranslation('account')
  return (
    <section aria-labelledby="looked-title">
      <h2 id="looked-title">{t('overview.lookedTitle')}</h2>
      <p>{t('overview.lookedIntro')}</p>
      <DataTable
        caption={t('overview.lookedTitle')}
        captionHidden
        rows={accesses.map((a, i) => ({ ...a, i }))}
        rowKey={(a) => a.i}
        empty={t('overview.lookedNone')}
        columns={[
          { key: 'when', header: t('overview.lookedWhen'), cell: (a) => formatDateTime(a.at, i18n.language) },
          { key: 'who', header: t('overview.lookedWho'), cell: (a) => (a.role ? t(`roles.${a.role}`) : t('roles.unknown')) },
          { key: 'what', header: t('overview.lookedWhat'), cell: (a) => t(`auditActions.${a.action.replace('.', '_')}`, { defaultValue: t('auditActions.other') }) },
        ]}
      />
    </section>
  )
}
