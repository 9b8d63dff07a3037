// Server-side rendering entry (Remix's default streaming renderer, trimmed to what we use).
import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { RequestInfoProvider } from '~/utils/request-info';
import { describeErrorSafely, describeRequestSafely } from '~/utils/safe-log';
// The bundle's use cases record booking events: messaging must be subscribed in this module instance.
import '~/wiring.server';

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '');
  // The nonce lets the page's own inline scripts run under the Content-Security-Policy the server sent.
  const nonce = loadContext.cspNonce ?? '';
  const requestId = loadContext.requestId ?? null;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoProvider value={{ nonce, requestId, documentKey: 'default' }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestInfoProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          // Pages hold patient data: never cache them anywhere.
          responseHeaders.set('Cache-Control', 'no-store');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(`render error [request ${requestId ?? '-'}]: ${describeErrorSafely(error)}`);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors Remix caught in a loader, action or render. A "not found" or other refusal is an answer, not a failure,
 * so only server errors are logged: with the request id, the method and the path with its parameters replaced by
 * their names (a path may hold whatever the client typed), and never the query string or the message.
 */
export function handleError(error: unknown, { request, params, context }: { request: Request; params: Record<string, string | undefined>; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(`request failed [request ${context.requestId ?? '-'}]: ${describeRequestSafely(request, params)} ${describeErrorSafely(error)}`);
}
