// The in-app mailbox: with no SMTP server configured (the embedded default), emails to patients are kept as
// .eml files; staff read them here, so the demo works end to end.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { listMailbox } from '~/communications/mail-transport.server';
import { auditMailboxView } from '~/communications/messages-repo.server';
import { Cell, Row, Table } from '~/components/table';
import { getEnv } from '~/env.server';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Mailbox');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  if (getEnv().SMTP_URL) throw new Response('Emails are sent through the mail server, so there is no in-app mailbox.', { status: 404 });
  await auditMailboxView({ actor, ipAddress }, null);
  const messages = await listMailbox();
  return {
    messages: messages.map((m) => ({
      id: m.id,
      subject: m.subject,
      to: m.to,
      date: m.date ? formatDateTime(m.date) : 'Unknown',
      attachments: m.attachmentNames,
    })),
  };
}

export default function MailboxPage() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mailbox</h1>
      <p>No mail server is configured, so emails to patients are kept here instead of being sent.</p>
      {messages.length === 0 ? (
        <p>The mailbox is empty.</p>
      ) : (
        <Table caption="Emails, newest first" head={['Date', 'To', 'Subject', 'Attachments']}>
          {messages.map((m) => (
            <Row key={m.id}>
              <Cell>{m.date}</Cell>
              <Cell>{m.to}</Cell>
              <Cell>
                <Link to={`/mailbox/${m.id}`}>{m.subject || '(no subject)'}</Link>
              </Cell>
              <Cell>{m.attachments.length === 0 ? 'None' : m.attachments.join(', ')}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
