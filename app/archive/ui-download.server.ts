import { Readable } from 'node:stream'

type OpenedPackage = { stream: NodeJS.ReadableStream; byteSize: number; fileName: string }

/**
 * The archive package as a download: always an attachment, never cached by a shared cache, and
 * a file name made of the opaque reference only (no title, no name: it lands in a download
 * folder and a browser history).
 */
export function packageDownload({ stream, byteSize, fileName }: OpenedPackage) {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'archiefpakket.zip'
  return new Response(Readable.toWeb(Readable.from(stream as AsyncIterable<Buffer>)) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(byteSize),
      'Content-Disposition': `attachment; filename="${safeName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
