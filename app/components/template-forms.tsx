// The page both template pages are (clinic templates and procedure list templates): the notice after a change,
// the templates with their status and deactivate buttons, the "generate ahead" form and the form that adds a
// template. Each page gives its words, its table and its add form's own fields; template-forms.server.ts is the
// action they share.
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { ZodTypeAny } from 'zod';
import { ErrorSummary, Tag, TextInput } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, textField, useReplyForm, type FieldState } from '~/components/reply-form';
import { Table } from '~/components/table';
import { MAX_WEEKS_AHEAD, generateAheadFormSchema } from '~/scheduling/clinic-forms';

export function TemplateStatusTag({ active }: { active: boolean }) {
  return active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>;
}

/** The button that deactivates one template; `children` names the template for screen readers. */
export function DeactivateTemplateForm({ templateId, children }: { templateId: string; children: ReactNode }) {
  return (
    <Form method="post" className="paindesk-inline-form">
      <input type="hidden" name="intent" value="deactivate-template" />
      <input type="hidden" name="templateId" value={templateId} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit">
        Deactivate<span className="nhsuk-u-visually-hidden">{children}</span>
      </button>
    </Form>
  );
}

type CreateFields<Schema extends ZodTypeAny> = ReturnType<typeof useReplyForm<Schema>>[1];

export type TemplatesPageProps<Schema extends ZodTypeAny> = {
  title: string;
  intro: ReactNode;
  /** What "dated" things the templates make: the generate-ahead form's words. */
  what: 'clinics' | 'lists';
  /** The notice after each change; `generated` reads what the action put in the address. */
  notices: { created: string; deactivated: string; generated: (params: URLSearchParams) => string };
  table: { empty: string; head: string[]; rows: ReactNode[] };
  create: {
    heading: string;
    /** The add form's hidden intent, as the action tells its forms apart. */
    intent: string;
    schema: Schema;
    /** The add form's fields (end with TemplateValidityFields); the button follows them. */
    fields: (fields: CreateFields<Schema>) => ReactNode;
  };
};

export function TemplatesPage<Schema extends ZodTypeAny>({ title, intro, what, notices, table, create }: TemplatesPageProps<Schema>) {
  const reply = useActionData();
  const [params] = useSearchParams();
  const [createForm, createFields] = useReplyForm({ id: create.intent, reply, intent: create.intent, schema: create.schema });
  const [generateForm, generateFields] = useReplyForm({ id: 'generate', reply, intent: 'generate', schema: generateAheadFormSchema, defaultValue: { weeks: '8' } });
  const [deactivateForm] = useReplyForm({ id: 'deactivate-template', reply, intent: 'deactivate-template' });
  const notice = params.get('created')
    ? notices.created
    : params.get('deactivated')
      ? notices.deactivated
      : params.get('generated') !== null
        ? notices.generated(params)
        : null;
  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={{ ...createForm.allErrors, ...generateForm.allErrors, ...deactivateForm.allErrors }} />
      <h1>{title}</h1>
      <p>{intro}</p>
      {table.rows.length === 0 ? <p>{table.empty}</p> : <Table head={table.head}>{table.rows}</Table>}

      <h2>{`Generate ${what} ahead`}</h2>
      <Form method="post" {...formProps(generateForm)}>
        <input type="hidden" name="intent" value="generate" />
        <TextInput
          {...textField(generateFields.weeks)}
          label="Weeks ahead, from today"
          hint={`Up to ${MAX_WEEKS_AHEAD}. Safe to repeat: ${what} that already exist, or were cancelled, are left as they are.`}
          width={2}
          inputMode="numeric"
        />
        <button className="nhsuk-button" type="submit">
          {`Generate ${what}`}
        </button>
      </Form>

      <h2>{create.heading}</h2>
      <Form method="post" {...formProps(createForm)}>
        <input type="hidden" name="intent" value={create.intent} />
        {create.fields(createFields)}
        <button className="nhsuk-button" type="submit">
          Add template
        </button>
      </Form>
    </>
  );
}

/** A template's first and (optional) last date, as both add-a-template forms ask for them. */
export function TemplateValidityFields({ validFrom, validUntil, today }: { validFrom: FieldState; validUntil: FieldState; today: string }) {
  return (
    <>
      <TextInput {...textField(validFrom)} defaultValue={textField(validFrom).defaultValue ?? today} label="First date" type="date" />
      <TextInput {...textField(validUntil)} label="Last date (optional)" hint="Leave empty for no end date" type="date" />
    </>
  );
}
