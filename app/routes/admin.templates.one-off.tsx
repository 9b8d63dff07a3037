import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { ErrorSummary, Select, TextInput } from '~/components/forms';
import { clinicFormOptions } from '~/scheduling/clinic-templates.server';
import { oneOffClinicFormSchema } from '~/consultations/clinic-forms';
import { createOneOffClinic } from '~/consultations/create-one-off-clinic.server';
import { formErrorOf, submittedValues, textValue } from '~/utils/form-values';
import { londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Add a one-off clinic');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { today: londonToday(new Date()), options: await clinicFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const now = new Date();
  const submission = parseWithZod(await readForm(request), { schema: oneOffClinicFormSchema(londonToday(now)) });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const clinic = await createOneOffClinic(submission.value, actorOf(user), clientAddress(request), now);
    return redirect(`/admin/templates/one-off?created=${clinic.slots}&date=${clinic.date}`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

export default function OneOffClinic() {
  const { today, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form] = useForm({
    id: 'create-clinic',
    lastResult: lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: oneOffClinicFormSchema(today) }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const values = submittedValues(lastResult);
  const text = (name: string) => textValue(values, name);
  const errors = { ...form.allErrors };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {params.get('created') ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Clinic added on {params.get('date')} with {params.get('created')} slots. Clerks can book it now.
            </p>
          </div>
        ) : null}
        <ErrorSummary errors={errors} formError={formErrorOf(lastResult)} />
        <h1>Add a one-off clinic</h1>
        <p>A single telephone clinic on one date, for example an extra session or a locum&apos;s day.</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create-clinic" />
          <Select name="clinicianId" label="Doctor" emptyLabel="Select a doctor" options={options.clinicians.map((c) => ({ value: c.id, label: c.name }))} defaultValue={text('clinicianId')} errors={errors.clinicianId} />
          <Select name="siteId" label="Site" emptyLabel="Select a site" options={options.sites.map((s) => ({ value: s.id, label: s.name }))} defaultValue={text('siteId')} errors={errors.siteId} />
          <TextInput name="date" label="Date" type="date" defaultValue={text('date') ?? today} errors={errors.date} />
          <TextInput name="startTime" label="Start time" hint="24-hour clock, for example 09:00" width={5} defaultValue={text('startTime')} errors={errors.startTime} />
          <TextInput name="endTime" label="End time" hint="For example 12:00" width={5} defaultValue={text('endTime')} errors={errors.endTime} />
          <TextInput name="slotMinutes" label="Slot length in minutes" hint="For example 20" width={3} inputMode="numeric" defaultValue={text('slotMinutes')} errors={errors.slotMinutes} />
          <button className="nhsuk-button" type="submit">
            Add clinic
          </button>
        </Form>
        <p>
          <Link to="/admin/templates">Back to clinic templates</Link>
        </p>
      </div>
    </div>
  );
}
