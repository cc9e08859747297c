import pino from 'pino'

/**
 * Structured logs. They never carry personal data: no bodies, no query strings,
 * no emails, no IP addresses (only what the redact list and serializers allow).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'erkenning-portal' },
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.email', '*.password', '*.bsn', '*.iban'],
    censor: '[redacted]',
  },
})
