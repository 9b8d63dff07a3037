// The clerks' print queue: letters for patients without email, each downloaded, printed, posted and marked.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { letterProblem, listLettersToPrint, markLetterPosted } from '~/communications/letter-queue.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { useReplyForm } from '~/components/reply-form';
import { Cell, PatientCell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/utils/nhs-number';
import { formatDateTime, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { runUseCase } from '~/utils/route.server';

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
  if (form.get('intent') !== 'posted' || !messageId) return formErrorReply('Choose a letter to mark as posted.');
  return runUseCase(async () => {
    const { alreadyPosted } = await markLetterPosted(messageId, { actor, ipAddress }, new Date());
    return redirect(`/letters?posted=${alreadyPosted ? 'again' : '1'}`);
  });
}

export default function LettersPage() {
  const { letters, problem } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // The "Mark as posted" button of each letter.
  const [form] = useReplyForm({ id: 'letter-posted', reply });
  const posted = searchParams.get('posted');
  return (
    <>
      <ErrorSummary errors={form.allErrors} formError={form.errors ? undefined : problem} />
      {posted && !reply ? <Notice>{posted === 'again' ? 'That letter had already been marked as posted.' : 'Letter marked as posted.'}</Notice> : null}
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
              <PatientCell patient={letter.patient} href={`/patients/${letter.patient.id}/messages`}>
                {letter.patient.hasAddress ? null : (
                  <>
                    <br />
                    <Tag colour="red">No postal address</Tag>
                  </>
                )}
              </PatientCell>
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
