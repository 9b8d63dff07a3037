import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { requireAdmin } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { listSitesAndStaff } from '~/admin/staff-and-sites.server';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Staff and sites');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return listSitesAndStaff();
}

export default function StaffAndSites() {
  const { sites, staff } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Staff and sites</h1>
      <h2>Sites</h2>
      <table className="nhsuk-table">
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Site</th>
            <th scope="col" className="nhsuk-table__header">Code</th>
            <th scope="col" className="nhsuk-table__header">Interventional suite</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sites.map((s) => (
            <tr className="nhsuk-table__row" key={s.id}>
              <td className="nhsuk-table__cell">{s.name}</td>
              <td className="nhsuk-table__cell">{s.code}</td>
              <td className="nhsuk-table__cell">{s.hasInterventionalSuite ? <Tag colour="green">Yes: procedures</Tag> : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Staff</h2>
      <table className="nhsuk-table">
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Name</th>
            <th scope="col" className="nhsuk-table__header">Email</th>
            <th scope="col" className="nhsuk-table__header">Role</th>
            <th scope="col" className="nhsuk-table__header">Last signed in</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {staff.map((u) => (
            <tr className="nhsuk-table__row" key={u.id}>
              <td className="nhsuk-table__cell">{u.name}</td>
              <td className="nhsuk-table__cell">{u.email}</td>
              <td className="nhsuk-table__cell">
                {ROLE_LABEL[u.role]}
                {u.active ? '' : ' (deactivated)'}
              </td>
              <td className="nhsuk-table__cell">{u.lastSignInAt ? formatDateTime(new Date(u.lastSignInAt)) : 'Never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
