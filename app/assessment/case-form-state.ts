import { useTranslation } from 'react-i18next'
import { formatLongDate } from '~/scheme/dates'
import { formatDate } from '~/utils/format-date'
import type { KEPT_FIELDS } from './case-action-schema'

type KeptField = (typeof KEPT_FIELDS)[number]

/** What the case page's action answered: a done message, or a refusal with what was sent. */
export type CaseActionResult = { ok: string | null; error: string | null; field?: string | null; intent?: string; values?: Partial<Record<KeptField, string>> } | undefined

/** After a refusal, the form that was sent shows what was in it again; its field error stands next to the field. */
export function useCaseFormState(result: CaseActionResult) {
  const { t } = useTranslation('assessment')
  return {
    keptValue: (intent: string, name: KeptField) => (result?.intent === intent ? result.values?.[name] : undefined),
    fieldError: (name: string) => (result?.field === name && result.error ? t(`errors.${result.error}`) : null),
  }
}
export type CaseFormState = ReturnType<typeof useCaseFormState>

/** Dates as the assessor reads them: a scheme date ('1 mei 2026') or a moment, '–' when absent. */
export function useCaseDates() {
  const { i18n } = useTranslation('assessment')
  const lng = i18n.language
  return {
    date: (d: string | null) => (d ? formatLongDate(d, lng) : '–'),
    instant: (d: string | Date | null) => (d ? formatDate(d, lng) : '–'),
  }
}
