import { mkdirSync } from 'node:fs'
import path from 'node:path'
import S3rver from 's3rver'
import { isPortFree } from '../db/embedded'

export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const

export type EmbeddedS3Handle = { endpoint: string; stop: () => Promise<void> }

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
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: path.resolve(options.directory),
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  })
  const address = (await server.run()) as { port: number }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  }
}
