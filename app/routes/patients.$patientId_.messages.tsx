// Every message kept on a patient's record: what, how, its state, attempts, times, last error and the SHA-256 of
// each attachment; staff can resend one (a double submit queues once).
import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { CHANNEL_LABEL, PURPOSE_LABEL, STATUS_LABEL, STATUS_TAG } from '~/communications/channels';
import { getPatientMessages, resendMessage } from '~/communications/messages-repo.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { formatNhsNumber } from '~/patients/nhs-number';
import { formatDateTime, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Messages for ${data.patient.name}` : 'Messages');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  try {
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
  } catch (error) {
    throw domainErrorReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const form = await readForm(request);
  const messageId = String(form.get('messageId') ?? '');
  const formKey = String(form.get('formKey') ?? '');
  if (form.get('intent') !== 'resend' || !messageId) {
    return json({ status: 'error', formError: 'Choose a message to resend.', error: {} }, { status: 400 });
  }
  try {
    const result = await resendMessage(
      { patientId: params.patientId ?? '', messageId, formKey },
      { actor, ipAddress },
      new Date(),
    );
    return redirect(`/patients/${params.patientId}/messages?resent=${result.messageId}`);
  } catch (error) {
    return domainErrorReply(error);
  }
}

export default function PatientMessagesPage() {
  const { patient, messages, canResend, formKey } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const formError = reply && 'formError' in reply ? (reply.formError as string | undefined) : undefined;
  const failed = messages.filter((m) => m.failed);
  return (
    <>
      <ErrorSummary formError={formError} />
      {searchParams.get('resent') && !reply ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The message has been queued to send again.</p>
        </div>
      ) : null}
      <span className="nhsuk-caption-l">
        NHS number <span className="paindesk-nhs-number">{patient.nhsNumber}</span>
      </span>
      <h1>Messages for {patient.name}</h1>
      {failed.length > 0 ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {failed.length === 1 ? 'A message could not be sent' : `${failed.length} messages could not be sent`}
            </span>
          </h2>
          <p>Check the patient’s contact details, then resend the message or contact the patient another way.</p>
        </div>
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
              <dl className="nhsuk-summary-list nhsuk-u-margin-bottom-2">
                {(
                  [
                    ['To', m.recipient ?? 'Printed and posted'],
                    ['About the appointment on', m.about],
                    ['Queued', m.created],
                    ['Due', m.due],
                    ['Sent', m.sent],
                    ['Attempts', String(m.attempts)],
                    ['Last error', m.lastError],
                  ] as const
                )
                  .filter(([, value]) => value)
                  .map(([label, value]) => (
                    <div className="nhsuk-summary-list__row" key={label}>
                      <dt className="nhsuk-summary-list__key">{label}</dt>
                      <dd className="nhsuk-summary-list__value">{value}</dd>
                    </div>
                  ))}
                {m.attachments.length > 0 ? (
                  <div className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">Attachments</dt>
                    <dd className="nhsuk-summary-list__value">
                      <ul className="nhsuk-list">
                        {m.attachments.map((a) => (
                          <li key={`${a.filename}-${a.sha256}`}>
                            {a.documentId ? <a href={`/documents/${a.documentId}.pdf`}>{a.filename}</a> : a.filename}
                            <br />
                            <span className="nhsuk-body-s paindesk-hash">SHA-256 {a.sha256}</span>
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </div>
                ) : null}
              </dl>
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
