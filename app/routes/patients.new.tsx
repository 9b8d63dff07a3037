import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { TwoThirds } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { PatientFields } from '~/components/patient-fields';
import { patientFormSchema } from '~/patients/patient-form';
import { registerPatient } from '~/patients/patient-repo.server';
import { londonToday, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Add a patient');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK');
  return { today: londonToday(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return submitForm(await readForm(request), patientFormSchema(londonToday(new Date())), async (value) => {
    const patient = await registerPatient(value, actor, ipAddress);
    return redirect(`/patients/${patient.id}?added=1`);
  });
}

export default function AddPatient() {
  const { today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form] = useReplyForm({ id: 'add-patient', reply, schema: patientFormSchema(today) });
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      <h1>Add a patient</h1>
      <Form method="post" {...formProps(form)}>
        <PatientFields values={form.initialValue ?? {}} errors={form.allErrors} withSectionHeadings />
        <button className="nhsuk-button" type="submit">
          Add patient
        </button>
      </Form>
    </TwoThirds>
  );
}
