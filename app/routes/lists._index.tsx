import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Tag, TextInput } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { getListsInWeek } from '~/scheduling/day-list/day-list-repo.server';
import { weekContaining } from '~/scheduling/day-list/week';
import { isDomainError } from '~/errors';
import { MODALITY_LABEL, SESSION_PART_LABEL } from '~/scheduling/procedures/labels';
import { formatDate, formatLongDate, formatTimeRange, londonToday, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Procedure lists');

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const asked = new URL(request.url).searchParams.get('week')?.trim() || null;
  let week;
  let error: string | null = null;
  try {
    week = weekContaining(asked ?? londonToday(new Date()));
  } catch (thrown) {
    if (!isDomainError(thrown)) throw thrown;
    error = 'Enter a date like 2027-03-22';
    week = weekContaining(londonToday(new Date()));
  }
  const lists = await getListsInWeek(week);
  // A week that is not a date in range is a bad request (400), shown on this week's page with the message.
  return json({
    asked: error ? asked : null,
    error,
    week: { ...week, label: `${formatDate(asDate(week.monday))} to ${formatDate(asDate(week.sunday))}` },
    lists: lists.map((l) => ({
      id: l.id,
      date: formatLongDate(l.startsAt),
      session: `${SESSION_PART_LABEL[l.sessionPart] ?? l.sessionPart}, ${formatTimeRange(l.startsAt, l.endsAt)}`,
      site: l.site.name,
      operator: l.operator.name,
      modality: MODALITY_LABEL[l.modality],
      booked: `${l.bookedMinutes} of ${l.capacityMinutes} minutes, ${l._count.appointments} ${l._count.appointments === 1 ? 'case' : 'cases'}`,
      cancelled: l.status === 'CANCELLED',
    })),
  }, { status: error ? 400 : 200 });
}

export default function ProcedureLists() {
  const { week, lists, error, asked } = useLoaderData<typeof loader>();
  return (
    <>
      <ErrorSummary errors={error ? { week: [error] } : undefined} />
      <h1>Procedure lists</h1>
      <p className="nhsuk-lede-text">Week of {week.label}</p>
      <Form method="get" className="paindesk-no-print">
        <TextInput name="week" label="Go to the week of" hint="A date, for example 2027-03-22" width={10} defaultValue={asked ?? week.monday} errors={error ? [error] : undefined} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show week
        </button>
      </Form>
      <nav className="nhsuk-pagination paindesk-no-print" role="navigation" aria-label="Weeks">
        <ul className="nhsuk-list nhsuk-pagination__list">
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={`/lists?week=${week.previous}`}>
              <span className="nhsuk-pagination__title">Previous week</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{formatDate(asDate(week.previous))}</span>
            </Link>
          </li>
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={`/lists?week=${week.next}`}>
              <span className="nhsuk-pagination__title">Next week</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{formatDate(asDate(week.next))}</span>
            </Link>
          </li>
        </ul>
      </nav>
      {lists.length === 0 ? (
        <p>There are no procedure lists this week.</p>
      ) : (
        <Table caption={`${lists.length} ${lists.length === 1 ? 'list' : 'lists'}`} head={['Date', 'Session', 'Site', 'Operator', 'Modality', 'Booked', 'List']}>
          {lists.map((l) => (
            <Row key={l.id}>
              <Cell>{l.date}</Cell>
              <Cell>{l.session}</Cell>
              <Cell>{l.site}</Cell>
              <Cell>{l.operator}</Cell>
              <Cell>{l.modality}</Cell>
              <Cell>{l.cancelled ? <Tag colour="red">Cancelled</Tag> : l.booked}</Cell>
              <Cell>
                <Link to={`/lists/${l.id}`}>
                  View<span className="nhsuk-u-visually-hidden"> the {l.session.toLowerCase()} list on {l.date}</span>
                </Link>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
