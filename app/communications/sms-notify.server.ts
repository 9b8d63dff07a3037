// Text messages through an HTTP SMS gateway with GOV.UK Notify's API: POST /v2/notifications/sms with a
// short-lived HS256 JWT ({ iss: service id, iat }) signed with the API key's secret. The key is
// "<key name>-<service id>-<secret>", both UUIDs, and is never logged.
// 201 is accepted; other 4xx (bad number, bad key, bad template) cannot succeed on retry; 429, 5xx and
// network failures are retried by the worker.
import { createHmac, randomUUID } from 'node:crypto';
import { SendFailure } from '~/communications/mail-transport.server';

export type OutgoingSms = {
  /** The outbox row id, sent as Notify's `reference` (no patient data). */
  outboxId: string;
  phoneNumber: string;
  /** The whole text, for a template whose body is ((message)). */
  message: string;
};

export type SmsTransport = {
  kind: 'notify' | 'notify-stand-in';
  send(sms: OutgoingSms): Promise<{ providerMessageId: string }>;
  close(): void;
};

export type NotifyConfig = {
  apiKey: string;
  baseUrl: string;
  templateId: string;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
  /** For the token's iat; default the system clock. */
  clock?: () => Date;
};

const UUID_LENGTH = 36;

export function parseNotifyApiKey(apiKey: string): { serviceId: string; secret: string } {
  const secret = apiKey.slice(-UUID_LENGTH);
  const serviceId = apiKey.slice(-(2 * UUID_LENGTH + 1), -(UUID_LENGTH + 1));
  if (apiKey.length < 2 * UUID_LENGTH + 3 || apiKey.at(-(UUID_LENGTH + 1)) !== '-' || apiKey.at(-(2 * UUID_LENGTH + 2)) !== '-') {
    throw new Error('NOTIFY_API_KEY must be "<key name>-<service id>-<secret>"');
  }
  return { serviceId, secret };
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** A Notify bearer token: HS256 over { iss, iat }. */
export function notifyToken(serviceId: string, secret: string, now: Date): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const claims = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

/** Checks a bearer token the way Notify does (signature, issuer, iat within 30 seconds). */
export function verifyNotifyToken(token: string, serviceId: string, secret: string, now: Date): boolean {
  const [header, claims, signature] = token.split('.');
  if (!header || !claims || !signature) return false;
  const expected = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  if (expected !== signature) return false;
  try {
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
    return (
      parsedHeader.alg === 'HS256' &&
      parsed.iss === serviceId &&
      typeof parsed.iat === 'number' &&
      Math.abs(parsed.iat - now.getTime() / 1000) <= 30
    );
  } catch {
    return false;
  }
}

/** The error class Notify names (e.g. "ValidationError", "AuthError"), never its message. */
async function notifyErrorClass(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { error?: unknown }[] };
    const name = body.errors?.[0]?.error;
    return typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? `_${name}` : '';
  } catch {
    return '';
  }
}

export function createNotifySmsTransport(config: NotifyConfig, kind: SmsTransport['kind'] = 'notify'): SmsTransport {
  const { serviceId, secret } = parseNotifyApiKey(config.apiKey);
  const doFetch = config.fetch ?? fetch;
  const clock = config.clock ?? (() => new Date());
  const url = `${config.baseUrl.replace(/\/+$/, '')}/v2/notifications/sms`;
  return {
    kind,
    async send(sms) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${notifyToken(serviceId, secret, clock())}`,
          },
          body: JSON.stringify({
            phone_number: sms.phoneNumber,
            template_id: config.templateId,
            personalisation: { message: sms.message },
            reference: sms.outboxId,
          }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        const name = (error as { name?: unknown })?.name;
        throw new SendFailure(name === 'TimeoutError' ? 'NOTIFY_TIMEOUT' : 'NOTIFY_NETWORK', false);
      }
      if (response.status === 201) {
        const body = (await response.json().catch(() => ({}))) as { id?: unknown };
        if (typeof body.id !== 'string') throw new SendFailure('NOTIFY_BAD_RESPONSE', false);
        return { providerMessageId: body.id };
      }
      const code = `NOTIFY_HTTP_${response.status}${await notifyErrorClass(response)}`;
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
      throw new SendFailure(code, permanent);
    },
    close() {},
  };
}

// ---------------------------------------------------------------------------------------------
// The stand-in gateway for development and the demo (no NOTIFY_API_KEY): msw answers like Notify
// ---------------------------------------------------------------------------------------------

export const STAND_IN_BASE_URL = 'https://notify.stand-in.paindesk.invalid';
// A made-up key in Notify's format; it signs tokens only for the stand-in.
export const STAND_IN_API_KEY = 'paindesk_demo-00000000-0000-4000-8000-000000000001-00000000-0000-4000-8000-000000000002';
export const STAND_IN_TEMPLATE_ID = '00000000-0000-4000-8000-000000000003';

export type StandInRecord = { id: string; reference: string | null; phoneNumber: string; templateId: string };

/**
 * msw handlers that answer like Notify's SMS endpoint: 403 AuthError for a bad token, 400 ValidationError for
 * a missing field, otherwise 201 with a new notification id. `received` collects what was accepted.
 */
export async function notifyStandInHandlers(options: {
  baseUrl?: string;
  apiKey?: string;
  clock?: () => Date;
  received?: StandInRecord[];
}) {
  const { http, HttpResponse } = await import('msw');
  const baseUrl = (options.baseUrl ?? STAND_IN_BASE_URL).replace(/\/+$/, '');
  const { serviceId, secret } = parseNotifyApiKey(options.apiKey ?? STAND_IN_API_KEY);
  const clock = options.clock ?? (() => new Date());
  return [
    http.post(`${baseUrl}/v2/notifications/sms`, async ({ request }) => {
      const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!token || !verifyNotifyToken(token, serviceId, secret, clock())) {
        return HttpResponse.json({ status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] }, { status: 403 });
      }
      const body = (await request.json().catch(() => null)) as {
        phone_number?: unknown;
        template_id?: unknown;
        reference?: unknown;
      } | null;
      if (!body || typeof body.phone_number !== 'string' || typeof body.template_id !== 'string') {
        return HttpResponse.json(
          { status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number and template_id are required' }] },
          { status: 400 },
        );
      }
      const id = randomUUID();
      options.received?.push({
        id,
        reference: typeof body.reference === 'string' ? body.reference : null,
        phoneNumber: body.phone_number,
        templateId: body.template_id,
      });
      return HttpResponse.json(
        {
          id,
          reference: body.reference ?? null,
          content: { body: '', from_number: 'PainDesk' },
          uri: `${baseUrl}/v2/notifications/${id}`,
          template: { id: body.template_id, version: 1, uri: `${baseUrl}/v2/template/${body.template_id}` },
        },
        { status: 201 },
      );
    }),
  ];
}

/** The stand-in: an msw node interceptor for the stand-in host only; every other request passes through. */
export async function createStandInSmsTransport(): Promise<SmsTransport> {
  const { setupServer } = await import('msw/node');
  const server = setupServer(...(await notifyStandInHandlers({})));
  server.listen({ onUnhandledRequest: 'bypass' });
  const transport = createNotifySmsTransport(
    { apiKey: STAND_IN_API_KEY, baseUrl: STAND_IN_BASE_URL, templateId: STAND_IN_TEMPLATE_ID },
    'notify-stand-in',
  );
  return { ...transport, close: () => server.close() };
}

/** Real Notify when configured; the stand-in outside production; otherwise a transport that refuses. */
export async function createSmsTransport(env: {
  NODE_ENV: string;
  NOTIFY_API_KEY: string | null;
  NOTIFY_BASE_URL: string;
  NOTIFY_SMS_TEMPLATE_ID: string | null;
}): Promise<SmsTransport> {
  if (env.NOTIFY_API_KEY && env.NOTIFY_SMS_TEMPLATE_ID) {
    return createNotifySmsTransport({ apiKey: env.NOTIFY_API_KEY, baseUrl: env.NOTIFY_BASE_URL, templateId: env.NOTIFY_SMS_TEMPLATE_ID });
  }
  if (env.NODE_ENV !== 'production') return createStandInSmsTransport();
  return {
    kind: 'notify',
    send: async () => {
      throw new SendFailure('SMS_NOT_CONFIGURED', true);
    },
    close() {},
  };
}
