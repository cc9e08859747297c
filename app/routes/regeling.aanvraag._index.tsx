import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { PART_SLUGS, partsFor } from '~/scheme/application-pages'
import { getApplicationDraft } from '~/scheme/application-draft.server'
import { PrecheckWarnings, StateTag, TakeABreak } from '~/scheme/components'
import { localise } from '~/scheme/scheme-config'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['scheme'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request)
  const draft = await getApplicationDraft({ userId: ctx.user.id })
  const title = await getPageTitle(request, 'tasks.title', 'scheme')
  const saved = new URL(request.url).searchParams.has('opgeslagen')
  if (!draft.scheme) return { title, open: false as const, submitted: false, saved }
  // Sent already (one application per scheme): the status page is where it continues.
  if (draft.application && draft.application.status !== 'draft') return { title, open: false as const, submitted: true, saved }
  return {
    title,
    saved,
    open: true as const,
    submitted: false,
    schemeName: draft.scheme.config.name,
    demonstration: draft.scheme.config.demonstration,
    states: draft.states,
    // The pages that apply to who is applying (a representative also has the survivor's page).
    parts: partsFor(draft.answers.applicant?.kind),
    complete: draft.complete,
    warnings: draft.warnings,
  }
}

export default function ApplicationTasks() {
  const { t, i18n } = useTranslation('scheme')
  const view = useLoaderData<typeof loader>()
  if (!view.open) {
    return (
      <div className="page">
        <h1>{t('tasks.title')}</h1>
        <p className="lead">{view.submitted ? t('tasks.submitted') : t('tasks.closed')}</p>
        <p>{view.submitted ? <Link to="/mijn-aanvraag">{t('tasks.submittedLink')}</Link> : <Link to="/regeling">{t('tasks.closedLink')}</Link>}</p>
      </div>
    )
  }
  const doneCount = view.parts.filter((p) => view.states[p] === 'done').length
  return (
    <div className="page scheme-tasks">
      {view.saved ? <StatusMessage>{t('tasks.saved')}</StatusMessage> : null}
      <h1>{t('tasks.title')}</h1>
      <p className="muted">{localise(view.schemeName, i18n.language)}</p>
      {view.demonstration ? <p className="notice">{t('overview.demonstration')}</p> : null}
      <p className="lead">{t('tasks.lead')}</p>
      <p>{t('tasks.painful')}</p>
      <p>{t('tasks.progress', { done: doneCount, total: view.parts.length })}</p>
      <ol className="scheme-task-list">
        {view.parts.map((part) => (
          <li key={part} className="scheme-task-list__item">
            <Link to={`/regeling/aanvraag/${PART_SLUGS[part]}`} aria-describedby={`state-${part}`}>
              {t(`parts.${part}`)}
            </Link>{' '}
            <span id={`state-${part}`}>
              <StateTag state={view.states[part]} />
            </span>
          </li>
        ))}
      </ol>
      <PrecheckWarnings warnings={view.warnings} />
      <h2>{t('tasks.checkTitle')}</h2>
      {view.complete ? (
        <p>
          <Link className="button button--primary" to="/regeling/aanvraag/controleren">
            {t('tasks.checkLink')}
          </Link>
        </p>
      ) : (
        <p>{t('tasks.checkLater')}</p>
      )}
      <TakeABreak />
    </div>
  )
}
