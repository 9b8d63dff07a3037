// One email from the in-app mailbox: its text, its HTML in a sandboxed frame (no scripts, no links out of it)
// and its attachments, each downloadable as sent.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { SummaryList, SummaryRow } from '~/components/page-parts';
import { readMailboxMessage } from '~/communications/mail-transport.server';
import { auditMailboxView } from '~/communications/messages-repo.server';
import { getEnv } from '~/env.server';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Email: ${data.message.subject}` : 'Email');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  if (getEnv().SMTP_URL) throw new Response('Emails are sent through the mail server, so there is no in-app mailbox.', { status: 404 });
  const message = await readMailboxMessage(params.messageId ?? '');
  if (!message) throw new Response('There is no such email in the mailbox.', { status: 404 });
  await auditMailboxView({ actor, ipAddress }, message.id);
  return {
    message: {
      id: message.id,
      subject: message.subject,
      from: message.from,
      to: message.to,
      date: message.date ? formatDateTime(message.date) : 'Unknown',
      text: message.text,
      html: message.html,
      attachments: message.attachments,
    },
  };
}

export default function MailboxMessagePage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="nhsuk-caption-l">Mailbox</span>
      <h1>{message.subject || '(no subject)'}</h1>
      <SummaryList
        rows={[
          ['From', message.from],
          ['To', message.to],
          ['Date', message.date],
        ]}
      >
        <SummaryRow label="Attachments">
          {message.attachments.length === 0 ? (
            'None'
          ) : (
            <ul className="nhsuk-list">
              {message.attachments.map((a, i) => (
                <li key={`${i}-${a.filename}`}>
                  <a href={`/mailbox/${message.id}/attachments/${i}`}>{a.filename}</a> ({a.contentType}, {Math.ceil(a.size / 1024)} KB)
                </li>
              ))}
            </ul>
          )}
        </SummaryRow>
      </SummaryList>
      <h2>Text</h2>
      <pre className="paindesk-email-text">
        {message.text}
      </pre>
      {message.html ? (
        <>
          <h2>As the patient sees it</h2>
          <iframe
            title={`Email: ${message.subject}`}
            sandbox=""
            srcDoc={message.html}
            className="paindesk-email-preview"
          />
        </>
      ) : null}
      <p>
        <Link to="/mailbox">Back to the mailbox</Link>
      </p>
    </>
  );
}
