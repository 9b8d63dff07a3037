// The structured outcome of a telephone consultation (/consultations/:id/outcome). Doctors record and edit it;
// clerks see every version read-only. The file name's "_" keeps this page out of the consultation page's
// layout, so it renders on its own at the same URL.
import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { canRecordOutcome } from '~/appointments/appointment-rules';
import { clinicAccess } from '~/auth/permissions';
import { requireActor } from '~/auth/session.server';
import { CheckboxItem, Checkboxes, ErrorSummary, Radios, Select, Tag, TextInput, Textarea } from '~/components/forms';
import { Notice, SummaryList, SummaryRow } from '~/components/page-parts';
import { formProps, listField, textField, useReplyForm } from '~/components/reply-form';
import { CALL_RESULT_LABEL } from '~/consultations/call-attempt-form';
import {
  CONSERVATIVE_LABEL,
  CONSERVATIVE_OPTIONS,
  DEVICE_CHOICES,
  DEVICE_LABEL,
  describeOutcomeItem,
  formValuesFromItems,
  GUIDANCE,
  GUIDANCE_LABEL,
  INVESTIGATION_LABEL,
  INVESTIGATION_OPTIONS,
  OUTCOME_KIND_LABEL,
  OUTCOME_KINDS,
  outcomeFormSchema,
  outcomeItemsFromForm,
  SIDE_LABEL,
  SIDES,
  STEROID_CHOICES,
  STEROID_LABEL,
} from '~/consultations/outcome-form';
import { getConsultationOutcome } from '~/consultations/outcome-repo.server';
import { recordOutcome } from '~/consultations/record-outcome.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { isActive, STATUS_LABEL } from '~/appointments/appointment-status';
import { PROCEDURE_TYPES } from '~/scheduling/reference-data';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { formatDate, formatDateTime, formatTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Consultation outcome for ${data.patient.name}` : 'Consultation outcome');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'DOCTOR', 'CLERK');
  const appointment = await loadUseCase(() => getConsultationOutcome(params.appointmentId ?? '', actor, ipAddress));
  const latest = appointment.outcomeRecords[0] ?? null;
  const answered = appointment.callAttempts.some((a) => a.result === 'ANSWERED');
  const isDoctor = user.role === 'DOCTOR';
  const recording = canRecordOutcome({ status: appointment.status, hasOutcome: latest !== null, answeredCall: answered }, new Date());
  const canRecord = isDoctor && recording.allowed;
  // In a colleague's clinic a doctor records only as covering it, which the form asks them to confirm (ADR 0019).
  const clinician = appointment.slot?.clinic.clinician ?? null;
  const access = clinicAccess(actor, 'consultation.record-outcome', clinician?.id ?? null, clinician?.id);
  const coveringNote = (by: { id: string }) => (clinician && by.id !== clinician.id ? `, covering for ${clinician.name}` : '');
  return {
    id: appointment.id,
    isDoctor,
    canRecord: canRecord && access.kind !== 'refused',
    covering:
      canRecord && access.kind === 'covering' && clinician
        ? { clinicianId: clinician.id, name: clinician.name, confirmed: new URL(request.url).searchParams.get('covering') === clinician.id }
        : null,
    whyNot:
      !isDoctor || recording.allowed
        ? null
        : recording.code === 'NO_ANSWERED_CALL'
          ? 'Log the answered call on My clinic first: an outcome can only be recorded once you have spoken to the patient.'
          : `This consultation’s status is “${STATUS_LABEL[appointment.status]}”, so no outcome can be recorded.`,
    status: STATUS_LABEL[appointment.status],
    when: formatDateTime(appointment.startsAt),
    clinicDate: appointment.slot?.clinic.date.toISOString().slice(0, 10) ?? null,
    clinic: appointment.slot ? `${appointment.slot.clinic.site.name}, ${appointment.slot.clinic.clinician.name}` : '',
    patient: {
      id: appointment.patient.id,
      name: `${appointment.patient.firstName} ${appointment.patient.lastName}`,
      nhsNumber: formatNhsNumber(appointment.patient.nhsNumber),
      dateOfBirth: formatDate(appointment.patient.dateOfBirth),
    },
    reason: appointment.referral?.reason ?? null,
    calls: appointment.callAttempts.map((a) => `${CALL_RESULT_LABEL[a.result]} at ${formatTime(a.at)} (${a.by.name}${coveringNote(a.by)})`),
    currentVersion: latest?.version ?? 0,
    versions: appointment.outcomeRecords.map((r) => ({
      version: r.version,
      recorded: `${formatDateTime(r.recordedAt)} by ${r.recordedBy.name}${coveringNote(r.recordedBy)}`,
      summary: r.summary,
      items: r.items.map((i) => ({
        id: i.id,
        text: describeOutcomeItem(i),
        request: i.procedureRequest ? { id: i.procedureRequest.id, status: i.procedureRequest.status } : null,
      })),
    })),
    initial: latest ? { ...formValuesFromItems(latest.items), summary: latest.summary ?? '' } : {},
    idempotencyKey: randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'DOCTOR');
  const appointmentId = params.appointmentId ?? '';
  const formData = await readForm(request);
  return submitForm(formData, outcomeFormSchema, async (value) => {
    const recorded = await recordOutcome(
      {
        appointmentId,
        expectedVersion: value.expectedVersion,
        idempotencyKey: value.idempotencyKey,
        summary: value.summary,
        items: outcomeItemsFromForm(value),
        coveringFor: typeof formData.get('coveringFor') === 'string' ? (formData.get('coveringFor') as string) : null,
      },
      actor,
      ipAddress,
      new Date(),
    );
    if (recorded.needsBloodThinnerPlan && recorded.procedureRequestId) {
      return redirect(`/procedure-requests/${recorded.procedureRequestId}/plan`);
    }
    return redirect(`/consultations/${appointmentId}/outcome?saved=${recorded.version}`);
  });
}

const REQUEST_STATUS_LABEL: Record<string, string> = { WAITING: 'on the waiting list', BOOKED: 'booked', DONE: 'done', REMOVED: 'removed from the waiting list' };

export default function ConsultationOutcome() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get('saved');
  // Before anything is sent, the form starts from the latest recorded outcome.
  const [form, fields] = useReplyForm({ id: 'outcome', reply, defaultValue: data.initial });
  const ticked = (name: string) => fields[name].initialValue === 'on';
  const latest = data.versions[0] ?? null;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {saved ? <Notice>Outcome saved (version {saved}). The consultation is completed.</Notice> : null}
        <ErrorSummary errors={form.allErrors} />
        <h1>Consultation outcome for {data.patient.name}</h1>
        <SummaryList>
          <SummaryRow label="Patient">
            {data.patient.name}, NHS number <span className="paindesk-nhs-number">{data.patient.nhsNumber}</span>, born {data.patient.dateOfBirth}
          </SummaryRow>
          <SummaryRow label="Consultation">
            {data.when}, {data.clinic} <Tag>{data.status}</Tag>
          </SummaryRow>
          {data.reason ? <SummaryRow label="Referral reason">{data.reason}</SummaryRow> : null}
          <SummaryRow label="Calls">{data.calls.length > 0 ? data.calls.join('; ') : 'No calls logged'}</SummaryRow>
        </SummaryList>
        {data.isDoctor && data.clinicDate ? (
          <p>
            <Link to={`/my-clinic?date=${data.clinicDate}`}>Back to my clinic</Link>
          </p>
        ) : null}

        {latest ? (
          <>
            <h2>Recorded outcome</h2>
            <OutcomeVersion version={latest} />
          </>
        ) : (
          <p>No outcome has been recorded yet.</p>
        )}
        {data.whyNot ? <p className="nhsuk-inset-text">{data.whyNot}</p> : null}

        {data.canRecord ? (
          <Form method="post" {...formProps(form)}>
            <h2>{latest ? 'Change the outcome' : 'Record the outcome'}</h2>
            {latest ? <p>Saving a change keeps the earlier version and records who changed it.</p> : null}
            <input type="hidden" name="intent" value="outcome" />
            <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
            <input type="hidden" name="expectedVersion" value={data.currentVersion} />
            <Checkboxes
              {...listField(fields.kinds)}
              legend="Outcome"
              hint="Choose every outcome that applies, then fill in the details below for the ones you chose."
              options={OUTCOME_KINDS.map((k) => ({ value: k, label: OUTCOME_KIND_LABEL[k] }))}
            />
            <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-5">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">List for a procedure</legend>
              <Select
                {...textField(fields.procedureCode)}
                label="Procedure"
                options={PROCEDURE_TYPES.map((t) => ({ value: t.code, label: `${t.name} (${t.allowedGuidance.map((g) => GUIDANCE_LABEL[g]).join(' or ')})` }))}
                emptyLabel="Choose a procedure"
              />
              <Radios {...textField(fields.side)} legend="Side" inline options={SIDES.map((s) => ({ value: s, label: SIDE_LABEL[s] }))} />
              <TextInput {...textField(fields.levels)} label="Spinal levels (optional)" hint="For example, L4/5 and L5/S1" width={20} />
              <Radios {...textField(fields.guidance)} legend="Guidance" inline options={GUIDANCE.map((g) => ({ value: g, label: GUIDANCE_LABEL[g] }))} />
              <Radios {...textField(fields.sedation)} legend="Sedation" inline options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
              <Radios
                {...textField(fields.withSteroid)}
                legend="Steroid"
                hint="The default: no steroid for medial branch blocks and radiofrequency denervation, steroid for the others. The patient's leaflet follows this answer."
                inline
                options={STEROID_CHOICES.map((c) => ({ value: c, label: STEROID_LABEL[c] }))}
                defaultValue={textField(fields.withSteroid).defaultValue || 'default'}
              />
              <Radios
                {...textField(fields.implantedDevice)}
                legend="Radiofrequency only: pacemaker, ICD or spinal cord stimulator?"
                hint="Ask before radiofrequency denervation. Ignored for other procedures."
                options={DEVICE_CHOICES.map((c) => ({ value: c, label: DEVICE_LABEL[c] }))}
                defaultValue={textField(fields.implantedDevice).defaultValue || 'NOT_ASKED'}
              />
              <Radios
                {...textField(fields.priority)}
                legend="Priority"
                inline
                options={(['URGENT', 'SOON', 'ROUTINE'] as const).map((p) => ({ value: p, label: PRIORITY_LABEL[p] ?? p }))}
              />
              <div className="nhsuk-form-group">
                <fieldset className="nhsuk-fieldset">
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Before the procedure</legend>
                  <div className="nhsuk-checkboxes">
                    <CheckboxItem name="possiblePregnancy" label="Possible pregnancy" defaultChecked={ticked('possiblePregnancy')} />
                    <CheckboxItem name="recentInfection" label="Recent infection" defaultChecked={ticked('recentInfection')} />
                    <CheckboxItem name="escortArranged" label="Escort home arranged" defaultChecked={ticked('escortArranged')} />
                  </div>
                </fieldset>
              </div>
              <Textarea {...textField(fields.procedureNotes)} label="Clinical notes for the list (optional)" />
            </fieldset>
            <Checkboxes
              {...listField(fields.conservative)}
              legend="Conservative management"
              options={CONSERVATIVE_OPTIONS.map((o) => ({ value: o, label: CONSERVATIVE_LABEL[o] }))}
            />
            <Checkboxes
              {...listField(fields.investigations)}
              legend="Investigations"
              options={INVESTIGATION_OPTIONS.map((o) => ({ value: o, label: INVESTIGATION_LABEL[o] }))}
            />
            <TextInput {...textField(fields.followUpWeeks)} label="Follow-up call in (weeks)" width={2} inputMode="numeric" />
            <Textarea {...textField(fields.dischargeNote)} label="Discharge note for the GP (optional)" />
            <Textarea {...textField(fields.summary)} label="Summary (optional)" />
            {data.covering ? (
              <div className={`nhsuk-form-group${fields.coveringFor.errors ? ' nhsuk-form-group--error' : ''}`} data-testid="covering">
                <fieldset className="nhsuk-fieldset" aria-describedby={fields.coveringFor.errors ? 'field-coveringFor-error' : undefined}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">This is {data.covering.name}’s clinic</legend>
                  {fields.coveringFor.errors ? (
                    <span className="nhsuk-error-message" id="field-coveringFor-error">
                      <span className="nhsuk-u-visually-hidden">Error:</span> {fields.coveringFor.errors[0]}
                    </span>
                  ) : null}
                  <div className="nhsuk-checkboxes">
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id="field-coveringFor"
                        name="coveringFor"
                        type="checkbox"
                        value={data.covering.clinicianId}
                        defaultChecked={data.covering.confirmed || fields.coveringFor.initialValue === data.covering.clinicianId}
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="field-coveringFor">
                        I am covering {data.covering.name}’s clinic. The outcome is recorded as mine, made while covering for them.
                      </label>
                    </div>
                  </div>
                </fieldset>
              </div>
            ) : null}
            <button className="nhsuk-button" type="submit">
              {latest ? 'Save the changed outcome' : 'Save outcome and complete the consultation'}
            </button>
          </Form>
        ) : null}

        {data.versions.length > 1 ? (
          <>
            <h2>Earlier versions</h2>
            {data.versions.slice(1).map((v) => (
              <OutcomeVersion key={v.version} version={v} />
            ))}
          </>
        ) : null}
      </div>
    </div>
  );
}

function OutcomeVersion({ version }: { version: { version: number; recorded: string; summary: string | null; items: { id: string; text: string; request: { id: string; status: string } | null }[] } }) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">Version {version.version}</h3>
        <p className="nhsuk-body-s">Recorded {version.recorded}</p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {version.items.map((item) => (
            <li key={item.id}>
              {item.text}
              {item.request ? <> (procedure request {REQUEST_STATUS_LABEL[item.request.status] ?? item.request.status})</> : null}
            </li>
          ))}
        </ul>
        {version.summary ? <p>{version.summary}</p> : null}
      </div>
    </div>
  );
}

