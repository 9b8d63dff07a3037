import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { DateInput, ErrorSummary, Radios, TextInput, Textarea } from '~/components/forms';
import { TwoThirds, WarningCallout } from '~/components/page-parts';
import { dateField, formProps, textField, useReplyForm } from '~/components/reply-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { textValue } from '~/utils/form-values';
import { PatientFields } from '~/components/patient-fields';
import { PRIORITIES, REFERRAL_SOURCES, referralFormSchema } from '~/scheduling/referrals/referral-form';
import { registerReferral } from '~/scheduling/referrals/register-referral.server';
import { formatDate, londonToday, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Register a referral');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK');
  return { today: londonToday(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return submitForm(await readForm(request), referralFormSchema(londonToday(new Date())), async (value, submission) => {
    const result = await registerReferral(value, actor, ipAddress);
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
  });
}

const REFERRAL_FIELDS = ['source', 'receivedOn.day', 'receivedOn.month', 'receivedOn.year', 'priority', 'reason'];

export default function RegisterReferral() {
  const { today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useReplyForm({ id: 'referral', reply, schema: referralFormSchema(today) });
  const existing = reply && 'existingPatient' in reply ? reply.existingPatient : null;
  const values = form.initialValue ?? {};
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      <h1>Register a referral</h1>
      {existing ? (
        <WarningCallout heading="This patient is already registered">
          <p>
            {existing.name}, NHS number <span className="paindesk-nhs-number">{formatNhsNumber(existing.nhsNumber)}</span>, born{' '}
            {existing.dateOfBirth}, is already registered. Nothing has been saved yet.
          </p>
          <Form method="post">
            <input type="hidden" name="patient" value="existing" />
            <input type="hidden" name="existingNhsNumber" value={existing.nhsNumber} />
            {/* The referral as it was typed, sent again for the registered patient. */}
            {REFERRAL_FIELDS.map((name) => (
              <input key={name} type="hidden" name={name} value={textValue(values, name) ?? ''} />
            ))}
            <button className="nhsuk-button" type="submit">
              Register the referral for {existing.name}
            </button>
          </Form>
          <p>
            <Link to={`/patients/${existing.id}`}>View {existing.name}&apos;s record</Link>
          </p>
        </WarningCallout>
      ) : null}
      <Form method="post" {...formProps(form)}>
        <h2>Patient</h2>
        <Radios
          {...textField(fields.patient)}
          legend="Is the patient already registered with the unit?"
          options={[
            { value: 'existing', label: 'Yes: find them by NHS number' },
            { value: 'new', label: 'No: register a new patient' },
          ]}
        />
        <h3>If the patient is registered</h3>
        <TextInput
          {...textField(fields.existingNhsNumber)}
          label="Registered patient's NHS number"
          hint="10 digits, for example 943 476 5919"
          width={10}
          inputMode="numeric"
          spellCheck={false}
        />
        <h3>If the patient is new</h3>
        <PatientFields values={values} errors={form.allErrors} />
        <h2>Referral</h2>
        <Radios {...textField(fields.source)} legend="Who referred the patient?" options={REFERRAL_SOURCES} />
        <DateInput
          {...dateField(fields.receivedOn)}
          legend="Date the referral was received"
          hint="The 18-week referral to treatment clock starts on this day. For example, 15 3 2027"
        />
        <Radios {...textField(fields.priority)} legend="Priority" options={PRIORITIES} inline />
        <Textarea {...textField(fields.reason)} label="Reason for referral" hint="As written in the referral letter" rows={4} />
        <button className="nhsuk-button" type="submit">
          Register referral
        </button>
      </Form>
    </TwoThirds>
  );
}
