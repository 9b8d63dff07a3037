import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { ErrorSummary, Select, TextInput } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { oneOffClinicFormSchema } from '~/scheduling/clinic-forms';
import { createOneOffClinic } from '~/consultations/create-one-off-clinic.server';
import { clinicFormOptions } from '~/scheduling/clinic-templates.server';
import { londonToday, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Add a one-off clinic');

export const handle: AdminHandle = { adminSection: 'templates' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
  return { today: londonToday(new Date()), options: await clinicFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  const now = new Date();
  return submitForm(await readForm(request), oneOffClinicFormSchema(londonToday(now)), async (value) => {
    const clinic = await createOneOffClinic(value, actor, ipAddress, now);
    return redirect(`/admin/templates/one-off?created=${clinic.slots}&date=${clinic.date}`);
  });
}

export default function OneOffClinic() {
  const { today, options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useReplyForm({ id: 'create-clinic', reply, schema: oneOffClinicFormSchema(today) });
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {params.get('created') ? (
          <Notice>
            Clinic added on {params.get('date')} with {params.get('created')} slots. Clerks can book it now.
          </Notice>
        ) : null}
        <ErrorSummary errors={form.allErrors} />
        <h1>Add a one-off clinic</h1>
        <p>A single telephone clinic on one date, for example an extra session or a locum&apos;s day.</p>
        <Form method="post" {...formProps(form)}>
          <input type="hidden" name="intent" value="create-clinic" />
          <Select {...textField(fields.clinicianId)} label="Doctor" emptyLabel="Select a doctor" options={options.clinicians.map((c) => ({ value: c.id, label: c.name }))} />
          <Select {...textField(fields.siteId)} label="Site" emptyLabel="Select a site" options={options.sites.map((s) => ({ value: s.id, label: s.name }))} />
          <TextInput {...textField(fields.date)} defaultValue={textField(fields.date).defaultValue ?? today} label="Date" type="date" />
          <TextInput {...textField(fields.startTime)} label="Start time" hint="24-hour clock, for example 09:00" width={5} />
          <TextInput {...textField(fields.endTime)} label="End time" hint="For example 12:00" width={5} />
          <TextInput {...textField(fields.slotMinutes)} label="Slot length in minutes" hint="For example 20" width={3} inputMode="numeric" />
          <button className="nhsuk-button" type="submit">
            Add clinic
          </button>
        </Form>
      </div>
    </div>
  );
}
