// The unit's messages at a glance: how many are queued, failed, or waiting to be printed, and each open failure
// for a clerk to deal with (check the details, resend from the patient's messages page).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { SummaryList } from '~/components/page-parts';
import { CHANNEL_LABEL, PURPOSE_LABEL } from '~/communications/channels';
import { getMessagesOverview } from '~/communications/messages-repo.server';
import { Cell, PatientCell, Row, Table } from '~/components/table';
import { getEnv } from '~/env.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Messages');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const { counts, failures } = await getMessagesOverview({ actor, ipAddress }, new Date());
  return {
    counts,
    mailbox: !getEnv().SMTP_URL,
    failures: failures.map((f) => ({
      taskId: f.taskId,
      purpose: PURPOSE_LABEL[f.purpose],
      channel: CHANNEL_LABEL[f.channel],
      lastError: f.lastError,
      attempts: f.attempts,
      created: formatDateTime(f.createdAt),
      patient: { ...f.patient, nhsNumber: formatNhsNumber(f.patient.nhsNumber) },
    })),
  };
}

export default function MessagesPage() {
  const { counts, failures, mailbox } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Messages</h1>
      <SummaryList
        valueTestId={(label) => `count-${label}`}
        rows={[
          ['Could not be sent', counts.failed],
          ['Email and text due to send now', counts.queued],
          ['Scheduled for later (reminders, retries)', counts.scheduled],
          ['Letters to print', counts.lettersToPrint],
          ['Held: leaflets not approved for patients', counts.heldForApproval],
        ]}
      />
      <ul className="nhsuk-list">
        <li>
          <Link to="/letters">Letters to print</Link>
        </li>
        {mailbox ? (
          <li>
            <Link to="/mailbox">Mailbox</Link> (emails kept in the app: no mail server is configured)
          </li>
        ) : null}
      </ul>
      <h2>Messages that could not be sent</h2>
      {failures.length === 0 ? (
        <p>There are no failed messages to deal with.</p>
      ) : (
        <Table caption="Check the patient’s contact details, then resend or contact them another way" head={['Patient', 'Message', 'Queued', 'Attempts', 'Last error']}>
          {failures.map((f) => (
            <Row key={f.taskId}>
              <PatientCell patient={f.patient} href={`/patients/${f.patient.id}/messages`} />
              <Cell>
                {f.purpose} ({f.channel.toLowerCase()})
              </Cell>
              <Cell>{f.created}</Cell>
              <Cell>{f.attempts}</Cell>
              <Cell>{f.lastError ?? 'Not recorded'}</Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
