import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ALLERGY_KINDS, CLINICAL_FORM_SCHEMAS, DIABETES_STATUSES, isClinicalIntent } from '~/clinical/clinical-forms';
import { getClinicalFacts } from '~/clinical/get-clinical-facts.server';
import { recordAllergy, removeAllergy } from '~/clinical/record-allergy.server';
import { recordDiabetesStatus } from '~/clinical/record-diabetes-status.server';
import { recordPatientMedicine } from '~/clinical/record-patient-medicine.server';
import { stopPatientMedicine } from '~/clinical/stop-patient-medicine.server';
import { ErrorSummary, Radios, Select, Tag, TextInput } from '~/components/forms';
import { Notice, TwoThirds } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDate, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Medicines and clinical details');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'DOCTOR', 'CLERK');
  return loadUseCase(async () => {
    const facts = await getClinicalFacts(params.patientId ?? '', actor, ipAddress);
    return { ...facts, canEdit: user.role === 'DOCTOR' };
  });
}

const SAVED_MESSAGE: Record<string, string> = {
  'add-medicine': 'Medicine recorded.',
  'add-medicine-free-text': 'Medicine recorded. It is not in the catalogue, so it is flagged and a task asks for it to be checked.',
  'stop-medicine': 'Medicine stopped.',
  diabetes: 'Diabetes status saved.',
  'add-allergy': 'Allergy recorded.',
  'remove-allergy': 'Allergy removed.',
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'DOCTOR');
  const patientId = params.patientId ?? '';
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (!isClinicalIntent(intent)) return formErrorReply('Unknown form');
  const now = new Date();
  return submitForm(formData, CLINICAL_FORM_SCHEMAS[intent], async (value) => {
    let saved: string = intent;
    switch (value.intent) {
      case 'add-medicine': {
        const result = await recordPatientMedicine(patientId, { name: value.name, dose: value.dose }, actor, ipAddress, now);
        if (!result.inCatalogue) saved = 'add-medicine-free-text';
        break;
      }
      case 'stop-medicine':
        await stopPatientMedicine(patientId, value.patientMedicineId, actor, ipAddress, now);
        break;
      case 'diabetes':
        await recordDiabetesStatus(patientId, value.diabetes, actor, ipAddress);
        break;
      case 'add-allergy':
        await recordAllergy(patientId, { kind: value.kind, detail: value.detail }, actor, ipAddress, now);
        break;
      case 'remove-allergy':
        await removeAllergy(patientId, value.allergyId, actor, ipAddress);
        break;
    }
    return redirect(`/patients/${patientId}/clinical?saved=${saved}`);
  });
}

const ALLERGY_LABEL = Object.fromEntries(ALLERGY_KINDS.map((k) => [k.value, k.label]));
const DIABETES_LABEL = Object.fromEntries(DIABETES_STATUSES.map((k) => [k.value, k.label]));

export default function ClinicalDetails() {
  const { patient, catalogueNames, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get('saved');
  const [medicineForm, medicineFields] = useReplyForm<(typeof CLINICAL_FORM_SCHEMAS)['add-medicine']>({ id: 'add-medicine', reply, intent: 'add-medicine' });
  const [diabetesForm, diabetesFields] = useReplyForm<(typeof CLINICAL_FORM_SCHEMAS)['diabetes']>({
    id: 'diabetes',
    reply,
    intent: 'diabetes',
    defaultValue: { diabetes: patient.diabetes },
  });
  const [allergyForm, allergyFields] = useReplyForm<(typeof CLINICAL_FORM_SCHEMAS)['add-allergy']>({ id: 'add-allergy', reply, intent: 'add-allergy' });
  // The Stop and Remove buttons of each medicine and allergy.
  const [rowForm] = useReplyForm({ id: 'clinical-rows', reply, intent: ['stop-medicine', 'remove-allergy'] });
  return (
    <TwoThirds>
      <ErrorSummary errors={{ ...medicineForm.allErrors, ...diabetesForm.allErrors, ...allergyForm.allErrors, ...rowForm.allErrors }} />
      {saved && SAVED_MESSAGE[saved] ? <Notice>{SAVED_MESSAGE[saved]}</Notice> : null}
      <span className="nhsuk-caption-l">
        {patient.firstName} {patient.lastName}, NHS number {formatNhsNumber(patient.nhsNumber)}
      </span>
      <h1>Medicines and clinical details</h1>
      {!canEdit ? <p>Only a doctor can change these details.</p> : null}

      <h2 className="nhsuk-heading-m">Current medicines</h2>
      {patient.medicines.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="nhsuk-list">
          {patient.medicines.map((m) => (
            <li key={m.id}>
              <strong>{m.medicine?.displayName ?? m.freeTextName}</strong>
              {m.dose ? `, ${m.dose}` : ''}{' '}
              {m.medicine && m.medicine.bloodThinnerClass !== 'NONE' ? <Tag colour="red">Blood thinner</Tag> : null}{' '}
              {m.medicine && m.medicine.drivingCategory !== 'NONE' ? <Tag colour="orange">Affects driving</Tag> : null}
              {!m.medicine ? <Tag colour="yellow">Not in catalogue: check</Tag> : null}
              <br />
              <span className="nhsuk-body-s">
                Recorded {formatDate(new Date(m.recordedAt))}
                {m.recordedBy ? ` by ${m.recordedBy.name}` : ''}
              </span>
              {canEdit ? (
                <RowButton intent="stop-medicine" field={['patientMedicineId', m.id]} label="Stop" what={m.medicine?.displayName ?? m.freeTextName ?? ''} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <Form method="post" {...formProps(medicineForm)}>
          <input type="hidden" name="intent" value="add-medicine" />
          <h3 className="nhsuk-heading-s">Add a medicine</h3>
          <TextInput
            {...textField(medicineFields.name)}
            label="Medicine (generic name)"
            hint="For example, apixaban. A name that is not in the catalogue is saved as written and flagged for checking."
            width={20}
            list="catalogue-medicines"
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id="catalogue-medicines">
            {catalogueNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <TextInput {...textField(medicineFields.dose)} label="Dose (optional)" hint="For example, 5 mg twice a day" width={20} />
          <button className="nhsuk-button" type="submit">
            Add medicine
          </button>
        </Form>
      ) : null}

      <h2 className="nhsuk-heading-m">Diabetes</h2>
      {canEdit ? (
        <Form method="post" {...formProps(diabetesForm)}>
          <input type="hidden" name="intent" value="diabetes" />
          <Radios {...textField(diabetesFields.diabetes)} legend="Does the patient have diabetes?" options={DIABETES_STATUSES} />
          <button className="nhsuk-button" type="submit">
            Save diabetes status
          </button>
        </Form>
      ) : (
        <p>{DIABETES_LABEL[patient.diabetes]}</p>
      )}

      <h2 className="nhsuk-heading-m">Allergies</h2>
      {patient.allergies.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="nhsuk-list">
          {patient.allergies.map((a) => (
            <li key={a.id}>
              <strong>{ALLERGY_LABEL[a.kind]}</strong>
              {a.detail ? `: ${a.detail}` : ''}
              {canEdit ? <RowButton intent="remove-allergy" field={['allergyId', a.id]} label="Remove" what={`${ALLERGY_LABEL[a.kind]} allergy`} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <Form method="post" {...formProps(allergyForm)}>
          <input type="hidden" name="intent" value="add-allergy" />
          <h3 className="nhsuk-heading-s">Add an allergy</h3>
          <Select {...textField(allergyFields.kind)} label="Allergy" options={ALLERGY_KINDS} emptyLabel="Select an allergy" />
          <TextInput {...textField(allergyFields.detail)} label="Details (required for other)" />
          <button className="nhsuk-button" type="submit">
            Add allergy
          </button>
        </Form>
      ) : null}
      <h2 className="nhsuk-heading-m">Blood-thinner plans for waiting procedures</h2>
      {patient.requests.length === 0 ? (
        <p>The patient is not waiting for a procedure.</p>
      ) : (
        <ul className="nhsuk-list">
          {patient.requests.map((r) => (
            <li key={r.id}>
              <Link to={`/procedure-requests/${r.id}/plan`}>
                {r.procedureType.name}, listed {formatDate(new Date(r.listedOn))}
              </Link>{' '}
              {!r.planNeeded ? (
                <Tag colour="grey">No blood thinners</Tag>
              ) : r.planConfirmed ? (
                <Tag colour="green">Plan confirmed</Tag>
              ) : (
                <Tag colour="red">Plan needed</Tag>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/patients/${patient.id}`}>Back to the patient</Link>
      </p>
    </TwoThirds>
  );
}

/** A list row's one-button form (stop a medicine, remove an allergy); `what` names the row for screen readers. */
function RowButton({ intent, field, label, what }: { intent: string; field: [string, string]; label: string; what: string }) {
  return (
    <Form method="post" className="nhsuk-u-margin-bottom-3">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field[0]} value={field[1]} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
        {label}
        <span className="nhsuk-u-visually-hidden"> {what}</span>
      </button>
    </Form>
  );
}
