import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { getLeafletPartSource } from '~/leaflets/leaflet-admin.server';
import { BLOCK_REASON_TEXT } from '~/leaflets/leaflet-approval';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `${data.row.title} (leaflet part)` : 'Leaflet part');

const KEY = /^[a-z0-9-]+\/[a-z0-9-]+$/;

// A doctor reads the exact text of a part here before approving it; the Approve form carries the SHA-256 of the
// text shown, so an approval is always for what was read (DESIGN rule 10, ADR 12).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, 'ADMIN', 'DOCTOR');
  const key = params['*'] ?? '';
  const part = KEY.test(key) ? await getLeafletPartSource(key, new Date()) : null;
  if (!part) throw new Response('There is no such leaflet part.', { status: 404 });
  return { ...part, canApprove: user.role === 'DOCTOR' };
}

export default function LeafletPart() {
  const { row, source, canApprove } = useLoaderData<typeof loader>();
  const approval = row.approval;
  const when = (iso: string | Date | null) => (iso ? formatDateTime(new Date(iso)) : '');
  return (
    <>
      <span className="nhsuk-caption-l">Leaflet part {row.key}</span>
      <h1>{row.title}</h1>
      <SummaryList
        rows={[
          ['Reference', row.reference],
          ['Version', row.version],
          ['Review by', row.review],
          ['Owner', row.owner],
          ['SHA-256 of this text', <code className="paindesk-break-all">{row.contentHash}</code>],
        ]}
      >
        <SummaryRow label="Approval" testId="part-approval">
          {approval.status === 'APPROVED' ? (
            <>
              <Tag colour={approval.demo ? 'purple' : 'green'}>{approval.demo ? 'Demo approval' : 'Approved'}</Tag> by {approval.by},{' '}
              {when(approval.at)}
            </>
          ) : approval.status === 'CHANGED_SINCE_APPROVAL' ? (
            <>
              <Tag colour="red">Changed since approval</Tag> an earlier text was approved by {approval.by}
            </>
          ) : approval.status === 'REVOKED' ? (
            <Tag colour="red">Approval withdrawn</Tag>
          ) : (
            <Tag colour="red">Not approved</Tag>
          )}
          {row.blocks.length > 0 ? <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">Not used for patients: {row.blocks.map((b) => BLOCK_REASON_TEXT[b]).join('; ')}</p> : null}
        </SummaryRow>
      </SummaryList>
      {row.unconfirmed.length > 0 ? (
        <WarningCallout heading="Facts waiting for confirmation">
          <ul>
            {row.unconfirmed.map((fact) => (
              <li key={fact}>{fact}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <h2>The text</h2>
      <p>
        Exactly as held in the file, with its placeholders (in double braces) that are filled in for each patient. Approving
        approves this text only: any later edit needs a new approval.
      </p>
      <pre className="paindesk-leaflet-source" tabIndex={0} aria-label={`Text of ${row.title}`}>
        {source}
      </pre>
      {canApprove && approval.status !== 'APPROVED' ? (
        <Form method="post" action="/admin/leaflets">
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="partKey" value={row.key} />
          <input type="hidden" name="contentHash" value={row.contentHash} />
          <button className="nhsuk-button" type="submit">
            Approve this text<span className="nhsuk-u-visually-hidden"> {row.title}</span>
          </button>
        </Form>
      ) : null}
      {approval.status === 'APPROVED' ? (
        <Form method="post" action="/admin/leaflets">
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="partKey" value={row.key} />
          <input type="hidden" name="contentHash" value={row.contentHash} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Withdraw approval<span className="nhsuk-u-visually-hidden"> {row.title}</span>
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/admin/leaflets">All leaflet parts</Link>
      </p>
    </>
  );
}
