import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { ErrorSummary, Select, TextInput } from '~/components/forms';
import {
  DeactivateTemplateForm,
  GenerateAheadForm,
  TemplateNotice,
  TemplateStatusTag,
  TemplateValidityFields,
  useGenerateAheadForm,
} from '~/components/template-forms';
import { Cell, Row, Table } from '~/components/table';
import {
  clinicFormOptions,
  createClinicTemplate,
  deactivateClinicTemplate,
  generateClinicsAhead,
  listClinicTemplates,
} from '~/scheduling/clinic-templates.server';
import {
  WEEKDAYS,
  WEEKDAY_LABEL,
  clinicTemplateFormSchema,
  deactivateTemplateFormSchema,
  generateAheadFormSchema,
} from '~/consultations/clinic-forms';
import { formErrorOf, replyIntent, submittedValues, textValue } from '~/utils/form-values';
import { formatDate, londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Clinic templates');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [templates, options] = await Promise.all([listClinicTemplates(), clinicFormOptions()]);
  return {
    today: londonToday(new Date()),
    options,
    templates: templates.map((t) => ({
      id: t.id,
      clinician: t.clinician.name,
      site: t.site.name,
      weekday: WEEKDAY_LABEL[t.isoWeekday],
      times: `${t.startTime} to ${t.endTime}`,
      slotMinutes: t.slotMinutes,
      valid: `${formatDate(t.validFrom)}${t.validUntil ? ` to ${formatDate(t.validUntil)}` : ' onwards'}`,
      active: t.active,
      clinics: t._count.clinics,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const actor = actorOf(user);
  const ip = clientAddress(request);
  const now = new Date();
  const formData = await readForm(request);
  const intent = formData.get('intent');

  if (intent === 'create-template') {
    const submission = parseWithZod(formData, { schema: clinicTemplateFormSchema(londonToday(now)) });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await createClinicTemplate(submission.value, actor, ip);
      return redirect('/admin/templates?created=1');
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  if (intent === 'generate') {
    const submission = parseWithZod(formData, { schema: generateAheadFormSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      const result = await generateClinicsAhead(submission.value.weeks, actor, ip, now);
      return redirect(`/admin/templates?generated=${result.clinics}&slots=${result.slots}&lists=${result.procedureLists}&to=${result.to}`);
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  if (intent === 'deactivate-template') {
    const submission = parseWithZod(formData, { schema: deactivateTemplateFormSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await deactivateClinicTemplate(submission.value.templateId, actor, ip);
      return redirect('/admin/templates?deactivated=1');
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  return json({ status: 'error' as const, formError: 'Choose what to do on this page.', error: {} }, { status: 400 });
}

function Notice() {
  const [params] = useSearchParams();
  let message: string | null = null;
  if (params.get('created')) message = 'Clinic template added. Generate clinics ahead to make its dated clinics.';
  else if (params.get('deactivated')) message = 'Template deactivated. Clinics already generated from it are kept.';
  else if (params.get('generated') !== null) {
    message = `Generated ${params.get('generated')} new clinics with ${params.get('slots')} slots, and ${params.get('lists')} new procedure lists, up to ${params.get('to')}. Clinics that already existed were left as they were.`;
  }
  return <TemplateNotice message={message} />;
}

export default function ClinicTemplates() {
  const { today, options, templates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = replyIntent(lastResult);
  const [createForm] = useForm({
    id: 'create-template',
    lastResult: intent === 'create-template' && lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clinicTemplateFormSchema(today) }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const generateForm = useGenerateAheadForm(lastResult, intent);
  const values = intent === 'create-template' ? submittedValues(lastResult) : {};
  const text = (name: string) => textValue(values, name);
  const errors = { ...createForm.allErrors, ...generateForm.allErrors };
  return (
    <>
      <Notice />
      <ErrorSummary errors={errors} formError={formErrorOf(lastResult)} />
      <h1>Clinic templates</h1>
      <p>
        Weekly telephone clinics, each with a doctor, a site, times and a slot length. Dated clinics are generated from
        them ahead of time. See also <Link to="/admin/list-templates">Procedure list templates</Link>, or{' '}
        <Link to="/admin/templates/one-off">add a one-off clinic</Link>.
      </p>
      {templates.length === 0 ? (
        <p>There are no clinic templates yet.</p>
      ) : (
        <Table head={['Doctor', 'Site', 'Day', 'Times', 'Slots', 'Valid', 'Status', 'Action']}>
          {templates.map((t) => (
            <Row key={t.id}>
              <Cell>{t.clinician}</Cell>
              <Cell>{t.site}</Cell>
              <Cell>{t.weekday}</Cell>
              <Cell>{t.times}</Cell>
              <Cell>{t.slotMinutes} minutes</Cell>
              <Cell>{t.valid}</Cell>
              <Cell>
                <TemplateStatusTag active={t.active} />
              </Cell>
              <Cell>
                {t.active ? <DeactivateTemplateForm templateId={t.id}> {t.weekday} {t.times} template for {t.clinician}</DeactivateTemplateForm> : null}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      <GenerateAheadForm form={generateForm} what="clinics" lastResult={lastResult} intent={intent} errors={errors.weeks} />

      <h2>Add a clinic template</h2>
      <Form method="post" {...getFormProps(createForm)}>
        <input type="hidden" name="intent" value="create-template" />
        <Select name="clinicianId" label="Doctor" emptyLabel="Select a doctor" options={options.clinicians.map((c) => ({ value: c.id, label: c.name }))} defaultValue={text('clinicianId')} errors={errors.clinicianId} />
        <Select name="siteId" label="Site" emptyLabel="Select a site" options={options.sites.map((s) => ({ value: s.id, label: s.name }))} defaultValue={text('siteId')} errors={errors.siteId} />
        <Select name="isoWeekday" label="Day of the week" emptyLabel="Select a day" options={WEEKDAYS} defaultValue={text('isoWeekday')} errors={errors.isoWeekday} />
        <TextInput name="startTime" label="Start time" hint="24-hour clock, for example 09:00" width={5} defaultValue={text('startTime')} errors={errors.startTime} />
        <TextInput name="endTime" label="End time" hint="For example 12:00" width={5} defaultValue={text('endTime')} errors={errors.endTime} />
        <TextInput name="slotMinutes" label="Slot length in minutes" hint="For example 20" width={3} inputMode="numeric" defaultValue={text('slotMinutes')} errors={errors.slotMinutes} />
        <TemplateValidityFields text={text} today={today} errors={errors} />
        <button className="nhsuk-button" type="submit">
          Add template
        </button>
      </Form>
    </>
  );
}
