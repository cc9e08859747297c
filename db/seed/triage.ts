import type { DbOrTx } from '../client.server'

/** Demo help requests for development (filled by the triage capability). */
export async function seedTriageDemo(_tx: DbOrTx, _demo: { survivorId: string; triageId: string }) {}
