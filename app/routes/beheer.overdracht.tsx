import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { listDeadHandoffs, retryDeadHandoff } from '~/assessment/handoff-dead-letters.server'
import { requireStaff } from '~/auth/guards.server'
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
        <table className="data">
          <caption>{t('handoff.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('handoff.reference')}</th>
              <th scope="col">{t('handoff.version')}</th>
              <th scope="col">{t('handoff.attempts')}</th>
              <th scope="col">{t('handoff.lastError')}</th>
              <th scope="col">{t('handoff.since')}</th>
              <th scope="col">{t('handoff.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.reference ?? '–'}</td>
                <td>{r.caseVersion}</td>
                <td>{r.attempts}</td>
                {/* A held-back case says why in words, not as a code: the admin must change the endpoint's case version. */}
                <td>{r.lastError?.startsWith('heldBack:') ? t(`handoff.heldBack.${r.lastError.slice('heldBack:'.length)}`, { defaultValue: r.lastError }) : (r.lastError ?? '–')}</td>
                <td>{formatDateTime(r.createdAt, i18n.language)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="outboxId" value={r.id} />
                    <button type="submit" className="button" aria-label={t('handoff.retryLabel', { reference: r.reference ?? '' })}>
                      {t('handoff.retry')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('handoff.empty')}</p>
      )}
    </div>
  )
}
