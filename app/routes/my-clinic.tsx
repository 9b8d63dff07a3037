import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { canLogCall } from '~/appointments/appointment-rules';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { Notice, WarningCallout } from '~/components/page-parts';
import { useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { callAttemptFormSchema, CALL_RESULT_LABEL, parseClinicDate } from '~/consultations/call-attempt-form';
import { logCallAttempt } from '~/consultations/log-call-attempt.server';
import { getMyClinic, listColleaguesWithClinics } from '~/consultations/my-clinic.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { STATUS_LABEL } from '~/appointments/appointment-status';
import { addLocalDays } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { ageOn, formatDate, formatTime, londonToday, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('My clinic');

const NEED_LABEL: Record<string, string> = {
  LARGE_PRINT: 'Large print',
  EASY_READ: 'Easy read',
  INTERPRETER: 'Interpreter',
  BSL: 'BSL interpreter',
  BRAILLE: 'Braille',
  AUDIO: 'Audio',
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'DOCTOR');
  const now = new Date();
  const url = new URL(request.url);
  const today = londonToday(now);
  const asked = url.searchParams.get('date')?.trim() || null;
  const date = asked === null ? today : parseClinicDate(asked);
  if (date === null) {
    throw new Response('The date in the address is not one PainDesk can show. Use a real date like 2027-03-22, between 1900 and 2100.', { status: 400 });
  }
  const colleagues = await listColleaguesWithClinics(user.id, date);
  // Covering a colleague's clinic (ADR 0019): only a doctor with a telephone clinic that day can be chosen.
  const coveringParam = url.searchParams.get('doctor');
  const covering = coveringParam && coveringParam !== user.id ? (colleagues.find((c) => c.id === coveringParam) ?? null) : null;
  const coveringUnknown = !!coveringParam && coveringParam !== user.id && !covering;
  const clinics = await getMyClinic(covering?.id ?? user.id, date, actor, ipAddress, now);
  return {
    date,
    covering,
    coveringUnknown,
    colleagues,
    dateLabel: formatDate(new Date(`${date}T00:00:00.000Z`)),
    isToday: date === today,
    logged: url.searchParams.get('logged') === 'dna' ? 'dna' : url.searchParams.get('logged') === 'no-answer' ? 'no-answer' : null,
    previous: addLocalDays(date, -1, UNIT_TIME_ZONE),
    next: addLocalDays(date, 1, UNIT_TIME_ZONE),
    clinics: clinics.map((clinic) => ({
      id: clinic.id,
      title: `${clinic.site.name}, ${formatTime(clinic.startsAt)} to ${formatTime(clinic.endsAt)}`,
      cancelled: clinic.status === 'CANCELLED',
      slots: clinic.slots.map((slot) => {
        const c = slot.consultation;
        return {
          id: slot.id,
          time: formatTime(slot.startsAt),
          consultation: c
            ? {
                id: c.id,
                version: c.version,
                open: canLogCall(c, now).allowed,
                status: c.status,
                statusLabel: STATUS_LABEL[c.status],
                outcomeVersion: c.outcomeVersion,
                patient: {
                  id: c.patient.id,
                  name: `${c.patient.firstName} ${c.patient.lastName}`,
                  nhsNumber: formatNhsNumber(c.patient.nhsNumber),
                  age: ageOn(c.patient.dateOfBirth, now),
                  phone: c.patient.mobilePhone,
                },
                needs: c.patient.communicationNeeds.map((n) =>
                  n === 'INTERPRETER' && c.patient.interpreterLanguage ? `Interpreter (${c.patient.interpreterLanguage})` : (NEED_LABEL[n] ?? n),
                ),
                interpreter: c.patient.communicationNeeds.includes('INTERPRETER') || c.patient.communicationNeeds.includes('BSL'),
                phoneRoute: c.phoneRoute,
                reason: c.referral?.reason ?? null,
                priority: c.referral ? (PRIORITY_LABEL[c.referral.priority] ?? c.referral.priority) : null,
                weeksWaited: c.weeksWaited,
                answered: c.callAttempts.some((a) => a.result === 'ANSWERED'),
                attempts: c.callAttempts.map((a) => `${CALL_RESULT_LABEL[a.result]} at ${formatTime(a.at)}`),
              }
            : null,
        };
      }),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'DOCTOR');
  return submitForm(await readForm(request), callAttemptFormSchema, async ({ appointmentId, version, result, coveringFor }) => {
    const logged = await logCallAttempt({ appointmentId, version, result, coveringFor: coveringFor ?? null }, actor, ipAddress, new Date());
    if (result === 'ANSWERED') return redirect(`/consultations/${appointmentId}/outcome${coveringFor ? `?covering=${encodeURIComponent(coveringFor)}` : ''}`);
    const date = parseClinicDate(new URL(request.url).searchParams.get('date'));
    const back = new URLSearchParams(date ? { date } : {});
    if (coveringFor) back.set('doctor', coveringFor);
    back.set('logged', logged.becameDna ? 'dna' : 'no-answer');
    return redirect(`/my-clinic?${back.toString()}#consultation-${appointmentId}`);
  });
}

/** One call's button: logs the call as answered or not, for this consultation (and the clinic being covered). */
function CallForm({
  consultation,
  coveringFor,
  result,
  className,
  children,
}: {
  consultation: { id: string; version: number };
  coveringFor: string | null;
  result: 'NO_ANSWER' | 'ANSWERED';
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" className={className}>
      <input type="hidden" name="intent" value="call" />
      <input type="hidden" name="appointmentId" value={consultation.id} />
      <input type="hidden" name="version" value={consultation.version} />
      {coveringFor ? <input type="hidden" name="coveringFor" value={coveringFor} /> : null}
      <input type="hidden" name="result" value={result} />
      {children}
    </Form>
  );
}

export default function MyClinic() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // The call buttons of every consultation.
  const [form] = useReplyForm({ id: 'call', reply });
  const covering = data.covering?.id ?? null;
  const outcomeHref = (id: string) => `/consultations/${id}/outcome${covering ? `?covering=${covering}` : ''}`;
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {data.logged ? <Notice>{data.logged === 'dna' ? 'Call logged. The patient did not answer again, so the consultation is recorded as did not answer (DNA) and the clerks will rebook or discharge.' : 'Call logged: no answer.'}</Notice> : null}
      {data.covering ? (
        <WarningCallout heading={<>Covering {data.covering.name}’s clinic</>} testId="covering">
          <p>
            You are covering this clinic. Calls you log and outcomes you record here are recorded as made by you, covering for {data.covering.name}.{' '}
            <Link to={`/my-clinic?date=${data.date}`}>Back to your own clinic</Link>
          </p>
        </WarningCallout>
      ) : null}
      {data.coveringUnknown ? (
        <div className="nhsuk-inset-text" role="status">
          <p>That doctor has no telephone clinic on this day, so your own clinic is shown.</p>
        </div>
      ) : null}
      <h1>{data.covering ? `${data.covering.name}’s clinic` : 'My clinic'}{data.isToday ? ' today' : ''}</h1>
      <p className="nhsuk-body-l">{data.dateLabel}</p>
      <p>
        <Link to={`/my-clinic?${new URLSearchParams({ date: data.previous, ...(data.covering ? { doctor: data.covering.id } : {}) })}`}>Previous day</Link> ·{' '}
        <Link to={`/my-clinic?${new URLSearchParams({ date: data.next, ...(data.covering ? { doctor: data.covering.id } : {}) })}`}>Next day</Link>
      </p>
      <form method="get" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="field-date">
            Show another day
          </label>
          <input className="nhsuk-input nhsuk-input--width-10" id="field-date" name="date" type="date" defaultValue={data.date} />
        </div>
        {data.covering ? <input type="hidden" name="doctor" value={data.covering.id} /> : null}
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show
        </button>
      </form>
      {data.colleagues.length > 0 ? (
        <form method="get" className="nhsuk-u-margin-bottom-5">
          <input type="hidden" name="date" value={data.date} />
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="field-doctor">
              Cover a colleague’s clinic on this day
            </label>
            <div className="nhsuk-hint" id="field-doctor-hint">
              When a colleague is away, you can log calls and record outcomes in their clinic. It is recorded that you were covering.
            </div>
            <select className="nhsuk-select" id="field-doctor" name="doctor" aria-describedby="field-doctor-hint" defaultValue={data.covering?.id ?? ''}>
              <option value="">My own clinic</option>
              {data.colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Open clinic
          </button>
        </form>
      ) : null}
      {data.clinics.length === 0 ? <p>{data.covering ? `${data.covering.name} has` : 'You have'} no telephone clinic on this day.</p> : null}
      {data.clinics.map((clinic) => (
        <section key={clinic.id} aria-labelledby={`clinic-${clinic.id}`}>
          <h2 id={`clinic-${clinic.id}`}>
            {clinic.title} {clinic.cancelled ? <Tag colour="red">Cancelled</Tag> : null}
          </h2>
          <Table head={['Time', 'Patient', 'Referral', 'Status and calls', 'Action']}>
            {clinic.slots.map((slot) => {
              const c = slot.consultation;
              if (!c) {
                return (
                  <Row key={slot.id}>
                    <Cell>{slot.time}</Cell>
                    <Cell>Not booked</Cell>
                    <Cell />
                    <Cell />
                    <Cell />
                  </Row>
                );
              }
              return (
                <Row key={slot.id}>
                  <Cell>
                    <span id={`consultation-${c.id}`}>{slot.time}</span>
                  </Cell>
                  <Cell>
                    <Link to={outcomeHref(c.id)}>{c.patient.name}</Link>
                    <br />
                    <span className="paindesk-nhs-number">{c.patient.nhsNumber}</span>, age {c.patient.age}
                    <br />
                    {c.patient.phone ? <>Phone {c.patient.phone}</> : 'No phone number recorded'}
                    {c.needs.length > 0 ? (
                      <>
                        <br />
                        {c.interpreter ? <Tag colour="orange">Interpreter needed</Tag> : null} {c.needs.join(', ')}
                      </>
                    ) : null}
                    {c.phoneRoute.map((flag) => (
                      <span key={flag} className="nhsuk-body-s" data-testid="phone-route">
                        <br />
                        <Tag colour="red">{flag}</Tag>
                      </span>
                    ))}
                  </Cell>
                  <Cell>
                    {c.reason}
                    {c.weeksWaited !== null ? (
                      <>
                        <br />
                        {c.priority}, waited {c.weeksWaited} {c.weeksWaited === 1 ? 'week' : 'weeks'}
                      </>
                    ) : null}
                  </Cell>
                  <Cell>
                    <Tag colour={c.status === 'DNA' ? 'red' : c.status === 'COMPLETED' ? 'green' : 'blue'}>{c.statusLabel}</Tag>
                    {c.attempts.length > 0 ? (
                      <ul className="nhsuk-list nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                        {c.attempts.map((a, i) => (
                          <li key={i}>{a}</li>
                        ))}
                      </ul>
                    ) : (
                      <>
                        <br />
                        No calls yet
                      </>
                    )}
                  </Cell>
                  <Cell>
                    {c.open ? (
                      <>
                        {!c.answered ? (
                          <>
                            <CallForm consultation={c} coveringFor={covering} result="NO_ANSWER" className="nhsuk-u-margin-bottom-2">
                              <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                                No answer<span className="nhsuk-u-visually-hidden"> from {c.patient.name}</span>
                              </button>
                            </CallForm>
                            <CallForm consultation={c} coveringFor={covering} result="ANSWERED">
                              <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                                Answered<span className="nhsuk-u-visually-hidden">: {c.patient.name}</span>
                              </button>
                            </CallForm>
                          </>
                        ) : (
                          <Link to={outcomeHref(c.id)}>
                            Record outcome<span className="nhsuk-u-visually-hidden"> for {c.patient.name}</span>
                          </Link>
                        )}
                      </>
                    ) : c.outcomeVersion > 0 ? (
                      <Link to={outcomeHref(c.id)}>
                        View outcome<span className="nhsuk-u-visually-hidden"> for {c.patient.name}</span>
                      </Link>
                    ) : null}
                  </Cell>
                </Row>
              );
            })}
          </Table>
        </section>
      ))}
    </>
  );
}
