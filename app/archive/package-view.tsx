import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '~/components/forms'
import { formatDateTime } from '~/utils/format-date'

export type PackageFacts = {
  ref: string
  builtAt: string
  byteSize: number
  sha256: string
  files: string[]
  handedOverAt: string | null
  receiptReference: string | null
}

/** The hand-over form: the receiving archive's receipt reference. What was typed stays after an error. */
function HandoverForm({ lastResult, problem }: { lastResult?: SubmissionResult<string[]>; problem?: string }) {
  const { t } = useTranslation('archive')
  const [form, fields] = useForm<{ receiptReference: string }>({ id: 'handover', lastResult, shouldValidate: 'onSubmit' })
  return (
    <section aria-labelledby="handover-title">
      <h2 id="handover-title">{t('handover.title')}</h2>
      <p>{t('handover.lead')}</p>
      {problem ? (
        <p className="field__error" role="alert">
          {t(`handover.problems.${problem}`)}
        </p>
      ) : null}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.receiptReference} label={t('handover.receiptReference')} hint={t('handover.receiptHint')} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t('handover.submit')}
        </button>
      </Form>
    </section>
  )
}

/** One archive package: what is in it, its checksum, a download, and its hand-over. */
export function PackageView({ pkg, lastResult, problem }: { pkg: PackageFacts; lastResult?: SubmissionResult<string[]>; problem?: string }) {
  const { t, i18n } = useTranslation('archive')
  return (
    <>
      <dl className="facts">
        <dt>{t('package.ref')}</dt>
        <dd>{pkg.ref}</dd>
        <dt>{t('package.builtAt')}</dt>
        <dd>{formatDateTime(pkg.builtAt, i18n.language)}</dd>
        <dt>{t('package.size')}</dt>
        <dd>{t('package.bytes', { count: pkg.byteSize, formatted: new Intl.NumberFormat(i18n.language).format(pkg.byteSize) })}</dd>
        <dt>{t('package.sha256')}</dt>
        <dd>
          <code className="checksum">{pkg.sha256}</code>
        </dd>
      </dl>
      <p>
        <a href={`/beheer/archief/${encodeURIComponent(pkg.ref)}/download`} download>
          {t('package.download')}
        </a>
      </p>
      <section aria-labelledby="files-title">
        <h2 id="files-title">{t('package.filesTitle', { count: pkg.files.length })}</h2>
        <ul className="file-list">
          {pkg.files.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      </section>
      {pkg.handedOverAt ? (
        <section aria-labelledby="handover-title">
          <h2 id="handover-title">{t('handover.title')}</h2>
          <p role="status">{t('handover.done', { date: formatDateTime(pkg.handedOverAt, i18n.language), receipt: pkg.receiptReference ?? '' })}</p>
        </section>
      ) : (
        <HandoverForm lastResult={lastResult} problem={problem} />
      )}
    </>
  )
}
