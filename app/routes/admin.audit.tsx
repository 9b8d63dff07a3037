import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listAuditEvents } from '~/audit/audit.server';
import { ROLE_LABEL } from '~/auth/roles';
import { requireAdmin } from '~/auth/session.server';
import { getPrisma } from '~/db.server';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Audit trail');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const patientId = new URL(request.url).searchParams.get('patientId') ?? undefined;
  return { events: await listAuditEvents(await getPrisma(), { patientId, take: 200 }), patientId };
}

export default function AuditTrail() {
  const { events, patientId } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Audit trail</h1>
      <p>
        The latest 200 events{patientId ? ' for one patient' : ''}, newest first. Events cannot be changed or deleted.
        {patientId ? (
          <>
            {' '}
            <Link to="/admin/audit">Show all patients</Link>
          </>
        ) : null}
      </p>
      <table className="nhsuk-table">
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">When</th>
            <th scope="col" className="nhsuk-table__header">Who</th>
            <th scope="col" className="nhsuk-table__header">What</th>
            <th scope="col" className="nhsuk-table__header">Record</th>
            <th scope="col" className="nhsuk-table__header">Patient</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {events.map((e) => (
            <tr className="nhsuk-table__row" key={e.id}>
              <td className="nhsuk-table__cell">{formatDateTime(new Date(e.at))}</td>
              <td className="nhsuk-table__cell">
                {e.actorName ?? 'System'}
                {e.actorRole ? ` (${ROLE_LABEL[e.actorRole]})` : ''}
              </td>
              <td className="nhsuk-table__cell">{e.action}</td>
              <td className="nhsuk-table__cell">
                {e.entityType} {e.entityId}
              </td>
              <td className="nhsuk-table__cell">
                {e.patientId ? <Link to={`/admin/audit?patientId=${e.patientId}`}>{e.patientId}</Link> : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
