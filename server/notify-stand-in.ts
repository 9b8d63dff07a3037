// The stand-in SMS gateway for development and the demo (no NOTIFY_API_KEY): msw answers like GOV.UK Notify, so
// text messages go through the real Notify client and never leave the machine. Development tooling, so it lives
// beside the server, not in app code: server/index.ts and scripts/worker.ts hand it to the outbox worker outside
// production; the server tests use its handlers to stand in for Notify.
import { randomUUID } from 'node:crypto';
import {
  createNotifySmsTransport,
  parseNotifyApiKey,
  verifyNotifyToken,
  type SmsTransport,
} from '~/communications/sms-notify.server';

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

