// One-time password-reset links (ADR 15). Pure: the clock and the site's address are passed in.

/** How long a link works after an admin issues it. */
export const RESET_LINK_HOURS = 24;

export function resetLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + RESET_LINK_HOURS * 60 * 60 * 1000);
}

/**
 * The link to give the member of staff. The token goes in the query string, which request logs never record
 * (a path may be logged), and the site's Referrer-Policy keeps it from other sites.
 */
export function resetLinkUrl(origin: string, token: string): string {
  return `${origin}/reset-password?token=${encodeURIComponent(token)}`;
}

export const RESET_LINK_NOT_VALID_MESSAGE =
  'This link has already been used, has expired or is not complete. Ask an administrator for a new one.';
