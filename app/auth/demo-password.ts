/** The published demo password (README). Refused when NODE_ENV=production (demo-accounts.ts). */
export const DEMO_PASSWORD = 'paindesk-demo';
