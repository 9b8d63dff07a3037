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
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <script
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
        <ScrollRestoration />
        <Scripts />
        <script type="module" src="/assets/nhsuk/nhsuk-frontend.min.js" />
        <script
          type="module"
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

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = STATUS_TITLES[error.status] ?? 'Sorry, there is a problem with the service';
    const detail = typeof error.data === 'string' && error.data.length < 300 ? error.data : null;
    return (
      <>
        <title>{`${title} - PainDesk`}</title>
        <h1>{title}</h1>
        {detail ? <p>{detail}</p> : null}
        {error.status === 403 ? (
          <p>If you think you should have access, ask a PainDesk administrator to check your role.</p>
        ) : null}
        <p>
          <a href="/">Go to the PainDesk home page</a>
        </p>
      </>
    );
  }
  return (
    <>
      <title>Sorry, there is a problem with the service - PainDesk</title>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later. Nothing you saved before this page has been lost.</p>
      <p>
        <a href="/">Go to the PainDesk home page</a>
      </p>
    </>
  );
}
