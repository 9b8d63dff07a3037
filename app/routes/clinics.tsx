import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { canCancelClinic } from '~/appointments/appointment-rules';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Select, Tag, TextInput } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { textField, useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/utils/nhs-number';
import { STATUS_LABEL } from '~/appointments/appointment-status';
import { cancelClinic } from '~/consultations/cancel-clinic.server';
import { clinicsOn, listActiveSites } from '~/consultations/clinic-day.server';
import { cancelClinicFormSchema, parseClinicDay } from '~/scheduling/clinic-forms';
import { addLocalDays, parseLocalDate } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { formatTime, londonToday, pageTitle } from '~/utils/format';
import { phoneRouteFlags } from '~/consultations/phone-route';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Clinics on ${data.dateLabel}` : 'Clinics');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request, 'CLERK');
  const now = new Date();
  const url = new URL(request.url);
  const { date, siteId, error } = parseClinicDay(url.searchParams, londonToday(now));
  const [clinics, sites] = await Promise.all([clinicsOn(date, siteId, actor), listActiveSites()]);
  // A date that is not a real date in range is a bad request (400), shown on today's page with the message.
  return json({
    date,
    siteId: siteId ?? '',
    dateError: error ?? null,
    dateLabel: parseLocalDate(date, UNIT_TIME_ZONE).toFormat('cccc d LLLL yyyy'),
    previous: addLocalDays(date, -1, UNIT_TIME_ZONE),
    next: addLocalDays(date, 1, UNIT_TIME_ZONE),
    cancelledNotice: url.searchParams.get('cancelled'),
    sites,
    clinics: clinics.map((clinic) => ({
      id: clinic.id,
      status: clinic.status,
      cancellationReason: clinic.cancellationReason,
      site: clinic.site.name,
      clinician: clinic.clinician.name,
      times: `${formatTime(clinic.startsAt)} to ${formatTime(clinic.endsAt)}`,
      cancellable: canCancelClinic(clinic, now).allowed,
      slots: clinic.slots.map((slot) => ({
        id: slot.id,
        time: formatTime(slot.startsAt),
        booking: slot.booking
          ? {
              appointmentId: slot.booking.id,
              patient: `${slot.booking.patient.firstName} ${slot.booking.patient.lastName}`,
              nhsNumber: formatNhsNumber(slot.booking.patient.nhsNumber),
              status: STATUS_LABEL[slot.booking.status],
              // A telephone call the patient cannot take as booked (DESIGN.md rule 11).
              phoneRoute: clinic.kind === 'TELEPHONE' ? phoneRouteFlags(slot.booking.patient) : [],
            }
          : null,
        cancelled: slot.cancelled.map((a) => ({
          appointmentId: a.id,
          patient: `${a.patient.firstName} ${a.patient.lastName}`,
          status: STATUS_LABEL[a.status],
        })),
      })),
    })),
  }, { status: error ? 400 : 200 });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return submitForm(await readForm(request), cancelClinicFormSchema, async (value) => {
    const result = await cancelClinic(value, actor, ipAddress, new Date());
    const url = new URL(request.url);
    url.searchParams.set('cancelled', String(result.cancelledAppointments));
    return redirect(`${url.pathname}${url.search}`);
  });
}

export default function Clinics() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // One "Cancel this clinic" form per clinic: the reply's clinic shows its message and what was typed.
  const [cancelForm, cancelFields] = useReplyForm<typeof cancelClinicFormSchema>({ id: 'cancel-clinic', reply });
  const failedClinic = textField(cancelFields.clinicId).defaultValue;
  const reasonErrors = cancelFields.reason.errors;
  const siteQuery = data.siteId ? `&siteId=${encodeURIComponent(data.siteId)}` : '';
  return (
    <>
      {data.cancelledNotice !== null ? (
        <Notice>
          Clinic cancelled. {data.cancelledNotice === '0' ? 'Nobody was booked into it.' : `${data.cancelledNotice} booked ${data.cancelledNotice === '1' ? 'patient is' : 'patients are'} now listed under `}
          {data.cancelledNotice === '0' ? null : <Link to="/consultations#needs-rebooking">needs rebooking</Link>}
          {data.cancelledNotice === '0' ? null : '.'}
        </Notice>
      ) : null}
      <ErrorSummary
        errors={{ date: data.dateError ? [data.dateError] : undefined }}
        formError={cancelForm.errors?.[0] ?? Object.values(cancelForm.allErrors).flat()[0]}
      />
      <h1>Clinics on {data.dateLabel}</h1>
      <Form method="get" role="search" aria-label="Clinics by day">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <TextInput name="date" label="Date" type="date" defaultValue={data.date} errors={data.dateError ? [data.dateError] : undefined} />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <Select name="siteId" label="Site" emptyLabel="All sites" options={data.sites.map((s) => ({ value: s.id, label: s.name }))} defaultValue={data.siteId} />
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show clinics
        </button>
      </Form>
      <p>
        <Link to={`/clinics?date=${data.previous}${siteQuery}`}>Previous day</Link> | <Link to={`/clinics?date=${data.next}${siteQuery}`}>Next day</Link>
      </p>
      {data.clinics.length === 0 ? <p role="status">There are no clinics on this day{data.siteId ? ' at this site' : ''}.</p> : null}
      {data.clinics.map((clinic) => (
        <section key={clinic.id} aria-labelledby={`clinic-${clinic.id}`}>
          <h2 id={`clinic-${clinic.id}`}>
            {clinic.clinician}, {clinic.site}, {clinic.times}{' '}
            {clinic.status === 'CANCELLED' ? <Tag colour="red">Cancelled</Tag> : null}
          </h2>
          {clinic.status === 'CANCELLED' && clinic.cancellationReason ? <p>Cancelled: {clinic.cancellationReason}</p> : null}
          <Table head={['Time', 'Patient', 'Status']}>
            {clinic.slots.map((slot) => (
              <Row key={slot.id}>
                <Cell>{slot.time}</Cell>
                <Cell>
                  {slot.booking ? (
                    <>
                      <Link to={`/consultations/${slot.booking.appointmentId}`}>{slot.booking.patient}</Link>{' '}
                      <span className="paindesk-nhs-number">{slot.booking.nhsNumber}</span>
                      {slot.booking.phoneRoute.map((flag) => (
                        <span key={flag}>
                          <br />
                          <Tag colour="red">{flag}</Tag>
                        </span>
                      ))}
                    </>
                  ) : (
                    'Free'
                  )}
                  {slot.cancelled.map((a) => (
                    <div key={a.appointmentId} className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                      <Link to={`/consultations/${a.appointmentId}`}>{a.patient}</Link> ({a.status.toLowerCase()})
                    </div>
                  ))}
                </Cell>
                <Cell>{slot.booking ? slot.booking.status : ''}</Cell>
              </Row>
            ))}
          </Table>
          {clinic.cancellable ? (
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Cancel this clinic</span>
              </summary>
              <div className="nhsuk-details__text">
                <Form method="post">
                  <input type="hidden" name="intent" value="cancel-clinic" />
                  <input type="hidden" name="clinicId" value={clinic.id} />
                  <div className={`nhsuk-form-group${failedClinic === clinic.id && reasonErrors ? ' nhsuk-form-group--error' : ''}`}>
                    <label className="nhsuk-label" htmlFor={`reason-${clinic.id}`}>
                      Reason the clinic is cancelled
                    </label>
                    <div className="nhsuk-hint" id={`reason-${clinic.id}-hint`}>
                      Booked patients are cancelled by the hospital and listed under needs rebooking.
                    </div>
                    {failedClinic === clinic.id && reasonErrors ? (
                      <span className="nhsuk-error-message" id={`reason-${clinic.id}-error`}>
                        <span className="nhsuk-u-visually-hidden">Error:</span> {reasonErrors[0]}
                      </span>
                    ) : null}
                    <input
                      className="nhsuk-input"
                      id={`reason-${clinic.id}`}
                      name="reason"
                      type="text"
                      aria-describedby={`reason-${clinic.id}-hint`}
                      defaultValue={failedClinic === clinic.id ? textField(cancelFields.reason).defaultValue : undefined}
                    />
                  </div>
                  <button className="nhsuk-button nhsuk-button--warning" type="submit">
                    Cancel clinic<span className="nhsuk-u-visually-hidden">: {clinic.clinician}, {clinic.site}, {clinic.times}</span>
                  </button>
                </Form>
              </div>
            </details>
          ) : null}
        </section>
      ))}
    </>
  );
}
