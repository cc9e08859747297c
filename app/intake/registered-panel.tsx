import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * Shown once, right after registering: the reference and the letter code. The code is not
 * stored in readable form, so the first letter is printed from here (its form sends the code
 * back; the letter route prints it only when it matches the application).
 */
export function RegisteredPanel({ applicationId, reference, letterCode }: { applicationId: string; reference: string; letterCode: string }) {
  const { t } = useTranslation('intake')
  return (
    <section className="confirmation-panel" aria-labelledby="registered-title">
      <h2 id="registered-title">{t('registered.title')}</h2>
      <p>{t('registered.reference', { reference })}</p>
      <p>{t('registered.codeIntro')}</p>
      <p className="letter-code" aria-label={t('registered.codeLabel')}>
        <strong>{letterCode}</strong>
      </p>
      <p>{t('registered.codeOnce')}</p>
      <Form method="post" action={`/beheer/aanvragen/${applicationId}/brief`} reloadDocument>
        <input type="hidden" name="code" value={letterCode} />
        <button type="submit" className="button button--primary">
          {t('registered.printLetter')}
        </button>
      </Form>
      <p>
        <Link to={`/beheer/aanvragen/${applicationId}`}>{t('registered.toCase')}</Link>
      </p>
      <p>
        <Link to="/beheer/aanvragen/registreren" reloadDocument>
          {t('registered.another')}
        </Link>
      </p>
    </section>
  )
}
