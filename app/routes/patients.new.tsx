import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { PatientFields } from '~/patients/patient-fields';
import { patientFormSchema } from '~/patients/patient-form';
import { registerPatient } from '~/patients/patient-repo.server';
import { londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Add a patient');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK');
  return { today: londonToday(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: patientFormSchema(londonToday(new Date())) });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const patient = await registerPatient(submission.value, actor, ipAddress);
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
          <PatientFields values={initial} errors={errors} withSectionHeadings />
          <button className="nhsuk-button" type="submit">
            Add patient
          </button>
        </Form>
      </div>
    </div>
  );
}
