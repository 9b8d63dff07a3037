// One attachment of an email in the in-app mailbox (a leaflet PDF, the calendar file), as it was sent.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { readMailboxAttachment } from '~/communications/mail-transport.server';
import { auditMailboxView } from '~/communications/messages-repo.server';
import { getEnv } from '~/env.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'ADMIN');
  if (getEnv().SMTP_URL) throw new Response('Emails are sent through the mail server, so there is no in-app mailbox.', { status: 404 });
  const index = /^\d{1,3}$/.test(params.index ?? '') ? Number(params.index) : -1;
  const attachment = await readMailboxAttachment(params.messageId ?? '', index);
  if (!attachment) throw new Response('There is no such attachment.', { status: 404 });
  await auditMailboxView({ actor: actorOf(user), ipAddress: clientAddress(request) }, params.messageId ?? null);
  const filename = attachment.filename.replace(/[^A-Za-z0-9._-]+/g, '-') || 'attachment';
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Content-Length': String(attachment.content.byteLength),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
