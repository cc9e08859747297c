// The general per-IP limits are counted in PostgreSQL (ADR 0027): two portal processes on one
// database together allow the configured number, not twice it.
import { spawn, type ChildProcess } from 'node:child_process'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostgresLimitStore } from './shared-limits'

const PORTS = [3270, 3271]
const READS = 8
const WRITES = 3
const hosts: ChildProcess[] = []

function startHost(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/limit-host.ts'], {
    env: { ...process.env, PORT: String(port), READS: String(READS), WRITES: String(WRITES) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  hosts.push(child)
  return new Promise<void>((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`limit host exited ${code}: ${err}`)))
  })
}

beforeAll(async () => {
  await Promise.all(PORTS.map(startHost))
}, 60_000)
afterAll(() => {
  for (const h of hosts) h.kill('SIGTERM')
})

const call = (i: number, method = 'GET') =>
  fetch(`http://127.0.0.1:${PORTS[i % PORTS.length]}/verhalen`, { method }).then(async (r) => ({ status: r.status, body: await r.text() }))

describe('shared request limits', () => {
  it('reads: the limit is reached across both processes, not per process', async () => {
    const answers = []
    for (let i = 0; i < READS + 2; i++) answers.push(await call(i))
    expect(answers.slice(0, READS).map((a) => a.status)).toEqual(Array(READS).fill(200))
    // Both processes answered within the limit, so the store, not one process, counted.
    expect(new Set(answers.slice(0, READS).map((a) => a.body)).size).toBe(2)
    expect(answers.slice(READS).map((a) => a.status)).toEqual([429, 429])
  })

  it('writes have their own, stricter count, also shared', async () => {
    const statuses = []
    for (let i = 0; i < WRITES + 2; i++) statuses.push((await call(i, 'POST')).status)
    expect(statuses).toEqual([...Array(WRITES).fill(200), 429, 429])
  })

  it('keeps no IP address in the table', async () => {
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
    const rows = await sql<Array<{ key: string }>>`select key from request_limits`
    await sql.end()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((r) => /127\.0\.0\.1|::1|ffff/.test(r.key))).toEqual([])
  })

  it('counts in memory while PostgreSQL does not answer (insurance), then in PostgreSQL again', async () => {
    const down = postgres('postgres://nobody:none@127.0.0.1:3279/none', { max: 1, connect_timeout: 2, onnotice: () => {} })
    const store = new PostgresLimitStore({ sql: down, name: 'reads', secret: 's' })
    store.init({ windowMs: 60_000 } as Parameters<PostgresLimitStore['init']>[0])
    const { logger } = await import('~/utils/logger.server')
    const warn = logger.warn
    logger.warn = (() => {}) as typeof logger.warn
    try {
      expect((await store.increment('10.0.0.1')).totalHits).toBe(1)
      expect((await store.increment('10.0.0.1')).totalHits).toBe(2)
    } finally {
      logger.warn = warn
      store.shutdown()
      await down.end()
    }
  })
})
