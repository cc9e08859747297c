import type { DbOrTx } from '../client.server'

/** Demo stories for development (filled by the monument capability). */
export async function seedMonumentDemo(_tx: DbOrTx, _demo: { survivorId: string }) {}
