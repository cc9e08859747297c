import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getUser } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { listSchemeOverview } from '~/scheme/overview.server'
import { formatLongDate } from '~/scheme/dates'
import { localise } from '~/scheme/scheme-config'
import { titleMeta } from '~/utils/meta'
import { publicPageHeaders } from '~/utils/public-page'
import { intlLocale } from '~/i18n/config'

export const handle = { i18n: ['scheme', 'facets'] }
export const meta = titleMeta
export const headers = publicPageHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return { title: await getPageTitle(request, 'overview.title', 'scheme'), signedIn: Boolean(user), schemes: await listSchemeOverview() }
}

export default function SchemeOverview() {
  const { t, i18n } = useTranslation(['scheme', 'facets'])
  const { schemes, signedIn } = useLoaderData<typeof loader>()
  const lng = i18n.language
  const date = (iso: string) => formatLongDate(iso, lng)
  const money = (cents: number) => new Intl.NumberFormat(intlLocale(lng), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100)
  return (
    <div className="page scheme-overview">
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.lead')}</p>
      <p>{t('overview.notDamages')}</p>
      {schemes.map(({ config: s, open }) => (
        <section key={`${s.code}-${s.version}`} className="card scheme-card" aria-labelledby={`scheme-${s.code}`}>
          <h2 id={`scheme-${s.code}`}>{localise(s.name, lng)}</h2>
          <p>
            <span className={`tag scheme-open scheme-open--${open ? 'yes' : 'no'}`}>{open ? t('overview.open') : t('overview.closed')}</span>
          </p>
          {s.demonstration ? <p className="notice">{t('overview.demonstration')}</p> : null}
          <dl className="facts">
            <dt>{t('overview.window')}</dt>
            <dd>{t('overview.windowValue', { opens: date(s.applicationWindow.opens), closes: date(s.applicationWindow.closes) })}</dd>
            <dt>{t('overview.amount')}</dt>
            <dd>{t(s.amount.fixed ? 'overview.amountFixed' : 'overview.amountUpTo', { amount: money(s.amount.cents) })}</dd>
            <dt>{t('overview.who')}</dt>
            <dd>
              {t('overview.whoValue', {
                from: date(s.eligiblePeriod.from),
                to: date(s.eligiblePeriod.to),
                age: s.ageRule.defaultMaxAge,
                extendedAge: s.ageRule.extendedMaxAge,
                extendedBefore: date(s.ageRule.extendedBefore),
              })}
            </dd>
            <dt>{t('overview.places')}</dt>
            <dd>
              <ul>
                {s.placementKinds.map((k) => (
                  <li key={k.code}>{localise(k.label, lng)}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('overview.harms')}</dt>
            <dd>{s.harmKinds.map((k) => t(`facets:violenceKinds.${k}`)).join(', ')}</dd>
            <dt>{t('overview.applicants')}</dt>
            <dd>
              <ul>
                <li>{t('overview.applicantSelf')}</li>
                {s.applicantKinds.representative ? <li>{t('overview.applicantRepresentative')}</li> : null}
                {s.applicantKinds.relative ? (
                  <li>
                    {t('overview.applicantRelative', {
                      from: date(s.applicantKinds.relative.survivorDiedBetween.from),
                      before: date(s.applicantKinds.relative.survivorDiedBetween.to),
                    })}
                  </li>
                ) : null}
              </ul>
            </dd>
            <dt>{t('overview.terms')}</dt>
            <dd>
              {t('overview.termsValue', {
                acknowledge: s.terms.acknowledgeWithinDays,
                decide: s.terms.decideWithinWeeks,
                pay: s.terms.paymentWithinDays,
                objection: s.terms.objectionWithinWeeks,
              })}
            </dd>
            <dt>{t('overview.proof')}</dt>
            <dd>{t('overview.proofValue')}</dd>
          </dl>
          {s.legalBasis.url ? (
            <p>
              <a href={s.legalBasis.url}>{t('overview.legalBasis', { reference: s.legalBasis.reference })}</a>
            </p>
          ) : null}
          {open ? (
            <>
              <p>
                <Link className="button button--primary" to="/regeling/aanvraag">
                  {signedIn ? t('overview.start') : t('overview.startSignIn')}
                </Link>
              </p>
              <p>
                <a href="/regeling/formulier.pdf" download>
                  {t('overview.paperForm')}
                </a>
              </p>
            </>
          ) : (
            <div className="scheme-closed">
              <h3>{t('overview.closedTitle')}</h3>
              <p>{t('overview.closedText', { closes: date(s.applicationWindow.closes) })}</p>
              <ul>
                <li>{t('overview.closedObjection', { weeks: s.terms.objectionWithinWeeks })}</li>
                <li>
                  <Link to="/hulp">{t('overview.closedHelp')}</Link>
                </li>
                <li>
                  <Link to="/hulp">{t('overview.closedPeers')}</Link>
                </li>
                <li>
                  <Link to="/verhalen">{t('overview.closedStories')}</Link>
                </li>
              </ul>
            </div>
          )}
        </section>
      ))}
      <p>
        <Link to="/mijn-aanvraag">{t('overview.myApplication')}</Link>
      </p>
    </div>
  )
}
