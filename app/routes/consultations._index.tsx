import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireClerk } from '~/auth/session.server';
import { Cell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/patients/nhs-number';
import { listAwaitingFirstContact, listNeedsRebooking } from '~/scheduling/consultations/consultation-repo.server';
import { RttTag } from '~/scheduling/consultations/rtt-tag';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { rttPosition } from '~/scheduling/rtt';
import { UNIT_TIME_ZONE } from '~/scheduling/session-times';
import { formatDate, formatDateTime, londonToday, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Telephone consultations');

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireClerk(request);
  const now = new Date();
  const [waiting, rebooking] = await Promise.all([listAwaitingFirstContact({ id: user.id, role: user.role }), listNeedsRebooking()]);
  const patient = (p: { id: string; firstName: string; lastName: string; nhsNumber: string }) => ({
    id: p.id,
    name: `${p.lastName.toUpperCase()}, ${p.firstName}`,
    nhsNumber: formatNhsNumber(p.nhsNumber),
  });
  return {
    today: londonToday(now),
    total: waiting.total,
    waiting: waiting.referrals.map((r) => {
      const rtt = rttPosition(isoDate(r.clockStartOn), now, UNIT_TIME_ZONE);
      return {
        referralId: r.id,
        patient: patient(r.patient),
        priority: PRIORITY_LABEL[r.priority] ?? r.priority,
        receivedOn: formatDate(r.receivedOn),
        weeksWaited: rtt.weeksWaited,
        breachOn: formatDate(new Date(`${rtt.breachOn}T00:00:00Z`)),
        flag: rtt.flag,
      };
    }),
    rebooking: rebooking.map((a) => ({
      appointmentId: a.id,
      patient: patient(a.patient),
      was: formatDateTime(a.startsAt),
      where: a.slot ? `${a.slot.clinic.site.name}, ${a.slot.clinic.clinician.name}` : '',
      reason: a.cancellationReason,
      priority: a.referral ? (PRIORITY_LABEL[a.referral.priority] ?? a.referral.priority) : '',
      flag: a.referral ? rttPosition(isoDate(a.referral.clockStartOn), now, UNIT_TIME_ZONE).flag : null,
    })),
  };
}

export default function Consultations() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Telephone consultations</h1>
      <p>
        <Link className="nhsuk-button nhsuk-button--secondary" to="/referrals/new">
          Register a referral
        </Link>{' '}
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/clinics?date=${data.today}`}>
          Clinics by day
        </Link>
      </p>
      <h2 id="needs-rebooking">Needs rebooking</h2>
      {data.rebooking.length === 0 ? (
        <p>No consultations cancelled by the hospital are waiting to be rebooked.</p>
      ) : (
        <Table caption={`${data.rebooking.length} cancelled by the hospital`} head={['Patient', 'Was booked for', 'Reason', 'Priority', 'Action']}>
          {data.rebooking.map((a) => (
            <Row key={a.appointmentId}>
              <Cell>
                <Link to={`/patients/${a.patient.id}`}>{a.patient.name}</Link>
                <br />
                <span className="paindesk-nhs-number">{a.patient.nhsNumber}</span>
              </Cell>
              <Cell>
                {a.was}
                <br />
                {a.where}
              </Cell>
              <Cell>{a.reason}</Cell>
              <Cell>
                {a.priority} {a.flag ? <RttTag flag={a.flag} /> : null}
              </Cell>
              <Cell>
                <Link to={`/consultations/book?rebook=${encodeURIComponent(a.appointmentId)}`}>
                  Book<span className="nhsuk-u-visually-hidden"> a new consultation for {a.patient.name}</span>
                </Link>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <h2 id="waiting">Waiting for first contact</h2>
      {data.waiting.length === 0 ? (
        <p>No referrals are waiting for a first telephone consultation.</p>
      ) : (
        <Table
          caption={`${data.total} ${data.total === 1 ? 'referral' : 'referrals'} waiting, longest wait against the 18-week standard first${data.total > data.waiting.length ? ` (the first ${data.waiting.length} shown)` : ''}`}
          head={['Patient', 'Priority', 'Received', 'Weeks waited', 'Breach date', 'Action']}
        >
          {data.waiting.map((r) => (
            <Row key={r.referralId}>
              <Cell>
                <Link to={`/patients/${r.patient.id}`}>{r.patient.name}</Link>
                <br />
                <span className="paindesk-nhs-number">{r.patient.nhsNumber}</span>
              </Cell>
              <Cell>{r.priority}</Cell>
              <Cell>{r.receivedOn}</Cell>
              <Cell>{r.weeksWaited}</Cell>
              <Cell>
                {r.breachOn} <RttTag flag={r.flag} />
              </Cell>
              <Cell>
                <Link to={`/consultations/book?referralId=${encodeURIComponent(r.referralId)}`}>
                  Book<span className="nhsuk-u-visually-hidden"> a consultation for {r.patient.name}</span>
                </Link>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
