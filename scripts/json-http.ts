// JSON over plain node:http for the small stand-in servers under scripts/ (the reference fund
// receiver): answer with JSON, read a bounded body, refuse bad JSON with a status, and report
// zod issues without echoing what was sent.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'

const MAX_BODY_BYTES = 10 * 1024 * 1024

/** Thrown inside a handler: the server answers `status` with `body`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error ?? status))
  }
}

export function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { error: 'bodyTooLarge' })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, { error: 'invalidJson' })
  }
}

/** Issues by path and code only: zod messages can echo submitted values (personal data). */
export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }))
}
