import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { clientAddress, requireClerk } from '~/auth/session.server';
import { Checkboxes, DateInput, ErrorSummary, TextInput } from '~/components/forms';
import { COMMUNICATION_NEEDS, patientFormSchema } from '~/patients/patient-form';
import { registerPatient } from '~/patients/patient-repo.server';
import { londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Add a patient');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireClerk(request);
  return { today: londonToday(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireClerk(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: patientFormSchema(londonToday(new Date())) });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const patient = await registerPatient(submission.value, { id: user.id, role: user.role }, clientAddress(request));
    return redirect(`/patients/${patient.id}?added=1`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

export default function AddPatient() {
  const { today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    // Conform's reply and our domain reply share the shape that matters here: field errors.
    lastResult: lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: patientFormSchema(today) }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const initial = (form.initialValue ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof initial[name] === 'string' ? (initial[name] as string) : undefined);
  const dob = (initial.dateOfBirth ?? {}) as { day?: string; month?: string; year?: string };
  const needs = Array.isArray(initial.communicationNeeds) ? (initial.communicationNeeds as string[]) : typeof initial.communicationNeeds === 'string' ? [initial.communicationNeeds] : [];
  const errors = {
    nhsNumber: fields.nhsNumber.errors,
    firstName: fields.firstName.errors,
    lastName: fields.lastName.errors,
    dateOfBirth: fields.dateOfBirth.errors ?? fields.dateOfBirth.getFieldset().day.errors ?? fields.dateOfBirth.getFieldset().month.errors ?? fields.dateOfBirth.getFieldset().year.errors,
    email: fields.email.errors,
    mobilePhone: fields.mobilePhone.errors,
    postcode: fields.postcode.errors,
    interpreterLanguage: fields.interpreterLanguage.errors,
  };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError ?? form.errors?.[0]} />
        <h1>Add a patient</h1>
        <Form method="post" {...getFormProps(form)}>
          <TextInput name="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" width={10} inputMode="numeric" errors={errors.nhsNumber} defaultValue={text('nhsNumber')} spellCheck={false} />
          <TextInput name="firstName" label="First name" autoComplete="off" errors={errors.firstName} defaultValue={text('firstName')} spellCheck={false} />
          <TextInput name="lastName" label="Last name" autoComplete="off" errors={errors.lastName} defaultValue={text('lastName')} spellCheck={false} />
          <DateInput name="dateOfBirth" legend="Date of birth" hint="For example, 27 3 1956" errors={errors.dateOfBirth} defaultValue={dob} />
          <h2 className="nhsuk-heading-m">Contact</h2>
          <TextInput name="email" label="Email address (optional)" type="email" errors={errors.email} defaultValue={text('email')} spellCheck={false} />
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="field-emailConsent" name="emailConsent" type="checkbox" defaultChecked={initial.emailConsent === 'on'} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="field-emailConsent">
                  The patient agrees to receive appointment letters and leaflets by email
                </label>
              </div>
            </div>
          </div>
          <TextInput name="mobilePhone" label="Mobile phone (optional)" type="tel" width={20} errors={errors.mobilePhone} defaultValue={text('mobilePhone')} />
          <TextInput name="addressLine1" label="Address line 1 (optional)" defaultValue={text('addressLine1')} />
          <TextInput name="addressLine2" label="Address line 2 (optional)" defaultValue={text('addressLine2')} />
          <TextInput name="town" label="Town or city (optional)" width={20} defaultValue={text('town')} />
          <TextInput name="postcode" label="Postcode (optional)" width={10} errors={errors.postcode} defaultValue={text('postcode')} />
          <TextInput name="gpPractice" label="GP practice (optional)" defaultValue={text('gpPractice')} />
          <h2 className="nhsuk-heading-m">Communication needs</h2>
          <Checkboxes name="communicationNeeds" legend="Does the patient have any communication needs?" hint="Select all that apply. These change the letters and leaflets we send." options={COMMUNICATION_NEEDS} defaultValue={needs} />
          <TextInput name="interpreterLanguage" label="Interpreter language (if an interpreter is needed)" width={20} errors={errors.interpreterLanguage} defaultValue={text('interpreterLanguage')} />
          <button className="nhsuk-button" type="submit">
            Add patient
          </button>
        </Form>
      </div>
    </div>
  );
}
