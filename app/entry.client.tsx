import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { REQUEST_ID_META, RequestInfoProvider } from '~/utils/request-info';

// The server-rendered page names its request id; hydrate with the same one so the error page keeps its reference.
const requestId = document.querySelector<HTMLMetaElement>(`meta[name="${REQUEST_ID_META}"]`)?.content ?? null;
// The history key the router will give the location this page was rendered for (Remix's scroll restoration
// script has set it by now); later locations get other keys.
const documentKey = (window.history.state as { key?: string } | null)?.key ?? 'default';

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestInfoProvider value={{ nonce: '', requestId, documentKey }}>
        <RemixBrowser />
      </RequestInfoProvider>
    </StrictMode>,
  );
});
