import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { useReplyForm } from '~/components/reply-form';
import { dischargeAfterDna, listDnaForReview } from '~/consultations/dna-review.server';
import { listFollowUpsToBook } from '~/consultations/follow-ups.server';
import { Cell, PatientCell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/utils/nhs-number';
import { listAwaitingFirstContact, listNeedsRebooking } from '~/consultations/consultation-repo.server';
import { RttTag } from '~/components/rtt-tag';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { rttPosition } from '~/scheduling/rtt';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { formatDate, formatDateTime, londonToday, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { runUseCase } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Telephone consultations');

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, 'CLERK');
  const now = new Date();
  const [waiting, rebooking, dna, followUps] = await Promise.all([
    listAwaitingFirstContact(actor),
    listNeedsRebooking(),
    listDnaForReview(),
    listFollowUpsToBook(),
  ]);
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
    followUps: followUps.map((f) => ({
      taskId: f.taskId,
      referralId: f.referralId,
      fromAppointmentId: f.fromAppointmentId,
      patient: patient(f.patient),
      dueOn: f.dueOn ? formatDate(f.dueOn) : '',
      priority: PRIORITY_LABEL[f.priority] ?? f.priority,
    })),
    dnaPolicy: dna.policy,
    dna: dna.rows.map((a) => ({
      appointmentId: a.appointmentId,
      referralId: a.referral?.id ?? null,
      patient: patient(a.patient),
      was: formatDateTime(a.startsAt),
      where: a.where,
      dnas: a.dnas,
      dischargeOffered: a.dischargeOffered,
      priority: a.referral ? (PRIORITY_LABEL[a.referral.priority] ?? a.referral.priority) : '',
      flag: a.referral ? rttPosition(isoDate(a.referral.clockStartOn), now, UNIT_TIME_ZONE).flag : null,
    })),
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

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const formData = await readForm(request);
  const referralId = formData.get('referralId');
  if (formData.get('intent') !== 'discharge-dna' || typeof referralId !== 'string' || !referralId) {
    return formErrorReply('Choose a referral to discharge.');
  }
  return runUseCase(async () => {
    await dischargeAfterDna(referralId, actor, ipAddress, new Date());
    return redirect('/consultations?discharged=1#did-not-answer');
  });
}

/** When and where a consultation was booked, in a table row. */
function WasBookedCell({ appointment }: { appointment: { was: string; where: string } }) {
  return (
    <Cell>
      {appointment.was}
      <br />
      {appointment.where}
    </Cell>
  );
}

export default function Consultations() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // The "Discharge to GP" button of each patient who did not answer.
  const [form] = useReplyForm({ id: 'discharge-dna', reply });
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
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
              <PatientCell patient={a.patient} />
              <WasBookedCell appointment={a} />
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
      <h2 id="follow-ups">Follow-up calls to book</h2>
      {data.followUps.length === 0 ? (
        <p>No follow-up telephone consultations asked for by a doctor are waiting to be booked.</p>
      ) : (
        <Table caption={`${data.followUps.length} asked for by a doctor, earliest due first`} head={['Patient', 'Due by', 'Priority', 'Action']}>
          {data.followUps.map((f) => (
            <Row key={f.taskId}>
              <PatientCell patient={f.patient} />
              <Cell>{f.dueOn}</Cell>
              <Cell>{f.priority}</Cell>
              <Cell>
                <Link to={`/consultations/book?referralId=${encodeURIComponent(f.referralId)}`}>
                  Book<span className="nhsuk-u-visually-hidden"> a follow-up consultation for {f.patient.name}</span>
                </Link>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <h2 id="did-not-answer">Did not answer (DNA)</h2>
      {data.dna.length === 0 ? (
        <p>No consultations the patient did not answer are waiting to be rebooked or discharged.</p>
      ) : (
        <Table
          caption={`${data.dna.length} not answered; discharge to the GP is offered after ${data.dnaPolicy.dnasBeforeDischargeOffered} missed consultations`}
          head={['Patient', 'Was booked for', 'Missed', 'Priority', 'Action']}
        >
          {data.dna.map((a) => (
            <Row key={a.appointmentId}>
              <PatientCell patient={a.patient} />
              <WasBookedCell appointment={a} />
              <Cell>
                {a.dnas} {a.dnas === 1 ? 'consultation' : 'consultations'}
              </Cell>
              <Cell>
                {a.priority} {a.flag ? <RttTag flag={a.flag} /> : null}
              </Cell>
              <Cell>
                {a.referralId ? (
                  <Link to={`/consultations/book?referralId=${encodeURIComponent(a.referralId)}`}>
                    Rebook<span className="nhsuk-u-visually-hidden"> a consultation for {a.patient.name}</span>
                  </Link>
                ) : null}
                {a.dischargeOffered && a.referralId ? (
                  <Form method="post" className="nhsuk-u-margin-top-3">
                    <input type="hidden" name="intent" value="discharge-dna" />
                    <input type="hidden" name="referralId" value={a.referralId} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                      Discharge to GP<span className="nhsuk-u-visually-hidden"> {a.patient.name}</span>
                    </button>
                  </Form>
                ) : null}
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
              <PatientCell patient={r.patient} />
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
