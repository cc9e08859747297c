import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PackageView } from '~/archive/package-view'
import { handOver, HandoverSchema, loadPackage, parsePackageRef } from '~/archive/ui-staff.server'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { PageHeading } from '~/components/layout/page-heading'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['archive', 'validation'] }
export const meta = titleMeta

const DONE = ['prepared', 'handedOver'] as const

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const pkg = await loadPackage({ ref: params.ref, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  if (!pkg) throw new Response('Not found', { status: 404 })
  const done = new URL(request.url).searchParams.get('klaar')
  return { pkg, done: DONE.find((d) => d === done) ?? null, title: await getPageTitle(request, 'package.title', 'archive') }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const ref = parsePackageRef(params.ref)
  if (!ref) throw new Response('Not found', { status: 404 })
  const submission = parseWithZod(await request.formData(), { schema: HandoverSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), problem: null }, { status: 400 })
  const outcome = await handOver({ ref, receiptReference: submission.value.receiptReference, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  // A second click after the first was recorded lands on the recorded event, not on an error.
  if (outcome.ok || outcome.problem === 'alreadyHandedOver') return redirect(`/beheer/archief/${encodeURIComponent(ref)}?klaar=handedOver`)
  if (outcome.problem === 'notFound') throw new Response('Not found', { status: 404 })
  return data({ result: submission.reply(), problem: outcome.problem }, { status: 409 })
}

export default function ArchivePackage() {
  const { t } = useTranslation('archive')
  const { pkg, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <PageHeading back={{ to: '/beheer/archief', label: t('package.back') }} title={t('package.title')} />
      {done ? <StatusMessage>{t(`package.done.${done}`)}</StatusMessage> : null}
      <PackageView pkg={pkg} lastResult={actionData?.result} problem={actionData?.problem ?? undefined} />
    </div>
  )
}
