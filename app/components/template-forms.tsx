// Pieces shared by the two template pages (clinic templates and procedure list templates): the notice after a
// change, a template's status, the deactivate button, the "generate ahead" form and the validity dates.
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { Tag, TextInput, type FieldErrors } from '~/components/forms';
import { MAX_WEEKS_AHEAD, generateAheadFormSchema } from '~/consultations/clinic-forms';
import { submittedValues, textValue } from '~/utils/form-values';

/** What the last change did, shown at the top of the page. */
export function TemplateNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="nhsuk-inset-text" role="status">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{message}</p>
    </div>
  );
}

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

/** The conform form of the "generate ahead" form; `intent` is the hidden field of the last reply. */
export function useGenerateAheadForm(lastResult: unknown, intent: string | undefined) {
  const [form] = useForm({
    id: 'generate',
    lastResult: intent === 'generate' && lastResult && typeof lastResult === 'object' && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: generateAheadFormSchema }),
    shouldValidate: 'onSubmit',
  });
  return form;
}

/** Generates dated clinics and lists from every template; `what` says which the page is about. */
export function GenerateAheadForm({
  form,
  what,
  lastResult,
  intent,
  errors,
}: {
  form: ReturnType<typeof useGenerateAheadForm>;
  what: 'clinics' | 'lists';
  lastResult: unknown;
  intent: string | undefined;
  errors?: string[] | null;
}) {
  return (
    <>
      <h2>{`Generate ${what} ahead`}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="generate" />
        <TextInput
          name="weeks"
          label="Weeks ahead, from today"
          hint={`Up to ${MAX_WEEKS_AHEAD}. Safe to repeat: ${what} that already exist, or were cancelled, are left as they are.`}
          width={2}
          inputMode="numeric"
          defaultValue={intent === 'generate' ? textValue(submittedValues(lastResult), 'weeks') : '8'}
          errors={errors}
        />
        <button className="nhsuk-button" type="submit">
          {`Generate ${what}`}
        </button>
      </Form>
    </>
  );
}

/** A template's first and (optional) last date, as the add-a-template forms ask for them. */
export function TemplateValidityFields({
  text,
  today,
  errors,
}: {
  text: (name: string) => string | undefined;
  today: string;
  errors: NonNullable<FieldErrors>;
}) {
  return (
    <>
      <TextInput name="validFrom" label="First date" type="date" defaultValue={text('validFrom') ?? today} errors={errors.validFrom} />
      <TextInput name="validUntil" label="Last date (optional)" hint="Leave empty for no end date" type="date" defaultValue={text('validUntil')} errors={errors.validUntil} />
    </>
  );
}
