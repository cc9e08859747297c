import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { finished } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { classifyUncaught, installLastResort } from './last-resort'

function codeError(code: string, message = 'x') {
  return Object.assign(new Error(message), { code })
}

async function realPrematureClose() {
  const stream = new PassThrough()
  const done = finished(stream)
  stream.destroy()
  return done.catch((e: unknown) => e)
}

describe('classifyUncaught', () => {
  it('keeps serving after an error of one connection or stream', async () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'CONNECTION_CLOSED', 'ECONNREFUSED', '57P01']) {
      expect(classifyUncaught(codeError(code)), code).toBe('keep-serving')
    }
    expect(classifyUncaught(await realPrematureClose())).toBe('keep-serving')
    expect(classifyUncaught(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('keep-serving')
    expect(classifyUncaught(new Error('upload failed', { cause: codeError('ECONNRESET') }))).toBe('keep-serving')
  })

  it('exits when the state is unknown', () => {
    expect(classifyUncaught(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('exit')
    expect(classifyUncaught(new RangeError('Invalid array length'))).toBe('exit')
    expect(classifyUncaught(codeError('ERR_ASSERTION'))).toBe('exit')
    expect(classifyUncaught('a string was thrown')).toBe('exit')
    expect(classifyUncaught(undefined)).toBe('exit')
    expect(classifyUncaught(new Error('wrapped', { cause: new TypeError('bug') }))).toBe('exit')
  })
})

describe('installLastResort', () => {
  function setUp() {
    const proc = new EventEmitter()
    const logged: Array<{ level: string; obj: object; msg: string }> = []
    const exits: number[] = []
    let closed = 0
    installLastResort({
      logger: {
        warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
        fatal: (obj, msg) => logged.push({ level: 'fatal', obj, msg }),
      },
      process: proc as unknown as NodeJS.Process,
      exit: (code) => exits.push(code),
      beforeExit: () => closed++,
    })
    return { proc, logged, exits, closed: () => closed }
  }

  it('logs a broken client connection and does not exit', () => {
    const { proc, logged, exits } = setUp()
    proc.emit('uncaughtException', codeError('ECONNRESET', 'read ECONNRESET'))
    proc.emit('unhandledRejection', codeError('ERR_STREAM_PREMATURE_CLOSE'))
    expect(exits).toEqual([])
    expect(logged.map((l) => l.level)).toEqual(['warn', 'warn'])
  })

  it('exits non-zero once for an unknown error, and logs no message text', () => {
    const { proc, logged, exits, closed } = setUp()
    proc.emit('uncaughtException', new TypeError('story of Jan de Vries, 1975'))
    proc.emit('unhandledRejection', new Error('another'))
    expect(exits).toEqual([1])
    expect(closed()).toBe(1)
    expect(logged[0]).toMatchObject({ level: 'fatal', obj: { origin: 'uncaughtException', err: { name: 'TypeError' } } })
    expect(JSON.stringify(logged)).not.toContain('Jan de Vries')
  })
})
