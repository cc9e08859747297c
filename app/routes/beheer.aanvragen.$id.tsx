import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import {
  addAssessmentNote,
  AssessmentError,
  confirmAssessment,
  declareConflictOfInterest,
  getCaseForAssessor,
  ProposalSchema,
  proposeAssessment,
  requestInformation,
  returnAssessment,
  revealSensitive,
  saveChecklist,
} from '~/assessment/assessment.server'
import { AssessmentActionSchema } from '~/assessment/case-action-schema'
import { DuplicateLinks } from '~/assessment/duplicate-links'
import { notFoundForeign, requireRecentAuth, requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { formatLongDate } from '~/scheme/dates'
import { formatWarningParams } from '~/scheme/eligibility'
import { titleMeta } from '~/utils/meta'
import { TEXT_MESSAGES } from '~/utils/text-schema'
import { clientIp } from '~/utils/request.server'
import { formatDate } from '~/utils/format-date'

export const handle = { i18n: ['assessment', 'scheme', 'facets'] }
export const meta = titleMeta

const RevealSchema = z.enum(['bsn', 'iban'])

/** A refused case answers 404 (unknown) or 403 (conflict of interest); both are logged. */
async function refusal(error: unknown, ctx: Awaited<ReturnType<typeof requireStaff>>, request: Request, context: LoaderFunctionArgs['context']) {
  if (error instanceof AssessmentError && error.code === 'notFound') return notFoundForeign(ctx, request, context)
  if (error instanceof AssessmentError && error.code === 'conflict') return new Response('Forbidden', { status: 403 })
  return null
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.assess')
  const actor = { id: ctx.user.id, roles: ctx.user.roles }
  const ip = clientIp(context)
  const applicationId = params.id ?? ''
  try {
    const caseView = await getCaseForAssessor({ actor, applicationId, ip })
    // Revealing is a GET (?toon=bsn), so after the step-up sign-in the person lands on the revealed value.
    const reveal = RevealSchema.safeParse(new URL(request.url).searchParams.get('toon'))
    let revealed: { field: 'bsn' | 'iban'; value: string | null } | null = null
    if (reveal.success) {
      requireRecentAuth(ctx, request)
      revealed = { field: reveal.data, value: await revealSensitive({ actor, applicationId, field: reveal.data, ip }) }
    }
    return { caseView, revealed, title: await getPageTitle(request, 'case.title', 'assessment') }
  } catch (error) {
    const response = await refusal(error, ctx, request, context)
    if (response) throw response
    throw error
  }
}

/** The page's error key for a refused field: its own keys are bare, the text layer's are namespaced. */
function errorKey(message: string | undefined) {
  if (message === TEXT_MESSAGES.controlCharacters) return 'controlCharacters'
  return message && /^[a-z][a-zA-Z]+$/.test(message) ? message : 'invalid'
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.assess')
  const actor = { id: ctx.user.id, roles: ctx.user.roles }
  const ip = clientIp(context)
  const applicationId = params.id ?? ''
  const form = await request.formData()
  // What was typed or chosen goes back with any refusal, so no form on this page loses it.
  const kept = { intent: String(form.get('intent') ?? ''), values: Object.fromEntries(KEPT_FIELDS.map((name) => [name, String(form.get(name) ?? '')])) }
  const parsed = AssessmentActionSchema.safeParse({ ...Object.fromEntries(form), items: form.getAll('items').map(String) })
  if (!parsed.success) return data({ error: errorKey(parsed.error.issues[0]?.message), ok: null, field: null, ...kept }, { status: 400 })
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'checklist':
        await saveChecklist({ actor, applicationId, items: input.items, ip })
        return { ok: 'checklistSaved', error: null }
      case 'requestInformation':
        await requestInformation({ actor, applicationId, question: input.question, ip })
        return { ok: 'informationRequested', error: null }
      case 'note':
        await addAssessmentNote({ actor, applicationId, body: input.body, ip })
        return { ok: 'noteAdded', error: null }
      case 'propose': {
        const proposal = ProposalSchema.safeParse(input)
        if (!proposal.success) {
          const issue = proposal.error.issues[0]
          const key = issue?.message.replace('assessment:errors.', '') ?? 'invalid'
          return data({ error: key, ok: null, field: String(issue?.path[0] ?? ''), ...kept }, { status: 400 })
        }
        await proposeAssessment({ actor, applicationId, proposal: proposal.data, ip })
        return { ok: 'proposed', error: null }
      }
      case 'confirm':
        // Confirming hands the case (with BSN and IBAN) to the fund: only after a fresh sign-in.
        requireRecentAuth(ctx, request)
        await confirmAssessment({ actor, applicationId, ip })
        return { ok: 'confirmed', error: null }
      case 'return':
        await returnAssessment({ actor, applicationId, note: input.note, ip })
        return { ok: 'returned', error: null }
      case 'declareConflict':
        await declareConflictOfInterest({ actor, applicationId, ip })
        throw redirect('/beheer/aanvragen')
    }
  } catch (error) {
    if (error instanceof Response) throw error
    const response = await refusal(error, ctx, request, context)
    if (response) throw response
    if (error instanceof AssessmentError) return data({ error: error.code, ok: null, field: null, ...kept }, { status: error.code === 'ownProposal' ? 403 : 409 })
    throw error
  }
}

/** The free-text and choice fields of this page's forms, handed back after a refusal. */
const KEPT_FIELDS = ['outcome', 'reasonCode', 'motivation', 'question', 'body', 'note'] as const

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`
}

export default function AssessmentCase() {
  const { t, i18n } = useTranslation('assessment')
  const { caseView: c, revealed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const lng = i18n.language
  const date = (d: string | null) => (d ? formatLongDate(d, lng) : '–')
  const instant = (d: string | Date | null) => (d ? formatDate(d, lng) : '–')
  // After a refusal, the form that was sent shows what was in it again; its field error stands next to the field.
  const keptValue = (intent: string, name: (typeof KEPT_FIELDS)[number]) => (result && 'intent' in result && result.intent === intent ? result.values[name] : undefined)
  const fieldError = (name: string) => (result && 'field' in result && result.field === name && result.error ? t(`errors.${result.error}`) : null)
  const open = c.openProposal
  const canPropose = !open && (c.status === 'submitted' || c.status === 'inAssessment')
  const canAsk = c.status === 'submitted' || c.status === 'inAssessment' || c.status === 'informationRequested'
  // Codes never reach the page: the scheme's own names, or ours for kinds outside it.
  const kindLabel = (code: string) => {
    const kind = c.placementKinds.find((k) => k.code === code)
    return kind ? (lng === 'en' ? kind.label.en : kind.label.nl) : t(code === 'adoption' ? 'case.placements.adoption' : 'case.placements.otherKind')
  }
  const reasonLabel = (code: string | null) => {
    const reason = c.rejectionReasons.find((r) => r.code === code)
    return reason ? (lng === 'en' ? reason.en : reason.nl) : ''
  }

  return (
    <div className="page page--wide assessment-case">
      <p>
        <Link to="/beheer/aanvragen">{t('case.backToQueue')}</Link>
      </p>
      <h1>{t('case.heading', { reference: c.reference ?? '' })}</h1>
      {result?.ok ? <StatusMessage>{t(`case.done.${result.ok}`)}</StatusMessage> : null}
      {result?.error ? (
        <div className="error-summary" role="alert">
          <p>{t(`errors.${result.error}`)}</p>
        </div>
      ) : null}

      <dl className="facts">
        <dt>{t('case.status')}</dt>
        <dd>{t(`status.${c.status}`)}</dd>
        <dt>{t('case.submitted')}</dt>
        <dd>{date(c.submittedOn)}</dd>
        <dt>{t('case.decisionDue')}</dt>
        <dd>
          {date(c.decisionDue)}
          {c.clockPaused ? ` ${t('case.clockPaused')}` : ''}
        </dd>
        {c.possibleDuplicate ? (
          <>
            <dt>{t('case.flags')}</dt>
            <dd>
              <span className="tag">{t('queue.possibleDuplicate')}</span>
            </dd>
          </>
        ) : null}
      </dl>
      <DuplicateLinks duplicates={c.duplicates} />

      <section aria-labelledby="h-applicant">
        <h2 id="h-applicant">{t('case.applicant.heading')}</h2>
        <dl className="facts">
          <dt>{t('case.applicant.name')}</dt>
          <dd>{c.applicantName ?? '–'}</dd>
          <dt>{t('case.applicant.kind')}</dt>
          <dd>{t(`applicantKind.${c.applicantKind}`)}</dd>
          {c.survivor ? (
            <>
              <dt>{t('case.applicant.survivorName')}</dt>
              <dd>{c.survivor.name ?? '–'}</dd>
              {c.survivor.relation ? (
                <>
                  <dt>{t('case.applicant.relation')}</dt>
                  <dd>{c.survivor.relation}</dd>
                </>
              ) : null}
              {c.applicantKind === 'representative' ? (
                <>
                  <dt>{t('case.applicant.survivorDateOfBirth')}</dt>
                  <dd>{date(c.survivor.dateOfBirth)}</dd>
                  <dt>{t('case.applicant.survivorBsn')}</dt>
                  <dd>{c.survivor.bsnMasked ?? '–'}</dd>
                  <dt>{t('case.applicant.payee')}</dt>
                  <dd>{c.payee ? t(`case.applicant.payees.${c.payee}`) : '–'}</dd>
                </>
              ) : null}
              {c.applicantKind === 'relative' ? (
                <>
                  <dt>{t('case.applicant.survivorDateOfBirth')}</dt>
                  <dd>{date(c.survivor.dateOfBirth)}</dd>
                  <dt>{t('case.applicant.survivorDiedOn')}</dt>
                  <dd>{date(c.survivor.diedOn)}</dd>
                </>
              ) : null}
            </>
          ) : null}
          <dt>{t('case.applicant.bsn')}</dt>
          <dd>
            {revealed?.field === 'bsn' ? <strong>{revealed.value ?? '–'}</strong> : (c.bsnMasked ?? '–')}{' '}
            {c.bsnMasked && revealed?.field !== 'bsn' ? <Link to="?toon=bsn">{t('case.applicant.revealBsn')}</Link> : null}
          </dd>
          <dt>{t('case.applicant.iban')}</dt>
          <dd>
            {revealed?.field === 'iban' ? <strong>{revealed.value ?? '–'}</strong> : (c.ibanMasked ?? '–')}{' '}
            {c.ibanMasked && revealed?.field !== 'iban' ? <Link to="?toon=iban">{t('case.applicant.revealIban')}</Link> : null}
          </dd>
        </dl>
        <p className="muted">{t('case.applicant.revealHelp')}</p>
      </section>

      {c.warnings.length ? (
        <section aria-labelledby="h-warnings" className="notice">
          <h2 id="h-warnings">{t('case.warnings.heading')}</h2>
          <ul>
            {c.warnings.map((w, i) => (
              // In the assessor's voice ("the applicant gave…"), not the applicant's ("you gave…").
              <li key={`${w.code}-${i}`}>{t(`precheck.${w.code}`, formatWarningParams({ params: w.params, lng }))}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="h-placements">
        <h2 id="h-placements">{t('case.placements.heading')}</h2>
        {c.placements.length ? (
          <ul>
            {c.placements.map((p, i) => (
              <li key={i}>{t('case.placements.item', { from: p.from, to: p.to ?? '…', kind: kindLabel(p.kind), institution: p.institutionName ?? t('case.placements.unknownInstitution'), place: p.place ?? '' })}</li>
            ))}
          </ul>
        ) : (
          <p>{t('case.placements.none')}</p>
        )}
      </section>

      <section aria-labelledby="h-harms">
        <h2 id="h-harms">{t('case.harms.heading')}</h2>
        <p>{c.harms.kinds.length ? c.harms.kinds.map((k) => t(`facets:violenceKinds.${k}`)).join(', ') : t('case.harms.noKinds')}</p>
        {c.story ? (
          c.story.text !== null ? (
            <details className="assessment-case__story">
              <summary>{t('case.harms.showStory', { title: c.story.title })}</summary>
              <p className="muted">{t('case.harms.storyShared', { date: instant(c.story.sharedOn) })}</p>
              <p className="assessment-case__account">{c.story.text}</p>
            </details>
          ) : (
            <p>{c.story.withdrawn ? t('case.harms.storyWithdrawn') : t('case.harms.monumentStory')}</p>
          )
        ) : null}
        {c.harms.account ? (
          <details>
            <summary>{t('case.harms.showAccount')}</summary>
            <p className="assessment-case__account">{c.harms.account}</p>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="h-evidence">
        <h2 id="h-evidence">{t('case.evidence.heading')}</h2>
        {c.recordsSearchRequested ? <p>{t('case.evidence.recordsSearch')}</p> : null}
        {c.documents.length ? (
          <ul>
            {c.documents.map((d) => (
              <li key={d.id}>{t('case.evidence.document', { type: t(`documentType.${d.type}`), name: d.fileName, size: formatBytes(d.byteSize) })}</li>
            ))}
          </ul>
        ) : (
          <p>{t('case.evidence.none')}</p>
        )}
      </section>

      <section aria-labelledby="h-checklist">
        <h2 id="h-checklist">{t('case.checklist.heading')}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="checklist" />
          <fieldset>
            <legend>{t('case.checklist.legend')}</legend>
            {c.checklistItems.map((item) => (
              <div className="field" key={item}>
                <input
                  type="checkbox"
                  id={`cl-${item}`}
                  name="items"
                  value={item}
                  defaultChecked={Boolean(c.checklist[item])}
                  aria-describedby={item === 'authorisation' ? 'cl-authorisation-present' : undefined}
                />
                <label htmlFor={`cl-${item}`}>{t(`case.checklist.items.${item}`)}</label>
                {item === 'authorisation' ? (
                  // What the applicant uploaded, so the assessor does not have to search the documents for it.
                  <p id="cl-authorisation-present" className="field__hint">
                    {t(c.authorisationPresent ? 'case.checklist.authorisationPresent' : 'case.checklist.authorisationMissing')}
                  </p>
                ) : null}
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t('case.checklist.save')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="h-questions">
        <h2 id="h-questions">{t('case.questions.heading')}</h2>
        {c.informationRequests.length ? (
          <ul>
            {c.informationRequests.map((r) => (
              <li key={r.id}>
                <p>{t('case.questions.asked', { date: instant(r.askedAt), question: r.question })}</p>
                <p>{r.answer ? t('case.questions.answered', { date: instant(r.answeredAt), answer: r.answer }) : t('case.questions.waiting')}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('case.questions.none')}</p>
        )}
        {canAsk ? (
          <Form method="post">
            <input type="hidden" name="intent" value="requestInformation" />
            <div className="field">
              <label htmlFor="question">{t('case.questions.label')}</label>
              <p className="field__hint" id="question-hint">
                {t('case.questions.hint')}
              </p>
              <textarea id="question" name="question" rows={4} required aria-describedby="question-hint" defaultValue={keptValue('requestInformation', 'question')} />
            </div>
            <button type="submit" className="button">
              {t('case.questions.submit')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="h-related">
        <h2 id="h-related">{t('case.related.heading')}</h2>
        <p>{t('case.related.help')}</p>
        {c.related.stories.length ? (
          <ul>
            {c.related.stories.map((s) => (
              <li key={s.id}>{s.title || t('case.related.untitled')}</li>
            ))}
          </ul>
        ) : (
          <p>{t('case.related.noStories')}</p>
        )}
        <p>{t('case.related.otherApplications', { count: c.related.otherApplications })}</p>
      </section>

      <section aria-labelledby="h-notes">
        <h2 id="h-notes">{t('case.notes.heading')}</h2>
        {c.notes.length ? (
          <ul>
            {c.notes.map((n) => (
              <li key={n.id}>{t('case.notes.item', { date: instant(n.createdAt), author: n.author ?? '–', body: n.body })}</li>
            ))}
          </ul>
        ) : (
          <p>{t('case.notes.none')}</p>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="note" />
          <div className="field">
            <label htmlFor="note-body">{t('case.notes.label')}</label>
            <textarea id="note-body" name="body" rows={3} required defaultValue={keptValue('note', 'body')} />
          </div>
          <button type="submit" className="button">
            {t('case.notes.submit')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="h-assessment">
        <h2 id="h-assessment">{t('case.assessment.heading')}</h2>
        {open ? (
          <div className="card">
            <p>{t('case.assessment.openProposal', { outcome: t(`outcome.${open.outcome}`) })}</p>
            {open.reasonCode ? <p>{t('case.assessment.reason', { reason: reasonLabel(open.reasonCode) })}</p> : null}
            <p>{t('case.assessment.motivation', { motivation: open.motivation })}</p>
            {open.byMe ? (
              <p>{t('case.assessment.ownProposal')}</p>
            ) : (
              <>
                <Form method="post">
                  <input type="hidden" name="intent" value="confirm" />
                  <p className="muted">{t('case.assessment.confirmHelp')}</p>
                  <button type="submit" className="button button--primary">
                    {t('case.assessment.confirm')}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="return" />
                  <div className="field">
                    <label htmlFor="return-note">{t('case.assessment.returnNote')}</label>
                    <textarea id="return-note" name="note" rows={3} required defaultValue={keptValue('return', 'note')} />
                  </div>
                  <button type="submit" className="button">
                    {t('case.assessment.return')}
                  </button>
                </Form>
              </>
            )}
          </div>
        ) : null}
        {canPropose ? (
          <Form method="post">
            <input type="hidden" name="intent" value="propose" />
            <fieldset aria-describedby={fieldError('outcome') ? 'outcome-error' : undefined}>
              <legend>{t('case.assessment.outcomeLegend')}</legend>
              {fieldError('outcome') ? (
                <p id="outcome-error" className="field__error">
                  {fieldError('outcome')}
                </p>
              ) : null}
              {(['grant', 'reject', 'notEligible'] as const).map((o) => (
                <div className="field" key={o}>
                  <input type="radio" id={`outcome-${o}`} name="outcome" value={o} required defaultChecked={keptValue('propose', 'outcome') === o} />
                  <label htmlFor={`outcome-${o}`}>{t(`outcome.${o}`)}</label>
                </div>
              ))}
            </fieldset>
            <div className={`field${fieldError('reasonCode') ? ' field--invalid' : ''}`}>
              <label htmlFor="reasonCode">{t('case.assessment.reasonLabel')}</label>
              <p className="field__hint" id="reason-hint">
                {t('case.assessment.reasonHint')}
              </p>
              {fieldError('reasonCode') ? (
                <p id="reasonCode-error" className="field__error">
                  {fieldError('reasonCode')}
                </p>
              ) : null}
              <select
                id="reasonCode"
                name="reasonCode"
                defaultValue={keptValue('propose', 'reasonCode') ?? ''}
                aria-invalid={fieldError('reasonCode') ? true : undefined}
                aria-describedby={fieldError('reasonCode') ? 'reason-hint reasonCode-error' : 'reason-hint'}
              >
                <option value="">{t('case.assessment.noReason')}</option>
                {c.rejectionReasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {lng === 'en' ? r.en : r.nl}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${fieldError('motivation') ? ' field--invalid' : ''}`}>
              <label htmlFor="motivation">{t('case.assessment.motivationLabel')}</label>
              {fieldError('motivation') ? (
                <p id="motivation-error" className="field__error">
                  {fieldError('motivation')}
                </p>
              ) : null}
              <textarea
                id="motivation"
                name="motivation"
                rows={5}
                required
                defaultValue={keptValue('propose', 'motivation')}
                aria-invalid={fieldError('motivation') ? true : undefined}
                aria-describedby={fieldError('motivation') ? 'motivation-error' : undefined}
              />
            </div>
            <button type="submit" className="button button--primary">
              {t('case.assessment.propose')}
            </button>
          </Form>
        ) : null}
        {c.assessments.length ? (
          <>
            <h3>{t('case.assessment.history')}</h3>
            <ul>
              {c.assessments.map((a) => (
                <li key={a.id}>
                  {t('case.assessment.historyItem', { date: instant(a.proposedAt), outcome: t(`outcome.${a.outcome}`), status: t(`assessmentStatus.${a.status}`) })}
                  {a.returnNote ? ` ${t('case.assessment.returnedWith', { note: a.returnNote })}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="h-conflict">
        <h2 id="h-conflict">{t('case.conflict.heading')}</h2>
        <p>{t('case.conflict.help')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="declareConflict" />
          <button type="submit" className="button">
            {t('case.conflict.declare')}
          </button>
        </Form>
      </section>
    </div>
  )
}
