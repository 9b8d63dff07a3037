import { Cell, Row, Table } from '~/components/table';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { listSitesAndStaff } from '~/admin/staff-and-sites.server';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Staff and sites');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
  return { ...(await listSitesAndStaff()), now: new Date().toISOString() };
}

export default function StaffAndSites() {
  const { sites, staff, now } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Staff and sites</h1>
      <h2>Sites</h2>
      <Table head={['Site', 'Code', 'Interventional suite']}>
          {sites.map((s) => (
            <Row key={s.id}>
              <Cell>{s.name}</Cell>
              <Cell>{s.code}</Cell>
              <Cell>{s.hasInterventionalSuite ? <Tag colour="green">Yes: procedures</Tag> : 'No'}</Cell>
            </Row>
          ))}
        </Table>
      <h2>Staff</h2>
      <p>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/admin/staff/new">
          Add a member of staff
        </Link>
      </p>
      <Table head={['Name', 'Email', 'Role', 'Last signed in']}>
          {staff.map((u) => (
            <Row key={u.id}>
              <Cell>
                <Link to={`/admin/staff/${u.id}`}>{u.name}</Link>
              </Cell>
              <Cell>{u.email}</Cell>
              <Cell>
                {ROLE_LABEL[u.role]}
                {u.active ? '' : ' (deactivated)'}
                {u.active && u.lockedUntil && u.lockedUntil > now ? (
                  <>
                    {' '}
                    <Tag colour="red">Locked</Tag>
                  </>
                ) : null}
              </Cell>
              <Cell>{u.lastSignInAt ? formatDateTime(new Date(u.lastSignInAt)) : 'Never'}</Cell>
            </Row>
          ))}
        </Table>
    </>
  );
}
