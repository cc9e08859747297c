import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import S3rver from 's3rver'
import { isPortFree } from '../db/embedded'

export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const

export type EmbeddedS3Handle = {
  endpoint: string
  stop: () => Promise<void>
  /** Whether the server still listens (for the supervisor). */
  isAlive: () => boolean
  /** Listens again on the same port and folder after the server stopped (for the supervisor). */
  restart: () => Promise<void>
}

/**
 * Starts s3rver, a real S3-compatible HTTP server that keeps objects as files under
 * `directory`. Used when no S3_ENDPOINT is configured, and by the tests.
 */
export async function startEmbeddedS3(options: {
  directory: string
  port: number
  buckets: string[]
}): Promise<EmbeddedS3Handle> {
  if (options.port !== 0 && !(await isPortFree(options.port))) {
    throw new Error(
      `Port ${options.port} for the embedded S3 server is already in use. ` +
        'Set EMBEDDED_S3_PORT to a free port, or S3_ENDPOINT to use an existing S3 service.',
    )
  }
  mkdirSync(path.resolve(options.directory), { recursive: true })
  const listen = async (port: number) => {
    const server = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: path.resolve(options.directory),
      configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
    })
    addUnfinishedUploadSupport(server, path.resolve(options.directory))
    const address = (await server.run()) as { port: number }
    return { server, port: address.port }
  }
  let current = await listen(options.port)
  // A restart comes back on the port clients already know, even when the OS chose it (port 0).
  const port = current.port
  const listening = () => (current.server as unknown as { httpServer?: { listening: boolean } }).httpServer?.listening === true
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => current.server.close(),
    isAlive: listening,
    restart: async () => {
      if (listening()) return
      current = await listen(port)
    },
  }
}

// ——— unfinished multipart uploads ————————————————————————————————————————————
//
// s3rver 3.7 keeps a multipart upload's parts in `<bucket>/._S3rver_uploads/<uploadId>/` (with
// files `key` and `metadata`, and one file per part) until CompleteMultipartUpload, but it
// answers ListMultipartUploads with NotImplemented and AbortMultipartUpload with
// MethodNotAllowed, and UploadPart to an unknown upload id quietly recreates the folder. So an
// upload cut off halfway left its parts on disk for good, and neither the portal's clean-up nor
// the orphan sweep could be tested against the embedded server. These three operations are
// answered here, before s3rver's router, the way S3 answers them; everything else is s3rver's.

type KoaContext = {
  method: string
  path: string
  query: Record<string, string | string[] | undefined>
  params?: Record<string, string>
  status: number
  type: string
  body: unknown
}
type Next = () => Promise<unknown>
type Middleware = (ctx: KoaContext, next: Next) => Promise<unknown>

const UPLOADS_FOLDER = '._S3rver_uploads'

function xmlEscape(text: string) {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function s3Error(ctx: KoaContext, status: number, code: string, message: string) {
  ctx.status = status
  ctx.type = 'application/xml'
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`
}

async function listUploads(directory: string, bucket: string, prefix: string) {
  const root = path.join(directory, bucket, UPLOADS_FOLDER)
  const ids = await readdir(root).catch(() => [] as string[])
  const uploads: Array<{ key: string; uploadId: string; initiated: Date }> = []
  for (const uploadId of ids) {
    const folder = path.join(root, uploadId)
    const key = await readFile(path.join(folder, 'key'), 'utf8').catch(() => null)
    // The `key` file is written once, when the upload begins: its time is the upload's start.
    const info = await stat(path.join(folder, 'key')).catch(() => null)
    if (key === null || !info) continue
    if (key.startsWith(prefix)) uploads.push({ key, uploadId, initiated: info.mtime })
  }
  return uploads.sort((a, b) => (a.key === b.key ? a.uploadId.localeCompare(b.uploadId) : a.key.localeCompare(b.key)))
}

function addUnfinishedUploadSupport(server: S3rver, directory: string) {
  // s3rver's own authentication (signature check), run before each answer of ours.
  const authenticate = (createRequire(import.meta.url)('s3rver/lib/middleware/authentication') as () => Middleware)()
  const answer: Middleware = async (ctx, next) => {
    const [, bucket = '', ...rest] = ctx.path.split('/')
    let key: string
    try {
      key = decodeURIComponent(rest.join('/'))
    } catch {
      return next()
    }
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : undefined
    const listing = ctx.method === 'GET' && bucket && !key && 'uploads' in ctx.query
    const aborting = ctx.method === 'DELETE' && bucket && key && uploadId !== undefined
    const addingPart = ctx.method === 'PUT' && bucket && key && uploadId !== undefined
    if (!listing && !aborting && !addingPart) return next()
    ctx.params = { bucket, ...(key ? { key } : {}) }
    return authenticate(ctx, async () => {
      const folder = uploadId && /^[0-9a-f]{32}$/.test(uploadId) ? path.join(directory, bucket, UPLOADS_FOLDER, uploadId) : null
      if (addingPart) {
        // S3 refuses a part for an upload that was aborted (or never began).
        if (!folder || !(await stat(folder).catch(() => null))) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.')
        return next()
      }
      if (aborting) {
        if (!folder || !(await stat(folder).catch(() => null))) return s3Error(ctx, 404, 'NoSuchUpload', 'The specified upload does not exist.')
        await rm(folder, { recursive: true, force: true })
        ctx.status = 204
        ctx.body = null
        return
      }
      const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : ''
      const uploads = await listUploads(directory, bucket, prefix)
      ctx.status = 200
      ctx.type = 'application/xml'
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        `<Bucket>${xmlEscape(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><Prefix>${xmlEscape(prefix)}</Prefix>` +
        `<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>` +
        uploads
          .map((u) => `<Upload><Key>${xmlEscape(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`)
          .join('') +
        '</ListMultipartUploadsResult>'
    })
  }
  // Koa composes its middleware when the server starts listening: ours goes just before s3rver's router (the last one).
  const stack = (server as unknown as { middleware: Middleware[] }).middleware
  stack.splice(stack.length - 1, 0, answer)
}
