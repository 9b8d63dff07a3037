import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, Tag, Textarea } from '~/components/forms';
import { PatientCaption, SummaryList, SummaryRow } from '~/components/page-parts';
import { Readiness } from '~/components/readiness';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { MODALITY_LABEL, SESSION_PART_LABEL, sideAndLevels } from '~/scheduling/procedures/labels';
import { GUIDANCE_LABEL } from '~/scheduling/procedures/list-rules';
import { bookProcedureSchema } from '~/scheduling/procedures/procedure-forms';
import { getRequestForBooking } from '~/scheduling/procedures/procedure-repo.server';
import { tooSoonMessage } from '~/scheduling/procedures/stop-timing';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { formatLongDate, formatTime, formatTimeRange, pageTitle, titleCase } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Book a procedure');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return loadUseCase(async () => {
    const found = await getRequestForBooking(
      params.requestId ?? '',
      { actor, ipAddress },
      new Date(),
    );
    const r = found.request;
    return {
      // A new key each time the page is shown: the same form submitted twice books once.
      idempotencyKey: randomUUID(),
      request: {
        id: r.id,
        status: r.status,
        patient: { id: r.patient.id, name: `${r.patient.firstName} ${r.patient.lastName}`, nhsNumber: formatNhsNumber(r.patient.nhsNumber) },
        procedure: r.procedureType.name,
        sideAndLevels: sideAndLevels(r.side, r.levels),
        guidance: MODALITY_LABEL[r.guidance],
        guidanceInText: GUIDANCE_LABEL[r.guidance],
        sedation: r.sedation,
        minutes: r.minutes,
        priority: PRIORITY_LABEL[r.priority] ?? r.priority,
        flag: r.flag,
        notReady: found.readiness.reasons.map((reason) => reason.text),
      },
      lists: found.lists.map((l) => ({
        id: l.id,
        label: `${formatLongDate(l.startsAt)}, ${(SESSION_PART_LABEL[l.sessionPart] ?? l.sessionPart).toLowerCase()} (${formatTimeRange(l.startsAt, l.endsAt)}), ${l.siteName}`,
        hint: `${MODALITY_LABEL[l.modality]} list with ${l.operatorName}. ${l.minutesLeft} minutes free. Arrive ${formatTime(l.plannedArrivalAt)} for a ${formatTime(l.plannedStartsAt)} start.`,
        // Too soon for a doctor's planned stop (DESIGN.md rule 11): still choosable, but only with a clinician's reason.
        tooSoon: l.tooSoonToStop,
        tooSoonDetail: l.tooSoonProblems.length > 0 ? tooSoonMessage(l.tooSoonProblems) : null,
      })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return submitForm(await readForm(request), bookProcedureSchema, async ({ listId, idempotencyKey, timingOverrideReason }) => {
    const booked = await bookProcedure({ requestId: params.requestId ?? '', listId, idempotencyKey, timingOverrideReason }, actor, ipAddress, new Date());
    return redirect(`/procedure-bookings/${booked.appointmentId}?booked=1`);
  });
}

export default function BookProcedure() {
  const { request, lists, idempotencyKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useReplyForm<typeof bookProcedureSchema>({ id: 'book-procedure', reply });
  return (
    <>
      <ErrorSummary errors={{ '': form.errors, listId: fields.listId.errors, timingOverrideReason: fields.timingOverrideReason.errors }} />
      <PatientCaption patient={request.patient} />
      <h1>Book a procedure</h1>
      <SummaryList>
        <SummaryRow label="Procedure">
          {request.procedure}
          {request.sideAndLevels ? `, ${request.sideAndLevels}` : ''} ({request.minutes} minutes)
        </SummaryRow>
        <SummaryRow label="Guidance">{request.guidance}</SummaryRow>
        <SummaryRow label="Sedation">{request.sedation ? 'Yes' : 'No'}</SummaryRow>
        <SummaryRow label="Priority">{request.priority}</SummaryRow>
        <SummaryRow label="Ready for the procedure" testId="request-readiness">
          <Readiness notReady={request.notReady} readyText="Yes" small={false} />
        </SummaryRow>
        {request.flag ? <SummaryRow label="Note">{request.flag}</SummaryRow> : null}
      </SummaryList>
      {request.status !== 'WAITING' ? (
        <div className="nhsuk-inset-text">
          <p>
            This request is not on the waiting list (it is {titleCase(request.status).toLowerCase()}), so it cannot be booked here.{' '}
            <Link to={`/patients/${request.patient.id}`}>See the patient&apos;s appointments</Link>.
          </p>
        </div>
      ) : lists.length === 0 ? (
        <div className="nhsuk-inset-text">
          <p>
            No future {request.guidanceInText} list has room for this procedure on a day the patient is free. Ask an administrator to
            add lists, or check again after cancellations.
          </p>
        </div>
      ) : (
        <Form method="post" {...formProps(form)}>
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <Radios
            {...textField(fields.listId)}
            legend={<h2 className="nhsuk-fieldset__heading">Choose a list</h2>}
            legendSize="m"
            hint={`Lists with ${request.guidanceInText} guidance at a site with an interventional suite, with room for ${request.minutes} minutes on a day the patient has no other appointment.`}
            options={lists.map((l) => ({
              value: l.id,
              label: l.label,
              hint: l.tooSoon ? (
                <>
                  <Tag colour="red">{l.tooSoon}</Tag> {l.tooSoonDetail} {l.hint}
                </>
              ) : (
                l.hint
              ),
            }))}
          />
          {lists.some((l) => l.tooSoon) ? (
            <Textarea
              {...textField(fields.timingOverrideReason)}
              label="Only for a list marked too soon: why a clinician agrees to book it"
              hint="Leave empty unless a doctor has agreed. For example: Dr Shah agreed a shorter stop by phone on 22 March. This is saved on the booking and shown on the day list."
            />
          ) : null}
          <button className="nhsuk-button" type="submit" disabled={navigation.state === 'submitting'}>
            Book procedure
          </button>
        </Form>
      )}
      <p>
        <Link to="/procedures">Back to the waiting list</Link>
      </p>
    </>
  );
}
