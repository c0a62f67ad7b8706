import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from '~/utils/nonce'
import { describeError } from '~/utils/input-gate.server'
import { recordActingPageView } from '~/auth/acting.server'
import { log } from '~/utils/log.server'
import { RequestIdContext } from '~/utils/request-id'

const ABORT_DELAY = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy nonce of this answer, for Remix's and React's inline scripts.
  const nonce = loadContext?.cspNonce ?? ''
  // A helper acting for a resident: the page goes into the resident's dossier (issue 14).
  await recordActingPageView(request)
  // Crawlers and no-JavaScript clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RequestIdContext.Provider value={loadContext?.requestId ?? ''}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </RequestIdContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) log().error({ err: describeError(error) }, 'rendering failed')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

/** The same for pages a browser loads with its script (a data request per route's loader). */
export async function handleDataRequest(response: Response, { request }: { request: Request }) {
  await recordActingPageView(request)
  return response
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and unknown URLs are not server errors.
  if (request.signal.aborted || isRouteErrorResponse(error)) return
  // Never the values of a failed query (what the person typed): its SQL, the database's code, the stack.
  // The request's id comes with the line (log.server.ts), so the error page's "Foutcode" finds it.
  log().error({ err: describeError(error) }, 'request error')
}
