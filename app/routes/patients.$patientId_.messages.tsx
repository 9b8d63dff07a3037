// Every message kept on a patient's record: what, how, its state, attempts, times, last error and the SHA-256 of
// each attachment; staff can resend one (a double submit queues once).
import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { CHANNEL_LABEL, PURPOSE_LABEL, STATUS_LABEL, STATUS_TAG } from '~/communications/channels';
import { getPatientMessages, resendMessage } from '~/communications/messages-repo.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { Notice, SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { useReplyForm } from '~/components/reply-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDateTime, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, runUseCase } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Messages for ${data.patient.name}` : 'Messages');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  return loadUseCase(async () => {
    const { patient, messages } = await getPatientMessages(params.patientId ?? '', { actor, ipAddress });
    return {
      patient: { id: patient.id, name: `${patient.firstName} ${patient.lastName}`, nhsNumber: formatNhsNumber(patient.nhsNumber) },
      canResend: user.role !== 'DOCTOR',
      formKey: randomUUID(),
      messages: messages.map((m) => ({
        id: m.id,
        purpose: PURPOSE_LABEL[m.purpose],
        channel: CHANNEL_LABEL[m.channel],
        recipient: m.recipient,
        status: m.status,
        attempts: m.attempts,
        created: formatDateTime(m.createdAt),
        due: m.status === 'QUEUED' && m.notBefore > m.createdAt ? formatDateTime(m.notBefore) : null,
        sent: m.sentAt ? formatDateTime(m.sentAt) : null,
        lastError: m.lastError,
        about: m.appointmentStartsAt ? formatDateTime(new Date(m.appointmentStartsAt)) : null,
        attachments: m.attachments,
        failed: m.openFailureTaskId !== null,
        resendable: m.status === 'SENT' || m.status === 'FAILED',
      })),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const form = await readForm(request);
  const messageId = String(form.get('messageId') ?? '');
  const formKey = String(form.get('formKey') ?? '');
  if (form.get('intent') !== 'resend' || !messageId) return formErrorReply('Choose a message to resend.');
  return runUseCase(async () => {
    const result = await resendMessage({ patientId: params.patientId ?? '', messageId, formKey }, { actor, ipAddress }, new Date());
    return redirect(`/patients/${params.patientId}/messages?resent=${result.messageId}`);
  });
}

export default function PatientMessagesPage() {
  const { patient, messages, canResend, formKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // The "Resend" button of each message.
  const [form] = useReplyForm({ id: 'resend', reply });
  const failed = messages.filter((m) => m.failed);
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {searchParams.get('resent') && !reply ? <Notice>The message has been queued to send again.</Notice> : null}
      <span className="nhsuk-caption-l">
        NHS number <span className="paindesk-nhs-number">{patient.nhsNumber}</span>
      </span>
      <h1>Messages for {patient.name}</h1>
      {failed.length > 0 ? (
        <WarningCallout heading={failed.length === 1 ? 'A message could not be sent' : `${failed.length} messages could not be sent`}>
          <p>Check the patient’s contact details, then resend the message or contact the patient another way.</p>
        </WarningCallout>
      ) : null}
      {messages.length === 0 ? (
        <p>No messages have been sent to this patient.</p>
      ) : (
        messages.map((m) => (
          <section key={m.id} className="nhsuk-card" aria-labelledby={`message-${m.id}`}>
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-s" id={`message-${m.id}`}>
                {m.purpose} by {m.channel.toLowerCase()} <Tag colour={STATUS_TAG[m.status]}>{STATUS_LABEL[m.status]}</Tag>
              </h2>
              <SummaryList
                className="nhsuk-u-margin-bottom-2"
                rows={(
                  [
                    ['To', m.recipient ?? 'Printed and posted'],
                    ['About the appointment on', m.about],
                    ['Queued', m.created],
                    ['Due', m.due],
                    ['Sent', m.sent],
                    ['Attempts', String(m.attempts)],
                    ['Last error', m.lastError],
                  ] as const
                ).filter(([, value]) => value)}
              >
                {m.attachments.length > 0 ? (
                  <SummaryRow label="Attachments">
                    <ul className="nhsuk-list">
                      {m.attachments.map((a) => (
                        <li key={`${a.filename}-${a.sha256}`}>
                          {a.documentId ? <a href={`/documents/${a.documentId}.pdf`}>{a.filename}</a> : a.filename}
                          <br />
                          <span className="nhsuk-body-s paindesk-hash">SHA-256 {a.sha256}</span>
                        </li>
                      ))}
                    </ul>
                  </SummaryRow>
                ) : null}
              </SummaryList>
              {canResend && m.resendable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="messageId" value={m.id} />
                  <input type="hidden" name="formKey" value={formKey} />
                  <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                    Resend<span className="nhsuk-u-visually-hidden"> {m.purpose.toLowerCase()} queued {m.created}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          </section>
        ))
      )}
      <p>
        <Link to={`/patients/${patient.id}`}>Back to {patient.name}</Link>
      </p>
    </>
  );
}
