// What no request may carry, whatever the field: checked once for every form body (read-form.server.ts) and
// for every address (server/request-guards.ts), before any route or the database sees the value. Pure.
//
// PostgreSQL refuses NUL in text outright (an error, not a validation message), and no other C0 control
// character has a place in anything staff type; tab, line feed and carriage return do (multi-line notes).
// See docs/decisions/0018.

/** NUL and the other C0 control characters except tab (U+0009), line feed (U+000A) and carriage return (U+000D). */
const DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export const DISALLOWED_CHARACTER_MESSAGE =
  'The form or address contains a character that is not allowed (a control character such as NUL). Nothing was saved. Type the text again, without pasting it from another program.';

export function hasDisallowedCharacter(value: string): boolean {
  return DISALLOWED.test(value);
}

/** True when any name or value of these pairs (a form body, a query string) carries a disallowed character. */
export function anyDisallowedCharacter(entries: Iterable<[string, string]>): boolean {
  for (const [name, value] of entries) {
    if (hasDisallowedCharacter(name) || hasDisallowedCharacter(value)) return true;
  }
  return false;
}

export type AddressProblem = 'bad-encoding' | 'disallowed-character';

/**
 * What is wrong with a request target ("/path?query"), or null. The path is decoded segment by segment as a
 * router would (a broken percent sign is a problem of its own); the query as a form would be.
 */
export function addressProblem(target: string): AddressProblem | null {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return 'bad-encoding';
  }
  if (hasDisallowedCharacter(decodedPath)) return 'disallowed-character';
  if (anyDisallowedCharacter(new URLSearchParams(query))) return 'disallowed-character';
  return null;
}
