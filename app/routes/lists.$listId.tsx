import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { Fragment } from 'react';
import { canCancelList } from '~/appointments/appointment-rules';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, Tag, Textarea } from '~/components/forms';
import { Notice, SummaryList, WarningCallout } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { getDayList } from '~/scheduling/day-list/day-list-repo.server';
import { cancelProcedureList } from '~/scheduling/procedures/cancel-procedure-list.server';
import { cancelListSchema } from '~/scheduling/procedures/procedure-forms';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? data.dayList.title : 'Procedure list');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  return loadUseCase(async () => {
    const { list, dayList } = await getDayList(params.listId ?? '', 'view', { actor, ipAddress });
    return {
      dayList,
      canBookCases: user.role === 'CLERK',
      // Doctors see lists but may not cancel them (the action's requireRole, ROUTE_ACCESS).
      canCancel: user.role !== 'DOCTOR' && canCancelList(list, new Date()).allowed,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  return submitForm(await readForm(request), cancelListSchema, async ({ reason }) => {
    const { casesCancelled } = await cancelProcedureList({ listId: params.listId ?? '', reason }, actor, ipAddress, new Date());
    return redirect(`/lists/${params.listId}?cancelled=${casesCancelled}`);
  });
}

export default function DayListPage() {
  const { dayList, canCancel, canBookCases } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useReplyForm<typeof cancelListSchema>({ id: 'cancel-list', reply });
  const cancelledCount = searchParams.get('cancelled');
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {cancelledCount !== null && !reply ? (
        <Notice>
          List cancelled. {cancelledCount} {cancelledCount === '1' ? 'case is' : 'cases are'} back on the waiting list, flagged for rebooking.
        </Notice>
      ) : null}
      <h1>{dayList.title}</h1>
      {dayList.cancelled ? (
        <WarningCallout heading="Cancelled">
          <p>{dayList.cancelled}</p>
        </WarningCallout>
      ) : null}
      <SummaryList
        rows={[
          ['Site', dayList.site],
          ['Session', dayList.session],
          ['Operator', dayList.operator],
          ['Modality', dayList.modality],
          ['Booked', dayList.booked],
          ['Ready', dayList.notReady ?? (dayList.rows.length > 0 ? 'Every case is ready' : '')],
        ]}
      />
      <p className="paindesk-no-print">
        <a className="nhsuk-button nhsuk-button--secondary" href={`/lists/${dayList.listId}/pdf`} download={`${dayList.fileName}.pdf`}>
          Download printable list (PDF)
        </a>{' '}
        <a className="nhsuk-button nhsuk-button--secondary" href={`/lists/${dayList.listId}/csv`} download={`${dayList.fileName}.csv`}>
          Export as CSV
        </a>
      </p>
      {dayList.rows.length === 0 ? (
        <p>No cases are booked on this list.</p>
      ) : (
        <Table
          caption="Cases in order"
          head={['#', 'Arrive', 'Start', 'Patient', 'NHS number', 'Age', 'Procedure', 'Sedation', 'Escort', 'Flags']}
        >
          {dayList.rows.map((row) => (
            <Row key={row.appointmentId}>
              <Cell>{row.position}</Cell>
              <Cell>{row.arrival}</Cell>
              <Cell>{row.start}</Cell>
              <Cell>
                {canBookCases ? <Link to={`/procedure-bookings/${row.appointmentId}`}>{row.patient}</Link> : row.patient}
              </Cell>
              <Cell className="paindesk-nhs-number">{row.nhsNumber}</Cell>
              <Cell>{row.age}</Cell>
              <Cell>
                {row.procedure}
                {row.sideAndLevels ? (
                  <>
                    <br />
                    {row.sideAndLevels}
                  </>
                ) : null}
              </Cell>
              <Cell>{row.sedation}</Cell>
              <Cell>{row.escort}</Cell>
              <Cell>
                {row.status ? (
                  <>
                    <Tag colour="grey">{row.status}</Tag>{' '}
                  </>
                ) : null}
                {row.readiness.ready ? null : (
                  <p className="nhsuk-u-margin-bottom-1" data-testid="not-ready">
                    <Tag colour="red">Not ready</Tag>
                    <span className="nhsuk-u-visually-hidden">:</span>
                  </p>
                )}
                {row.readiness.reasons.length > 0 ? (
                  <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-1">
                    {row.readiness.reasons.map((r) => (
                      <li key={r.code + r.text}>{r.text}</li>
                    ))}
                  </ul>
                ) : null}
                {row.readiness.warnings.map((w) => (
                  <Fragment key={w}>
                    <Tag colour="orange">{w}</Tag>{' '}
                  </Fragment>
                ))}
                {row.flags.map((flag) => (
                  <Fragment key={flag}>
                    <Tag colour={flag.startsWith('Blood thinner') || flag.startsWith('Allergy') ? 'red' : 'yellow'}>{flag}</Tag>{' '}
                  </Fragment>
                ))}
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      {dayList.cancelledCases.length > 0 ? (
        <>
          <h2>Cancelled cases</h2>
          <ul className="nhsuk-list">
            {dayList.cancelledCases.map((c) => (
              <li key={c.appointmentId}>
                {canBookCases ? <Link to={`/procedure-bookings/${c.appointmentId}`}>{c.patient}</Link> : c.patient}, was {c.start}: {c.status.toLowerCase()}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canBookCases && !dayList.cancelled && dayList.rows.length > 0 ? (
        <Form method="get" action={`/lists/${dayList.listId}/send`} className="paindesk-no-print">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Send leaflets to every patient on this list
          </button>
        </Form>
      ) : null}
      {canCancel ? (
        <section aria-labelledby="cancel-list-heading" className="paindesk-no-print">
          <h2 id="cancel-list-heading">Cancel this list</h2>
          <p>Every case on it is cancelled by the hospital and goes back to the waiting list, flagged for rebooking.</p>
          <Form method="post" {...formProps(form)}>
            <input type="hidden" name="intent" value="cancel-list" />
            <Textarea {...textField(fields.reason)} label="Reason" hint="For example: operator on leave, suite closed for maintenance" />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Cancel list
            </button>
          </Form>
        </section>
      ) : null}
      <p className="paindesk-no-print">
        <Link to="/lists">All procedure lists</Link>
      </p>
    </>
  );
}
