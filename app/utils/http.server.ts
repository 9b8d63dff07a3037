// Maps typed domain errors to HTTP responses at the route edge. A conflict is a 409 with a
// message a clerk understands, never a 500 (docs/decisions/0004, 0023).
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

/** A refusal of the whole form (an unknown intent, an out-of-date page) before any use case runs. */
export function formErrorReply(message: string, status = 400) {
  return json({ status: 'error' as const, formError: message, error: {} as Record<string, string[]> }, { status });
}

export function notFound(message = 'Page not found'): never {
  throw new Response(message, { status: 404 });
}

/**
 * A file as it was made (a leaflet, a letter, a day list, an export): downloaded, or shown in the browser when
 * `inline`; never cached, never sniffed as another type.
 */
export function fileResponse(content: Uint8Array | string, file: { contentType: string; filename: string; inline?: boolean }) {
  const body = typeof content === 'string' ? content : new Uint8Array(content);
  const length = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  return new Response(body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${file.filename}"`,
      'Content-Length': String(length),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
