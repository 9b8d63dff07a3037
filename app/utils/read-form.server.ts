// The one way a route action reads its form (docs/decisions/0018). Before any schema or use case sees a value:
// - a body in a format no PainDesk form sends (JSON, text/plain, none at all) is refused with 415;
// - a multipart body is read like any form, but one carrying a file is refused with 415 (no form takes files),
//   and one that cannot be parsed with 400;
// - a NUL or another control character in any field name or value is refused with 400.
// Each is thrown as a Response with a message the root error boundary shows; nothing has been changed yet.
import { anyDisallowedCharacter, DISALLOWED_CHARACTER_MESSAGE } from '~/utils/hostile-input';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

function refuse(status: number, message: string): never {
  throw new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const NOT_A_FORM_MESSAGE = 'PainDesk only accepts what its own forms send. Nothing was saved. Use the form on the page.';
export const FILE_REFUSED_MESSAGE = 'This form does not take files. Nothing was saved. Use the form on the page.';
export const UNREADABLE_FORM_MESSAGE = 'The form could not be read. Nothing was saved. Use the form on the page and send it again.';

export async function readForm(request: Request): Promise<FormData> {
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FORM_TYPES.has(mediaType)) refuse(415, NOT_A_FORM_MESSAGE);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    refuse(400, UNREADABLE_FORM_MESSAGE);
  }
  const text: [string, string][] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') refuse(415, FILE_REFUSED_MESSAGE);
    text.push([name, value]);
  }
  if (anyDisallowedCharacter(text)) refuse(400, DISALLOWED_CHARACTER_MESSAGE);
  return form;
}
