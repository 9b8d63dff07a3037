// The demo accounts (seeded by the demo data, password published in README) must never work in production.
// Pure: the domain and the password are the demo data's, the messages are for whoever starts the server.
import { DEMO_PASSWORD } from './demo-password';

export const DEMO_EMAIL_DOMAIN = '@paindesk.test';

export function isDemoAccount(email: string): boolean {
  return email.trim().toLowerCase().endsWith(DEMO_EMAIL_DOMAIN);
}

/** Production refuses a demo account, or any account whose password is the published demo password. */
export function refusedInProduction(email: string, password: string): boolean {
  return isDemoAccount(email) || password === DEMO_PASSWORD;
}

/** Why a production server must not start on this database, or null. */
export function demoAccountsProblem(activeDemoEmails: readonly string[]): string | null {
  if (activeDemoEmails.length === 0) return null;
  const shown = activeDemoEmails.slice(0, 5).join(', ') + (activeDemoEmails.length > 5 ? `, and ${activeDemoEmails.length - 5} more` : '');
  return (
    `This database has active demo accounts (${shown}), whose password is published. ` +
    `A production server will not start on it. Use a database without the demo data, or deactivate them: ` +
    `UPDATE "StaffUser" SET active = false WHERE email LIKE '%${DEMO_EMAIL_DOMAIN}';`
  );
}
