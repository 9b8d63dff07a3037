import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { Select, TextInput } from '~/components/forms';
import { textField } from '~/components/reply-form';
import { Cell, Row } from '~/components/table';
import { DeactivateTemplateForm, TemplateStatusTag, TemplatesPage, TemplateValidityFields } from '~/components/template-forms';
import { templatePageAction } from '~/components/template-forms.server';
import { WEEKDAYS, WEEKDAY_LABEL, clinicTemplateFormSchema } from '~/scheduling/clinic-forms';
import {
  clinicFormOptions,
  createClinicTemplate,
  deactivateClinicTemplate,
  listClinicTemplates,
} from '~/scheduling/clinic-templates.server';
import { formatDate, londonToday, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Clinic templates');

export const handle: AdminHandle = { adminSection: 'templates' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
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
  return templatePageAction(request, {
    path: '/admin/templates',
    createIntent: 'create-template',
    createSchema: clinicTemplateFormSchema,
    create: createClinicTemplate,
    deactivate: deactivateClinicTemplate,
    generated: (result) => `generated=${result.clinics}&slots=${result.slots}&lists=${result.procedureLists}&to=${result.to}`,
  });
}

export default function ClinicTemplates() {
  const { today, options, templates } = useLoaderData<typeof loader>();
  return (
    <TemplatesPage
      title="Clinic templates"
      intro="Weekly telephone clinics, each with a doctor, a site, times and a slot length. Dated clinics are generated from them ahead of time."
      what="clinics"
      notices={{
        created: 'Clinic template added. Generate clinics ahead to make its dated clinics.',
        deactivated: 'Template deactivated. Clinics already generated from it are kept.',
        generated: (params) =>
          `Generated ${params.get('generated')} new clinics with ${params.get('slots')} slots, and ${params.get('lists')} new procedure lists, up to ${params.get('to')}. Clinics that already existed were left as they were.`,
      }}
      table={{
        empty: 'There are no clinic templates yet.',
        head: ['Doctor', 'Site', 'Day', 'Times', 'Slots', 'Valid', 'Status', 'Action'],
        rows: templates.map((t) => (
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
        )),
      }}
      create={{
        heading: 'Add a clinic template',
        intent: 'create-template',
        schema: clinicTemplateFormSchema(today),
        fields: (fields) => (
          <>
            <Select {...textField(fields.clinicianId)} label="Doctor" emptyLabel="Select a doctor" options={options.clinicians.map((c) => ({ value: c.id, label: c.name }))} />
            <Select {...textField(fields.siteId)} label="Site" emptyLabel="Select a site" options={options.sites.map((s) => ({ value: s.id, label: s.name }))} />
            <Select {...textField(fields.isoWeekday)} label="Day of the week" emptyLabel="Select a day" options={WEEKDAYS} />
            <TextInput {...textField(fields.startTime)} label="Start time" hint="24-hour clock, for example 09:00" width={5} />
            <TextInput {...textField(fields.endTime)} label="End time" hint="For example 12:00" width={5} />
            <TextInput {...textField(fields.slotMinutes)} label="Slot length in minutes" hint="For example 20" width={3} inputMode="numeric" />
            <TemplateValidityFields validFrom={fields.validFrom} validUntil={fields.validUntil} today={today} />
          </>
        ),
      }}
    />
  );
}
