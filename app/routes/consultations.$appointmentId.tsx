import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { canCancelConsultation, canMoveConsultation } from '~/appointments/appointment-rules';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, Tag, TextInput, Textarea } from '~/components/forms';
import { Notice, PatientCaption, SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { phoneRouteFlags } from '~/consultations/phone-route';
import { STATUS_LABEL } from '~/appointments/appointment-status';
import { cancelConsultation } from '~/consultations/cancel-consultation.server';
import { CANCELLED_BY_OPTIONS, cancelFormSchema, moveFormSchema, parseSlotSearch } from '~/consultations/consultation-forms';
import { getConsultation } from '~/consultations/consultation-repo.server';
import { findFreeSlots, slotSearchOptions } from '~/consultations/find-free-slots.server';
import { moveConsultation } from '~/consultations/move-consultation.server';
import { SlotSearchForm } from '~/components/slot-search-form';
import { formatDate, formatDateTime, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Telephone consultation for ${data.patient.name}` : 'Telephone consultation');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const now = new Date();
  const appointment = await loadUseCase(() => getConsultation(params.appointmentId ?? '', actor, ipAddress));
  const url = new URL(request.url);
  // One flag for both forms: the two rules allow exactly the same consultations (appointment-rules.test.ts).
  const changeable = canMoveConsultation(appointment, now).allowed && canCancelConsultation(appointment, now).allowed;
  const { search, errors } = parseSlotSearch(url.searchParams);
  const [free, options] = changeable
    ? await Promise.all([findFreeSlots(search, now), slotSearchOptions()])
    : [null, null];
  const clinic = appointment.slot.clinic;
  return {
    id: appointment.id,
    version: appointment.version,
    status: appointment.status,
    statusLabel: STATUS_LABEL[appointment.status],
    changeable,
    when: formatDateTime(appointment.startsAt),
    minutes: appointment.minutes,
    patient: {
      id: appointment.patient.id,
      name: `${appointment.patient.firstName} ${appointment.patient.lastName}`,
      nhsNumber: formatNhsNumber(appointment.patient.nhsNumber),
      dateOfBirth: formatDate(appointment.patient.dateOfBirth),
    },
    // Shown on the booking confirmation: a call the patient cannot take as booked (DESIGN.md rule 11).
    phoneRoute: appointment.slot.clinic.kind === 'TELEPHONE' ? phoneRouteFlags(appointment.patient) : [],
    clinician: clinic.clinician.name,
    site: clinic.site.name,
    clinicDate: clinic.date.toISOString().slice(0, 10),
    clinicSiteId: clinic.site.id,
    booked: `${formatDateTime(appointment.bookedAt)}${appointment.bookedBy ? ` by ${appointment.bookedBy.name}` : ''}`,
    cancelled: appointment.cancelledAt
      ? {
          at: `${formatDateTime(appointment.cancelledAt)}${appointment.cancelledBy ? ` by ${appointment.cancelledBy.name}` : ''}`,
          reason: appointment.cancellationReason,
        }
      : null,
    rebookedFrom: appointment.rebookedFrom ? { id: appointment.rebookedFrom.id, when: formatDateTime(appointment.rebookedFrom.startsAt) } : null,
    rebookedTo: appointment.rebookedTo ? { id: appointment.rebookedTo.id, when: formatDateTime(appointment.rebookedTo.startsAt) } : null,
    search,
    searchErrors: errors,
    options,
    freeSlots: free?.slots.map((slot) => ({ id: slot.id, label: `${formatDateTime(slot.startsAt)}, ${slot.siteName}, ${slot.clinicianName}` })) ?? [],
    idempotencyKey: randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const formData = await readForm(request);
  const appointmentId = params.appointmentId ?? '';
  switch (formData.get('intent')) {
    case 'cancel':
      return submitForm(formData, cancelFormSchema, async (value) => {
        await cancelConsultation({ appointmentId, ...value }, actor, ipAddress, new Date());
        return redirect(`/consultations/${appointmentId}?cancelled=1`);
      });
    case 'move':
      return submitForm(formData, moveFormSchema, async ({ slotId, version, idempotencyKey, requestedBy, moveReason }) => {
        const moved = await moveConsultation(
          { appointmentId, slotId, version, idempotencyKey, requestedBy, reason: moveReason },
          actor,
          ipAddress,
          new Date(),
        );
        return redirect(`/consultations/${moved.appointmentId}?moved=1`);
      });
    default:
      return formErrorReply('Choose to move or to cancel the appointment.');
  }
}

const STATUS_COLOUR = {
  BOOKED: 'blue',
  CONFIRMED: 'blue',
  ARRIVED: 'green',
  COMPLETED: 'green',
  DNA: 'orange',
  CANCELLED_BY_PATIENT: 'grey',
  CANCELLED_BY_HOSPITAL: 'red',
} as const;

export default function ConsultationPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [cancelForm, cancelFields] = useReplyForm({ id: 'cancel', reply, intent: 'cancel', schema: cancelFormSchema });
  const [moveForm, moveFields] = useReplyForm({ id: 'move', reply, intent: 'move', schema: moveFormSchema });
  const notice = searchParams.get('booked')
    ? 'Consultation booked.'
    : searchParams.get('moved')
      ? 'Consultation moved.'
      : searchParams.get('cancelled')
        ? 'Consultation cancelled.'
        : null;
  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={{ ...cancelForm.allErrors, ...moveForm.allErrors }} />
      <PatientCaption patient={data.patient} />
      <h1>Telephone consultation</h1>
      {data.phoneRoute.length > 0 ? (
        <WarningCallout heading="Before the call" testId="phone-route">
          <ul>
            {data.phoneRoute.map((flag) => (
              <li key={flag}>{flag}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <SummaryList>
        <SummaryRow label="Patient">
          <Link to={`/patients/${data.patient.id}`}>{data.patient.name}</Link>, born {data.patient.dateOfBirth}
        </SummaryRow>
        <SummaryRow label="When">
          <span data-testid="consultation-when">{data.when}</span> ({data.minutes} minutes)
        </SummaryRow>
        <SummaryRow label="Doctor">{data.clinician}</SummaryRow>
        <SummaryRow label="Clinic">
          <Link to={`/clinics?date=${data.clinicDate}&siteId=${data.clinicSiteId}`}>{data.site}</Link>
        </SummaryRow>
        <SummaryRow label="Status">
          <span data-testid="consultation-status">
            <Tag colour={STATUS_COLOUR[data.status]}>{data.statusLabel}</Tag>
          </span>
        </SummaryRow>
        <SummaryRow label="Booked">{data.booked}</SummaryRow>
        {data.cancelled ? (
          <SummaryRow label="Cancelled">
            {data.cancelled.at}
            {data.cancelled.reason ? `: ${data.cancelled.reason}` : ''}
          </SummaryRow>
        ) : null}
        {data.rebookedFrom ? (
          <SummaryRow label="Moved from">
            <Link to={`/consultations/${data.rebookedFrom.id}`}>{data.rebookedFrom.when}</Link>
          </SummaryRow>
        ) : null}
        {data.rebookedTo ? (
          <SummaryRow label="Moved to">
            <Link to={`/consultations/${data.rebookedTo.id}`}>{data.rebookedTo.when}</Link>
          </SummaryRow>
        ) : null}
        {data.status === 'COMPLETED' || data.status === 'DNA' ? (
          <SummaryRow label="Calls and outcome">
            <Link to={`/consultations/${data.id}/outcome`}>{data.status === 'COMPLETED' ? 'View the recorded outcome' : 'View the calls made'}</Link>
          </SummaryRow>
        ) : null}
      </SummaryList>
      {data.changeable ? (
        <>
          <h2>Move to another time</h2>
          {data.options ? (
            <SlotSearchForm options={data.options} search={data.search} errors={data.searchErrors} keep={{}} legend="Free slots to move to" />
          ) : null}
          <Form method="post" {...formProps(moveForm)}>
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={data.version} />
            <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
            {data.freeSlots.length === 0 ? (
              <p role="status">There are no free slots that match. Try any site or doctor, or a later date.</p>
            ) : (
              <Radios
                {...textField(moveFields.slotId)}
                legend="New time"
                hint="The next free slots, earliest first"
                options={data.freeSlots.map((slot) => ({ value: slot.id, label: slot.label }))}
              />
            )}
            <Radios {...textField(moveFields.requestedBy)} legend="Who asked for the move?" options={CANCELLED_BY_OPTIONS} inline />
            <TextInput {...textField(moveFields.moveReason)} label="Reason for the move (optional)" />
            {data.freeSlots.length > 0 ? (
              <button className="nhsuk-button" type="submit">
                Move appointment
              </button>
            ) : null}
          </Form>
          <h2>Cancel this appointment</h2>
          <Form method="post" {...formProps(cancelForm)}>
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={data.version} />
            <Radios
              {...textField(cancelFields.cancelledBy)}
              legend="Who cancelled?"
              hint="If the hospital cancels, the patient is listed under needs rebooking."
              options={CANCELLED_BY_OPTIONS}
              inline
            />
            <Textarea {...textField(cancelFields.reason)} label="Reason for cancelling" />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Cancel appointment
            </button>
          </Form>
        </>
      ) : null}
      <p>
        <Link to="/consultations">Back to the waiting list</Link>
      </p>
    </>
  );
}
