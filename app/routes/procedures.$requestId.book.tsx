import { randomUUID } from 'node:crypto';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, Tag, Textarea } from '~/components/forms';
import { Readiness } from '~/components/readiness';
import { formatNhsNumber } from '~/patients/nhs-number';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { MODALITY_LABEL, SESSION_PART_LABEL, formatLongDate, formatTimeRange, sideAndLevels } from '~/scheduling/procedures/labels';
import { GUIDANCE_LABEL } from '~/scheduling/procedures/list-rules';
import { bookProcedureSchema } from '~/scheduling/procedures/procedure-forms';
import { getRequestForBooking } from '~/scheduling/procedures/procedure-repo.server';
import { tooSoonMessage } from '~/scheduling/procedures/stop-timing';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { formatTime, pageTitle, titleCase } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Book a procedure');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  try {
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
  } catch (error) {
    throw domainErrorReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: bookProcedureSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const booked = await bookProcedure(
      {
        requestId: params.requestId ?? '',
        listId: submission.value.listId,
        idempotencyKey: submission.value.idempotencyKey,
        timingOverrideReason: submission.value.timingOverrideReason,
      },
      actor,
      ipAddress,
      new Date(),
    );
    return redirect(`/procedure-bookings/${booked.appointmentId}?booked=1`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

export default function BookProcedure() {
  const { request, lists, idempotencyKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const fieldErrors = reply && 'error' in reply ? (reply.error as Record<string, string[] | undefined> | undefined) : undefined;
  const formError = reply && 'formError' in reply ? (reply.formError as string | undefined) : undefined;
  return (
    <>
      <ErrorSummary errors={{ listId: fieldErrors?.listId, timingOverrideReason: fieldErrors?.timingOverrideReason }} formError={formError} />
      <span className="nhsuk-caption-l">
        {request.patient.name}, NHS number <span className="paindesk-nhs-number">{request.patient.nhsNumber}</span>
      </span>
      <h1>Book a procedure</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Procedure</dt>
          <dd className="nhsuk-summary-list__value">
            {request.procedure}
            {request.sideAndLevels ? `, ${request.sideAndLevels}` : ''} ({request.minutes} minutes)
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Guidance</dt>
          <dd className="nhsuk-summary-list__value">{request.guidance}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Sedation</dt>
          <dd className="nhsuk-summary-list__value">{request.sedation ? 'Yes' : 'No'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Priority</dt>
          <dd className="nhsuk-summary-list__value">{request.priority}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Ready for the procedure</dt>
          <dd className="nhsuk-summary-list__value" data-testid="request-readiness">
            <Readiness notReady={request.notReady} readyText="Yes" small={false} />
          </dd>
        </div>
        {request.flag ? (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Note</dt>
            <dd className="nhsuk-summary-list__value">{request.flag}</dd>
          </div>
        ) : null}
      </dl>
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
        <Form method="post" noValidate>
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <Radios
            name="listId"
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
            errors={fieldErrors?.listId}
          />
          {lists.some((l) => l.tooSoon) ? (
            <Textarea
              name="timingOverrideReason"
              label="Only for a list marked too soon: why a clinician agrees to book it"
              hint="Leave empty unless a doctor has agreed. For example: Dr Shah agreed a shorter stop by phone on 22 March. This is saved on the booking and shown on the day list."
              errors={fieldErrors?.timingOverrideReason}
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
