import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { inviteStaff, listAccounts, setAccountDisabled, setStaffRoles } from '~/auth/staff-accounts.server'
import { requireStaff } from '~/auth/guards.server'
import { STAFF_ROLES, type StaffRole } from '~/auth/roles'
import { InviteStaffSchema } from '~/auth/schemas'
import { StaffAccountsTable } from '~/auth/staff-accounts-table'
import { ChoiceGroup, ErrorSummary, Field, StatusMessage, toOptions } from '~/components/forms'
import { isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'accounts.manage')
  return {
    me: ctx.user.id,
    accounts: await listAccounts(),
    done: new URL(request.url).searchParams.get('klaar'),
    title: await getPageTitle(request, 'admin.title', 'account'),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'accounts.manage')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const admin = { id: ctx.user.id, roles: ctx.user.roles }
  const ip = clientIp(context)
  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: InviteStaffSchema })
    if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
    const lng = await i18next.getLocale(request)
    await inviteStaff({ admin, email: submission.value.email, roles: submission.value.roles, locale: isLng(lng) ? lng : 'nl', request, ip })
    return redirect('/beheer/accounts?klaar=invited')
  }
  // Parsed, not passed on as typed: a tampered id would reach PostgreSQL's uuid cast (a 500).
  const parsedUserId = z.string().uuid().safeParse(formData.get('userId'))
  if (!parsedUserId.success) return data({ result: undefined }, { status: 400 })
  const userId = parsedUserId.data
  if (intent === 'roles') {
    const roles = formData.getAll('roles').map(String).filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r))
    const outcome = await setStaffRoles({ admin, userId, roles, ip })
    return redirect(`/beheer/accounts?klaar=${outcome.ok ? 'roles' : outcome.reason}`)
  }
  if (intent === 'disable' || intent === 'enable') {
    await setAccountDisabled({ admin, userId, disabled: intent === 'disable', ip })
    return redirect(`/beheer/accounts?klaar=${intent}`)
  }
  return data({ result: undefined }, { status: 400 })
}

export default function Accounts() {
  const { t } = useTranslation('account')
  const { accounts, me, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // Validated on the server only: conform remounts keyed checkbox groups after client
  // validation, which undid a person's first click. Errors still show next to each field.
  const [form, fields] = useForm<z.input<typeof InviteStaffSchema>>({ lastResult: actionData?.result })
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      {done ? <StatusMessage>{t(`admin.done.${done}`)}</StatusMessage> : null}
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{t('admin.inviteTitle')}</h2>
        <p>{t('admin.inviteLead')}</p>
        <ErrorSummary form={form} fields={fields} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="off" spellCheck={false} />
          <ChoiceGroup meta={fields.roles} legend={t('admin.roles')} type="checkbox" options={toOptions(STAFF_ROLES, (role) => t(`roles.${role}`))} />
          <button type="submit" className="button button--primary">
            {t('admin.inviteSubmit')}
          </button>
        </Form>
      </section>
      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t('admin.staffTitle')}</h2>
        <StaffAccountsTable accounts={accounts} me={me} />
      </section>
    </div>
  )
}
