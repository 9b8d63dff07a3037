import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { DateInput, ErrorSummary, Radios, TextInput, Textarea } from '~/components/forms';
import { formatNhsNumber } from '~/patients/nhs-number';
import { fieldErrorsOf, formErrorOf, submittedValues, textValue } from '~/utils/form-values';
import { PatientFields } from '~/patients/patient-fields';
import { PRIORITIES, REFERRAL_SOURCES, referralFormSchema } from '~/scheduling/referrals/referral-form';
import { registerReferral } from '~/scheduling/referrals/register-referral.server';
import { formatDate, londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Register a referral');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK');
  return { today: londonToday(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const submission = parseWithZod(await readForm(request), { schema: referralFormSchema(londonToday(new Date())) });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const result = await registerReferral(submission.value, actor, ipAddress);
    if (result.kind === 'duplicate-patient') {
      const { existing } = result;
      return json(
        {
          status: 'error' as const,
          error: {
            nhsNumber: [`A patient with this NHS number is already registered: ${existing.firstName} ${existing.lastName}. Use their record below instead of registering them again`],
          },
          initialValue: submission.reply().initialValue,
          existingPatient: {
            id: existing.id,
            name: `${existing.firstName} ${existing.lastName}`,
            nhsNumber: existing.nhsNumber,
            dateOfBirth: formatDate(existing.dateOfBirth),
          },
        },
        { status: 409 },
      );
    }
    return redirect(`/consultations/book?referralId=${encodeURIComponent(result.referralId)}&registered=${result.newPatient ? 'patient' : 'referral'}`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

const REFERRAL_FIELDS = ['source', 'receivedOn.day', 'receivedOn.month', 'receivedOn.year', 'priority', 'reason'];

export default function RegisterReferral() {
  const { today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({
    id: 'referral',
    // Conform's reply and our domain and duplicate replies share the shape that matters here: field errors.
    lastResult: lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: referralFormSchema(today) }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const values = submittedValues(lastResult);
  const errors = { ...fieldErrorsOf(lastResult), ...form.allErrors };
  const existing = lastResult && 'existingPatient' in lastResult ? lastResult.existingPatient : null;
  const text = (name: string) => textValue(values, name);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formErrorOf(lastResult)} />
        <h1>Register a referral</h1>
        {existing ? (
          <div className="nhsuk-warning-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>This patient is already registered
              </span>
            </h2>
            <p>
              {existing.name}, NHS number <span className="paindesk-nhs-number">{formatNhsNumber(existing.nhsNumber)}</span>, born{' '}
              {existing.dateOfBirth}, is already registered. Nothing has been saved yet.
            </p>
            <Form method="post">
              <input type="hidden" name="patient" value="existing" />
              <input type="hidden" name="existingNhsNumber" value={existing.nhsNumber} />
              {REFERRAL_FIELDS.map((name) => (
                <input key={name} type="hidden" name={name} value={text(name) ?? ''} />
              ))}
              <button className="nhsuk-button" type="submit">
                Register the referral for {existing.name}
              </button>
            </Form>
            <p>
              <Link to={`/patients/${existing.id}`}>View {existing.name}&apos;s record</Link>
            </p>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <h2>Patient</h2>
          <Radios
            name="patient"
            legend="Is the patient already registered with the unit?"
            options={[
              { value: 'existing', label: 'Yes: find them by NHS number' },
              { value: 'new', label: 'No: register a new patient' },
            ]}
            defaultValue={text('patient')}
            errors={errors.patient}
          />
          <h3>If the patient is registered</h3>
          <TextInput
            name="existingNhsNumber"
            label="Registered patient's NHS number"
            hint="10 digits, for example 943 476 5919"
            width={10}
            inputMode="numeric"
            errors={errors.existingNhsNumber}
            defaultValue={text('existingNhsNumber')}
            spellCheck={false}
          />
          <h3>If the patient is new</h3>
          <PatientFields values={values} errors={errors} />
          <h2>Referral</h2>
          <Radios name="source" legend="Who referred the patient?" options={REFERRAL_SOURCES} defaultValue={text('source')} errors={errors.source} />
          <DateInput
            name="receivedOn"
            legend="Date the referral was received"
            hint="The 18-week referral to treatment clock starts on this day. For example, 15 3 2027"
            errors={errors.receivedOn}
            defaultValue={{ day: text('receivedOn.day'), month: text('receivedOn.month'), year: text('receivedOn.year') }}
          />
          <Radios name="priority" legend="Priority" options={PRIORITIES} defaultValue={text('priority')} errors={errors.priority} inline />
          <Textarea name="reason" label="Reason for referral" hint="As written in the referral letter" errors={errors.reason} defaultValue={text('reason')} rows={4} />
          <button className="nhsuk-button" type="submit">
            Register referral
          </button>
        </Form>
      </div>
    </div>
  );
}
