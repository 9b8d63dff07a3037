// New recovery codes, shown once: after setting up a second factor or asking for new codes
// (docs/decisions/0016). Reloading the page does not show them again.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { clearNewRecoveryCodesCookie, readNewRecoveryCodes } from '~/auth/second-factor.server';
import { requireActor } from '~/auth/session.server';
import { WarningCallout } from '~/components/page-parts';
import { pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Save your recovery codes');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  const fresh = await readNewRecoveryCodes(request, user.id);
  if (!fresh) throw redirect('/account/two-factor');
  return json(fresh, { headers: { 'Set-Cookie': await clearNewRecoveryCodesCookie(), 'Cache-Control': 'no-store' } });
}

// The codes are in this page only: never fetch it again behind the person's back.
export const shouldRevalidate = () => false;

export default function RecoveryCodes() {
  const { codes, next } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Save your recovery codes</h1>
      <WarningCallout heading="Shown only once">
        <p>
          If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe, away from
          your phone: print them or write them down. They will not be shown again.
        </p>
      </WarningCallout>
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
    </>
  );
}
