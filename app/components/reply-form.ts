// conform's state for a page's forms, fed with the action's last reply (useForm's lastResult): conform's own replies
// (the zod schema's field messages) and the domain error replies of app/utils/http.server.ts, whose message becomes
// the form's error (form.errors). The page reads errors and what was typed from conform (form.allErrors,
// fields.x.errors, fields.x.initialValue), so a form sent without JavaScript comes back as it was sent. Several
// forms on one page are told apart by their hidden `intent` field.
import { getFormProps, useForm, type DefaultValue, type FormMetadata, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { useMemo } from 'react';
import type { ZodTypeAny, input } from 'zod';

type Reply = { status?: unknown; intent?: unknown; formError?: unknown; error?: unknown; initialValue?: unknown };

/**
 * The action's reply as conform's last result for one form, or undefined if it is not an error reply for this form.
 * A reply is this form's when its submitted `intent` is this form's (one of them, for a group of one-button forms),
 * or when it carries no submitted values at all (a refusal of the whole page, such as an out-of-date form).
 */
export function lastResultFor(reply: unknown, intent?: string | readonly string[]): SubmissionResult<string[]> | undefined {
  if (!reply || typeof reply !== 'object') return undefined;
  // `intent` at the top of a result is conform's own (validate, reset...), never a form's name: left out.
  const { status, intent: _conformIntent, formError, error, initialValue, ...rest } = reply as Reply;
  if (status !== 'error') return undefined;
  const values = initialValue && typeof initialValue === 'object' ? (initialValue as Record<string, unknown>) : undefined;
  const intents: readonly unknown[] = intent === undefined ? [] : typeof intent === 'string' ? [intent] : intent;
  if (intents.length > 0 && values && 'intent' in values && !intents.includes(values.intent)) return undefined;
  const fieldErrors = error && typeof error === 'object' ? (error as Record<string, string[] | null>) : {};
  return {
    ...rest,
    status: 'error',
    // Never null: conform takes a null initialValue as "reset the form", which would drop the messages too.
    initialValue: values as SubmissionResult['initialValue'],
    error: typeof formError === 'string' ? { ...fieldErrors, '': [formError, ...(fieldErrors[''] ?? [])] } : fieldErrors,
  };
}

/**
 * conform's useForm for one form of the page, with the action's reply as its last result. With `schema` conform
 * also checks the form in the browser before sending (the same zod schema as the action); without it, only the
 * server does. `defaultValue`: what an edit form shows before anything is sent.
 */
export function useReplyForm<Schema extends ZodTypeAny = ZodTypeAny>(options: {
  id: string;
  reply: unknown;
  intent?: string | readonly string[];
  schema?: Schema;
  defaultValue?: DefaultValue<input<Schema>>;
}) {
  const { id, reply, intent, schema, defaultValue } = options;
  const intentKey = typeof intent === 'string' ? intent : intent?.join(' ');
  // A new object only when the reply changes: conform reports each new last result. A reply that is not this
  // form's (another form's, or none after a change succeeded) clears this form's messages, as a page that read
  // the reply itself would show none.
  const lastResult = useMemo(
    () => lastResultFor(reply, intentKey?.split(' ')) ?? { error: {} },
    [reply, intentKey], // the intents by value: a page may pass a new array each render
  );
  return useForm<input<Schema>>({
    id,
    lastResult,
    defaultValue,
    onValidate: schema ? ({ formData }) => parseWithZod(formData, { schema }) : undefined,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
}

/**
 * The props conform needs on the <Form> element (its id, and its check before sending). The error summary and
 * each field carry the messages and their aria attributes, so the form element carries none.
 */
export function formProps<Schema extends Record<string, unknown>>(form: FormMetadata<Schema, string[]>) {
  return getFormProps(form, { ariaAttributes: false });
}

/** What a page needs of one of conform's fields: its name, what it held when sent, its messages. */
export type FieldState = { name: string; initialValue?: unknown; errors?: string[] };

/** A text field's props for TextInput, Select, Radios and Textarea: what was sent (initialValue) comes back. */
export function textField(field: FieldState) {
  return { name: field.name, defaultValue: typeof field.initialValue === 'string' ? field.initialValue : undefined, errors: field.errors };
}

/** A multi-choice field's props for Checkboxes: the values that were ticked. */
export function listField(field: FieldState) {
  const value = field.initialValue;
  const values = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
  return { name: field.name, defaultValue: values, errors: field.errors };
}

/** A date field's props for DateInput (day, month and year inputs under one name). */
export function dateField(field: FieldState) {
  const parts = field.initialValue && typeof field.initialValue === 'object' ? (field.initialValue as Record<string, unknown>) : {};
  const part = (key: string) => (typeof parts[key] === 'string' ? (parts[key] as string) : undefined);
  return { name: field.name, defaultValue: { day: part('day'), month: part('month'), year: part('year') }, errors: field.errors };
}
