import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { STAFF_ROLES } from './roles'

type StaffAccountRow = { id: string; displayName: string; email: string; roles: readonly string[]; disabledAt: string | Date | null }

/** Staff accounts with their roles and status; each row carries its own forms (one admin action per post). */
export function StaffAccountsTable({ accounts, me }: { accounts: readonly StaffAccountRow[]; me: string }) {
  const { t } = useTranslation('account')
  return (
    <DataTable
      caption={t('admin.staffTitle')}
      captionHidden
      rows={accounts}
      rowKey={(a) => a.id}
      columns={[
        {
          key: 'name',
          header: t('fields.displayName'),
          cell: (a) => (
            <>
              {a.displayName}
              <br />
              <span className="muted">{a.email}</span>
            </>
          ),
        },
        {
          key: 'roles',
          header: t('admin.roles'),
          cell: (a) => (
            <Form method="post" aria-label={t('admin.rolesFor', { name: a.displayName })}>
              <input type="hidden" name="intent" value="roles" />
              <input type="hidden" name="userId" value={a.id} />
              {STAFF_ROLES.map((role) => (
                <div key={role}>
                  <input type="checkbox" id={`r-${a.id}-${role}`} name="roles" value={role} defaultChecked={a.roles.includes(role)} />{' '}
                  <label htmlFor={`r-${a.id}-${role}`}>{t(`roles.${role}`)}</label>
                </div>
              ))}
              <button type="submit" className="link-button">
                {t('admin.saveRoles', { name: a.displayName })}
              </button>
            </Form>
          ),
        },
        {
          key: 'status',
          header: t('admin.status'),
          cell: (a) => (
            <>
              {a.disabledAt ? t('admin.disabled') : t('admin.active')}
              {a.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value={a.disabledAt ? 'enable' : 'disable'} />
                  <input type="hidden" name="userId" value={a.id} />
                  <button type="submit" className="link-button">
                    {a.disabledAt ? t('admin.enable', { name: a.displayName }) : t('admin.disable', { name: a.displayName })}
                  </button>
                </Form>
              ) : null}
            </>
          ),
        },
      ]}
    />
  )
}
