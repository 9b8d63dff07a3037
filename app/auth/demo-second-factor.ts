// The demo administrator's second factor: a fixed, published TOTP secret (README), so anyone trying the demo
// can add it to an authenticator app, and the browser tests can work out its codes. Only the demo data uses
// it, and demo accounts never sign in to a production server (demo-accounts.ts).
export const DEMO_TOTP_SECRET = 'PAINDESKDEMOADMINTOTPSECRET23456';

/** The demo account enrolled with DEMO_TOTP_SECRET; the other demo administrator sets one up at first sign-in. */
export const DEMO_TOTP_EMAIL = 'admin@paindesk.test';
