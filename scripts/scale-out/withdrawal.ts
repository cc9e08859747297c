// The soak's cross-process checks (ADR 0028): demo content to read, and a withdrawal made
// through one portal process that every other process must honour at its next request.
import { spawn } from 'node:child_process'
import path from 'node:path'
import type postgres from 'postgres'
import { signIn } from './load'
import { PORTS } from './servers'

/** The demo content (`npm run db:seed`), written as in development, into the soak's database. */
export async function seedDemo(env: NodeJS.ProcessEnv, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('db/seed.ts')], {
    env: { ...env, APP_ENV: 'development', NODE_ENV: 'development', DATA_DIR: dir, DATABASE_URL: env.MIGRATION_DATABASE_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  if (code !== 0) throw new Error(`seeding the demo content failed (exit ${code})`)
}

const DEMO_SURVIVOR = { email: 'overlevende@demo.local', password: 'herinnering-overlevende-demo' }
const direct = (i: number) => `http://127.0.0.1:${PORTS.portals[i]}`

export const withdrawalCheck = {
  async prepare(sql: postgres.Sql) {
    const [story] = await sql<Array<{ id: string; slug: string }>>`
      select s.id, s.slug from stories s join users u on u.id = s.author_id
      where u.email = ${DEMO_SURVIVOR.email} and s.status = 'published' order by s.slug limit 1`
    if (!story) throw new Error('the demo survivor has no published story to withdraw')
    return story
  },

  /** Every process serves the story (and caches it), one withdraws it, every process is asked again. */
  async run(story: { id: string; slug: string }) {
    const statusOn = async (i: number) => (await fetch(`${direct(i)}/verhalen/${story.slug}`, { redirect: 'manual', signal: AbortSignal.timeout(60_000) })).status
    for (let i = 0; i < PORTS.portals.length; i++) {
      const before = await statusOn(i)
      if (before !== 200) throw new Error(`portal${i + 1} did not serve the story before the withdrawal (${before})`)
    }
    const cookie = await signIn(DEMO_SURVIVOR.email, DEMO_SURVIVOR.password)
    const res = await fetch(`${direct(0)}/mijn-verhalen/${story.id}`, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
      // Straight to one process, as its own page would post: Remix compares Origin with Host.
      headers: { Origin: direct(0), 'Sec-Fetch-Site': 'same-origin', Cookie: cookie },
      body: new URLSearchParams({ intent: 'withdraw' }),
    })
    if (res.status !== 302) throw new Error(`the withdrawal through portal1 answered ${res.status}`)
    const after: Array<{ name: string; status: number }> = []
    for (let i = 0; i < PORTS.portals.length; i++) after.push({ name: `portal${i + 1}`, status: await statusOn(i) })
    return after
  },
}
