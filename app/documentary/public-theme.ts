import type { TFunction } from 'i18next'
import type { PublicTheme } from './public-types'

const FACET_GROUP: Record<string, string> = {
  period: 'decades',
  setting: 'settings',
  violenceKind: 'violenceKinds',
}

/** "Periode: Jaren 60" — a facet theme in the reader's language; a named history as the curator wrote it. */
export function themeLabel(t: TFunction, theme: PublicTheme): string {
  const group = FACET_GROUP[theme.kind]
  const value = group ? t(`facets:${group}.${theme.value}`, { defaultValue: theme.value }) : theme.value
  return t('documentary:public.theme', {
    kind: t(`documentary:public.themeKinds.${theme.kind}`, {
      defaultValue: '',
    }),
    value,
  })
}

const SUB_REPORTS = ['fosterCare', 'residential', 'disability', 'mentalHealth', 'blindDeaf', 'judicial', 'unaccompanied']

/** The title of the commission report a passage comes from (the keys of /verhalen/rapporten). */
export function reportTitle(t: TFunction, reportRef: string): string {
  if (SUB_REPORTS.includes(reportRef)) return t(`reading:reports.sub.items.${reportRef}`)
  if (reportRef === 'followUp') return t('reading:reports.followUp.title')
  return t('reading:reports.main.title')
}
