import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { ErrorSummary, Radios, Select, TextInput } from '~/components/forms';
import {
  DeactivateTemplateForm,
  GenerateAheadForm,
  TemplateNotice,
  TemplateStatusTag,
  TemplateValidityFields,
  useGenerateAheadForm,
} from '~/components/template-forms';
import { Cell, Row, Table } from '~/components/table';
import { generateClinicsAhead } from '~/scheduling/clinic-templates.server';
import {
  WEEKDAYS,
  WEEKDAY_LABEL,
  deactivateTemplateFormSchema,
  generateAheadFormSchema,
} from '~/consultations/clinic-forms';
import { formErrorOf, replyIntent, submittedValues, textValue } from '~/utils/form-values';
import { createListTemplate } from '~/scheduling/procedures/create-list-template.server';
import { deactivateListTemplate } from '~/scheduling/procedures/deactivate-list-template.server';
import { MODALITY_LABEL, SESSION_PART_LABEL } from '~/scheduling/procedures/labels';
import { listTemplateSchema } from '~/scheduling/procedures/procedure-forms';
import { listTemplatesPage } from '~/scheduling/procedures/list-templates.server';
import { formatDate, londonToday, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Procedure list templates');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { templates, sites, operators } = await listTemplatesPage();
  return {
    today: londonToday(new Date()),
    sites: sites.map((s) => ({ value: s.id, label: s.hasInterventionalSuite ? s.name : `${s.name} (no interventional suite)` })),
    operators: operators.map((o) => ({ value: o.id, label: o.name })),
    templates: templates.map((t) => ({
      id: t.id,
      site: t.site.name,
      operator: t.operator.name,
      when: `${WEEKDAY_LABEL[t.isoWeekday]} ${(SESSION_PART_LABEL[t.sessionPart] ?? t.sessionPart).toLowerCase()}`,
      times: `${t.startTime} to ${t.endTime}`,
      modality: MODALITY_LABEL[t.modality],
      capacity: `${t.capacityMinutes} minutes`,
      valid: `${formatDate(t.validFrom)}${t.validUntil ? ` to ${formatDate(t.validUntil)}` : ' onwards'}`,
      active: t.active,
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
  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: listTemplateSchema(londonToday(now)) });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await createListTemplate(submission.value, actor, ip);
      return redirect('/admin/list-templates?created=1');
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  if (intent === 'generate') {
    const submission = parseWithZod(formData, { schema: generateAheadFormSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      const result = await generateClinicsAhead(submission.value.weeks, actor, ip, now);
      return redirect(`/admin/list-templates?generated=${result.procedureLists}&to=${result.to}`);
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  if (intent === 'deactivate-template') {
    const submission = parseWithZod(formData, { schema: deactivateTemplateFormSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await deactivateListTemplate(submission.value.templateId, actor, ip);
      return redirect('/admin/list-templates?deactivated=1');
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
  }
  return json({ status: 'error' as const, formError: 'Choose what to do on this page.', error: {} }, { status: 400 });
}

function Notice() {
  const [params] = useSearchParams();
  let message: string | null = null;
  if (params.get('created')) message = 'List template added. Generate lists ahead to make its dated lists.';
  else if (params.get('deactivated')) {
    message = 'Template deactivated. Lists already generated from it are kept: cancel any that should not run from the procedure lists page.';
  } else if (params.get('generated') !== null) {
    message = `Generated ${params.get('generated')} new procedure lists up to ${params.get('to')} (and any telephone clinics due). Lists that already existed were left as they were.`;
  }
  return <TemplateNotice message={message} />;
}

export default function ListTemplates() {
  const { today, sites, operators, templates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const intent = replyIntent(lastResult);
  const [createForm] = useForm({
    id: 'create',
    lastResult: intent === 'create' && lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: listTemplateSchema(today) }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const generateForm = useGenerateAheadForm(lastResult, intent);
  const values = intent === 'create' ? submittedValues(lastResult) : {};
  const text = (name: string) => textValue(values, name);
  const errors = { ...createForm.allErrors, ...generateForm.allErrors };
  return (
    <>
      <Notice />
      <ErrorSummary errors={errors} formError={formErrorOf(lastResult)} />
      <h1>Procedure list templates</h1>
      <p>
        Weekly day-case procedure lists, only at a site with an interventional suite. Dated lists are generated from them
        ahead of time. See also <Link to="/admin/templates">clinic templates</Link>.
      </p>
      {templates.length === 0 ? (
        <p>There are no procedure list templates yet.</p>
      ) : (
        <Table head={['Site', 'When', 'Times', 'Operator', 'Modality', 'Capacity', 'Valid', 'Status', 'Action']}>
          {templates.map((t) => (
            <Row key={t.id}>
              <Cell>{t.site}</Cell>
              <Cell>{t.when}</Cell>
              <Cell>{t.times}</Cell>
              <Cell>{t.operator}</Cell>
              <Cell>{t.modality}</Cell>
              <Cell>{t.capacity}</Cell>
              <Cell>{t.valid}</Cell>
              <Cell>
                <TemplateStatusTag active={t.active} />
              </Cell>
              <Cell>
                {t.active ? <DeactivateTemplateForm templateId={t.id}> the {t.when} list template at {t.site}</DeactivateTemplateForm> : null}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      <GenerateAheadForm form={generateForm} what="lists" lastResult={lastResult} intent={intent} errors={errors.weeks} />

      <h2>Add a list template</h2>
      <Form method="post" {...getFormProps(createForm)}>
        <input type="hidden" name="intent" value="create" />
        <Select name="siteId" label="Site" hint="Procedures are only done at a site with an interventional suite." emptyLabel="Select a site" options={sites} defaultValue={text('siteId')} errors={errors.siteId} />
        <Select name="isoWeekday" label="Day of the week" emptyLabel="Select a day" options={WEEKDAYS} defaultValue={text('isoWeekday')} errors={errors.isoWeekday} />
        <Radios
          name="sessionPart"
          legend="Session"
          inline
          options={[
            { value: 'MORNING', label: 'Morning' },
            { value: 'AFTERNOON', label: 'Afternoon' },
          ]}
          defaultValue={text('sessionPart')}
          errors={errors.sessionPart}
        />
        <TextInput name="startTime" label="Start time" hint="24-hour clock, for example 08:30" width={5} defaultValue={text('startTime')} errors={errors.startTime} />
        <TextInput name="endTime" label="End time" hint="For example 12:00" width={5} defaultValue={text('endTime')} errors={errors.endTime} />
        <Select name="operatorId" label="Operator" emptyLabel="Select a doctor" options={operators} defaultValue={text('operatorId')} errors={errors.operatorId} />
        <Radios
          name="modality"
          legend="Imaging"
          inline
          options={[
            { value: 'XRAY', label: 'X-ray' },
            { value: 'ULTRASOUND', label: 'Ultrasound' },
          ]}
          defaultValue={text('modality')}
          errors={errors.modality}
        />
        <TextInput
          name="capacityMinutes"
          label="Capacity in minutes"
          hint="Bookable minutes, leaving time to turn the room round; no more than the session length. For example 180"
          width={3}
          inputMode="numeric"
          defaultValue={text('capacityMinutes')}
          errors={errors.capacityMinutes}
        />
        <TemplateValidityFields text={text} today={today} errors={errors} />
        <button className="nhsuk-button" type="submit">
          Add template
        </button>
      </Form>
    </>
  );
}
