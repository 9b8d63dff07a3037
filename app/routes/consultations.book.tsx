import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { Notice, PatientCaption, SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { useReplyForm } from '~/components/reply-form';
import { Cell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/utils/nhs-number';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { bookFormSchema, parseSlotSearch } from '~/consultations/consultation-forms';
import { getBookingSubject } from '~/consultations/consultation-repo.server';
import { findFreeSlots, slotSearchOptions } from '~/consultations/find-free-slots.server';
import { RttTag } from '~/components/rtt-tag';
import { SlotSearchForm } from '~/components/slot-search-form';
import { PRIORITY_LABEL, SOURCE_LABEL } from '~/scheduling/referrals/referral-form';
import { rttPosition } from '~/scheduling/rtt';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { formatDate, formatDateTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.rebookFrom ? 'Rebook a telephone consultation' : 'Book a telephone consultation');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const url = new URL(request.url);
  const referralId = url.searchParams.get('referralId');
  const rebookFromId = url.searchParams.get('rebook');
  if (!referralId === !rebookFromId) throw redirect('/consultations');
  const now = new Date();
  const subject = await loadUseCase(() => getBookingSubject(rebookFromId ? { rebookFromId } : { referralId: referralId! }, actor, ipAddress));
  const { search, errors } = parseSlotSearch(url.searchParams);
  const [free, options] = await Promise.all([findFreeSlots(search, now), slotSearchOptions()]);
  const { patient, referral, rebookFrom, activeConsultation } = subject;
  return {
    keep: rebookFromId ? { rebook: rebookFromId } : { referralId: referralId! },
    registered: url.searchParams.get('registered'),
    patient: {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      nhsNumber: formatNhsNumber(patient.nhsNumber),
      dateOfBirth: formatDate(patient.dateOfBirth),
    },
    referral: referral
      ? {
          id: referral.id,
          source: SOURCE_LABEL[referral.source] ?? referral.source,
          priority: PRIORITY_LABEL[referral.priority] ?? referral.priority,
          receivedOn: formatDate(referral.receivedOn),
          reason: referral.reason,
          rtt: rttPosition(referral.clockStartOn.toISOString().slice(0, 10), now, UNIT_TIME_ZONE),
        }
      : null,
    rebookFrom: rebookFrom
      ? { id: rebookFrom.id, when: formatDateTime(rebookFrom.startsAt), reason: rebookFrom.cancellationReason, rebooked: rebookFrom.rebooked }
      : null,
    activeConsultation: activeConsultation ? { id: activeConsultation.id, when: formatDateTime(activeConsultation.startsAt) } : null,
    search,
    searchErrors: errors,
    options,
    slots: free.slots.map((slot) => ({
      id: slot.id,
      when: formatDateTime(slot.startsAt),
      minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
      siteName: slot.siteName,
      clinicianName: slot.clinicianName,
    })),
    page: free.page,
    hasMore: free.hasMore,
    // One key per page load: every Book button on this page shares it, so whichever is pressed (even twice),
    // at most one booking is made from this page.
    idempotencyKey: randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  return submitForm(await readForm(request), bookFormSchema, async ({ slotId, idempotencyKey, referralId, rebookFromId }) => {
    const booked = await bookConsultation(
      rebookFromId ? { slotId, idempotencyKey, rebookFromId } : { slotId, idempotencyKey, referralId: referralId! },
      actor,
      ipAddress,
      new Date(),
    );
    return redirect(`/consultations/${booked.appointmentId}?booked=1`);
  });
}

function pageLink(keep: Record<string, string>, search: Record<string, unknown>, page: number) {
  const params = new URLSearchParams(keep);
  for (const key of ['siteId', 'clinicianId', 'from'] as const) {
    const value = search[key];
    if (typeof value === 'string' && value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  return `/consultations/book?${params.toString()}`;
}

export default function BookConsultation() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const title = data.rebookFrom ? 'Rebook a telephone consultation' : 'Book a telephone consultation';
  // The Book button of every free slot; the slots carry no typed fields, so any message is the page's.
  const [form] = useReplyForm({ id: 'book', reply });
  return (
    <>
      {data.registered ? (
        <Notice>
          {data.registered === 'patient' ? 'Patient and referral registered.' : 'Referral registered.'} Now book the first telephone
          consultation.
        </Notice>
      ) : null}
      <ErrorSummary formError={form.errors?.[0] ?? Object.values(form.allErrors).flat()[0]} />
      <PatientCaption patient={data.patient} />
      <h1>{title}</h1>
      <SummaryList>
        <SummaryRow label="Patient">
          <Link to={`/patients/${data.patient.id}`}>{data.patient.name}</Link>, born {data.patient.dateOfBirth}
        </SummaryRow>
        {data.referral ? (
          <>
            <SummaryRow label="Referral">
              {data.referral.priority} priority, from {data.referral.source}, received {data.referral.receivedOn}
              <br />
              {data.referral.reason}
            </SummaryRow>
            <SummaryRow label="18-week wait">
              Waited {data.referral.rtt.weeksWaited} {data.referral.rtt.weeksWaited === 1 ? 'week' : 'weeks'}; breach date{' '}
              {formatDate(new Date(`${data.referral.rtt.breachOn}T00:00:00Z`))} <RttTag flag={data.referral.rtt.flag} />
            </SummaryRow>
          </>
        ) : null}
        {data.rebookFrom ? (
          <SummaryRow label="Cancelled consultation">
            {data.rebookFrom.when}
            {data.rebookFrom.reason ? `: ${data.rebookFrom.reason}` : ''}
          </SummaryRow>
        ) : null}
      </SummaryList>
      {data.activeConsultation ? (
        <WarningCallout heading="Already booked">
          <p>
            This referral already has a telephone consultation booked for {data.activeConsultation.when}.{' '}
            <Link to={`/consultations/${data.activeConsultation.id}`}>View, move or cancel it</Link>.
          </p>
        </WarningCallout>
      ) : null}
      {data.rebookFrom?.rebooked ? (
        <WarningCallout heading="Already rebooked">
          <p>This cancelled consultation has already been rebooked.</p>
        </WarningCallout>
      ) : null}
      <h2>Free slots</h2>
      <SlotSearchForm options={data.options} search={data.search} errors={data.searchErrors} keep={data.keep} legend="Free slots" />
      {data.slots.length === 0 ? (
        <p role="status">There are no free slots that match. Try any site or doctor, or a later date.</p>
      ) : (
        <Table caption={`${data.page > 1 ? 'Later free slots' : 'The next free slots'}, earliest first`} head={['When', 'Length', 'Site', 'Doctor', 'Action']}>
          {data.slots.map((slot) => (
            <Row key={slot.id}>
              <Cell>{slot.when}</Cell>
              <Cell>{slot.minutes} minutes</Cell>
              <Cell>{slot.siteName}</Cell>
              <Cell>{slot.clinicianName}</Cell>
              <Cell>
                <Form method="post" className="paindesk-inline-form">
                  <input type="hidden" name="intent" value="book" />
                  <input type="hidden" name="slotId" value={slot.id} />
                  <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
                  {data.rebookFrom ? (
                    <input type="hidden" name="rebookFromId" value={data.rebookFrom.id} />
                  ) : (
                    <input type="hidden" name="referralId" value={data.referral?.id} />
                  )}
                  <button className="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit" disabled={busy}>
                    Book<span className="nhsuk-u-visually-hidden"> {slot.when}</span>
                  </button>
                </Form>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <nav className="nhsuk-pagination" role="navigation" aria-label="Free slot pages">
        <ul className="nhsuk-list nhsuk-pagination__list">
          {data.page > 1 ? (
            <li className="nhsuk-pagination-item--previous">
              <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={pageLink(data.keep, data.search, data.page - 1)}>
                <span className="nhsuk-pagination__title">Earlier slots</span>
              </Link>
            </li>
          ) : null}
          {data.hasMore ? (
            <li className="nhsuk-pagination-item--next">
              <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={pageLink(data.keep, data.search, data.page + 1)}>
                <span className="nhsuk-pagination__title">Later slots</span>
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <p>
        <Link to="/consultations">Back to the waiting list</Link>
      </p>
    </>
  );
}
