import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

type Level = 'error' | 'warn' | 'info'

/**
 * Quiet logs (ADR 0027): only what the portal got wrong is an error. An address nobody has
 * (404) and other client mistakes are routine (info); a refusal (403 cross-site or CSRF, 429
 * too many requests, 401) is worth a glance when it piles up (warn); 5xx and failed requests
 * are errors.
 */
export function requestLogLevel(_req: IncomingMessage, res: ServerResponse, err?: Error): Level {
  if (err || res.statusCode >= 500) return 'error'
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 429) return 'warn'
  return 'info'
}

/** The request log: method, path (never the query string), status and duration; no personal data. */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    customLogLevel: requestLogLevel,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/build/') || req.url === '/healthz' || req.url === '/metrics' },
  })
}
