import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { ResearchProjectFormSchema } from '~/research/project-form'
import { ProjectFormView } from '~/research/project-form-view'
import { createResearchProject, listResearcherAccounts, ResearchError } from '~/research/projects.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['research', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'research.projects.manage')
  return { researchers: await listResearcherAccounts(), title: await getPageTitle(request, 'form.title', 'research') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'research.projects.manage')
  const submission = parseWithZod(await request.formData(), { schema: ResearchProjectFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await createResearchProject({ admin: { id: ctx.user.id, roles: [...ctx.user.roles] }, input: submission.value, ip: clientIp(context) })
  } catch (e) {
    if (!(e instanceof ResearchError)) throw e
    const field = e.messageKey === 'errors.endsInPast' ? 'endsOn' : 'researchers'
    return data({ result: submission.reply({ fieldErrors: { [field]: [`research:${e.messageKey}`] } }) }, { status: 400 })
  }
  return redirect('/beheer/onderzoek?klaar=registered')
}

export default function NewResearchProject() {
  const { researchers } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ProjectFormView researchers={researchers} lastResult={actionData?.result} />
}
