// Reading a form's last submitted values back into its inputs, so a form that failed on the server (without
// JavaScript) shows what was typed. Pure and browser-safe.

export type SubmittedValues = Record<string, unknown>;

/** The submitted values of a conform reply or domain error reply, or {} if there were none. */
export function submittedValues(reply: unknown): SubmittedValues {
  if (!reply || typeof reply !== 'object') return {};
  const initial = (reply as { initialValue?: unknown }).initialValue;
  return initial && typeof initial === 'object' ? (initial as SubmittedValues) : {};
}

/** A text value at a dotted path ("receivedOn.day"), or undefined. */
export function textValue(values: SubmittedValues, path: string): string | undefined {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

/** A multi-value field (checkboxes) as a list. */
export function listValue(values: SubmittedValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Which of several forms on a page a reply belongs to, from its hidden `intent` field. */
export function replyIntent(reply: unknown): string | undefined {
  return textValue(submittedValues(reply), 'intent');
}

/** A form-level message from a domain error reply. */
export function formErrorOf(reply: unknown): string | undefined {
  if (!reply || typeof reply !== 'object') return undefined;
  const message = (reply as { formError?: unknown }).formError;
  return typeof message === 'string' ? message : undefined;
}

/** Field messages of a reply (conform's or a domain error's). */
export function fieldErrorsOf(reply: unknown): Record<string, string[]> {
  if (!reply || typeof reply !== 'object') return {};
  const error = (reply as { error?: unknown }).error;
  return error && typeof error === 'object' ? (error as Record<string, string[]>) : {};
}
