// New recovery codes, shown once: after setting up a second factor or asking for new codes
// (docs/decisions/0016). Reloading the page does not show them again.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { clearNewRecoveryCodesCookie, readNewRecoveryCodes } from '~/auth/second-factor.server';
import { requireUser } from '~/auth/session.server';
import { pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Save your recovery codes');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fresh = await readNewRecoveryCodes(request, user.id);
  if (!fresh) throw redirect('/account/two-factor');
  return json(fresh, { headers: { 'Set-Cookie': await clearNewRecoveryCodesCookie(), 'Cache-Control': 'no-store' } });
}

// The codes are in this page only: never fetch it again behind the person's back.
export const shouldRevalidate = () => false;

export default function RecoveryCodes() {
  const { codes, next } = useLoaderData<typeof loader>();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Save your recovery codes</h1>
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Shown only once
            </span>
          </h2>
          <p>
            If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe, away from
            your phone: print them or write them down. They will not be shown again.
          </p>
        </div>
        <ul className="nhsuk-list" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="nhsuk-button" to={next}>
            I have saved my recovery codes
          </Link>
        </p>
      </div>
    </div>
  );
}
