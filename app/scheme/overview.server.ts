import { listSchemes } from './scheme-registry.server'
import { isSchemeOpen } from './scheme-config'

/** Every scheme with whether it takes applications today: open ones first, then the closed history. */
export async function listSchemeOverview({ now = new Date() }: { now?: Date } = {}) {
  const rows = await listSchemes()
  return rows
    .map((r) => ({ config: r.config, open: isSchemeOpen(r.config, now) }))
    .sort((a, b) => Number(b.open) - Number(a.open) || b.config.applicationWindow.opens.localeCompare(a.config.applicationWindow.opens))
}
