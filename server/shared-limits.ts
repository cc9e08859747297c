import { createHmac } from 'node:crypto'
import { MemoryStore, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit'
import type postgres from 'postgres'
import { logger } from '../app/utils/logger.server'

/** How often a process deletes windows that ended (any process may; the statement is idempotent). */
const PRUNE_EVERY_MS = 5 * 60_000

/**
 * An express-rate-limit store in PostgreSQL (table `request_limits`, migration 0025), so the
 * per-IP limits hold for the whole deployment: N portal processes allow the configured limit,
 * not N times it (ADR 0027). One atomic upsert per request: a fixed window that starts with the
 * first hit. Keys are a keyed hash of the limit's name and the client address: no IPs in the
 * table. When PostgreSQL does not answer, a per-process memory store takes over (insurance),
 * so a database hiccup neither refuses every reader nor lets everyone through unlimited.
 */
export class PostgresLimitStore implements Store {
  private windowMs = 60_000
  private readonly insurance = new MemoryStore()
  private lastPrune = 0
  private lastWarning = 0
  /** Counters are shared: express-rate-limit must not warn about a store reused across limiters. */
  localKeys = false

  constructor(
    private readonly options: { sql: postgres.Sql; name: string; secret: string },
  ) {}

  init(options: Options) {
    this.windowMs = options.windowMs
    this.insurance.init(options)
  }

  private key(client: string) {
    return createHmac('sha256', this.options.secret).update(`requestLimit.${this.options.name}\u0000${client}`).digest('base64url')
  }

  private fallBack(error: unknown) {
    const now = Date.now()
    if (now - this.lastWarning > 60_000) {
      this.lastWarning = now
      logger.warn({ err: error }, 'shared request limits unreachable: counting in this process until PostgreSQL answers')
    }
  }

  async increment(client: string): Promise<ClientRateLimitInfo> {
    const key = this.key(client)
    try {
      const [row] = await this.options.sql<Array<{ hits: number; reset_at: Date | string }>>`
        insert into request_limits (key, hits, reset_at)
        values (${key}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
        on conflict (key) do update set
          hits = case when request_limits.reset_at <= now() then 1 else request_limits.hits + 1 end,
          reset_at = case when request_limits.reset_at <= now() then excluded.reset_at else request_limits.reset_at end
        returning hits, reset_at`
      this.pruneNowAndThen()
      return { totalHits: row!.hits, resetTime: new Date(row!.reset_at) }
    } catch (error) {
      this.fallBack(error)
      return this.insurance.increment(key)
    }
  }

  async decrement(client: string) {
    const key = this.key(client)
    try {
      await this.options.sql`update request_limits set hits = greatest(hits - 1, 0) where key = ${key}`
    } catch {
      await this.insurance.decrement(key)
    }
  }

  async resetKey(client: string) {
    const key = this.key(client)
    await this.insurance.resetKey(key)
    await this.options.sql`delete from request_limits where key = ${key}`.catch(() => {})
  }

  async get(client: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.options.sql<Array<{ hits: number; reset_at: Date | string }>>`
      select hits, reset_at from request_limits where key = ${this.key(client)} and reset_at > now()`
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined
  }

  private pruneNowAndThen() {
    const now = Date.now()
    if (now - this.lastPrune < PRUNE_EVERY_MS) return
    this.lastPrune = now
    void this.options.sql`delete from request_limits where reset_at < now() - interval '1 minute'`.catch(() => {})
  }

  shutdown() {
    this.insurance.shutdown()
  }
}
