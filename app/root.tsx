import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { navigationFor, ROLE_LABEL } from '~/auth/roles';
import { getCurrentUser } from '~/auth/session.server';
import { Footer, Header, Main, type ShellUser } from '~/components/layout';
import appStyles from '~/styles/app.css';
import { REQUEST_ID_META, useRequestInfo } from '~/utils/request-info';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: '/assets/nhsuk/nhsuk-frontend.min.css' },
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/assets/nhsuk/assets/images/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const shellUser: ShellUser | null = user
    ? { name: user.name, roleLabel: ROLE_LABEL[user.role], navigation: navigationFor(user.role) }
    : null;
  return { user: shellUser };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const location = useLocation();
  // Every inline script carries the request's nonce: the Content-Security-Policy allows no other (ADR 0017).
  const { nonce, requestId } = useRequestInfo();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name={REQUEST_ID_META} content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <script
          nonce={nonce}
          // The NHS.UK styles hide some enhancements until they know JavaScript runs.
          dangerouslySetInnerHTML={{
            __html:
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');",
          }}
        />
        <a className="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <Header user={data?.user ?? null} currentPath={location.pathname} />
        <Main>{children}</Main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script type="module" src="/assets/nhsuk/nhsuk-frontend.min.js" />
        <script
          type="module"
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: "import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js'; initAll();",
          }}
        />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const STATUS_TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  403: 'You do not have permission to view this page',
  404: 'Page not found',
  409: 'This has changed since you opened it',
  415: 'PainDesk cannot read what was sent',
};

/**
 * The reference staff quote when they report a problem: the id of the request that rendered this page, also in
 * its X-Request-Id header and in any log line about it. After a navigation in the browser the page's own request
 * is an older one, so the page offers a reload instead, which asks the server again and shows that answer's id.
 */
function ErrorReference() {
  const { requestId, documentKey } = useRequestInfo();
  const location = useLocation();
  if (requestId && location.key === documentKey) {
    return (
      <p>
        If you report this problem, quote reference <strong data-testid="error-reference">{requestId}</strong>.
      </p>
    );
  }
  return (
    <p>
      To get a reference to quote when you report this problem, <a href={`${location.pathname}${location.search}`}>reload this page</a>.
    </p>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = STATUS_TITLES[error.status] ?? 'Sorry, there is a problem with the service';
    // Remix's own answers (no route matched, say) carry an internal message, not one written for staff.
    const internal = (error as { internal?: boolean }).internal === true;
    const detail = !internal && typeof error.data === 'string' && error.data.length < 300 ? error.data : null;
    return (
      <>
        <title>{`${title} - PainDesk`}</title>
        <h1>{title}</h1>
        {detail ? <p>{detail}</p> : null}
        {error.status === 403 ? (
          <p>If you think you should have access, ask a PainDesk administrator to check your role.</p>
        ) : null}
        <ErrorReference />
        <p>
          <a href="/">Go to the PainDesk home page</a>
        </p>
      </>
    );
  }
  // Never the error's message or stack: it may name files, queries or patient data.
  return (
    <>
      <title>Sorry, there is a problem with the service - PainDesk</title>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later. Nothing you saved before this page has been lost.</p>
      <ErrorReference />
      <p>
        <a href="/">Go to the PainDesk home page</a>
      </p>
    </>
  );
}
