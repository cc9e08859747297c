// The soak's clients (ADR 0028): readers of the public pages and survivors who write, through
// the real forms as a browser without JavaScript posts them (same-origin headers, session
// cookie, redirects followed by hand). Node's own fetch; figures per phase.
import { PORTS } from './servers'

export type Phase = 'before' | 'kill' | 'after'
export type Stats = { ok: number; errors: Record<string, number>; latencies: number[]; retried?: number }
export const newStats = (): Record<Phase, Stats> => ({
  before: { ok: 0, errors: {}, latencies: [] },
  kill: { ok: 0, errors: {}, latencies: [] },
  after: { ok: 0, errors: {}, latencies: [] },
})

export const state = { phase: 'before' as Phase, running: true }
const ORIGIN = `http://127.0.0.1:${PORTS.lb}`

type Expect = number[]
async function call(stats: Record<Phase, Stats>, label: string, url: string, init: RequestInit & { expect: Expect; retried?: boolean }): Promise<{ res: Response; body: string } | null> {
  const phase = state.phase
  const t0 = performance.now()
  try {
    const { expect: _expect, retried: _retried, ...request } = init
    const res = await fetch(url.startsWith('http') ? url : `${ORIGIN}${url}`, { redirect: 'manual', ...request, signal: AbortSignal.timeout(60_000) })
    const body = await res.text()
    const ms = performance.now() - t0
    if (!init.expect.includes(res.status)) {
      const key = `${label} ${res.status}`
      stats[phase].errors[key] = (stats[phase].errors[key] ?? 0) + 1
      return null
    }
    stats[phase].ok++
    stats[phase].latencies.push(ms)
    return { res, body }
  } catch (error) {
    // A browser (Chromium) sends a request again, a POST too, when a kept-alive connection turns
    // out closed before any answer came back. A POST resent that had reached a portal after all
    // would save twice: the soak's count checks (client = database) would then fail, so this
    // cannot hide a double write.
    const code = error instanceof Error ? (error.cause as { code?: string } | undefined)?.code : undefined
    if (!init.retried && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')) {
      stats[phase].retried = (stats[phase].retried ?? 0) + 1
      return call(stats, label, url, { ...init, retried: true })
    }
    const key = `${label} ${error instanceof Error ? (error.cause as { code?: string } | undefined)?.code ?? error.name : 'error'}`
    stats[phase].errors[key] = (stats[phase].errors[key] ?? 0) + 1
    return null
  }
}

const post = (cookie: string | undefined, body: FormData | URLSearchParams) => ({
  method: 'POST',
  body,
  headers: { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) },
})

export async function reader(stats: Record<Phase, Stats>, slugs: string[]) {
  const pages = ['/verhalen', '/hulp', ...slugs.map((s) => `/verhalen/${s}`)]
  let i = Math.floor(Math.random() * pages.length)
  while (state.running) await call(stats, 'read', pages[i++ % pages.length]!, { expect: [200] })
}

export async function signIn(email: string, password: string) {
  const res = await fetch(`${ORIGIN}/inloggen`, { redirect: 'manual', ...post(undefined, new URLSearchParams({ email, password, redirectTo: '' })) })
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email}: ${res.status}`)
  return cookie
}

export async function requestReset(stats: Record<Phase, Stats>, email: string) {
  return Boolean(await call(stats, 'mail', '/wachtwoord-vergeten', { ...post(undefined, new URLSearchParams({ email, website: '' })), expect: [200] }))
}

/** A survivor: a new story, its text saved (a step), a photo uploaded; again and again. */
export async function writer(stats: Record<Phase, Stats>, cookie: string, photo: Buffer, saved: Set<string>, uploads: { ok: number; refused: Record<string, number> }) {
  while (state.running) {
    const created = await call(stats, 'new story', '/mijn-verhalen/nieuw', { ...post(cookie, new URLSearchParams()), expect: [302] })
    const location = created?.res.headers.get('location')
    const id = location ? /\/mijn-verhalen\/([^/?]+)/.exec(location)?.[1] : undefined
    if (!id) continue
    for (let step = 0; step < 2 && state.running; step++) {
      const page = await call(stats, 'editor', `/mijn-verhalen/${id}?stap=verhaal`, { headers: { Cookie: cookie }, expect: [200] })
      const revision = page ? /name="revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="revision"/.exec(page.body) : null
      if (!revision) continue
      const form = new URLSearchParams({ intent: 'save', step: 'verhaal', revision: revision[1] ?? revision[2]!, title: `Soak ${id.slice(0, 8)}`, body: `Stap ${step + 1}: wat ik wil vertellen over mijn tijd in de jeugdzorg.` })
      const save = await call(stats, 'save step', `/mijn-verhalen/${id}`, { ...post(cookie, form), expect: [302] })
      if (save) saved.add(id)
    }
    // A photo goes with a story that has its text (the database check counts the soak's titled stories).
    if (!saved.has(id)) continue
    const upload = new FormData()
    upload.append('media', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'foto.jpg')
    const sent = await call(stats, 'upload photo', `/mijn-verhalen/${id}/media`, { ...post(cookie, upload), expect: [302, 303] })
    // A refused upload answers with a redirect too (`?fout=<reason>`): only `mediaAdded` is a stored photo.
    const where = sent?.res.headers.get('location') ?? ''
    if (where.includes('opgeslagen=mediaAdded')) uploads.ok++
    else if (sent) {
      const reason = `${state.phase}: ${/[?&]fout=([a-zA-Z]+)/.exec(where)?.[1] ?? 'unexpected redirect'}`
      uploads.refused[reason] = (uploads.refused[reason] ?? 0) + 1
    }
  }
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
