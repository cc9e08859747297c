import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { deleteAccount } from '~/auth/account-data.server'
import { requireSession } from '~/auth/guards.server'
import { sessionCookie } from '~/auth/session.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request)
  return { title: await getPageTitle(request, 'delete.title', 'account') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const formData = await request.formData()
  const password = String(formData.get('password') ?? '')
  if (!password) return data({ error: 'validation:required' }, { status: 400 })
  const outcome = await deleteAccount({ userId: ctx.user.id, password, ip: clientIp(context) })
  if (!outcome.ok) return data({ error: 'account:delete.wrongPassword' }, { status: 400 })
  return redirect('/account-verwijderd', { headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) } })
}

export default function DeleteAccount() {
  const { t } = useTranslation(['account', 'validation'])
  const actionData = useActionData<typeof action>()
  const items = t('delete.deletedItems', { returnObjects: true }) as string[]
  const kept = t('delete.keptItems', { returnObjects: true }) as string[]
  return (
    <div className="page">
      <h1>{t('delete.title')}</h1>
      <p className="lead">{t('delete.lead')}</p>
      <h2>{t('delete.deletedTitle')}</h2>
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <h2>{t('delete.keptTitle')}</h2>
      <ul>
        {kept.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <p>{t('delete.downloadFirst')}</p>
      <Form method="post">
        <div className={`field${actionData?.error ? ' field--invalid' : ''}`}>
          <label htmlFor="delete-password">{t('delete.passwordLabel')}</label>
          {actionData?.error ? (
            <p id="delete-password-error" className="field__error">
              {t(actionData.error)}
            </p>
          ) : null}
          <input
            id="delete-password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={actionData?.error ? true : undefined}
            aria-describedby={actionData?.error ? 'delete-password-error' : undefined}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('delete.submit')}
          </button>
          <Link to="/account">{t('common:forms.cancel')}</Link>
        </div>
      </Form>
    </div>
  )
}
