import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { WarningCallout } from '~/components/page-parts';
import { Cell, Row, Table } from '~/components/table';
import { listMedicinePlanCalls } from '~/medicines/medicine-plan-calls.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDate, formatLongDate, formatTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Medicine plans to agree');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR');
  const calls = await listMedicinePlanCalls({ actor, ipAddress }, new Date());
  return { calls, isDoctor: user.role === 'DOCTOR' };
}

export default function MedicinePlans() {
  const { calls, isDoctor } = useLoaderData<typeof loader>();
  const overdue = calls.filter((c) => c.overdue).length;
  return (
    <>
      <h1>Medicine plans to agree</h1>
      <p>
        Patients booked for a procedure who take a blood thinner, or a diabetes medicine around a fast, with no plan a
        doctor has recorded. Their leaflet tells them not to change anything and that we will phone them by the day shown.
        {isDoctor ? ' Open the plan to record it.' : ' Ask a doctor to record the plan; the patient is then sent new leaflets.'} A
        patient leaves this list when every plan is recorded.
      </p>
      {calls.length === 0 ? (
        <p data-testid="no-calls">No patient is waiting for a medicine plan.</p>
      ) : (
        <>
          {overdue > 0 ? (
            <WarningCallout heading={overdue === 1 ? '1 call is overdue' : `${overdue} calls are overdue`} testId="overdue-calls">
              <p>These patients were promised a call before today.</p>
            </WarningCallout>
          ) : null}
          <Table caption={calls.length === 1 ? '1 patient' : `${calls.length} patients`} head={['Call by', 'Patient', 'Procedure', 'Plan needed for', '']}>
            {calls.map((c) => (
              <Row key={c.taskId}>
                <Cell>
                  {formatDate(new Date(`${c.dueOn}T12:00:00.000Z`))}
                  {c.overdue ? (
                    <>
                      {' '}
                      <Tag colour="red">Overdue</Tag>
                    </>
                  ) : null}
                </Cell>
                <Cell>
                  <Link to={`/patients/${c.patient.id}`}>
                    {c.patient.lastName.toUpperCase()}, {c.patient.firstName}
                  </Link>
                  <br />
                  <span className="paindesk-nhs-number">{formatNhsNumber(c.patient.nhsNumber)}</span>
                  <br />
                  <span className="nhsuk-body-s">{c.patient.mobilePhone ? `Phone ${c.patient.mobilePhone}` : 'No phone number on record'}</span>
                </Cell>
                <Cell>
                  <Link to={`/procedure-bookings/${c.appointmentId}`}>{c.procedure}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    {formatLongDate(new Date(c.startsAt))}, {formatTime(new Date(c.startsAt))}
                  </span>
                </Cell>
                <Cell>
                  <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
                    {c.bloodThinners.map((name) => (
                      <li key={`bt-${name}`}>Blood thinner: {name}</li>
                    ))}
                    {c.diabetes.map((name) => (
                      <li key={`dm-${name}`}>Diabetes medicine around the fast: {name}</li>
                    ))}
                  </ul>
                </Cell>
                <Cell>
                  <Link to={`/procedure-requests/${c.procedureRequestId}/plan`}>
                    {isDoctor ? 'Record the plan' : 'See the plan'}
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      for {c.patient.firstName} {c.patient.lastName}
                    </span>
                  </Link>
                </Cell>
              </Row>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
