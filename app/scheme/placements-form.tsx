import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { ChoiceGroup, ErrorSummary, Field, SelectField, StatusMessage } from '~/components/forms'
import type { Answers } from './answers'
import type { PlacementSchema } from './application-form'
import { named, type Result } from './form-pieces'

/** The placements, one at a time: the list so far with a remove button each, and the form for the next. */
export function PlacementsForm({
  answers,
  placementKinds,
  subjectName,
  lastResult,
  added,
}: {
  answers: Answers
  placementKinds: Array<{ value: string; label: string }>
  subjectName: string | null
  lastResult: Result
  added: boolean
}) {
  const { t } = useTranslation('scheme')
  const [form, fields] = useForm<z.input<typeof PlacementSchema>>({
    lastResult,
    defaultValue: { inNetherlands: 'yes' },
    shouldValidate: 'onSubmit',
  })
  const placements = answers.placements ?? []
  const kinds = [...placementKinds, { value: 'adoption', label: t('placements.adoption') }, { value: 'other', label: t('placements.otherKind') }]
  const labelOf = (code: string) => kinds.find((k) => k.value === code)?.label ?? code
  return (
    <>
      {added ? <StatusMessage>{t('placements.added')}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <h2>{t('placements.listTitle')}</h2>
        {placements.length === 0 ? (
          <p>{t('placements.none')}</p>
        ) : (
          <ol className="scheme-placements">
            {placements.map((p, i) => (
              <li key={`${p.from}-${p.place}-${i}`}>
                <dl className="facts">
                  <dt>{t('placements.period')}</dt>
                  <dd>{`${p.from} – ${p.to ?? t('placements.unknownEnd')}`}</dd>
                  <dt>{t('placements.kind')}</dt>
                  <dd>{labelOf(p.kind)}</dd>
                  <dt>{t('placements.place')}</dt>
                  <dd>{p.place}</dd>
                  <dt>{t('placements.municipality')}</dt>
                  <dd>{p.municipality}</dd>
                </dl>
                <button type="submit" name="intent" value={`remove-${i}`} className="link-button" formNoValidate>
                  {t('placements.remove', { number: i + 1 })}
                </button>
              </li>
            ))}
          </ol>
        )}
        <fieldset className="scheme-group">
          <legend>{placements.length === 0 ? t('placements.addFirst') : t('placements.addAnother')}</legend>
          <Field meta={fields.from} label={t('placements.from')} hint={t('placements.monthHint')} inputMode="numeric" />
          <Field meta={fields.to} label={t('placements.to')} hint={t('placements.toHint')} inputMode="numeric" />
          <SelectField meta={fields.kind} label={t('placements.kind')} options={kinds} emptyLabel={t('placements.choose')} />
          <Field meta={fields.place} label={t('placements.place')} hint={t('placements.placeHint')} />
          <Field meta={fields.municipality} label={t('placements.municipality')} />
          <Field meta={fields.placedBy} label={t('placements.placedBy', named(subjectName))} hint={t('placements.placedByHint')} />
          <ChoiceGroup className="scheme-choices"
            meta={fields.inNetherlands}
            legend={t('placements.inNetherlands')}
            type="radio"
            options={[
              { value: 'yes', label: t('check.yes') },
              { value: 'no', label: t('check.no') },
            ]}
          />
          <button type="submit" name="intent" value="add" className="button">
            {t('placements.add')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" name="intent" value="continue" className="button button--primary" formNoValidate>
            {t('placements.done')}
          </button>
          <button type="submit" name="intent" value="later" className="button" formNoValidate>
            {t('form.saveLater')}
          </button>
        </div>
      </Form>
    </>
  )
}
