/**
 * The process-level last resort (ADR 0018). An error that no code caught reaches here.
 *
 * The rule: an error that belongs to one connection — a client's request or response stream,
 * its socket, or one connection to PostgreSQL or S3 — failed only the work that used that
 * connection. Node has already torn the connection down, no shared state was half-changed in
 * this process, and the database rolled back whatever transaction was open. So we log it and
 * keep serving everyone else. Anything else (a TypeError, a failed assertion, an error we do
 * not recognise) means the process state is unknown: we log it and exit non-zero, so that the
 * outer supervisor starts a clean process. Logs carry the error's name, code and stack, never
 * its message's data from a request (messages of connection errors name hosts and ports only).
 */

/** Error codes of one broken connection: a client that went away, or a backing service that did. */
const CONNECTION_CODES = new Set([
  // sockets
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // Node streams of a request or response that ended early
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_STREAM_ALREADY_FINISHED',
  'ERR_STREAM_UNABLE_TO_PIPE',
  'ERR_HTTP_REQUEST_TIMEOUT',
  // postgres.js: one connection to PostgreSQL broke or could not be made
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // PostgreSQL itself: the server shut down or was killed (admin_shutdown, crash_shutdown, cannot_connect_now)
  '57P01',
  '57P02',
  '57P03',
])

export type Verdict = 'keep-serving' | 'exit'

/** Which errors the process survives; see the module comment for the rule. */
export function classifyUncaught(error: unknown): Verdict {
  if (!error || typeof error !== 'object') return 'exit'
  const e = error as { code?: unknown; name?: unknown; cause?: unknown }
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return 'keep-serving'
  // An aborted request: fetch/undici and AbortController abort with these.
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return 'keep-serving'
  // The message 'aborted' with code ECONNRESET is covered above; a wrapped cause counts as its cause.
  if (e.cause && e.cause !== error) return classifyUncaught(e.cause)
  return 'exit'
}

type Logger = {
  warn: (obj: object, msg: string) => void
  fatal: (obj: object, msg: string) => void
}

/** What is safe to log about an error: no message text from a request, no values. */
function describe(error: unknown) {
  if (!error || typeof error !== 'object') return { kind: typeof error }
  const e = error as { name?: unknown; code?: unknown; stack?: unknown }
  const stack = typeof e.stack === 'string' ? e.stack.split('\n').slice(1, 8).join('\n') : undefined
  return { name: String(e.name ?? 'Error'), code: typeof e.code === 'string' ? e.code : undefined, stack }
}

/**
 * Installs the handlers for uncaught exceptions and unhandled rejections. `exit` is called
 * with 1 once for an error whose state is unknown; `beforeExit` may close the listener first.
 */
export function installLastResort(options: {
  logger: Logger
  process?: Pick<NodeJS.Process, 'on'>
  exit?: (code: number) => void
  beforeExit?: () => void
}) {
  const proc = options.process ?? process
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let exiting = false
  const handle = (origin: 'uncaughtException' | 'unhandledRejection') => (error: unknown) => {
    if (classifyUncaught(error) === 'keep-serving') {
      options.logger.warn({ origin, err: describe(error) }, 'a connection failed outside any handler; the process keeps serving')
      return
    }
    options.logger.fatal({ origin, err: describe(error) }, 'unexpected error; the process exits for its supervisor to restart it')
    if (exiting) return
    exiting = true
    try {
      options.beforeExit?.()
    } finally {
      exit(1)
    }
  }
  proc.on('uncaughtException', handle('uncaughtException'))
  proc.on('unhandledRejection', handle('unhandledRejection'))
}
