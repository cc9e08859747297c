import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ArchiveQueueTable } from '~/archive/queue-table'
import { loadArchiveQueue, prepareFromForm } from '~/archive/ui-staff.server'
import { requireStaff } from '~/auth/guards.server'
import { PageHeading } from '~/components/layout/page-heading'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['archive'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const rows = await loadArchiveQueue({ actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  return { rows, title: await getPageTitle(request, 'queue.title', 'archive') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const outcome = await prepareFromForm({ formData: await request.formData(), actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  if (outcome.ok) return redirect(`/beheer/archief/${encodeURIComponent(outcome.ref)}?klaar=prepared`)
  return data({ problem: outcome.problem }, { status: outcome.problem === 'notFound' ? 404 : outcome.problem === 'invalid' ? 400 : 409 })
}

export default function ArchiveQueue() {
  const { t } = useTranslation('archive')
  const { rows } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>()
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer', label: t('back') }} title={t('queue.title')} lead={t('queue.lead')} />
      {refused ? (
        <p className="field__error" role="alert">
          {t(`queue.problems.${refused.problem}`)}
        </p>
      ) : null}
      <ArchiveQueueTable rows={rows} />
    </div>
  )
}
