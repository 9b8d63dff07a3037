// One attachment of an email in the in-app mailbox (a leaflet PDF, the calendar file), as it was sent.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { readMailboxAttachment } from '~/communications/mail-transport.server';
import { auditMailboxView } from '~/communications/messages-repo.server';
import { getEnv } from '~/env.server';
import { fileResponse, notFound } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  if (getEnv().SMTP_URL) notFound('Emails are sent through the mail server, so there is no in-app mailbox.');
  const index = /^\d{1,3}$/.test(params.index ?? '') ? Number(params.index) : -1;
  const attachment = await readMailboxAttachment(params.messageId ?? '', index);
  if (!attachment) notFound('There is no such attachment.');
  await auditMailboxView({ actor, ipAddress }, params.messageId ?? null);
  const filename = attachment.filename.replace(/[^A-Za-z0-9._-]+/g, '-') || 'attachment';
  return fileResponse(attachment.content, { contentType: attachment.contentType, filename });
}
