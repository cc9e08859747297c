import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { listDeadHandoffs, retryDeadHandoff } from '~/assessment/handoff-dead-letters.server'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { formatDateTime } from '~/utils/format-date'

export const handle = { i18n: ['assessment'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'handoff.manage')
  const rows = await listDeadHandoffs({ actor: { id: ctx.user.id, roles: ctx.user.roles }, ip: clientIp(context) })
  return { rows, title: await getPageTitle(request, 'handoff.title', 'assessment') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'handoff.manage')
  const parsed = z.object({ outboxId: z.string().uuid() }).safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ ok: false }, { status: 400 })
  const ok = await retryDeadHandoff({ actor: { id: ctx.user.id, roles: ctx.user.roles }, outboxId: parsed.data.outboxId, ip: clientIp(context) })
  return data({ ok }, { status: ok ? 200 : 409 })
}

export default function HandoffDeadLetters() {
  const { t, i18n } = useTranslation('assessment')
  const { rows } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <div className="page page--wide">
      <h1>{t('handoff.title')}</h1>
      <p className="lead">{t('handoff.lead')}</p>
      {result ? <StatusMessage>{t(result.ok ? 'handoff.retried' : 'handoff.retryFailed')}</StatusMessage> : null}
      {rows.length ? (
        <DataTable
          caption={t('handoff.caption', { count: rows.length })}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { key: 'reference', header: t('handoff.reference'), cell: (r) => r.reference ?? '–' },
            { key: 'version', header: t('handoff.version'), cell: (r) => r.caseVersion },
            { key: 'attempts', header: t('handoff.attempts'), cell: (r) => r.attempts },
            {
              key: 'lastError',
              header: t('handoff.lastError'),
              // A held-back case says why in words, not as a code: the admin must change the endpoint's case version.
              cell: (r) => (r.lastError?.startsWith('heldBack:') ? t(`handoff.heldBack.${r.lastError.slice('heldBack:'.length)}`, { defaultValue: r.lastError }) : (r.lastError ?? '–')),
            },
            { key: 'since', header: t('handoff.since'), cell: (r) => formatDateTime(r.createdAt, i18n.language) },
            {
              key: 'action',
              header: t('handoff.action'),
              cell: (r) => (
                <Form method="post">
                  <input type="hidden" name="outboxId" value={r.id} />
                  <button type="submit" className="button" aria-label={t('handoff.retryLabel', { reference: r.reference ?? '' })}>
                    {t('handoff.retry')}
                  </button>
                </Form>
              ),
            },
          ]}
        />
      ) : (
        <p>{t('handoff.empty')}</p>
      )}
    </div>
  )
}
