import type { DbOrTx } from '../client.server'

/** The schemes (reference data, every environment): the real closed scheme and an open demonstration. */
export async function seedSchemes(_tx: DbOrTx) {}

/** Demo applications for development (filled by the scheme capability). */
export async function seedSchemeDemo(_tx: DbOrTx, _demo: { survivorId: string }) {}
