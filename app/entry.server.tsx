import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { i18next } from '~/i18n/i18next.server'
import { getServerI18n } from '~/i18n/server-instances.server'
import { renderListingBody } from '~/monument/listing-body.server'
import type { PageBody } from '~/utils/page-body'
import { logger } from '~/utils/logger.server'
import { NonceProvider } from '~/utils/nonce-provider'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

/**
 * Pages whose content the page cache composes into a kept page of the same language and
 * generation, instead of rendering the whole document anew for every address (ADR 0035): the
 * story listing, where every reader's search is a new address.
 */
export const pageBodies: PageBody[] = [{ path: /^\/verhalen\/?$/, body: renderListingBody }]

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  const lng = await i18next.getLocale(request)
  const instance = getServerI18n(lng)

  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Never log request data here: only the error itself.
          if (shellRendered) logger.error({ err: error }, 'render error')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // An address nobody has (404) or a method a route does not take (405) is the visitor's
  // mistake, not ours: the request log already has it, at info (ADR 0027, quiet logs).
  if (isRouteErrorResponse(error) && error.status < 500) return
  logger.error({ err: error, method: request.method }, 'unhandled error in loader or action')
}
