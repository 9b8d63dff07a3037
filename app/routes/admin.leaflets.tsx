import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { DateTime } from 'luxon';
import { useLoaderData } from '@remix-run/react';
import { requireAdmin } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { REVIEW_DUE_DAYS } from '~/leaflets/leaflet-admin';
import { getLeafletAdminView } from '~/leaflets/leaflet-admin.server';
import { formatDate, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Leaflets');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return getLeafletAdminView(new Date());
}

const day = (isoDate: string) => formatDate(new Date(`${isoDate}T00:00:00.000Z`));
/** "23 Nov 2027": keeps the eight columns within the page. */
const shortDay = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('d LLL yyyy');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default function AdminLeaflets() {
  const view = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Leaflets</h1>
      <p>
        Every part of the patient leaflets, as held in the <code>leaflets/</code> folder. Each document sent to a
        patient records the version of every part it was made from.
      </p>
      <p data-testid="leaflet-review-summary">
        {`${view.pastReview} of ${view.rows.length} parts ${view.pastReview === 1 ? 'is' : 'are'} past review.`}{' '}
        {view.reviewDue > 0 ? `${plural(view.reviewDue, 'part is', 'parts are')} due for review within ${REVIEW_DUE_DAYS} days. ` : ''}
        {`${plural(view.pendingSignOff, 'part is', 'parts are')} waiting for clinical sign-off.`}
      </p>
      <Table caption={`${view.rows.length} leaflet parts (today is ${day(view.today)})`} head={['Part', 'Reference', 'Version', 'Updated', 'Review by', 'Owner', 'Sign-off']}>
        {view.rows.map((r) => (
          <Row key={r.key}>
            <Cell>
              {r.title}
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
            <Cell>{r.signedOff ? <Tag colour="green">Signed</Tag> : <Tag colour="grey">Pending</Tag>}</Cell>
          </Row>
        ))}
      </Table>
      <h2>Facts waiting for confirmation</h2>
      {view.withUnconfirmed.length === 0 ? (
        <p>No part holds an unconfirmed fact.</p>
      ) : (
        <>
          <p>These parts contain facts that are not yet confirmed by a clinical source. Check them at sign-off.</p>
          <dl className="nhsuk-summary-list">
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
          </dl>
        </>
      )}
    </>
  );
}
