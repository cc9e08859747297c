import type { Levels, Qis } from './k-anonymity'

/** One row of a research dataset: no author, no names, no media, no dates that could link back. */
export type ResearchRow = { pseudonym: string; title: string; text: string; contentNote: string | null } & Qis

export const CSV_COLUMNS = ['pseudonym', 'title', 'text', 'content_note', 'decade', 'setting', 'region', 'institution'] as const

/**
 * One CSV cell, RFC 4180 (always quoted, quotes doubled) and safe to open in a spreadsheet: a
 * cell that starts with = + - @ tab or carriage return gets a leading apostrophe, so a story
 * that begins with "=HYPERLINK(…)" stays text instead of becoming a formula.
 */
export function csvCell(value: string | null): string {
  const v = value ?? ''
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return `"${safe.replace(/"/g, '""')}"`
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

export function csvRow(r: ResearchRow): string {
  return `${[r.pseudonym, r.title, r.text, r.contentNote, r.decade, r.setting, r.region, r.institution].map(csvCell).join(',')}\r\n`
}

export function jsonRow(r: ResearchRow): string {
  return JSON.stringify({ pseudonym: r.pseudonym, title: r.title, text: r.text, contentNote: r.contentNote, decade: r.decade, setting: r.setting, region: r.region, institution: r.institution })
}

export type ReadmeFacts = {
  project: { title: string; organisation: string; ethicsReference: string | null; dataUseAgreementOn: string | null; endsOn: string }
  exportId: string
  exportedAt: Date
  format: 'csv' | 'json'
  storyCount: number
  k: number
  levels: Levels
  suppressedQis: number
  droppedRecords: number
}

const LEVEL_NAMES: Record<keyof Levels, string[]> = {
  decade: ['decade (e.g. 1970s)', '20-year span (e.g. 1960-1979)', 'era (1940-1979 or 1980-2019)', 'removed (*)'],
  setting: ['kind of setting (e.g. fosterFamily)', 'setting group (family, residential, careInstitution, other)', 'removed (*)'],
  region: ['province (national = the whole country)', 'part of the country (north, east, west, south, national)', 'removed (*)'],
  institution: ['institution name (lower case; names fewer than k stories share are removed)', 'removed (*)'],
}

/** The README that travels with every dataset (English: the language of most research data stewards). */
export function buildReadme(f: ReadmeFacts): string {
  const file = f.format === 'csv' ? 'stories.csv' : 'stories.jsonl'
  return `# Research dataset: ${f.project.title}

Organisation: ${f.project.organisation}
Ethics approval reference: ${f.project.ethicsReference ?? '-'}
Data-use agreement dated: ${f.project.dataUseAgreementOn ?? '-'}
Project ends: ${f.project.endsOn}
Export: ${f.exportId}, ${f.exportedAt.toISOString()}
Stories: ${f.storyCount}

## What this is
Stories from the digital monument whose authors gave consent to research use. Each story is the
text as published on the monument, after moderation: names and other details of third parties that
the moderator marked were removed and replaced by a placeholder such as "[naam weggelaten]".
There are no author names, e-mail addresses, photos, audio or video in this dataset.

## File: ${file}
${f.format === 'csv' ? 'CSV (RFC 4180, UTF-8, CRLF, every field quoted). A cell that would start with = + - @ tab or CR starts with an apostrophe, so spreadsheets do not run it as a formula.' : 'JSON Lines: one JSON object per line, UTF-8.'}

| field | meaning |
|---|---|
| pseudonym | the story's number in THIS project only (HMAC-SHA256 of a project secret and the story, base32). Another project gets another number for the same story. |
| title | the published title |
| text | the published text |
| content_note / contentNote | the published content note, if any |
| decade | period of the placement, generalised (see below) |
| setting | kind of youth care, generalised |
| region | province or part of the country, generalised |
| institution | the institution, only when at least k stories name it; otherwise * |

## Anonymisation
Quasi-identifiers: decade, setting, region, institution. Every combination of their values occurs at
least k = ${f.k} times in this file. Generalisation applied to the whole file:
- decade: ${LEVEL_NAMES.decade[f.levels.decade]}
- setting: ${LEVEL_NAMES.setting[f.levels.setting]}
- region: ${LEVEL_NAMES.region[f.levels.region]}
- institution: ${LEVEL_NAMES.institution[f.levels.institution]}
Stories whose quasi-identifiers were all removed (*): ${f.suppressedQis}. Stories left out because even
then fewer than k remained: ${f.droppedRecords}. "*" means removed or unknown.
Do not try to re-identify anyone, and do not link this file with other data about the same people.

## Deletion duty
Authors can withdraw their consent at any time. When that happens after you received their story,
you get a deletion notice on the research page of the portal naming the pseudonym: delete the story
from every copy of this dataset and from your working files, and acknowledge the notice there.
Later exports never contain a withdrawn story.
`
}
