import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { QueueFigures } from '~/assessment/queue-figures'
import { listApplicationQueue, queueFigures, QueueFiltersSchema } from '~/assessment/queue.server'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
import { getPageTitle } from '~/i18n/meta.server'
import { formatLongDate } from '~/scheme/dates'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['assessment', 'scheme'] }
export const meta = titleMeta

const FILTER_STATUSES = ['submitted', 'inAssessment', 'informationRequested', 'proposed', 'confirmed', 'handedOff', 'received', 'decided', 'paid', 'objectionReceived'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.assess')
  const params = new URL(request.url).searchParams
  const filters = QueueFiltersSchema.parse({
    status: params.get('status') || undefined,
    minAgeDays: params.get('minAgeDays') || undefined,
    duplicate: params.get('duplicate') || undefined,
  })
  const rows = await listApplicationQueue({ actor: { id: ctx.user.id, roles: ctx.user.roles }, filters, ip: clientIp(context) })
  return { rows, figures: await queueFigures(), title: await getPageTitle(request, 'queue.title', 'assessment') }
}

export default function ApplicationQueue() {
  const { t, i18n } = useTranslation('assessment')
  const { rows, figures } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  return (
    <div className="page page--wide">
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.lead')}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="q-status">{t('queue.filters.status')}</label>
          <select id="q-status" name="status" defaultValue={params.get('status') ?? ''}>
            <option value="">{t('queue.filters.anyStatus')}</option>
            {FILTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-age">{t('queue.filters.minAgeDays')}</label>
          <input id="q-age" name="minAgeDays" type="number" min={0} inputMode="numeric" defaultValue={params.get('minAgeDays') ?? ''} />
        </div>
        <div className="field">
          <input id="q-dup" name="duplicate" type="checkbox" value="1" defaultChecked={params.get('duplicate') === '1'} />
          <label htmlFor="q-dup">{t('queue.filters.duplicate')}</label>
        </div>
        <button type="submit" className="button">
          {t('queue.filters.apply')}
        </button>
      </Form>
      <DataTable
        caption={t('queue.caption', { count: rows.length })}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: 'reference', header: t('queue.reference'), cell: (r) => <Link to={`/beheer/aanvragen/${r.id}`}>{r.reference ?? t('queue.noReference')}</Link> },
          { key: 'status', header: t('queue.status'), cell: (r) => t(`status.${r.status}`) },
          { key: 'submitted', header: t('queue.submitted'), cell: (r) => (r.submittedOn ? formatLongDate(r.submittedOn, i18n.language) : '–') },
          { key: 'age', header: t('queue.age'), cell: (r) => t('queue.ageDays', { count: r.ageDays }) },
          { key: 'decisionDue', header: t('queue.decisionDue'), cell: (r) => (r.decisionDue ? formatLongDate(r.decisionDue, i18n.language) : '–') },
          {
            key: 'flags',
            header: t('queue.flags'),
            cell: (r) => (
              <>
                {r.fastTrack ? <span className="tag">{t('fastTrack.tag', { reasons: r.fastTrackReasons.map((c) => t(`fastTrack.reasons.${c}`)).join(', ') })}</span> : null}{' '}
                {r.possibleDuplicate ? <span className="tag">{t('queue.possibleDuplicate')}</span> : null}
              </>
            ),
          },
        ]}
      />
      <QueueFigures figures={figures} />
    </div>
  )
}
