import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { PageHeading } from '~/components/layout/page-heading'
import { excludeOwnBlock, loadAuthorDocumentary } from '~/documentary/author-page.server'
import { AuthorDocumentaryView } from '~/documentary/author-view'
import { getPageTitle } from '~/i18n/meta.server'
import documentaryStyles from '~/styles/documentary.css'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary'] }
export const meta = titleMeta
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: documentaryStyles }]

/** Where the survivor's own stories and media are used in the documentary: theirs only (the query takes their id). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const chapters = await loadAuthorDocumentary({ userId: ctx.user.id })
  return {
    chapters,
    done: new URL(request.url).searchParams.get('gevraagd') === '1',
    title: await getPageTitle(request, 'author.title', 'documentary'),
  }
}

/** "Don't use this excerpt": works without JavaScript; another author's block is 404. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const result = await excludeOwnBlock({
    userId: ctx.user.id,
    formData: await request.formData(),
  })
  if (result.kind === 'done') return redirect('/mijn-verhalen/documentaire?gevraagd=1')
  return data({ error: result.error }, { status: result.status })
}

export default function MyDocumentary() {
  const { chapters, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('documentary')
  return (
    <div className="page">
      <PageHeading back={{ to: '/mijn-verhalen', label: t('author.back') }} title={t('author.title')} lead={t('author.lead')} />
      {done ? (
        <p className="status-message" role="status">
          {t('author.done')}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="error-summary" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      <AuthorDocumentaryView chapters={chapters} />
      <p className="muted">{t('author.about')}</p>
    </div>
  )
}
