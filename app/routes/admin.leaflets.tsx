import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { DateTime } from 'luxon';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Tag } from '~/components/forms';
import { Notice, SummaryList, WarningCallout } from '~/components/page-parts';
import { useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { REVIEW_DUE_DAYS, type LeafletAdminRow } from '~/leaflets/leaflet-admin';
import { getLeafletAdminView } from '~/leaflets/leaflet-admin.server';
import { BLOCK_REASON_TEXT } from '~/leaflets/leaflet-approval';
import { leafletApprovalSchema } from '~/leaflets/leaflet-approval-form';
import { approveLeafletPart, revokeLeafletApproval } from '~/leaflets/leaflet-approval.server';
import { formatDate, formatDateTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Leaflets');

// Administrators see the state; doctors approve (a named clinician must); either may withdraw an approval.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, 'ADMIN', 'DOCTOR');
  return { ...(await getLeafletAdminView(new Date())), canApprove: user.role === 'DOCTOR' };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN', 'DOCTOR');
  return submitForm(await readForm(request), leafletApprovalSchema, async ({ intent, partKey, contentHash }) => {
    const context = { actor, ipAddress };
    if (intent === 'approve') await approveLeafletPart({ partKey, contentHash }, context, new Date());
    else await revokeLeafletApproval({ partKey, contentHash }, context, new Date());
    return redirect(`/admin/leaflets?${intent === 'approve' ? 'approved' : 'revoked'}=${encodeURIComponent(partKey)}#part-${partKey.replace(/\//g, '-')}`);
  });
}

const day = (isoDate: string) => formatDate(new Date(`${isoDate}T00:00:00.000Z`));
/** "23 Nov 2027": keeps the columns within the page. */
const shortDay = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('d LLL yyyy');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type PartRow = Omit<LeafletAdminRow, 'approval'> & { approval: Omit<LeafletAdminRow['approval'], 'at' | 'revokedAt'> & { at: string | null; revokedAt: string | null } };

function ApprovalCell({ row, canApprove }: { row: PartRow; canApprove: boolean }) {
  const { approval } = row;
  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '');
  const form = (intent: 'approve' | 'revoke', label: string, secondary: boolean) => (
    <Form method="post" className="paindesk-inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="partKey" value={row.key} />
      <input type="hidden" name="contentHash" value={row.contentHash} />
      <button className={`nhsuk-button ${secondary ? 'nhsuk-button--secondary' : ''} nhsuk-u-margin-bottom-0 nhsuk-u-margin-top-2`} type="submit">
        {label}
        <span className="nhsuk-u-visually-hidden"> {row.title}</span>
      </button>
    </Form>
  );
  return (
    <>
      {approval.status === 'APPROVED' ? (
        <>
          <Tag colour={approval.demo ? 'purple' : 'green'}>{approval.demo ? 'Demo approval' : 'Approved'}</Tag>
          <span className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            by {approval.by}, {when(approval.at)}
            {approval.demo ? ' (made by the demo data, not by a clinician)' : ''}
          </span>
        </>
      ) : approval.status === 'CHANGED_SINCE_APPROVAL' ? (
        <>
          <Tag colour="red">Changed since approval</Tag>
          <span className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            an earlier text was approved by {approval.by}, {when(approval.at)}
          </span>
        </>
      ) : approval.status === 'REVOKED' ? (
        <>
          <Tag colour="red">Approval withdrawn</Tag>
          <span className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            approved by {approval.by}, withdrawn {when(approval.revokedAt)}
          </span>
        </>
      ) : (
        <Tag colour="red">Not approved</Tag>
      )}
      {canApprove && approval.status !== 'APPROVED' ? (
        <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
          <Link to={`/admin/leaflets/${row.key}`}>
            Read and approve<span className="nhsuk-u-visually-hidden"> {row.title}</span>
          </Link>
        </p>
      ) : null}
      {approval.status === 'APPROVED' ? form('revoke', 'Withdraw approval', true) : null}
    </>
  );
}

export default function AdminLeaflets() {
  const view = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // The approve and withdraw buttons, on this page and on each part's page, which posts here.
  const [form] = useReplyForm({ id: 'leaflet-approval', reply });
  const done = searchParams.get('approved') ? 'approved' : searchParams.get('revoked') ? 'revoked' : null;
  const doneTitle = view.rows.find((r) => r.key === (searchParams.get('approved') ?? searchParams.get('revoked')))?.title;
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {done && doneTitle && !reply ? <Notice>{done === 'approved' ? `${doneTitle}: approved for patients.` : `${doneTitle}: approval withdrawn. Leaflets using it are no longer made or sent.`}</Notice> : null}
      <h1>Leaflets</h1>
      <p>
        Every part of the patient leaflets, as held in the <code>leaflets/</code> folder. A part reaches a patient only
        when a doctor has approved its exact text and it is within its review date; editing the file needs a new
        approval. Each document sent to a patient records the version of every part it was made from.
        {view.canApprove ? ' Open a part to read its exact text and approve it.' : ' Only a doctor can approve a part.'}
      </p>
      <p data-testid="leaflet-review-summary">
        {`${view.pastReview} of ${view.rows.length} parts ${view.pastReview === 1 ? 'is' : 'are'} past review.`}{' '}
        {view.reviewDue > 0 ? `${plural(view.reviewDue, 'part is', 'parts are')} due for review within ${REVIEW_DUE_DAYS} days. ` : ''}
        {`${plural(view.blocked, 'part is', 'parts are')} not approved for patients: leaflets using ${view.blocked === 1 ? 'it' : 'them'} are not made or sent.`}
      </p>
      {view.heldMessages > 0 ? (
        <WarningCallout heading="Messages to patients are held" testId="held-messages">
          <p>
            {plural(view.heldMessages, 'message to a patient is', 'messages to patients are')} held because the leaflets use a part
            that is not approved. They go once a doctor approves the parts marked below.
          </p>
        </WarningCallout>
      ) : null}
      {view.demoApprovals > 0 ? (
        <div className="nhsuk-inset-text" data-testid="demo-approvals">
          <p>
            {plural(view.demoApprovals, 'part is', 'parts are')} approved by the demo data, not by a clinician. A real unit starts
            with nothing approved: a doctor approves each part.
          </p>
        </div>
      ) : null}
      <Table caption={`${view.rows.length} leaflet parts (today is ${day(view.today)})`} head={['Part', 'Reference', 'Version', 'Updated', 'Review by', 'Owner', 'Approval']}>
        {view.rows.map((r) => (
          <Row key={r.key}>
            <Cell>
              <span id={`part-${r.key.replace(/\//g, '-')}`}>
                <Link to={`/admin/leaflets/${r.key}`}>{r.title}</Link>
              </span>
              <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">{r.key}</span>
            </Cell>
            <Cell>{r.reference}</Cell>
            <Cell>{r.version}</Cell>
            <Cell>{shortDay(r.updated)}</Cell>
            <Cell>
              {shortDay(r.review)}
              {r.reviewState === 'PAST_REVIEW' ? (
                <>
                  {' '}
                  <Tag colour="red">Past review</Tag>
                </>
              ) : r.reviewState === 'REVIEW_DUE' ? (
                <>
                  {' '}
                  <Tag colour="orange">Review due</Tag>
                </>
              ) : null}
            </Cell>
            <Cell>{r.owner}</Cell>
            <Cell>
              <ApprovalCell row={r} canApprove={view.canApprove} />
              {r.blocks.length > 0 ? (
                <span className="nhsuk-body-s nhsuk-u-margin-bottom-0 nhsuk-u-margin-top-2" data-testid={`blocks-${r.key}`}>
                  Not used for patients: {r.blocks.map((b) => BLOCK_REASON_TEXT[b]).join('; ')}
                </span>
              ) : null}
            </Cell>
          </Row>
        ))}
      </Table>
      <h2>Facts waiting for confirmation</h2>
      {view.withUnconfirmed.length === 0 ? (
        <p>No part holds an unconfirmed fact.</p>
      ) : (
        <>
          <p>These parts contain facts that are not yet confirmed by a clinical source. Check them before approving.</p>
          <SummaryList>
            {view.withUnconfirmed.map((r) => (
              <div className="nhsuk-summary-list__row" key={r.key}>
                <dt className="nhsuk-summary-list__key">
                  {r.title} <span className="nhsuk-u-visually-hidden">(</span>
                  <code>{r.key}</code>
                  <span className="nhsuk-u-visually-hidden">)</span>
                </dt>
                <dd className="nhsuk-summary-list__value">
                  <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
                    {r.unconfirmed.map((fact) => (
                      <li key={fact}>{fact}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </SummaryList>
        </>
      )}
    </>
  );
}
