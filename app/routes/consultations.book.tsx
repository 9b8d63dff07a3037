import { randomUUID } from 'node:crypto';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/patients/nhs-number';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { bookFormSchema, parseSlotSearch } from '~/consultations/consultation-forms';
import { getBookingSubject } from '~/consultations/consultation-repo.server';
import { findFreeSlots, slotSearchOptions } from '~/consultations/find-free-slots.server';
import { fieldErrorsOf, formErrorOf } from '~/utils/form-values';
import { RttTag } from '~/consultations/rtt-tag';
import { SlotSearchForm } from '~/consultations/slot-search-form';
import { PRIORITY_LABEL, SOURCE_LABEL } from '~/scheduling/referrals/referral-form';
import { rttPosition } from '~/scheduling/rtt';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { formatDate, formatDateTime, pageTitle } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.rebookFrom ? 'Rebook a telephone consultation' : 'Book a telephone consultation');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const url = new URL(request.url);
  const referralId = url.searchParams.get('referralId');
  const rebookFromId = url.searchParams.get('rebook');
  if (!referralId === !rebookFromId) throw redirect('/consultations');
  const now = new Date();
  let subject;
  try {
    subject = await getBookingSubject(
      rebookFromId ? { rebookFromId } : { referralId: referralId! },
      actor,
      ipAddress,
    );
  } catch (error) {
    throw domainErrorReply(error);
  }
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
  const submission = parseWithZod(await readForm(request), { schema: bookFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { slotId, idempotencyKey, referralId, rebookFromId } = submission.value;
  try {
    const booked = await bookConsultation(
      rebookFromId ? { slotId, idempotencyKey, rebookFromId } : { slotId, idempotencyKey, referralId: referralId! },
      actor,
      ipAddress,
      new Date(),
    );
    return redirect(`/consultations/${booked.appointmentId}?booked=1`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
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
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const title = data.rebookFrom ? 'Rebook a telephone consultation' : 'Book a telephone consultation';
  const formErrors = Object.values(fieldErrorsOf(lastResult)).flat();
  return (
    <>
      {data.registered ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            {data.registered === 'patient' ? 'Patient and referral registered.' : 'Referral registered.'} Now book the first telephone
            consultation.
          </p>
        </div>
      ) : null}
      <ErrorSummary formError={formErrorOf(lastResult) ?? formErrors[0]} />
      <span className="nhsuk-caption-l">
        {data.patient.name}, NHS number <span className="paindesk-nhs-number">{data.patient.nhsNumber}</span>
      </span>
      <h1>{title}</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Patient</dt>
          <dd className="nhsuk-summary-list__value">
            <Link to={`/patients/${data.patient.id}`}>{data.patient.name}</Link>, born {data.patient.dateOfBirth}
          </dd>
        </div>
        {data.referral ? (
          <>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Referral</dt>
              <dd className="nhsuk-summary-list__value">
                {data.referral.priority} priority, from {data.referral.source}, received {data.referral.receivedOn}
                <br />
                {data.referral.reason}
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">18-week wait</dt>
              <dd className="nhsuk-summary-list__value">
                Waited {data.referral.rtt.weeksWaited} {data.referral.rtt.weeksWaited === 1 ? 'week' : 'weeks'}; breach date{' '}
                {formatDate(new Date(`${data.referral.rtt.breachOn}T00:00:00Z`))} <RttTag flag={data.referral.rtt.flag} />
              </dd>
            </div>
          </>
        ) : null}
        {data.rebookFrom ? (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Cancelled consultation</dt>
            <dd className="nhsuk-summary-list__value">
              {data.rebookFrom.when}
              {data.rebookFrom.reason ? `: ${data.rebookFrom.reason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {data.activeConsultation ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Already booked
            </span>
          </h2>
          <p>
            This referral already has a telephone consultation booked for {data.activeConsultation.when}.{' '}
            <Link to={`/consultations/${data.activeConsultation.id}`}>View, move or cancel it</Link>.
          </p>
        </div>
      ) : null}
      {data.rebookFrom?.rebooked ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Already rebooked
            </span>
          </h2>
          <p>This cancelled consultation has already been rebooked.</p>
        </div>
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
