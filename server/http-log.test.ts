// Quiet logs (ADR 0027): a visitor's mistake or a refusal is not an error in the request log.
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express from 'express'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { requestLog } from './http-log'

describe('the request log', () => {
  it('logs 404 at info, refusals (401, 403, 429) at warn, and only 5xx at error', async () => {
    const lines: Array<{ level: number; res: { status: number } }> = []
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l))
        done()
      },
    })
    const app = express()
    app.use(requestLog(pino({ level: 'info' }, sink)))
    app.get('/status/:code', (req, res) => void res.status(Number(req.params.code)).send('x'))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      for (const code of [200, 404, 400, 401, 403, 429, 500, 503]) await (await fetch(`${base}/status/${code}?secret=x`)).text()
    } finally {
      server.close()
    }
    const levelOf = Object.fromEntries(lines.map((l) => [l.res.status, pino.levels.labels[l.level]]))
    expect(levelOf).toEqual({ 200: 'info', 404: 'info', 400: 'info', 401: 'warn', 403: 'warn', 429: 'warn', 500: 'error', 503: 'error' })
    expect(JSON.stringify(lines)).not.toContain('secret')
  })
})
