import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuditLogTable } from '~/audit/audit-log-table'
import { AuditSearchFiltersSchema, searchAuditLog } from '~/audit/audit.server'
import { requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'audit.search')
  const params = new URL(request.url).searchParams
  const raw = Object.fromEntries([...params].filter(([k, v]) => v !== '' && k !== 'voor'))
  const parsed = AuditSearchFiltersSchema.safeParse(raw)
  const before = Number(params.get('voor'))
  const page = await searchAuditLog({
    admin: { id: ctx.user.id, roles: ctx.user.roles },
    filters: parsed.success ? parsed.data : {},
    beforeId: Number.isInteger(before) && before > 0 ? before : undefined,
    ip: clientIp(context),
  })
  return { ...page, invalid: !parsed.success, title: await getPageTitle(request, 'audit.title', 'account') }
}

export default function AuditLog() {
  const { t } = useTranslation('account')
  const { rows, nextBeforeId, invalid } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const next = new URLSearchParams(params)
  if (nextBeforeId) next.set('voor', String(nextBeforeId))
  return (
    <div className="page page--wide">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="f-action">{t('audit.action')}</label>
          <input id="f-action" name="action" defaultValue={params.get('action') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-object">{t('audit.objectType')}</label>
          <input id="f-object" name="objectType" defaultValue={params.get('objectType') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-subject">{t('audit.subjectId')}</label>
          <input id="f-subject" name="subjectId" defaultValue={params.get('subjectId') ?? ''} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('audit.from')}</label>
          <input id="f-from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('audit.to')}</label>
          <input id="f-to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
        </div>
        <button type="submit" className="button">
          {t('audit.search')}
        </button>
      </Form>
      {invalid ? <p className="field__error">{t('audit.invalidFilters')}</p> : null}
      <AuditLogTable rows={rows} />
      {nextBeforeId ? <Link to={`?${next.toString()}`}>{t('audit.older')}</Link> : null}
    </div>
  )
}
