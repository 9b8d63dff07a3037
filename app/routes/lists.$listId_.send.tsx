// Sending the leaflets to every patient on a day list: a confirmation page (GET), the send (POST, keyed by the
// batch id in the form, so a double submit sends once), then the batch's progress (?batch=). The clerk can
// check again with a link, or choose to have the page reload itself every few seconds (a meta refresh, no
// JavaScript) until nothing is left for the worker. Reloading is off until the clerk turns it on: a page that
// refreshes by itself moves a screen reader back to the top (WCAG 2.2.1), so it must be the user's choice.
import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { getBatchProgress, getBatchSendPreview, isBatchId, sendListLeaflets } from '~/communications/batch-send.server';
import { ErrorSummary } from '~/components/forms';
import { SummaryList } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, runUseCase } from '~/utils/route.server';

const REFRESH_SECONDS = 5;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (data?.mode === 'progress') {
    const refresh = data.autoRefresh && !data.progress.settled;
    return [...pageTitle('Sending leaflets'), ...(refresh ? [{ httpEquiv: 'refresh', content: String(REFRESH_SECONDS) }] : [])];
  }
  return pageTitle('Send leaflets to this list');
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK', 'ADMIN');
  const url = new URL(request.url);
  const batch = url.searchParams.get('batch');
  return loadUseCase(async () => {
    if (batch !== null) {
      const { list, progress } = await getBatchProgress(params.listId ?? '', batch);
      return { mode: 'progress' as const, list, progress, batchId: batch, autoRefresh: url.searchParams.get('auto') === '1' };
    }
    const preview = await getBatchSendPreview(params.listId ?? '', new Date());
    return { mode: 'confirm' as const, ...preview, batchId: randomUUID() };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const form = await readForm(request);
  const batchId = String(form.get('batchId') ?? '');
  if (!isBatchId(batchId)) return formErrorReply('This form is out of date. Open the page again and send.');
  return runUseCase(async () => {
    await sendListLeaflets({ listId: params.listId ?? '', batchId }, { actor, ipAddress }, new Date());
    return redirect(`/lists/${params.listId}/send?batch=${batchId}`);
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function SendListLeafletsPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form] = useReplyForm({ id: 'send-leaflets', reply });
  if (data.mode === 'progress') {
    const { list, progress, batchId, autoRefresh } = data;
    const here = `/lists/${list.id}/send?batch=${batchId}`;
    return (
      <>
        <span className="nhsuk-caption-l">{list.title}</span>
        <h1>Sending leaflets</h1>
        <div role="status">
          <p>
            {progress.settled
              ? 'Every message has been dealt with.'
              : autoRefresh
                ? `Still sending. This page updates every ${REFRESH_SECONDS} seconds.`
                : 'Still sending.'}
          </p>
        </div>
        {progress.settled ? null : autoRefresh ? (
          <p>
            <Link to={here}>Stop updating this page automatically</Link>
          </p>
        ) : (
          <p>
            <Link className="nhsuk-button nhsuk-button--secondary" to={here} reloadDocument>
              Check progress again
            </Link>{' '}
            <Link to={`${here}&auto=1`} reloadDocument>
              Update this page automatically every {REFRESH_SECONDS} seconds
            </Link>
          </p>
        )}
        <SummaryList
          rows={[
            ['Messages in this batch', progress.total],
            ['Waiting to send', progress.queued],
            ['Sent', progress.sent],
            ['Could not be sent', progress.failed],
            ['Letters to print', progress.lettersToPrint],
            ['Cancelled', progress.cancelled],
          ]}
        />
        {progress.lettersToPrint > 0 ? (
          <p>
            <Link to="/letters">Print the {plural(progress.lettersToPrint, 'letter', 'letters')}</Link>
          </p>
        ) : null}
        {progress.failed > 0 ? (
          <p>
            <Link to="/messages">See the messages that could not be sent</Link>
          </p>
        ) : null}
        <p>
          <Link to={`/lists/${list.id}`}>Back to the list</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      <span className="nhsuk-caption-l">{data.list.title}</span>
      <h1>Send leaflets to every patient on this list</h1>
      {data.problem ? (
        <p>{data.problem} There is nothing to send.</p>
      ) : (
        <>
          <p>
            {plural(data.cases, 'patient', 'patients')} will be sent their leaflets for this list: {data.emails} by email and {data.letters} by
            printed letter.
          </p>
          <p>Each leaflet is made from the patient’s booking when it is sent. Letters go to the print queue.</p>
          {data.canSend ? (
            <Form method="post" {...formProps(form)}>
              <input type="hidden" name="batchId" value={data.batchId} />
              <button className="nhsuk-button" type="submit">
                Send leaflets
              </button>
            </Form>
          ) : null}
        </>
      )}
      <p>
        <Link to={`/lists/${data.list.id}`}>Back to the list</Link>
      </p>
    </>
  );
}
