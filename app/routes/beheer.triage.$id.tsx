import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import type { Language, Need, Region, Setting } from '~/facets/facets'
import { fallbackLng, isLng } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { listReferralTargets } from '~/referrals/directory-admin.server'
import { matchEntries } from '~/referrals/matching.server'
import { useClearAfterSend } from '~/triage/components'
import { listTriageWorkers, openRequestForStaff } from '~/triage/requests.server'
import { ATTEMPT_OUTCOMES, CLOSE_REASONS, CONTACT_CHANNELS, SHAREABLE_FIELDS } from '~/triage/schemas'
import { handleStaffAction } from '~/triage/staff-actions.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { formatDateTime } from '~/utils/format-date'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  const view = await openRequestForStaff({ worker: ctx.user, requestId: params.id ?? '', ip: clientIp(context) })
  if (!view) throw new Response('Not found', { status: 404 })
  const title = await getPageTitle(request, 'detail.title', 'triage')
  const done = new URL(request.url).searchParams.get('klaar')
  if (view.access !== 'mine') return { title, done, view, targets: [], suggested: [], workers: [] }
  const locale = isLng(ctx.user.locale) ? ctx.user.locale : fallbackLng
  const d = view.details
  const matches = await matchEntries({
    locale,
    need: view.summary.needs[0] as Need | undefined,
    setting: (d.setting ?? undefined) as Setting | undefined,
    region: (d.region ?? undefined) as Region | undefined,
    language: view.summary.language as Language,
    limit: 5,
  })
  return {
    title,
    done,
    view,
    targets: await listReferralTargets(),
    suggested: matches.map((m) => m.entry.slug),
    workers: (await listTriageWorkers()).filter((w) => w.id !== ctx.user.id),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  const formData = await request.formData()
  const outcome = await handleStaffAction({ ctx, requestId: params.id ?? '', formData, ip: clientIp(context) })
  if (outcome.ok) return redirect(outcome.done === 'transferred' ? '/beheer/triage?klaar=transferred' : `/beheer/triage/${params.id}?klaar=${outcome.done}`)
  // A refused message or note keeps its text (the same form shows it again).
  const kept = { intent: String(formData.get('intent') ?? ''), body: String(formData.get('body') ?? '') }
  return data({ problem: outcome.problem, ...kept }, { status: outcome.problem === 'notContact' ? 403 : 400 })
}

export default function TriageRequest() {
  const { t, i18n } = useTranslation('triage')
  const { view, done, targets, suggested, workers } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const messageForm = useClearAfterSend('message', actionData?.intent === 'message')
  const s = view.summary
  const summary = (
    <dl className="facts">
      <dt>{t('detail.received')}</dt>
      <dd>{formatDateTime(s.createdAt, i18n.language)}</dd>
      <dt>{t('detail.needs')}</dt>
      <dd>{s.needs.map((n) => t(`facets:needs.${n}`)).join(', ')}</dd>
      <dt>{t('detail.language')}</dt>
      <dd>{t(`facets:languages.${s.language}`)}</dd>
      <dt>{t('detail.status')}</dt>
      <dd>{t(`status.${s.status}.short`)}</dd>
    </dl>
  )
  return (
    <div className="page page--wide">
      <p>
        <Link to="/beheer/triage">{t('detail.back')}</Link>
      </p>
      <h1>{t('detail.title')}</h1>
      {done ? <StatusMessage>{t(`detail.done.${done}`)}</StatusMessage> : null}
      {actionData?.problem ? (
        <div className="error-summary" role="alert">
          <p>{t(`detail.problems.${actionData.problem}`)}</p>
        </div>
      ) : null}
      {summary}

      {view.access === 'unassigned' ? (
        <section aria-labelledby="take-title">
          <h2 id="take-title">{t('detail.take.title')}</h2>
          <p>{t('detail.take.intro')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="take" className="button button--primary">
              {t('detail.take.submit')}
            </button>
          </Form>
        </section>
      ) : null}

      {view.access === 'foreign' ? (
        <section aria-labelledby="takeover-title" className="notice">
          <h2 id="takeover-title">{t('detail.takeOver.title')}</h2>
          <p>{t('detail.takeOver.intro')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="takeOver" className="button">
              {t('detail.takeOver.submit')}
            </button>
          </Form>
        </section>
      ) : null}

      {view.access === 'mine' ? (
        <>
          <section aria-labelledby="contact-title">
            <h2 id="contact-title">{t('detail.contact.title')}</h2>
            <dl className="facts">
              <dt>{t('detail.contact.channel')}</dt>
              <dd>{t(`channels.${view.details.channel}`)}</dd>
              {view.details.contact.phone ? (
                <>
                  <dt>{t('detail.contact.phone')}</dt>
                  <dd>{view.details.contact.phone}</dd>
                </>
              ) : null}
              {view.details.contact.email ? (
                <>
                  <dt>{t('detail.contact.email')}</dt>
                  <dd>{view.details.contact.email}</dd>
                </>
              ) : null}
              {view.details.contact.street ? (
                <>
                  <dt>{t('detail.contact.address')}</dt>
                  <dd>
                    {[view.details.contact.street, [view.details.contact.postcode, view.details.contact.town].filter(Boolean).join(' ')].join(', ')}
                  </dd>
                </>
              ) : null}
              <dt>{t('detail.contact.safeTimes')}</dt>
              <dd>{view.details.contact.safeTimes ?? t('detail.contact.notGiven')}</dd>
              <dt>{t('detail.contact.voicemail')}</dt>
              <dd>{view.details.voicemailAllowed ? t('detail.contact.voicemailYes') : t('detail.contact.voicemailNo')}</dd>
              <dt>{t('detail.contact.neutralName')}</dt>
              <dd>{view.details.contact.neutralName ?? t('detail.contact.notGiven')}</dd>
              <dt>{t('detail.contact.interpreter')}</dt>
              <dd>{t(`interpreter.${view.details.interpreter}`)}</dd>
              <dt>{t('detail.contact.background')}</dt>
              <dd>
                {[
                  view.details.setting ? t(`facets:settings.${view.details.setting}`) : null,
                  view.details.decade ? t(`facets:decades.${view.details.decade}`) : null,
                  view.details.region ? t(`facets:regions.${view.details.region}`) : null,
                ]
                  .filter(Boolean)
                  .join(', ') || t('detail.contact.notGiven')}
              </dd>
            </dl>
            {view.details.followUpDue ? <p className="flag flag--due">{t('detail.followUpDue')}</p> : null}
          </section>

          <section aria-labelledby="attempts-title">
            <h2 id="attempts-title">{t('detail.attempts.title')}</h2>
            {view.details.attempts.length ? (
              <ul>
                {view.details.attempts.map((a) => (
                  <li key={a.id}>
                    {t('detail.attempts.line', { when: formatDateTime(a.at, i18n.language), channel: t(`channels.${a.channel}`), outcome: t(`outcomes.${a.outcome}`) })}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('detail.attempts.none')}</p>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="attempt" />
              <div className="field">
                <label htmlFor="attempt-channel">{t('detail.attempts.channel')}</label>
                <select id="attempt-channel" name="channel" defaultValue={view.details.channel}>
                  {CONTACT_CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t(`channels.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="field">
                <legend>{t('detail.attempts.outcome')}</legend>
                {ATTEMPT_OUTCOMES.filter((o) => o !== 'voicemailLeft' || view.details.voicemailAllowed).map((o) => (
                  <div key={o} className="choice">
                    <input type="radio" id={`outcome-${o}`} name="outcome" value={o} />{' '}
                    <label htmlFor={`outcome-${o}`}>{t(`outcomes.${o}`)}</label>
                  </div>
                ))}
                {!view.details.voicemailAllowed ? <p className="field__hint">{t('detail.attempts.noVoicemail')}</p> : null}
              </fieldset>
              <button type="submit" className="button">
                {t('detail.attempts.submit')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="messages-title">
            <h2 id="messages-title">{t('messages.title')}</h2>
            {view.details.messages.length ? (
              <ul className="messages">
                {view.details.messages.map((m) => (
                  <li key={m.id} className={m.fromSurvivor ? 'message' : 'message message--mine'}>
                    <p className="muted">
                      {t('messages.meta', { who: m.fromSurvivor ? t('messages.fromSurvivor') : t('messages.fromTeam'), when: formatDateTime(m.at, i18n.language) })}
                    </p>
                    <p className="message__body">{m.body}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('messages.none')}</p>
            )}
            {view.details.guest && view.details.channel !== 'portal' ? <p className="field__hint">{t('detail.guestMessages')}</p> : null}
            <Form method="post" ref={messageForm}>
              <input type="hidden" name="intent" value="message" />
              <div className="field">
                <label htmlFor="staff-message">{t('messages.labelStaff')}</label>
                <textarea id="staff-message" name="body" rows={4} defaultValue={actionData?.intent === 'message' ? actionData.body : undefined} />
              </div>
              <button type="submit" className="button">
                {t('messages.send')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="notes-title">
            <h2 id="notes-title">{t('detail.notes.title')}</h2>
            <p className="field__hint">{t('detail.notes.hint')}</p>
            {view.details.notes.length ? (
              <ul>
                {view.details.notes.map((n) => (
                  <li key={n.id}>
                    <span className="muted">{formatDateTime(n.at, i18n.language)}</span> <span className="message__body">{n.body}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('detail.notes.none')}</p>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="note" />
              <div className="field">
                <label htmlFor="note-body">{t('detail.notes.label')}</label>
                <textarea id="note-body" name="body" rows={3} defaultValue={actionData?.intent === 'note' ? actionData.body : undefined} />
              </div>
              <button type="submit" className="button">
                {t('detail.notes.submit')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="referral-title">
            <h2 id="referral-title">{t('detail.referral.title')}</h2>
            {view.details.referrals.length ? (
              <ul>
                {view.details.referrals.map((r) => (
                  <li key={r.id}>
                    <strong>{r.name}</strong>{' – '}{t('detail.referral.line', { status: t(`referralStatus.${r.status}`), fields: r.fields.map((f) => t(`fields.${f}`)).join(', ') })}
                  </li>
                ))}
              </ul>
            ) : null}
            <p>{t('detail.referral.intro')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="refer" />
              <div className="field">
                <label htmlFor="referral-entry">{t('detail.referral.organisation')}</label>
                <select id="referral-entry" name="entryId" defaultValue="">
                  <option value="">{t('detail.referral.choose')}</option>
                  <optgroup label={t('detail.referral.suggested')}>
                    {suggested
                      .map((slug) => targets.find((x) => x.slug === slug))
                      .filter((x): x is (typeof targets)[number] => Boolean(x))
                      .map((x) => (
                        <option key={`s-${x.id}`} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                  </optgroup>
                  <optgroup label={t('detail.referral.all')}>
                    {targets.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </div>
              <fieldset className="field">
                <legend>{t('detail.referral.fields')}</legend>
                <p className="field__hint">{t('detail.referral.fieldsHint')}</p>
                {SHAREABLE_FIELDS.map((f) => (
                  <div key={f} className="choice">
                    <input type="checkbox" id={`share-${f}`} name="fields" value={f} defaultChecked={f === 'needs' || f === 'language' || f === 'contactDetails'} />{' '}
                    <label htmlFor={`share-${f}`}>{t(`fields.${f}`)}</label>
                  </div>
                ))}
              </fieldset>
              <div className="field">
                <input type="checkbox" id="consent-phone" name="consentGivenByPhone" value="on" />{' '}
                <label htmlFor="consent-phone">{t('detail.referral.consentByPhone')}</label>
                <p className="field__hint">{t('detail.referral.consentHint')}</p>
              </div>
              <button type="submit" className="button">
                {t('detail.referral.submit')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="status-title">
            <h2 id="status-title">{t('detail.statusActions.title')}</h2>
            {s.status !== 'inCare' ? (
              <Form method="post">
                <button type="submit" name="intent" value="inCare" className="button button--primary">
                  {t('detail.statusActions.inCare')}
                </button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <div className="field">
                <label htmlFor="close-reason">{t('detail.statusActions.closeReason')}</label>
                <select id="close-reason" name="reason" defaultValue="">
                  <option value="">{t('detail.statusActions.chooseReason')}</option>
                  {CLOSE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`closeReasons.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {t('detail.statusActions.close')}
              </button>
            </Form>
          </section>

          <section aria-labelledby="transfer-title">
            <h2 id="transfer-title">{t('detail.transfer.title')}</h2>
            <p>{t('detail.transfer.intro')}</p>
            {workers.length ? (
              <Form method="post">
                <input type="hidden" name="intent" value="transfer" />
                <div className="field">
                  <label htmlFor="transfer-to">{t('detail.transfer.to')}</label>
                  <select id="transfer-to" name="toWorkerId" defaultValue="">
                    <option value="">{t('detail.transfer.choose')}</option>
                    {workers.map((w) => (
                      <option key={w.id} value={w.id}>
                        {w.displayName}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button">
                  {t('detail.transfer.submit')}
                </button>
              </Form>
            ) : (
              <p>{t('detail.transfer.noOne')}</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  )
}
