import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { can, type Action } from '~/auth/policy'
import { countOverdueReports } from '~/moderation/reports.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

/** Each staff tool, shown only to the roles that may use it. */
const TOOLS: Array<{ to: string; key: string; action: Action }> = [
  { to: '/beheer/verhalen', key: 'moderation', action: 'stories.moderate' },
  { to: '/beheer/meldingen', key: 'reports', action: 'reports.handle' },
  { to: '/beheer/triage', key: 'triage', action: 'triage.work' },
  { to: '/beheer/triage/dashboard', key: 'triageDashboard', action: 'triage.work' },
  { to: '/beheer/hulpgids', key: 'directory', action: 'directory.edit' },
  { to: '/beheer/aanvragen', key: 'applications', action: 'applications.assess' },
  { to: '/beheer/accounts', key: 'accounts', action: 'accounts.manage' },
  { to: '/beheer/toegangslog', key: 'auditLog', action: 'audit.search' },
  { to: '/beheer/cijfers', key: 'figures', action: 'figures.export' },
  { to: '/beheer/overdracht', key: 'handoff', action: 'handoff.manage' },
  { to: '/beheer/archief', key: 'archive', action: 'archive.transfer' },
  { to: '/beheer/onderzoek', key: 'research', action: 'research.export' },
  { to: '/beheer/onderzoek', key: 'researchProjects', action: 'research.projects.manage' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context)
  return {
    name: ctx.user.displayName,
    roles: ctx.user.roles,
    tools: TOOLS.filter((tool) => can(ctx.user, tool.action)).map(({ to, key }) => ({ to, key })),
    // Reports past their 48-hour clock, for the people who decide them.
    overdueReports: can(ctx.user, 'reports.handle') ? await countOverdueReports() : null,
    title: await getPageTitle(request, 'staff.title', 'account'),
  }
}

export default function StaffHome() {
  const { t } = useTranslation('account')
  const { name, roles, tools, overdueReports } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>{t('staff.title')}</h1>
      <p className="lead">{t('staff.lead', { name, roles: roles.map((r) => t(`roles.${r}`)).join(', ') })}</p>
      {tools.length ? (
        <ul>
          {tools.map((tool) => (
            <li key={tool.to}>
              <Link to={tool.to}>{t(`staff.tools.${tool.key}`)}</Link>
              {tool.key === 'reports' && overdueReports ? (
                <>
                  {' '}
                  <strong className="overdue">{t('staff.reportsOverdue', { count: overdueReports })}</strong>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.noTools')}</p>
      )}
      <p>
        <Link to="/account/beveiliging">{t('overview.manageSecurity')}</Link>
      </p>
    </div>
  )
}
