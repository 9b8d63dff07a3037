import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Radios, Select, Tag, Textarea } from '~/components/forms';
import { Notice, PatientCaption, SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { Readiness } from '~/components/readiness';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { CHANNEL_LABEL, PURPOSE_LABEL, STATUS_LABEL, STATUS_TAG } from '~/communications/channels';
import { listAppointmentMessages } from '~/communications/messages-repo.server';
import { BLOCK_REASON_TEXT } from '~/leaflets/leaflet-approval';
import { getLeafletSummary } from '~/leaflets/leaflet-documents.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { cancelProcedureBooking } from '~/scheduling/procedures/cancel-procedure-booking.server';
import { CASE_STATUS_LABEL, MODALITY_LABEL, SESSION_PART_LABEL, listName, listTitle, sideAndLevels } from '~/scheduling/procedures/labels';
import { markProcedureDna } from '~/scheduling/procedures/mark-procedure-dna.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import { CANCELLED_BY, backfillSchema, cancelCaseSchema, dnaCaseSchema, moveCaseSchema } from '~/scheduling/procedures/procedure-forms';
import { getCaseListId, getProcedureCase } from '~/scheduling/procedures/procedure-repo.server';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { implantedDeviceText } from '~/scheduling/procedures/readiness';
import { formatDate, formatDateTime, formatLongDate, formatTime, formatTimeRange, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Procedure booking');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const found = await loadUseCase(() => getProcedureCase(params.appointmentId ?? '', { actor, ipAddress }, new Date()));
  const { appointment: a, backfill } = found;
  const r = a.procedureRequest;
  const leaflets = await getLeafletSummary(a.id, new Date());
  const messages = (await listAppointmentMessages(a.id)).map((m) => ({
    id: m.id,
    what: PURPOSE_LABEL[m.purpose],
    how: CHANNEL_LABEL[m.channel],
    status: m.status,
    statusLabel: STATUS_LABEL[m.status],
    when: m.sentAt ? `Sent ${formatDateTime(m.sentAt)}` : m.held ? '' : m.status === 'QUEUED' ? `Due ${formatDateTime(m.dueAt)}` : '',
    held: m.held,
  }));
  return {
    messages,
    leaflets: {
      ...leaflets,
      unconfirmedBloodThinners: leaflets.unconfirmedBloodThinners.map((name) => name.charAt(0).toUpperCase() + name.slice(1)),
      blocked: leaflets.blocked.map((b) => ({ key: b.key, title: b.title, reasons: b.reasons.map((r) => BLOCK_REASON_TEXT[r]) })),
    },
    heldMessages: messages.filter((m) => m.held).length,
    // One key per page view; each suggestion's form adds its request id, so each books at most once.
    idempotencyKey: randomUUID(),
    appointment: {
      id: a.id,
      status: a.status,
      statusLabel: CASE_STATUS_LABEL[a.status] ?? a.status,
      version: a.version,
      arrival: a.arrivalAt ? formatDateTime(a.arrivalAt) : null,
      start: formatDateTime(a.startsAt),
      position: a.listPosition,
      minutes: a.minutes,
      bookedBy: a.bookedBy?.name ?? null,
      cancelled: a.cancelledAt
        ? { at: formatDateTime(a.cancelledAt), by: a.cancelledBy?.name ?? null, reason: a.cancellationReason }
        : null,
    },
    patient: { id: a.patient.id, name: `${a.patient.firstName} ${a.patient.lastName}`, nhsNumber: formatNhsNumber(a.patient.nhsNumber) },
    procedure: {
      name: r.procedureType.name,
      sideAndLevels: sideAndLevels(r.side, r.levels),
      guidance: MODALITY_LABEL[r.guidance],
      sedation: r.sedation,
      escortArranged: r.escortArranged,
      implantedDevice: implantedDeviceText(r.procedureType.code, r.implantedDevice),
    },
    readiness: found.readiness,
    timingOverrideBy: a.timingOverrideBy?.name ?? null,
    list: {
      id: a.procedureList.id,
      title: listTitle(a.procedureList),
      times: formatTimeRange(a.procedureList.startsAt, a.procedureList.endsAt),
      operator: a.procedureList.operator.name,
      modality: MODALITY_LABEL[a.procedureList.modality],
      cancelled: a.procedureList.status === 'CANCELLED',
    },
    canCancel: found.canCancel,
    canMove: found.canMove,
    canMarkDna: found.canMarkDna,
    moveOptions: found.moveOptions.map((l) => ({
      value: l.id,
      label: `${l.tooSoonToStop ? `${l.tooSoonToStop}: ` : ''}${formatLongDate(l.startsAt)}, ${(SESSION_PART_LABEL[l.sessionPart] ?? l.sessionPart).toLowerCase()}, ${l.siteName}: arrive ${formatTime(l.plannedArrivalAt)}, start ${formatTime(l.plannedStartsAt)} (${l.minutesLeft} minutes free)`,
    })),
    anyMoveTooSoon: found.moveOptions.some((l) => l.tooSoonToStop !== null),
    backfill: backfill
      ? {
          gap: backfill.gap
            ? {
                at: backfill.gap.startsAt.toISOString(),
                times: formatTimeRange(backfill.gap.startsAt, backfill.gap.endsAt),
                minutes: Math.min(backfill.gap.minutes, backfill.gap.minutesLeft),
              }
            : null,
          suggestions: backfill.suggestions.map((s) => ({
            requestId: s.id,
            patient: listName(s.patient),
            nhsNumber: formatNhsNumber(s.patient.nhsNumber),
            priority: PRIORITY_LABEL[s.priority] ?? s.priority,
            listedOn: formatDate(new Date(`${s.listedOn}T00:00:00Z`)),
            procedure: `${s.procedureType.name}${sideAndLevels(s.side, s.levels) ? `, ${sideAndLevels(s.side, s.levels)}` : ''}`,
            minutes: s.minutes,
            notReady: s.readiness.reasons.map((reason) => reason.text),
            tooSoon: s.tooSoonToStop,
          })),
        }
      : null,
  };
}

const SCHEMAS = { move: moveCaseSchema, cancel: cancelCaseSchema, dna: dnaCaseSchema, backfill: backfillSchema } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const appointmentId = params.appointmentId ?? '';
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  if (!(intent in SCHEMAS)) return formErrorReply('This form is out of date. Open the page again.');
  return submitForm(formData, SCHEMAS[intent as keyof typeof SCHEMAS], async (value) => {
    const now = new Date();
    switch (value.intent) {
      case 'move':
        await moveProcedureBooking(
          { appointmentId, version: value.version, toListId: value.toListId, timingOverrideReason: value.timingOverrideReason },
          actor,
          ipAddress,
          now,
        );
        return redirect(`/procedure-bookings/${appointmentId}?moved=1`);
      case 'cancel':
        await cancelProcedureBooking({ appointmentId, version: value.version, by: value.by, reason: value.reason }, actor, ipAddress, now);
        return redirect(`/procedure-bookings/${appointmentId}?cancelled=1`);
      case 'dna':
        await markProcedureDna({ appointmentId, version: value.version }, actor, ipAddress, now);
        return redirect(`/procedure-bookings/${appointmentId}?dna=1`);
      case 'backfill': {
        const booked = await bookProcedure(
          { requestId: value.requestId, listId: await getCaseListId(appointmentId), idempotencyKey: value.idempotencyKey, gapAt: value.gapAt },
          actor,
          ipAddress,
          now,
        );
        return redirect(`/procedure-bookings/${booked.appointmentId}?booked=1`);
      }
    }
  });
}

const NOTICES: Record<string, string> = {
  booked: 'Procedure booked.',
  moved: 'Case moved to the new list.',
  cancelled: 'Case cancelled. Its request is back on the waiting list.',
  dna: 'Recorded as did not attend. The request is back on the waiting list.',
};

export default function ProcedureBooking() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { appointment: a } = data;
  const [moveForm, moveFields] = useReplyForm<typeof moveCaseSchema>({ id: 'move', reply, intent: 'move' });
  const [cancelForm, cancelFields] = useReplyForm<typeof cancelCaseSchema>({ id: 'cancel', reply, intent: 'cancel' });
  // The one-button forms: did not attend, and booking a suggested patient into the freed time.
  const [caseForm] = useReplyForm({ id: 'case', reply, intent: ['dna', 'backfill'] });
  const notice = Object.keys(NOTICES).find((key) => searchParams.get(key));
  return (
    <>
      <ErrorSummary errors={{ ...moveForm.allErrors, ...cancelForm.allErrors, ...caseForm.allErrors }} />
      {notice && !reply ? <Notice>{NOTICES[notice]}</Notice> : null}
      <PatientCaption patient={data.patient} />
      <h1>
        {data.procedure.name} <Tag colour={a.status.startsWith('CANCELLED') || a.status === 'DNA' ? 'red' : 'green'}>{a.statusLabel}</Tag>
      </h1>
      <SummaryList>
        <SummaryRow label="Arrival time">{a.arrival ?? 'Not set'}</SummaryRow>
        <SummaryRow label="Planned start">
          {a.start} ({a.minutes} minutes{a.position ? `, case ${a.position} on the list` : ''})
        </SummaryRow>
        <SummaryRow label="List">
          <Link to={`/lists/${data.list.id}`}>{data.list.title}</Link>, {data.list.times}, {data.list.modality}, {data.list.operator}
          {data.list.cancelled ? ' (list cancelled)' : ''}
        </SummaryRow>
        <SummaryRow label="Procedure">
          {data.procedure.name}
          {data.procedure.sideAndLevels ? `, ${data.procedure.sideAndLevels}` : ''}, {data.procedure.guidance} guidance
        </SummaryRow>
        <SummaryRow label="Sedation">{data.procedure.sedation ? 'Yes' : 'No'}</SummaryRow>
        <SummaryRow label="Escort home">{data.procedure.escortArranged ? 'Confirmed' : 'Not confirmed'}</SummaryRow>
        {data.procedure.implantedDevice ? <SummaryRow label="Pacemaker, ICD or stimulator">{data.procedure.implantedDevice}</SummaryRow> : null}
        {a.cancelled ? (
          <SummaryRow label="Cancelled">
            {a.cancelled.at}
            {a.cancelled.by ? ` by ${a.cancelled.by}` : ''}
            {a.cancelled.reason ? `: ${a.cancelled.reason}` : ''}
          </SummaryRow>
        ) : null}
      </SummaryList>
      <ReadinessSection readiness={data.readiness} overrideBy={data.timingOverrideBy} />
      <p>
        <Link to={`/patients/${data.patient.id}`}>Patient record</Link> · <Link to="/procedures">Waiting list</Link>
      </p>

      <LeafletsSection appointmentId={a.id} leaflets={data.leaflets} heldMessages={data.heldMessages} />

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages to the patient</h2>
        {data.messages.length === 0 ? (
          <p>No messages about this case.</p>
        ) : (
          <Table head={['Message', 'By', 'State']}>
            {data.messages.map((m) => (
              <Row key={m.id}>
                <Cell>{m.what}</Cell>
                <Cell>{m.how}</Cell>
                <Cell>
                  {m.held ? (
                    <>
                      <Tag colour="orange">Held</Tag> Not sent: waiting for a doctor to approve the leaflets
                    </>
                  ) : (
                    <>
                      <Tag colour={STATUS_TAG[m.status]}>{m.statusLabel}</Tag> {m.when}
                    </>
                  )}
                </Cell>
              </Row>
            ))}
          </Table>
        )}
        <p>
          <Link to={`/patients/${data.patient.id}/messages`}>All of this patient&apos;s messages</Link> (resend, attachments)
        </p>
      </section>

      {data.backfill ? (
        <section aria-labelledby="backfill-heading">
          <h2 id="backfill-heading">Fill the freed time</h2>
          {data.backfill.gap === null ? (
            <p>The freed time has already been filled.</p>
          ) : data.backfill.suggestions.length === 0 ? (
            <p>
              {data.backfill.gap.minutes} minutes are free ({data.backfill.gap.times}). Nobody on the waiting list fits this gap on this
              day.
            </p>
          ) : (
            <Table
              caption={`${data.backfill.gap.minutes} minutes free (${data.backfill.gap.times}): best-fitting patients on the waiting list`}
              head={['Patient', 'Priority', 'Listed', 'Procedure', 'Minutes', 'Ready', 'Action']}
            >
              {data.backfill.suggestions.map((s) => (
                <Row key={s.requestId}>
                  <Cell>
                    {s.patient}
                    <br />
                    <span className="paindesk-nhs-number">{s.nhsNumber}</span>
                  </Cell>
                  <Cell>{s.priority}</Cell>
                  <Cell>{s.listedOn}</Cell>
                  <Cell>{s.procedure}</Cell>
                  <Cell>{s.minutes}</Cell>
                  <Cell>
                    <Readiness notReady={s.notReady} />
                    {s.tooSoon ? (
                      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                        <Tag colour="red">{s.tooSoon}</Tag> This gap is too soon: book a later list instead.
                      </p>
                    ) : null}
                  </Cell>
                  <Cell>
                    {s.tooSoon ? null : (
                      <Form method="post" className="paindesk-inline-form">
                        <input type="hidden" name="intent" value="backfill" />
                        <input type="hidden" name="requestId" value={s.requestId} />
                        <input type="hidden" name="gapAt" value={data.backfill!.gap!.at} />
                        <input type="hidden" name="idempotencyKey" value={`${data.idempotencyKey}:${s.requestId}`} />
                        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                          Book into this gap<span className="nhsuk-u-visually-hidden"> for {s.patient}</span>
                        </button>
                      </Form>
                    )}
                  </Cell>
                </Row>
              ))}
            </Table>
          )}
        </section>
      ) : null}

      {data.canMove ? (
        <section aria-labelledby="move-heading">
          <h2 id="move-heading">Move to another list</h2>
          {data.moveOptions.length === 0 ? (
            <p>No other list has room for this case on a day the patient is free.</p>
          ) : (
            <Form method="post" {...formProps(moveForm)}>
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="version" value={a.version} />
              <Select {...textField(moveFields.toListId)} label="New list" options={data.moveOptions} emptyLabel="Choose a list" />
              {data.anyMoveTooSoon ? (
                <Textarea
                  {...textField(moveFields.timingOverrideReason)}
                  label="Only for a list marked too soon: why a clinician agrees to it"
                  hint="Leave empty unless a doctor has agreed. This is saved on the booking and shown on the day list."
                />
              ) : null}
              <button className="nhsuk-button nhsuk-button--secondary" type="submit">
                Move case
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {data.canCancel ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">Cancel this case</h2>
          <Form method="post" {...formProps(cancelForm)}>
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={a.version} />
            <Radios {...textField(cancelFields.by)} legend="Who cancelled?" options={CANCELLED_BY} inline />
            <Textarea {...textField(cancelFields.reason)} label="Reason" hint="For example: patient unwell, no escort, operator on leave" />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Cancel case
            </button>
          </Form>
        </section>
      ) : null}

      {data.canMarkDna ? (
        <section aria-labelledby="dna-heading">
          <h2 id="dna-heading">Did not attend</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="dna" />
            <input type="hidden" name="version" value={a.version} />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Record did not attend
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

const LEAFLETS = [
  { file: 'before.pdf', title: 'Before your procedure' },
  { file: 'after.pdf', title: 'After your procedure' },
] as const;

type BlockedPart = { key: string; title: string; reasons: string[] };

function LeafletsSection({
  appointmentId,
  leaflets,
  heldMessages,
}: {
  appointmentId: string;
  leaflets: { available: boolean; largePrint: boolean; unconfirmedBloodThinners: string[]; problem: string | null; blocked: BlockedPart[] };
  heldMessages: number;
}) {
  return (
    <section aria-labelledby="leaflets-heading">
      <h2 id="leaflets-heading">Leaflets</h2>
      {!leaflets.available ? (
        <p>This case is cancelled: there are no leaflets for it.</p>
      ) : leaflets.problem ? (
        <WarningCallout heading="The leaflets cannot be made" level={3}>
          <p>{leaflets.problem}</p>
        </WarningCallout>
      ) : leaflets.blocked.length > 0 ? (
        <BlockedLeaflets blocked={leaflets.blocked} heldMessages={heldMessages} />
      ) : (
        <>
          <p data-testid="leaflet-variant">
            {leaflets.largePrint
              ? 'Large print: the patient has large print recorded as a communication need.'
              : 'Standard print: no large print need is recorded for the patient.'}
          </p>
          {leaflets.unconfirmedBloodThinners.length > 0 ? (
            <WarningCallout heading="Blood thinner without a confirmed plan" level={3}>
              <p>
                {leaflets.unconfirmedBloodThinners.join(', ')}: no doctor has confirmed a plan to stop or continue{' '}
                {leaflets.unconfirmedBloodThinners.length === 1 ? 'it' : 'them'} for this procedure. The leaflet tells the patient to keep
                taking {leaflets.unconfirmedBloodThinners.length === 1 ? 'it' : 'them'} until we contact them. Ask a doctor to confirm the
                plan: once they do, the patient is sent new leaflets with the instruction.
              </p>
            </WarningCallout>
          ) : null}
          <Table head={['Leaflet', 'Preview', 'Download']}>
            {LEAFLETS.map((l) => (
              <Row key={l.file}>
                <Cell>{l.title}</Cell>
                <Cell>
                  <a href={`/procedure-bookings/${appointmentId}/leaflets/${l.file}`} target="_blank" rel="noreferrer">
                    Preview<span className="nhsuk-u-visually-hidden"> {l.title} (PDF, opens in a new tab)</span>
                  </a>
                </Cell>
                <Cell>
                  <a href={`/procedure-bookings/${appointmentId}/leaflets/${l.file}?download=1`} download>
                    Download<span className="nhsuk-u-visually-hidden"> {l.title}</span> (PDF)
                  </a>
                </Cell>
              </Row>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}

function ReadinessSection({
  readiness,
  overrideBy,
}: {
  readiness: { ready: boolean; reasons: { code: string; text: string }[]; warnings: string[] };
  overrideBy: string | null;
}) {
  return (
    <section aria-labelledby="readiness-heading" data-testid="case-readiness">
      <h2 id="readiness-heading">Ready for the procedure</h2>
      {readiness.ready ? (
        <p>
          <Tag colour="green">Ready</Tag> Nothing is outstanding before the procedure.
        </p>
      ) : (
        <WarningCallout heading="Not ready" level={3}>
          <ul>
            {readiness.reasons.map((r) => (
              <li key={r.code + r.text}>{r.text}</li>
            ))}
          </ul>
        </WarningCallout>
      )}
      {readiness.warnings.map((w) => (
        <div className="nhsuk-inset-text" key={w}>
          <p>
            {w}
            {overrideBy ? ` (recorded by ${overrideBy})` : ''}
          </p>
        </div>
      ))}
    </section>
  );
}

/** Rule 10: the leaflets use parts not approved for patients, so nothing with them is made or sent. */
function BlockedLeaflets({ blocked, heldMessages }: { blocked: BlockedPart[]; heldMessages: number }) {
  return (
    <WarningCallout heading="The leaflets are not approved for patients" level={3} testId="leaflets-blocked">
      <p>
        The booking is saved, but its leaflets cannot be made or sent: {blocked.length === 1 ? 'a part they use is' : 'parts they use are'} not
        approved by a doctor for patients to read.
      </p>
      <ul>
        {blocked.map((b) => (
          <li key={b.key}>
            {b.title}: {b.reasons.join('; ')}
          </li>
        ))}
      </ul>
      <p>
        {heldMessages > 0
          ? `Nothing has been sent to the patient: ${heldMessages === 1 ? 'the message with the leaflets is' : `${heldMessages} messages with the leaflets are`} held. `
          : 'Nothing with these leaflets will be sent to the patient. '}
        These parts are listed, with the held messages, on the Leaflets page that administrators and doctors see
        (/admin/leaflets): ask a doctor to approve them. Once a doctor does, held messages go by themselves. If the procedure
        is soon, phone the patient.
      </p>
    </WarningCallout>
  );
}

