// Running a route's use case, so no route writes its own try/catch: a DomainError the use case throws becomes the
// reply the page shows (domainErrorReply: its status and message or field messages, with what was submitted so
// nothing typed is lost; 404 and 403 are thrown for the error page). Anything else is a fault: it is rethrown and
// becomes a 500 with a request reference (docs/decisions/0004, 0023).
import type { Submission } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { json } from '@remix-run/node';
import type { ZodTypeAny, input, output } from 'zod';
import { isDomainError, type DomainError } from '~/errors';
import { domainErrorReply } from '~/utils/http.server';

type SubmittedValues = Record<string, unknown> | null | undefined;

/** An action's use case: what it returns (a redirect, a reply), or the form reply for the DomainError it throws. */
export async function runUseCase<T>(work: () => Promise<T>, initialValue?: SubmittedValues) {
  try {
    return await work();
  } catch (error) {
    return domainErrorReply(error, initialValue);
  }
}

/**
 * A loader's read: what it returns, or the DomainError's reply thrown, so the error page shows it with its status.
 * `answer` lets a route answer some DomainErrors its own way (a redirect, a plain message) by returning a Response.
 */
export async function loadUseCase<T>(work: () => Promise<T>, answer?: (error: DomainError) => Response | undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const own = isDomainError(error) ? answer?.(error) : undefined;
    throw own ?? domainErrorReply(error);
  }
}

type ParsedForm<Schema extends ZodTypeAny> = Extract<Submission<input<Schema>, string[], output<Schema>>, { status: 'success' }>;

/**
 * An action's form: parsed with its zod schema (conform), then the use case run with the value. Invalid input is
 * a 400 reply with the field messages; a DomainError is the reply runUseCase makes, with the submitted values.
 * `hideFields` (passwords) never go back to the page, with either reply.
 */
export async function submitForm<Schema extends ZodTypeAny, T>(
  formData: FormData,
  schema: Schema,
  run: (value: output<Schema>, submission: ParsedForm<Schema>) => Promise<T>,
  options: { hideFields?: string[] } = {},
) {
  const submission = parseWithZod(formData, { schema });
  const reply = () => submission.reply({ hideFields: options.hideFields });
  if (submission.status !== 'success') return json(reply(), { status: 400 });
  return runUseCase(() => run(submission.value, submission), reply().initialValue);
}
