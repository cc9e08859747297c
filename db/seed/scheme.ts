import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { SCHEMES } from '~/scheme/schemes'
import type { DbOrTx } from '../client.server'
import { stories } from '../schema/monument'
import { schemes } from '../schema/scheme'

/** The schemes (reference data, every environment): the real closed scheme and an open demonstration, upserted by (code, version). */
export async function seedSchemes(tx: DbOrTx) {
  for (const config of SCHEMES) {
    await tx
      .insert(schemes)
      .values({ code: config.code, version: config.version, config })
      .onConflictDoUpdate({ target: [schemes.code, schemes.version], set: { config } })
  }
}

/**
 * Demo data for development: the demo survivor needs a story of their own to try "use my
 * monument story". The monument's seed runs first; only when it gave them none is one added
 * here (a draft: it is only theirs, nobody else reads it).
 */
export async function seedSchemeDemo(tx: DbOrTx, { survivorId }: { survivorId: string }) {
  const [own] = await tx.select({ id: stories.id }).from(stories).where(eq(stories.authorId, survivorId)).limit(1)
  if (own) return
  await tx.insert(stories).values({
    authorId: survivorId,
    slug: randomBytes(9).toString('base64url'),
    title: 'Mijn jaren in het tehuis',
    body: 'Ik was negen toen ik werd opgenomen. Wat daar gebeurde heb ik lang voor mezelf gehouden. Dit verhaal schreef ik eerst voor mezelf.',
    decades: ['1970s'],
    settings: ['residentialGroup'],
    violenceKinds: ['physical', 'psychological'],
  })
}
