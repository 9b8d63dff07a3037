import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { Checkboxes, ErrorSummary, TextInput } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, listField, textField, useReplyForm } from '~/components/reply-form';
import { getPrisma } from '~/db.server';
import { MAX_REMINDER_DAYS, MAX_REMINDERS, unitSettingsFormSchema } from '~/settings/unit-settings-form';
import { getUnitSettingsPage, saveUnitSettings } from '~/settings/unit-settings.server';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Unit settings');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
  return getUnitSettingsPage(await getPrisma());
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  return submitForm(await readForm(request), unitSettingsFormSchema, async (value) => {
    await saveUnitSettings(await getPrisma(), value, actor, ipAddress);
    return redirect('/admin/settings?saved=1');
  });
}

export default function UnitSettings() {
  const settings = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useReplyForm({
    id: 'unit-settings',
    reply,
    schema: unitSettingsFormSchema,
    defaultValue: {
      unansweredAttemptsBeforeDna: String(settings.unansweredAttemptsBeforeDna),
      dnasBeforeDischargeOffered: String(settings.dnasBeforeDischargeOffered),
      reminderDaysBefore: settings.reminderDaysBefore.join(', '),
      secondFactorRoles: settings.secondFactorRoles,
    },
  });
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {params.get('saved') && !reply ? <Notice>Unit settings saved.</Notice> : null}
        <ErrorSummary errors={form.allErrors} />
        <h1>Unit settings</h1>
        <Form method="post" {...formProps(form)}>
          <h2>Telephone consultations</h2>
          <TextInput
            {...textField(fields.unansweredAttemptsBeforeDna)}
            label="Unanswered calls before a consultation is recorded as did not attend (DNA)"
            width={2}
            inputMode="numeric"
          />
          <TextInput
            {...textField(fields.dnasBeforeDischargeOffered)}
            label="DNAs on one referral before clerks are offered “discharge to GP”"
            width={2}
            inputMode="numeric"
          />
          <h2>Reminders</h2>
          <TextInput
            {...textField(fields.reminderDaysBefore)}
            label="Days before the appointment to send a reminder"
            hint={`Whole days separated by commas, for example 7, 2. Up to ${MAX_REMINDERS} reminders, each 1 to ${MAX_REMINDER_DAYS} days before, sent at 9am by email or text. Leave empty for no reminders. Applies to bookings made from now on.`}
            width={10}
          />
          <h2>Second factor</h2>
          <Checkboxes
            {...listField(fields.secondFactorRoles)}
            legend="Who else must use a second factor to sign in"
            hint="Administrators always must. Staff of a role you add who have not set one up are signed out, and set one up at their next sign-in."
            options={[
              { value: 'CLERK', label: 'Booking clerks' },
              { value: 'DOCTOR', label: 'Doctors' },
            ]}
          />
          <button className="nhsuk-button" type="submit">
            Save settings
          </button>
        </Form>
      </div>
    </div>
  );
}
