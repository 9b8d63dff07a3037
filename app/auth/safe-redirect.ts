// Where a sign-in may send the browser afterwards: only a path on this site. Pure.
//
// Browsers read "/\evil.example" and "/\t/evil.example" (tabs and newlines are dropped) as "//evil.example",
// another site; so anything with a backslash or a control character is refused outright, and what is left is
// parsed with the URL API against a placeholder origin and must stay on it. The result is re-serialised, so a
// non-Latin-1 character arrives percent-encoded and can never break the Location header.
const PLACEHOLDER_ORIGIN = 'https://paindesk.invalid';
const MAX_LENGTH = 2048;

export function safeRedirectTarget(to: string | null | undefined, fallback = '/'): string {
  if (!to || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith('/') || to.startsWith('//')) return fallback;
  // Backslash, C0 controls (tab, CR, LF, NUL...) and DEL.
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
