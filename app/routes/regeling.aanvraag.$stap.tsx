import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { toLng } from '~/i18n/config'
import { partOfSlug } from '~/scheme/application-pages'
import { ApplicantForm } from '~/scheme/applicant-form'
import { ConversationForm, DeclarationsForm } from '~/scheme/closing-forms'
import { EvidenceForm } from '~/scheme/evidence-form'
import { named } from '~/scheme/form-pieces'
import { HarmForm } from '~/scheme/harm-form'
import { PersonalForm, SurvivorForm } from '~/scheme/personal-form'
import { PlacementsForm } from '~/scheme/placements-form'
import { getApplicationStep } from '~/scheme/application-view.server'
import { runApplicationStep } from '~/scheme/application-steps.server'
import { AlreadySubmitted, PrecheckWarnings, TakeABreak } from '~/scheme/components'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['scheme', 'facets', 'validation', 'consent', 'lifeStories'] }
export const meta = titleMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request)
  const part = partOfSlug(params.stap)
  if (!part) throw new Response('Not found', { status: 404 })
  const view = await getApplicationStep({ userId: ctx.user.id, part, locale: toLng(ctx.user.locale) })
  if (view.kind === 'closed' || view.kind === 'notApplicable') throw redirect('/regeling/aanvraag')
  if (view.kind === 'submitted') return { kind: 'submitted' as const, title: await getPageTitle(request, 'tasks.title', 'scheme') }
  const url = new URL(request.url)
  return { ...view, added: url.searchParams.has('toegevoegd'), title: await getPageTitle(request, `parts.${part}`, 'scheme') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const part = partOfSlug(params.stap)
  if (!part) throw new Response('Not found', { status: 404 })
  const outcome = await runApplicationStep({ request, userId: ctx.user.id, locale: toLng(ctx.user.locale), part })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result, authorisations: outcome.authorisations ?? null }, { status: outcome.status })
}

export default function ApplicationStep() {
  const { t } = useTranslation('scheme')
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.result
  if (view.kind === 'submitted') return <AlreadySubmitted />
  const { part, subjectName } = view
  const name = named(subjectName)
  return (
    <div className="page scheme-step">
      <p>
        <Link to="/regeling/aanvraag">{t('tasks.back')}</Link>
      </p>
      <p className="muted">{t('tasks.step', view.step)}</p>
      <h1>{t(`parts.${part}`, name)}</h1>
      <p className="lead">{t(`intro.${part}`, part === 'survivor' ? { name: subjectName ?? '' } : name)}</p>
      <PrecheckWarnings warnings={view.warnings} />
      {part === 'applicant' ? <ApplicantForm answers={view.answers} authorisations={actionData?.authorisations ?? view.authorisations} lastResult={lastResult} /> : null}
      {part === 'survivor' ? <SurvivorForm survivor={view.survivor} subjectName={subjectName} lastResult={lastResult} /> : null}
      {part === 'personal' ? <PersonalForm answers={view.answers} own={view.own} applicantKind={view.applicantKind} subjectName={subjectName} lastResult={lastResult} /> : null}
      {part === 'placements' ? (
        <PlacementsForm answers={view.answers} placementKinds={view.placementKinds} subjectName={subjectName} lastResult={lastResult} added={view.added} />
      ) : null}
      {part === 'harm' ? <HarmForm answers={view.answers} harmKinds={view.harmKinds} stories={view.stories} lifeStories={view.lifeStories} subjectName={subjectName} lastResult={lastResult} /> : null}
      {part === 'evidence' ? <EvidenceForm answers={view.answers} documents={view.documents} lastResult={lastResult} added={view.added} /> : null}
      {part === 'conversation' ? <ConversationForm answers={view.answers} fastTrack={view.fastTrack} subjectName={subjectName} lastResult={lastResult} /> : null}
      {part === 'declarations' ? <DeclarationsForm answers={view.answers} lastResult={lastResult} /> : null}
      <TakeABreak />
    </div>
  )
}
