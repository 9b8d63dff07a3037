// Reading values out of a form's last submitted values (conform's initialValue), so a form that failed on the
// server (without JavaScript) shows what was typed. Pure and browser-safe.

export type SubmittedValues = Record<string, unknown>;

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

