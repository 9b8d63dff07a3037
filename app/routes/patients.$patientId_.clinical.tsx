import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ALLERGY_KINDS, CLINICAL_FORM_SCHEMAS, DIABETES_STATUSES, isClinicalIntent } from '~/clinical/clinical-forms';
import { getClinicalFacts } from '~/clinical/get-clinical-facts.server';
import { recordAllergy, removeAllergy } from '~/clinical/record-allergy.server';
import { recordDiabetesStatus } from '~/clinical/record-diabetes-status.server';
import { recordPatientMedicine } from '~/clinical/record-patient-medicine.server';
import { stopPatientMedicine } from '~/clinical/stop-patient-medicine.server';
import { ErrorSummary, Radios, Select, Tag, TextInput, fieldId } from '~/components/forms';
import { formatNhsNumber } from '~/patients/nhs-number';
import { formatDate, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Medicines and clinical details');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'DOCTOR', 'CLERK');
  try {
    const facts = await getClinicalFacts(params.patientId ?? '', actor, ipAddress);
    return { ...facts, canEdit: user.role === 'DOCTOR' };
  } catch (error) {
    throw domainErrorReply(error);
  }
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
  if (!isClinicalIntent(intent)) return json({ status: 'error', intent: null, formError: 'Unknown form', error: {} }, { status: 400 });
  const submission = parseWithZod(formData, { schema: CLINICAL_FORM_SCHEMAS[intent] });
  if (submission.status !== 'success') return json({ ...submission.reply(), intent }, { status: 400 });
  const actor = actor;
  const ip = ipAddress;
  const now = new Date();
  const value = submission.value;
  let saved: string = intent;
  try {
    switch (value.intent) {
      case 'add-medicine': {
        const result = await recordPatientMedicine(patientId, { name: value.name, dose: value.dose }, actor, ip, now);
        if (!result.inCatalogue) saved = 'add-medicine-free-text';
        break;
      }
      case 'stop-medicine':
        await stopPatientMedicine(patientId, value.patientMedicineId, actor, ip, now);
        break;
      case 'diabetes':
        await recordDiabetesStatus(patientId, value.diabetes, actor, ip);
        break;
      case 'add-allergy':
        await recordAllergy(patientId, { kind: value.kind, detail: value.detail }, actor, ip, now);
        break;
      case 'remove-allergy':
        await removeAllergy(patientId, value.allergyId, actor, ip);
        break;
    }
  } catch (error) {
    const reply = domainErrorReply(error, submission.reply().initialValue);
    return json({ ...(await reply.json()), intent }, { status: reply.status });
  }
  return redirect(`/patients/${patientId}/clinical?saved=${saved}`);
}

const ALLERGY_LABEL = Object.fromEntries(ALLERGY_KINDS.map((k) => [k.value, k.label]));
const DIABETES_LABEL = Object.fromEntries(DIABETES_STATUSES.map((k) => [k.value, k.label]));

export default function ClinicalDetails() {
  const { patient, catalogueNames, canEdit } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as
    | { intent: string | null; formError?: string; error?: Record<string, string[]>; initialValue?: Record<string, string> | null }
    | undefined;
  const [searchParams] = useSearchParams();
  const saved = searchParams.get('saved');
  const errorsFor = (intent: string) => (lastResult?.intent === intent ? lastResult.error : undefined);
  const initialFor = (intent: string, name: string) =>
    lastResult?.intent === intent && typeof lastResult.initialValue?.[name] === 'string' ? lastResult.initialValue[name] : undefined;
  const medicineErrors = errorsFor('add-medicine');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={lastResult?.error} formError={lastResult?.formError} />
        {saved && SAVED_MESSAGE[saved] ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{SAVED_MESSAGE[saved]}</p>
          </div>
        ) : null}
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
                  <Form method="post" className="nhsuk-u-margin-bottom-3">
                    <input type="hidden" name="intent" value="stop-medicine" />
                    <input type="hidden" name="patientMedicineId" value={m.id} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                      Stop<span className="nhsuk-u-visually-hidden"> {m.medicine?.displayName ?? m.freeTextName}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="add-medicine" />
            <h3 className="nhsuk-heading-s">Add a medicine</h3>
            <div className={`nhsuk-form-group${medicineErrors?.name ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={fieldId('name')}>
                Medicine (generic name)
              </label>
              <div className="nhsuk-hint" id={`${fieldId('name')}-hint`}>
                For example, apixaban. A name that is not in the catalogue is saved as written and flagged for checking.
              </div>
              {medicineErrors?.name ? (
                <span className="nhsuk-error-message" id={`${fieldId('name')}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error:</span> {medicineErrors.name[0]}
                </span>
              ) : null}
              <input
                className={`nhsuk-input nhsuk-input--width-20${medicineErrors?.name ? ' nhsuk-input--error' : ''}`}
                id={fieldId('name')}
                name="name"
                type="text"
                list="catalogue-medicines"
                autoComplete="off"
                spellCheck={false}
                defaultValue={initialFor('add-medicine', 'name')}
                aria-describedby={`${fieldId('name')}-hint${medicineErrors?.name ? ` ${fieldId('name')}-error` : ''}`}
              />
              <datalist id="catalogue-medicines">
                {catalogueNames.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </div>
            <TextInput name="dose" label="Dose (optional)" hint="For example, 5 mg twice a day" width={20} errors={medicineErrors?.dose} defaultValue={initialFor('add-medicine', 'dose')} />
            <button className="nhsuk-button" type="submit">
              Add medicine
            </button>
          </Form>
        ) : null}

        <h2 className="nhsuk-heading-m">Diabetes</h2>
        {canEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="diabetes" />
            <Radios name="diabetes" legend="Does the patient have diabetes?" options={DIABETES_STATUSES} defaultValue={initialFor('diabetes', 'diabetes') ?? patient.diabetes} errors={errorsFor('diabetes')?.diabetes} />
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
                {canEdit ? (
                  <Form method="post" className="nhsuk-u-margin-bottom-3">
                    <input type="hidden" name="intent" value="remove-allergy" />
                    <input type="hidden" name="allergyId" value={a.id} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                      Remove<span className="nhsuk-u-visually-hidden"> {ALLERGY_LABEL[a.kind]} allergy</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="add-allergy" />
            <h3 className="nhsuk-heading-s">Add an allergy</h3>
            <Select name="kind" label="Allergy" options={ALLERGY_KINDS} emptyLabel="Select an allergy" defaultValue={initialFor('add-allergy', 'kind')} errors={errorsFor('add-allergy')?.kind} />
            <TextInput name="detail" label="Details (required for other)" errors={errorsFor('add-allergy')?.detail} defaultValue={initialFor('add-allergy', 'detail')} />
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
      </div>
    </div>
  );
}
