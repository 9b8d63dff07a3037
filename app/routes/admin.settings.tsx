import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { Checkboxes, ErrorSummary, TextInput } from '~/components/forms';
import { getPrisma } from '~/db.server';
import { listValue, submittedValues, textValue } from '~/utils/form-values';
import { MAX_REMINDER_DAYS, MAX_REMINDERS, unitSettingsFormSchema } from '~/settings/unit-settings-form';
import { getUnitSettingsPage, saveUnitSettings } from '~/settings/unit-settings.server';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Unit settings');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return getUnitSettingsPage(await getPrisma());
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseWithZod(await readForm(request), { schema: unitSettingsFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  await saveUnitSettings(await getPrisma(), submission.value, actorOf(user), clientAddress(request));
  return redirect('/admin/settings?saved=1');
}

export default function UnitSettings() {
  const settings = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form] = useForm({
    id: 'unit-settings',
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitSettingsFormSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const values = submittedValues(lastResult);
  const value = (name: string, saved: string) => textValue(values, name) ?? (lastResult ? '' : saved);
  const errors = { ...form.allErrors };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {params.get('saved') && !lastResult ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Unit settings saved.</p>
          </div>
        ) : null}
        <ErrorSummary errors={errors} />
        <h1>Unit settings</h1>
        <Form method="post" {...getFormProps(form)}>
          <h2>Telephone consultations</h2>
          <TextInput
            name="unansweredAttemptsBeforeDna"
            label="Unanswered calls before a consultation is recorded as did not attend (DNA)"
            width={2}
            inputMode="numeric"
            defaultValue={value('unansweredAttemptsBeforeDna', String(settings.unansweredAttemptsBeforeDna))}
            errors={errors.unansweredAttemptsBeforeDna}
          />
          <TextInput
            name="dnasBeforeDischargeOffered"
            label="DNAs on one referral before clerks are offered “discharge to GP”"
            width={2}
            inputMode="numeric"
            defaultValue={value('dnasBeforeDischargeOffered', String(settings.dnasBeforeDischargeOffered))}
            errors={errors.dnasBeforeDischargeOffered}
          />
          <h2>Reminders</h2>
          <TextInput
            name="reminderDaysBefore"
            label="Days before the appointment to send a reminder"
            hint={`Whole days separated by commas, for example 7, 2. Up to ${MAX_REMINDERS} reminders, each 1 to ${MAX_REMINDER_DAYS} days before, sent at 9am by email or text. Leave empty for no reminders. Applies to bookings made from now on.`}
            width={10}
            defaultValue={value('reminderDaysBefore', settings.reminderDaysBefore.join(', '))}
            errors={errors.reminderDaysBefore}
          />
          <h2>Second factor</h2>
          <Checkboxes
            name="secondFactorRoles"
            legend="Who else must use a second factor to sign in"
            hint="Administrators always must. Staff of a role you add who have not set one up are signed out, and set one up at their next sign-in."
            options={[
              { value: 'CLERK', label: 'Booking clerks' },
              { value: 'DOCTOR', label: 'Doctors' },
            ]}
            defaultValue={lastResult ? listValue(values, 'secondFactorRoles') : settings.secondFactorRoles}
            errors={errors.secondFactorRoles}
          />
          <button className="nhsuk-button" type="submit">
            Save settings
          </button>
        </Form>
      </div>
    </div>
  );
}
