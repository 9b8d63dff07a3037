// The SMS gateway client against msw answering in GOV.UK Notify's shape.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { SendFailure } from '~/communications/mail-transport.server';
import { createOutboxWorker } from '~/communications/worker.server';
import { createNotifySmsTransport, notifyToken, parseNotifyApiKey, verifyNotifyToken } from '~/communications/sms-notify.server';
import { notifyStandInHandlers, type StandInRecord } from '../../server/notify-stand-in';

const BASE = 'https://notify.test.invalid';
const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `paindesk_test-${SERVICE_ID}-${SECRET}`;
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const NOW = new Date('2027-03-26T10:00:00Z');

import { testDatabase } from '../setup/database';
import { consultationFixture, enqueue, MAIL_FROM, noLeaflets, testClock } from './communications-fixtures';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function transport() {
  return createNotifySmsTransport({ apiKey: API_KEY, baseUrl: BASE, templateId: TEMPLATE, clock: () => NOW });
}

const sms = { outboxId: 'cmsg0001', phoneNumber: '07700 900123', message: 'Dear Amelia, reminder.' };

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  const error = await promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendFailure);
  return error as SendFailure;
}

describe('Notify API key and token', () => {
  it('splits the key into service id and secret, and signs a token Notify would accept', () => {
    expect(parseNotifyApiKey(API_KEY)).toEqual({ serviceId: SERVICE_ID, secret: SECRET });
    const token = notifyToken(SERVICE_ID, SECRET, NOW);
    const [header, claims] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({ iss: SERVICE_ID, iat: Math.floor(NOW.getTime() / 1000) });
    expect(verifyNotifyToken(token, SERVICE_ID, SECRET, NOW)).toBe(true);
    expect(verifyNotifyToken(token, SERVICE_ID, 'another-secret', NOW)).toBe(false);
    expect(verifyNotifyToken(token, SERVICE_ID, SECRET, new Date(NOW.getTime() + 60_000))).toBe(false);
    expect(() => parseNotifyApiKey('not-a-key')).toThrow(/NOTIFY_API_KEY/);
  });
});

describe('createNotifySmsTransport', () => {
  it('201: posts phone number, template, personalisation and reference with a valid token, and returns the notification id', async () => {
    const received: StandInRecord[] = [];
    let body: unknown;
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, async ({ request }) => {
        body = await request.clone().json();
        return undefined;
      }),
      ...(await notifyStandInHandlers({ baseUrl: BASE, apiKey: API_KEY, clock: () => NOW, received })),
    );
    const result = await transport().send(sms);
    expect(received).toHaveLength(1);
    expect(result.providerMessageId).toBe(received[0].id);
    expect(body).toEqual({
      phone_number: '07700 900123',
      template_id: TEMPLATE,
      personalisation: { message: 'Dear Amelia, reminder.' },
      reference: 'cmsg0001',
    });
  });

  it('a token signed with the wrong secret gets 403 from the stand-in: permanent', async () => {
    server.use(...(await notifyStandInHandlers({ baseUrl: BASE, apiKey: `x-${SERVICE_ID}-${'1'.repeat(8)}-1111-4111-8111-111111111111`, clock: () => NOW })));
    const failure = await failureOf(transport().send(sms));
    expect(failure.code).toBe('NOTIFY_HTTP_403_AuthError');
    expect(failure.permanent).toBe(true);
  });

  it('400 (e.g. not a UK mobile number) is permanent and records only the error class', async () => {
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, () =>
        HttpResponse.json(
          { status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number 07700 900123 is not a UK mobile number' }] },
          { status: 400 },
        ),
      ),
    );
    const failure = await failureOf(transport().send(sms));
    expect(failure.code).toBe('NOTIFY_HTTP_400_ValidationError');
    expect(failure.permanent).toBe(true);
    expect(failure.message).not.toContain('07700');
  });

  it('500 is retried (not permanent)', async () => {
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, () =>
        HttpResponse.json({ status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] }, { status: 500 }),
      ),
    );
    const failure = await failureOf(transport().send(sms));
    expect(failure.code).toBe('NOTIFY_HTTP_500_Exception');
    expect(failure.permanent).toBe(false);
  });

  it('429 (rate limit) is retried (not permanent)', async () => {
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, () =>
        HttpResponse.json(
          { status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }] },
          { status: 429 },
        ),
      ),
    );
    const failure = await failureOf(transport().send(sms));
    expect(failure.code).toBe('NOTIFY_HTTP_429_RateLimitError');
    expect(failure.permanent).toBe(false);
  });

  it('a network failure is retried', async () => {
    server.use(http.post(`${BASE}/v2/notifications/sms`, () => HttpResponse.error()));
    const failure = await failureOf(transport().send(sms));
    expect(failure.code).toBe('NOTIFY_NETWORK');
    expect(failure.permanent).toBe(false);
  });
});

describe('text messages through the outbox worker', () => {
  async function queuedSms(purpose: 'REMINDER' | 'BOOKING_CONFIRMATION' = 'REMINDER') {
    const { patient, appointment } = await consultationFixture();
    const { id } = await enqueue({
      key: `test:${appointment.id}:sms:${purpose}`,
      channel: 'SMS',
      purpose,
      patientId: patient.id,
      appointment,
      recipient: patient.mobilePhone!,
      payload: { reminderDaysBefore: 2 },
      now: NOW,
    });
    return { id, patient };
  }

  function smsWorker(clock: { now: () => Date }) {
    return createOutboxWorker({
      db: testDatabase(),
      mail: {
        kind: 'smtp',
        send: async () => {
          throw new Error('no email was expected in this test');
        },
        close() {},
      },
      sms: createNotifySmsTransport({ apiKey: API_KEY, baseUrl: BASE, templateId: TEMPLATE, clock: clock.now }),
      leaflets: noLeaflets,
      mailFrom: MAIL_FROM,
      clock: clock.now,
    });
  }

  afterEach(async () => {
    const prisma = await getPrisma();
    await prisma.outboxMessage.updateMany({ where: { status: { in: ['QUEUED', 'SENDING'] } }, data: { status: 'CANCELLED' } });
  });

  it('201: the message is SENT with Notify\'s id, the text has the London time and no procedure', async () => {
    const clock = testClock(NOW.toISOString());
    const { id, patient } = await queuedSms();
    const received: StandInRecord[] = [];
    let personalisation: { message?: string } = {};
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, async ({ request }) => {
        personalisation = ((await request.clone().json()) as { personalisation: { message: string } }).personalisation;
        return undefined;
      }),
      ...(await notifyStandInHandlers({ baseUrl: BASE, apiKey: API_KEY, clock: clock.now, received })),
    );

    expect(await smsWorker(clock).runWorkerOnce()).toMatchObject({ claimed: 1, sent: 1 });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ reference: id, phoneNumber: patient.mobilePhone, templateId: TEMPLATE });
    expect(personalisation.message).toContain(`Dear ${patient.firstName}`);
    expect(personalisation.message).toContain('Monday 29 March 2027 at 9am');
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', providerMessageId: received[0].id, attempts: 1 });
  });

  it('400: FAILED at once, with one MESSAGE_FAILED task and no retry', async () => {
    const clock = testClock(NOW.toISOString());
    const { id, patient } = await queuedSms();
    let calls = 0;
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, () => {
        calls += 1;
        return HttpResponse.json({ status_code: 400, errors: [{ error: 'ValidationError', message: 'Not a UK mobile number' }] }, { status: 400 });
      }),
    );
    const worker = smsWorker(clock);
    expect(await worker.runWorkerOnce()).toMatchObject({ failed: 1 });
    clock.advance(24 * 60 * 60_000);
    expect(await worker.runWorkerOnce()).toMatchObject({ claimed: 0 });
    expect(calls).toBe(1);
    const prisma = await getPrisma();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'NOTIFY_HTTP_400_ValidationError' });
    const tasks = await prisma.task.findMany({ where: { messageId: id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'MESSAGE_FAILED', status: 'OPEN', patientId: patient.id });
    expect(tasks[0].title).toContain('Text message could not be sent');
  });

  it.each([
    [500, 'Exception'],
    [429, 'RateLimitError'],
  ])('%i: queued again with backoff, then sent once the gateway answers 201', async (status, errorClass) => {
    const clock = testClock(NOW.toISOString());
    const { id } = await queuedSms('BOOKING_CONFIRMATION');
    server.use(
      http.post(`${BASE}/v2/notifications/sms`, () => HttpResponse.json({ status_code: status, errors: [{ error: errorClass, message: 'try later' }] }, { status }), { once: true }),
    );
    const worker = smsWorker(clock);
    expect(await worker.runWorkerOnce()).toMatchObject({ retried: 1 });
    const prisma = await getPrisma();
    const queued = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ status: 'QUEUED', attempts: 1, lastError: `NOTIFY_HTTP_${status}_${errorClass}` });
    expect(queued.nextAttemptAt).toEqual(new Date(NOW.getTime() + 60_000));

    const received: StandInRecord[] = [];
    server.use(...(await notifyStandInHandlers({ baseUrl: BASE, apiKey: API_KEY, clock: clock.now, received })));
    clock.advance(60_000);
    expect(await worker.runWorkerOnce()).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 2 });
  });
});
