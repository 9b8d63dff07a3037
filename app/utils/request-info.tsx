// What the server knows about the request a page was rendered for: the Content-Security-Policy nonce that its
// inline scripts must carry, and the request id that staff quote when they report a problem (ADR 0017).
// The server's Express middleware makes both (server/request-context.ts) and hands them to Remix as the load
// context; entry.server provides them to the React tree. In the browser the nonce is empty (browsers hide a
// nonce attribute's value once the page has loaded, so the empty string also matches when hydrating), and the
// request id is read back from the page's <meta> tag, so the hydrated error page shows the same reference.
import { createContext, useContext, type ReactNode } from 'react';

export type RequestInfo = {
  nonce: string;
  requestId: string | null;
  /**
   * The history key of the location the server rendered: `default` on the server; in the browser the key its
   * history entry had when the page loaded. A location with another key was reached later, by another request.
   */
  documentKey: string;
};

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Made fresh for every request by server/request-context.ts; absent when a test calls a loader directly. */
    requestId?: string;
    cspNonce?: string;
  }
}

/** The <meta> tag that carries the request id from the server-rendered page to the browser. */
export const REQUEST_ID_META = 'paindesk-request-id';

const RequestInfoContext = createContext<RequestInfo>({ nonce: '', requestId: null, documentKey: 'default' });

export function RequestInfoProvider({ value, children }: { value: RequestInfo; children: ReactNode }) {
  return <RequestInfoContext.Provider value={value}>{children}</RequestInfoContext.Provider>;
}

export function useRequestInfo(): RequestInfo {
  return useContext(RequestInfoContext);
}
