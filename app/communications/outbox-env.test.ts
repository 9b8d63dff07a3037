// The mail, SMS gateway and worker settings in app/env.server.ts.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

const KEY = 'paindesk_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

describe('communications settings', () => {
  it('defaults to the mail folder, the Notify stand-in and a worker inside the web server', () => {
    expect(parseEnv({})).toMatchObject({
      SMTP_URL: null,
      MAIL_FROM: 'Chronic Pain Unit <no-reply@paindesk.invalid>',
      MAIL_DIR: './.data/mail',
      NOTIFY_API_KEY: null,
      NOTIFY_BASE_URL: 'https://api.notifications.service.gov.uk',
      NOTIFY_SMS_TEMPLATE_ID: null,
      WORKER_ENABLED: true,
      WORKER_POLL_MS: 5000,
    });
  });

  it('accepts smtp:// and smtps:// URLs, a Notify key with its template, and turning the worker off', () => {
    expect(
      parseEnv({
        SMTP_URL: 'smtps://user:secret@mail.example.nhs.uk:465',
        NOTIFY_API_KEY: KEY,
        NOTIFY_SMS_TEMPLATE_ID: TEMPLATE,
        NOTIFY_BASE_URL: 'https://notify.example.test/',
        WORKER_ENABLED: 'false',
        WORKER_POLL_MS: '1000',
      }),
    ).toMatchObject({
      SMTP_URL: 'smtps://user:secret@mail.example.nhs.uk:465',
      NOTIFY_API_KEY: KEY,
      NOTIFY_SMS_TEMPLATE_ID: TEMPLATE,
      NOTIFY_BASE_URL: 'https://notify.example.test',
      WORKER_ENABLED: false,
      WORKER_POLL_MS: 1000,
    });
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeNull();
  });

  it('refuses a mail URL that is not SMTP, a malformed key, a key without its template, and a bad worker setting', () => {
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.test' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ NOTIFY_API_KEY: 'not-a-key', NOTIFY_SMS_TEMPLATE_ID: TEMPLATE })).toThrow(/NOTIFY_API_KEY/);
    expect(() => parseEnv({ NOTIFY_API_KEY: KEY })).toThrow(/NOTIFY_SMS_TEMPLATE_ID: is required when NOTIFY_API_KEY is set/);
    expect(() => parseEnv({ WORKER_ENABLED: 'yes' })).toThrow(/WORKER_ENABLED/);
    expect(() => parseEnv({ WORKER_POLL_MS: '10' })).toThrow(/WORKER_POLL_MS/);
  });

  it('never puts the Notify key in its error message', () => {
    const secretish = 'paindesk-26785a09-ab16-4eb0-8407-a37497a57506-not-a-uuid-secret';
    let message = '';
    try {
      parseEnv({ NOTIFY_API_KEY: secretish, NOTIFY_SMS_TEMPLATE_ID: TEMPLATE });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('NOTIFY_API_KEY');
    expect(message).not.toContain('not-a-uuid-secret');
  });
});
