import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { Radios, Select, TextInput } from '~/components/forms';
import { textField } from '~/components/reply-form';
import { Cell, Row } from '~/components/table';
import { DeactivateTemplateForm, TemplateStatusTag, TemplatesPage, TemplateValidityFields } from '~/components/template-forms';
import { templatePageAction } from '~/components/template-forms.server';
import { WEEKDAYS, WEEKDAY_LABEL } from '~/scheduling/clinic-forms';
import { createListTemplate } from '~/scheduling/procedures/create-list-template.server';
import { deactivateListTemplate } from '~/scheduling/procedures/deactivate-list-template.server';
import { MODALITY_LABEL, SESSION_PART_LABEL } from '~/scheduling/procedures/labels';
import { listTemplatesPage } from '~/scheduling/procedures/list-templates.server';
import { listTemplateSchema } from '~/scheduling/procedures/procedure-forms';
import { formatDate, londonToday, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Procedure list templates');

export const handle: AdminHandle = { adminSection: 'templates' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
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
  return templatePageAction(request, {
    path: '/admin/list-templates',
    createIntent: 'create',
    createSchema: listTemplateSchema,
    create: createListTemplate,
    deactivate: deactivateListTemplate,
    generated: (result) => `generated=${result.procedureLists}&to=${result.to}`,
  });
}

const SESSION_OPTIONS = [
  { value: 'MORNING', label: 'Morning' },
  { value: 'AFTERNOON', label: 'Afternoon' },
];

const MODALITY_OPTIONS = [
  { value: 'XRAY', label: 'X-ray' },
  { value: 'ULTRASOUND', label: 'Ultrasound' },
];

export default function ListTemplates() {
  const { today, sites, operators, templates } = useLoaderData<typeof loader>();
  return (
    <TemplatesPage
      title="Procedure list templates"
      intro="Weekly day-case procedure lists, only at a site with an interventional suite. Dated lists are generated from them ahead of time."
      what="lists"
      notices={{
        created: 'List template added. Generate lists ahead to make its dated lists.',
        deactivated:
          'Template deactivated. Lists already generated from it are kept: cancel any that should not run from the procedure lists page.',
        generated: (params) =>
          `Generated ${params.get('generated')} new procedure lists up to ${params.get('to')} (and any telephone clinics due). Lists that already existed were left as they were.`,
      }}
      table={{
        empty: 'There are no procedure list templates yet.',
        head: ['Site', 'When', 'Times', 'Operator', 'Modality', 'Capacity', 'Valid', 'Status', 'Action'],
        rows: templates.map((t) => (
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
        )),
      }}
      create={{
        heading: 'Add a list template',
        intent: 'create',
        schema: listTemplateSchema(today),
        fields: (fields) => (
          <>
            <Select {...textField(fields.siteId)} label="Site" hint="Procedures are only done at a site with an interventional suite." emptyLabel="Select a site" options={sites} />
            <Select {...textField(fields.isoWeekday)} label="Day of the week" emptyLabel="Select a day" options={WEEKDAYS} />
            <Radios {...textField(fields.sessionPart)} legend="Session" inline options={SESSION_OPTIONS} />
            <TextInput {...textField(fields.startTime)} label="Start time" hint="24-hour clock, for example 08:30" width={5} />
            <TextInput {...textField(fields.endTime)} label="End time" hint="For example 12:00" width={5} />
            <Select {...textField(fields.operatorId)} label="Operator" emptyLabel="Select a doctor" options={operators} />
            <Radios {...textField(fields.modality)} legend="Imaging" inline options={MODALITY_OPTIONS} />
            <TextInput
              {...textField(fields.capacityMinutes)}
              label="Capacity in minutes"
              hint="Bookable minutes, leaving time to turn the room round; no more than the session length. For example 180"
              width={3}
              inputMode="numeric"
            />
            <TemplateValidityFields validFrom={fields.validFrom} validUntil={fields.validUntil} today={today} />
          </>
        ),
      }}
    />
  );
}
