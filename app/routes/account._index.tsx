import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadAccountOverview } from '~/auth/account-data.server'
import { updatePreferences } from '~/auth/account-settings.server'
import { requireSession } from '~/auth/guards.server'
import { PreferencesSchema } from '~/auth/schemas'
import { endAllSessions } from '~/auth/session.server'
import { ConsentHistoryTable } from '~/components/consent-history'
import { ErrorSummary, Field, StatusMessage } from '~/components/forms'
import { languageCookie } from '~/i18n/i18next.server'
import { LOCALES } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { formatDateTime } from '~/utils/format-date'

export const handle = { i18n: ['account', 'consent', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireSession(request)
  const url = new URL(request.url)
  return { ...(await loadAccountOverview(ctx)), isSurvivor: ctx.user.roles.includes('survivor'), saved: url.searchParams.get('opgeslagen'), title: await getPageTitle(request, 'overview.title', 'account') }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'signOutOthers') {
    await endAllSessions({ userId: ctx.user.id, exceptTokenHash: ctx.tokenHash })
    return redirect('/account?opgeslagen=sessions')
  }
  const submission = parseWithZod(formData, { schema: PreferencesSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await updatePreferences({ userId: ctx.user.id, ...submission.value })
  return redirect('/account?opgeslagen=preferences', { headers: { 'Set-Cookie': await languageCookie.serialize(submission.value.locale) } })
}

export default function Account() {
  const { t, i18n } = useTranslation(['account', 'consent'])
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { displayName: data.user.displayName, locale: data.user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreferencesSchema }),
    shouldValidate: 'onBlur',
  })
  const when = (d: string | Date) => formatDateTime(d, i18n.language)
  return (
    <div className="page">
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.lead', { name: data.user.displayName })}</p>
      {data.saved ? <StatusMessage>{t(`overview.saved.${data.saved === 'sessions' ? 'sessions' : 'preferences'}`)}</StatusMessage> : null}

      {data.isSurvivor ? (
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
      ) : null}

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
          {t('overview.emailIs', { email: data.user.email })} <Link to="/account/email">{t('overview.changeEmail')}</Link>
        </p>
        <p>
          <Link to="/account/wachtwoord">{t('overview.changePassword')}</Link>
        </p>
      </section>

      <section aria-labelledby="security-title">
        <h2 id="security-title">{t('overview.securityTitle')}</h2>
        <ul>
          <li>{data.factors.totp ? t('overview.totpOn') : t('overview.totpOff')}</li>
          <li>{t('overview.passkeys', { count: data.factors.passkeys })}</li>
        </ul>
        <p>
          <Link to="/account/beveiliging">{t('overview.manageSecurity')}</Link>
        </p>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('overview.sessionsTitle')}</h2>
        <table className="data">
          <caption className="visually-hidden">{t('overview.sessionsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.sessionDevice')}</th>
              <th scope="col">{t('overview.sessionStarted')}</th>
              <th scope="col">{t('overview.sessionLastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr key={s.ref}>
                <td>
                  {s.device ?? t('overview.unknownDevice')} {s.current ? <span className="tag">{t('overview.thisDevice')}</span> : null}
                </td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutOthers" />
          <button type="submit" className="button">
            {t('overview.signOutOthers')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="looked-title">
        <h2 id="looked-title">{t('overview.lookedTitle')}</h2>
        <p>{t('overview.lookedIntro')}</p>
        {data.accesses.length === 0 ? (
          <p>{t('overview.lookedNone')}</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">{t('overview.lookedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.lookedWhen')}</th>
                <th scope="col">{t('overview.lookedWho')}</th>
                <th scope="col">{t('overview.lookedWhat')}</th>
              </tr>
            </thead>
            <tbody>
              {data.accesses.map((a, i) => (
                <tr key={i}>
                  <td>{when(a.at)}</td>
                  <td>{a.role ? t(`roles.${a.role}`) : t('roles.unknown')}</td>
                  <td>{t(`auditActions.${a.action.replace('.', '_')}`, { defaultValue: t('auditActions.other') })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('overview.consentTitle')}</h2>
        <p>{t('consent:history.intro')}</p>
        <ConsentHistoryTable history={data.consentHistory} caption={t('overview.consentTitle')} />
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('overview.dataTitle')}</h2>
        <p>{t('overview.dataIntro')}</p>
        <Form method="post" action="/account/gegevens" reloadDocument>
          <button type="submit" className="button">
            {t('overview.download')}
          </button>
        </Form>
        <p>
          <Link to="/account/verwijderen">{t('overview.delete')}</Link>
        </p>
      </section>
    </div>
  )
}
