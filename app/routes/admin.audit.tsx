import { Cell, Row, Table } from '~/components/table';
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
      <Table head={['When', 'Who', 'What', 'Record', 'Patient']}>
          {events.map((e) => (
            <Row key={e.id}>
              <Cell>{formatDateTime(new Date(e.at))}</Cell>
              <Cell>
                {e.actorName ?? 'System'}
                {e.actorRole ? ` (${ROLE_LABEL[e.actorRole]})` : ''}
              </Cell>
              <Cell>{e.action}</Cell>
              <Cell>
                {e.entityType} {e.entityId}
              </Cell>
              <Cell>
                {e.patientId ? <Link to={`/admin/audit?patientId=${e.patientId}`}>{e.patientId}</Link> : ''}
              </Cell>
            </Row>
          ))}
        </Table>
    </>
  );
}
