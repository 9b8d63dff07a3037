import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { navigationFor, ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Home');

const ROLE_INTRO = {
  CLERK: 'Find patients, register new patients and referrals, and book appointments.',
  DOCTOR: 'Find patients and run your telephone clinics.',
  ADMIN: 'Manage staff, sites and templates, and read the audit trail.',
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  return { name: user.name, role: user.role };
}

export default function Home() {
  const { name, role } = useLoaderData<typeof loader>();
  const links = navigationFor(role).filter((item) => item.href !== '/');
  return (
    <>
      <h1>PainDesk</h1>
      <p className="nhsuk-lede-text">
        Signed in as {name} ({ROLE_LABEL[role].toLowerCase()}). {ROLE_INTRO[role]}
      </p>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {links.map((item) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={item.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={item.href}>
                    {item.label}
                  </Link>
                </h2>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
