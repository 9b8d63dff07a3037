// Text messages through an HTTP SMS gateway with GOV.UK Notify's API: POST /v2/notifications/sms with a
// short-lived HS256 JWT ({ iss: service id, iat }) signed with the API key's secret. The key is
// "<key name>-<service id>-<secret>", both UUIDs, and is never logged.
// 201 is accepted; other 4xx (bad number, bad key, bad template) cannot succeed on retry; 429, 5xx and
// network failures are retried by the worker.
import { createHmac } from 'node:crypto';
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

/**
 * Real Notify when configured; outside production the stand-in the process's entry point passes in
 * (server/notify-stand-in.ts: development tooling stays out of app code); otherwise a transport that refuses.
 */
export async function createSmsTransport(
  env: {
    NODE_ENV: string;
    NOTIFY_API_KEY: string | null;
    NOTIFY_BASE_URL: string;
    NOTIFY_SMS_TEMPLATE_ID: string | null;
  },
  standIn?: () => Promise<SmsTransport>,
): Promise<SmsTransport> {
  if (env.NOTIFY_API_KEY && env.NOTIFY_SMS_TEMPLATE_ID) {
    return createNotifySmsTransport({ apiKey: env.NOTIFY_API_KEY, baseUrl: env.NOTIFY_BASE_URL, templateId: env.NOTIFY_SMS_TEMPLATE_ID });
  }
  if (env.NODE_ENV !== 'production' && standIn) return standIn();
  return {
    kind: 'notify',
    send: async () => {
      throw new SendFailure('SMS_NOT_CONFIGURED', true);
    },
    close() {},
  };
}
