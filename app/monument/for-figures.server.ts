import { sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'
import { suppressCounts, suppressTotal, type PublishedCount } from './figure-suppression'
import { visibleTo } from './reading.server'

/**
 * Sector figures of the monument for the public page /verhalen/cijfers (issue 15): published
 * stories that anyone may read, counted by decade, setting and region. Only counts leave this
 * module, each group under five suppressed (figure-suppression.ts); no title, no slug, no date.
 * A story may name several decades and settings, so those rows add up to more than the total.
 */
export type SectorFigures = {
  total: PublishedCount
  decades: PublishedCount[]
  settings: PublishedCount[]
  regions: PublishedCount[]
}

async function countBy(column: 'decades' | 'settings', keys: readonly string[], tx: DbOrTx) {
  const col = column === 'decades' ? stories.decades : stories.settings
  const rows = await tx.execute<{ key: string; n: number }>(
    sql`select v as key, count(*)::int as n from ${stories}, unnest(${col}) as v where ${visibleTo({ survivor: false })} group by v`,
  )
  const found = new Map(rows.map((r) => [r.key, Number(r.n)]))
  return keys.map((key) => ({ key, count: found.get(key) ?? 0 }))
}

export async function getSectorFigures({ tx = defaultDb }: { tx?: DbOrTx } = {}): Promise<SectorFigures> {
  const [totalRow] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${stories} where ${visibleTo({ survivor: false })}`)
  const regionRows = await tx.execute<{ key: string | null; n: number }>(
    sql`select ${stories.region} as key, count(*)::int as n from ${stories} where ${visibleTo({ survivor: false })} group by ${stories.region}`,
  )
  const regions = new Map(regionRows.map((r) => [r.key ?? 'unknown', Number(r.n)]))
  return {
    total: suppressTotal(Number(totalRow?.n ?? 0)),
    decades: suppressCounts(await countBy('decades', DECADES, tx)),
    settings: suppressCounts(await countBy('settings', SETTINGS, tx)),
    regions: suppressCounts([...REGIONS, 'unknown'].map((key) => ({ key, count: regions.get(key) ?? 0 }))),
  }
}
