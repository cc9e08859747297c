import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { DecisionFields } from '~/moderation/decision-fields'
import { decideReportAction, listOpenReports } from '~/moderation/reports.server'
import { REPORT_DECISION_VALUES } from '~/moderation/reports-schemas'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { formatDateTime } from '~/utils/format-date'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['moderation', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'reports.handle')
  const open = await listOpenReports({ actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  return { ...open, title: await getPageTitle(request, 'reports.title', 'moderation') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'reports.handle')
  const form = Object.fromEntries(await request.formData())
  const result = await decideReportAction({ form, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  if ('redirect' in result) return redirect(result.redirect)
  return data({ error: result.error }, { status: result.status })
}

export default function Reports() {
  const { t, i18n } = useTranslation('moderation')
  const { reports, overdue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const decided = params.get('besloten')
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer', label: t('common.backToStaff') }} title={t('reports.title')} lead={t('reports.lead')} />
      {decided ? <StatusMessage>{t('reports.decided', { decision: t(`reports.decisions.${decided}`, { defaultValue: decided }) })}</StatusMessage> : null}
      <p className={overdue > 0 ? 'report-overdue-count' : undefined}>
        <strong>{t('reports.overdueCount', { count: overdue })}</strong> {t('reports.openCount', { count: reports.length })}
      </p>
      {reports.length === 0 ? <p>{t('reports.empty')}</p> : null}
      <ol className="cards">
        {reports.map((report) => {
          const error = actionData?.error.rowId === report.id ? actionData.error : null
          return (
            <li key={report.id} className={`card${report.overdue ? ' report--overdue' : ''}`}>
              <h2>{report.storyTitle || t('queue.untitled')}</h2>
              <p>
                <strong>{report.overdue ? t('reports.clock.overdue', { count: -report.hoursLeft }) : t('reports.clock.left', { count: report.hoursLeft })}</strong>{' '}
                <span className="muted">{t('reports.received', { when: formatDateTime(report.createdAt, i18n.language) })}</span>
              </p>
              <p>
                {t('reports.reasonLine', { reason: t(`reasons.${report.reason}`) })} {report.hidden ? t('reports.hidden') : null}
              </p>
              {report.details ? <p className="preserve-lines">{report.details}</p> : null}
              <p className="muted">{report.hasContact ? t('reports.contactYes') : t('reports.contactNo')}</p>
              <p>
                <Link to={`/beheer/verhalen/${report.storyId}`}>{t('reports.openStory')}</Link>
              </p>
              <Form method="post" aria-label={t('reports.formLabel', { title: report.storyTitle })}>
                <input type="hidden" name="reportId" value={report.id} />
                <DecisionFields
                  rowId={report.id}
                  errorId={`report-error-${report.id}`}
                  error={error ? t(error.key) : null}
                  legend={t('reports.decision')}
                  choices={REPORT_DECISION_VALUES.map((d) => ({ value: d, label: t(`reports.decisions.${d}`) }))}
                  reasonLabel={t('reports.reason')}
                  multiline
                />
                <button type="submit" className="button button--primary">
                  {t('reports.submit')}
                </button>
              </Form>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
