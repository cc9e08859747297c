import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, SelectField, StatusMessage } from '~/components/forms'
import type { Answers } from './answers'
import { EVIDENCE_TYPES } from './application-form'
import { SaveButtons } from './components'
import { DocumentList, FileField, type Result } from './form-pieces'

/** The evidence: documents uploaded one at a time (streamed), and whether the fund should search the records. */
export function EvidenceForm({
  answers,
  documents,
  lastResult,
  added,
}: {
  answers: Answers
  documents: Array<{ id: string; type: string; fileName: string }>
  lastResult: Result
  added: boolean
}) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm<{ type?: string; file?: string; searchRecords?: string }>({ lastResult, defaultValue: { searchRecords: answers.evidence?.searchRecords ? 'on' : undefined }, shouldValidate: 'onSubmit' })
  return (
    <>
      {added ? <StatusMessage>{t('evidence.added')}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <h2>{t('evidence.listTitle')}</h2>
        {documents.length === 0 ? (
          <p>{t('evidence.none')}</p>
        ) : (
          <DocumentList documents={documents} labelOf={(d) => `${t(`evidence.types.${d.type}`)}: ${d.fileName}`} />
        )}
        <fieldset className="scheme-group">
          <legend>{t('evidence.addTitle')}</legend>
          <SelectField
            meta={fields.type}
            label={t('evidence.type')}
            options={EVIDENCE_TYPES.map((v) => ({ value: v, label: t(`evidence.types.${v}`) }))}
            emptyLabel={t('placements.choose')}
          />
          <FileField id="evidence-file" name="file" label={t('evidence.file')} hintId="evidence-file-hint" errorId="evidence-file-error" errors={fields.file?.errors ?? []} />
          <button type="submit" name="intent" value="upload" className="button">
            {t('evidence.upload')}
          </button>
        </fieldset>
        <div className="field">
          <input {...getInputProps(fields.searchRecords, { type: 'checkbox', value: 'on' })} />{' '}
          <label htmlFor={fields.searchRecords.id}>{t('evidence.searchRecords')}</label>
          <p className="field__hint">{t('evidence.searchRecordsHint')}</p>
        </div>
        <SaveButtons />
      </Form>
    </>
  )
}
