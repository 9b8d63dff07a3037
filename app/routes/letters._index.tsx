// The clerks' print queue: letters for patients without email, each downloaded, printed, posted and marked.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { letterProblem, listLettersToPrint, markLetterPosted } from '~/communications/letter-queue.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/patients/nhs-number';
import { formatDateTime, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Letters to print');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const letters = await listLettersToPrint({ actor, ipAddress });
  const problemId = new URL(request.url).searchParams.get('problem');
  const problem = problemId ? await letterProblem(problemId, new Date()) : null;
  return {
    problem: problem ? `The letter for ${problem.patientName} could not be downloaded. ${problem.problem}` : null,
    letters: letters.map((l) => ({
      messageId: l.messageId,
      purpose: l.purpose,
      queued: formatDateTime(l.queuedAt),
      appointment: l.appointmentStartsAt ? formatDateTime(l.appointmentStartsAt) : null,
      patient: { ...l.patient, nhsNumber: formatNhsNumber(l.patient.nhsNumber) },
      documents: l.documents.map((d) => ({ ...d, sha256: d.sha256.slice(0, 12) })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const form = await readForm(request);
  const messageId = String(form.get('messageId') ?? '');
  if (form.get('intent') !== 'posted' || !messageId) {
    return json({ status: 'error', formError: 'Choose a letter to mark as posted.', error: {} }, { status: 400 });
  }
  try {
    const { alreadyPosted } = await markLetterPosted(messageId, { actor, ipAddress }, new Date());
    return redirect(`/letters?posted=${alreadyPosted ? 'again' : '1'}`);
  } catch (error) {
    return domainErrorReply(error);
  }
}

export default function LettersPage() {
  const { letters, problem } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const formError = reply && 'formError' in reply ? (reply.formError as string | undefined) : undefined;
  const posted = searchParams.get('posted');
  return (
    <>
      <ErrorSummary formError={formError ?? problem} />
      {posted && !reply ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{posted === 'again' ? 'That letter had already been marked as posted.' : 'Letter marked as posted.'}</p>
        </div>
      ) : null}
      <h1>Letters to print</h1>
      <p>
        These patients have no email address, or did not agree to email, so they get a letter. Download each letter (a
        procedure letter has its leaflets in the same file), print it double-sided, post it, then mark it as posted.{' '}
        <Link to="/messages">All messages</Link>
      </p>
      {letters.length === 0 ? (
        <p>There are no letters to print.</p>
      ) : (
        <Table caption={`${letters.length} ${letters.length === 1 ? 'letter' : 'letters'} to print`} head={['Patient', 'Letter', 'Appointment', 'Print', 'Posted']}>
          {letters.map((letter) => (
            <Row key={letter.messageId}>
              <Cell>
                <Link to={`/patients/${letter.patient.id}/messages`}>{letter.patient.name}</Link>
                <br />
                <span className="paindesk-nhs-number">{letter.patient.nhsNumber}</span>
                {letter.patient.hasAddress ? null : (
                  <>
                    <br />
                    <Tag colour="red">No postal address</Tag>
                  </>
                )}
              </Cell>
              <Cell>
                {letter.purpose}
                <br />
                <span className="nhsuk-body-s">Queued {letter.queued}</span>
              </Cell>
              <Cell>{letter.appointment ?? 'None'}</Cell>
              <Cell>
                <a href={`/letters/${letter.messageId}/pdf`}>
                  Download letter (PDF)<span className="nhsuk-u-visually-hidden"> for {letter.patient.name}</span>
                </a>
                {letter.documents
                  .filter((d) => d.isLetter)
                  .map((d) => (
                    <span key={d.id} className="nhsuk-body-s">
                      <br />
                      Made {letter.documents.length > 1 ? 'with its leaflets ' : ''}(SHA-256 {d.sha256.slice(0, 12)})
                    </span>
                  ))}
              </Cell>
              <Cell>
                <Form method="post">
                  <input type="hidden" name="intent" value="posted" />
                  <input type="hidden" name="messageId" value={letter.messageId} />
                  <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                    Mark as posted<span className="nhsuk-u-visually-hidden"> for {letter.patient.name}</span>
                  </button>
                </Form>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
