import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { CasePage } from '~/assessment/case-page'
import { loadCasePage, parseCaseAction, runCaseAction } from '~/assessment/case-page.server'
import { requireStaff } from '~/auth/guards.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['assessment', 'scheme', 'facets'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.assess')
  return loadCasePage({ ctx, request, context, applicationId: params.id ?? '' })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.assess')
  const parsed = parseCaseAction(await request.formData())
  if (!parsed.success) return parsed.refusal
  return runCaseAction({ ctx, request, context, applicationId: params.id ?? '', input: parsed.input, kept: parsed.kept })
}

export default function AssessmentCase() {
  const { caseView, revealed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return <CasePage c={caseView} revealed={revealed} result={result} />
}
