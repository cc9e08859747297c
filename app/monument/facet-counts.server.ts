import { and, inArray, ne, sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { storyFacetCounts } from '@db/schema/publication'
import { FACET_FILTERS, type FacetName } from './reading-schemas'
import type { FacetCounts, Reader } from './reading.server'

/** The facet counts of every visible story, as the triggers on `stories` keep them (ADR 0033). */
export async function keptFacetCounts(reader: Reader, tx: DbOrTx = defaultDb): Promise<FacetCounts> {
  const audiences = reader.survivor ? ['public', 'fellowSurvivors'] : ['public']
  const rows = await tx
    .select({ facet: storyFacetCounts.facet, value: storyFacetCounts.value, n: sql<number>`sum(${storyFacetCounts.n})::int` })
    .from(storyFacetCounts)
    .where(and(inArray(storyFacetCounts.audience, audiences), ne(storyFacetCounts.n, 0)))
    .groupBy(storyFacetCounts.facet, storyFacetCounts.value)
  const counts = Object.fromEntries(FACET_FILTERS.map((f) => [f.name, {}])) as FacetCounts
  for (const r of rows) if (r.facet in counts && Number(r.n) > 0) counts[r.facet as FacetName][r.value] = Number(r.n)
  return counts
}
