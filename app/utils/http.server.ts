// Maps typed domain errors to HTTP responses at the route edge. A conflict is a 409 with a
// message a clerk understands, never a 500.
import { json } from '@remix-run/node';
import { isDomainError } from '~/errors';

export type FormReply = {
  status: 'error';
  formError?: string;
  error: Record<string, string[]>;
  initialValue?: Record<string, unknown> | null;
};

/** Turns a DomainError thrown by a use case into a form reply with the right status; rethrows anything else. */
export function domainErrorReply(error: unknown, initialValue?: Record<string, unknown> | null) {
  if (!isDomainError(error)) throw error;
  if (error.status === 404) throw new Response(error.message, { status: 404 });
  if (error.status === 403) throw new Response(error.message, { status: 403 });
  const reply: FormReply = {
    status: 'error',
    formError: error.fields ? undefined : error.message,
    error: error.fields ?? {},
    initialValue: initialValue ?? null,
  };
  return json(reply, { status: error.status });
}

export function notFound(message = 'Page not found'): never {
  throw new Response(message, { status: 404 });
}
