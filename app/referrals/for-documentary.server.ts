import { type DbOrTx } from '@db/client.server'
import type { Lng } from '~/i18n/config'
import type { DirectoryEntryView } from './directory.server'
import { matchEntries } from './matching.server'
import { MatchQuerySchema, type MatchQuery } from './schemas'

/**
 * A documentary help block (ADR 0029): the directory's matching for the facets a curator chose,
 * exactly as a story page matches a story's facets. Facets that are not (any longer) valid are
 * left out rather than failing the chapter.
 */
export type HelpFacets = { setting?: string; decade?: string; region?: string; need?: string }

export async function matchHelpForFacets({ facets, locale, limit = 4, tx }: { facets: HelpFacets; locale: Lng; limit?: number; tx?: DbOrTx }): Promise<DirectoryEntryView[]> {
  const clean: Record<string, string> = {}
  for (const key of ['setting', 'decade', 'region', 'need'] as const) {
    const value = facets[key]
    if (value && MatchQuerySchema.safeParse({ [key]: value }).success) clean[key] = value
  }
  // Every value passed MatchQuerySchema above, one by one.
  const query = clean as MatchQuery
  const matches = await matchEntries({ locale, ...query, limit, ...(tx ? { tx } : {}) })
  return matches.map((m) => m.entry)
}
