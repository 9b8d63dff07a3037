import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { requireActor } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { Readiness } from '~/components/readiness';
import { Cell, PatientCell, Row, Table } from '~/components/table';
import { formatNhsNumber } from '~/utils/nhs-number';
import { RttTag } from '~/components/rtt-tag';
import { MODALITY_LABEL, listName, sideAndLevels } from '~/scheduling/procedures/labels';
import { getWaitingList } from '~/scheduling/procedures/procedure-repo.server';
import { PRIORITY_LABEL } from '~/scheduling/referrals/referral-form';
import { formatDate, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Procedure waiting list');

const PRIORITY_COLOUR = { URGENT: 'red', SOON: 'orange', ROUTINE: 'grey' } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK');
  const entries = await getWaitingList({ actor, ipAddress }, new Date());
  return {
    entries: entries.map((r) => ({
      id: r.id,
      patient: {
        id: r.patient.id,
        name: listName(r.patient),
        nhsNumber: formatNhsNumber(r.patient.nhsNumber),
      },
      priority: r.priority,
      weeksWaited: r.weeksWaited,
      listedOn: formatDate(new Date(`${r.listedOn}T00:00:00Z`)),
      rtt: r.rtt ? { breachOn: formatDate(new Date(`${r.rtt.breachOn}T00:00:00Z`)), flag: r.rtt.flag } : null,
      procedure: r.procedureType.name,
      sideAndLevels: sideAndLevels(r.side, r.levels),
      guidance: MODALITY_LABEL[r.guidance],
      minutes: r.minutes,
      sedation: r.sedation,
      // The readiness rule (readiness.ts): what must be sorted before the procedure can go ahead.
      notReady: r.readiness.reasons.map((reason) => reason.text),
      flags: [
        r.flag,
        ...r.bloodThinners.map((b) => `Blood thinner: ${b.name}, ${b.planConfirmed ? 'plan confirmed' : 'plan needed'}`),
        r.patient.diabetes === 'ON_MEDICATION' ? 'Diabetes on medication' : null,
        r.patient.communicationNeeds.includes('INTERPRETER') ? `Interpreter: ${r.patient.interpreterLanguage ?? 'language not recorded'}` : null,
        // A sedated patient's missing escort is a readiness reason; for others it is worth knowing.
        r.escortArranged || r.sedation ? null : 'No escort confirmed',
        r.possiblePregnancy ? 'Possible pregnancy' : null,
        r.recentInfection ? 'Recent infection' : null,
      ].filter((f): f is string => !!f),
    })),
  };
}

export default function ProcedureWaitingList() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Procedure waiting list</h1>
      <p>
        Patients waiting for a procedure, most urgent first, then nearest to the 18-week breach date, then longest on the
        list. <Link to="/lists">See the procedure lists</Link>.
      </p>
      {entries.length === 0 ? (
        <p>Nobody is waiting for a procedure.</p>
      ) : (
        <Table
          caption={`${entries.length} ${entries.length === 1 ? 'patient' : 'patients'} waiting`}
          head={['Patient', 'Priority', 'Weeks on list', 'RTT breach date', 'Procedure', 'Guidance', 'Sedation', 'Ready', 'Flags', 'Action']}
        >
          {entries.map((r) => (
            <Row key={r.id}>
              <PatientCell patient={r.patient} />
              <Cell>
                <Tag colour={PRIORITY_COLOUR[r.priority]}>{PRIORITY_LABEL[r.priority] ?? r.priority}</Tag>
              </Cell>
              <Cell>
                {r.weeksWaited}
                <br />
                <span className="nhsuk-body-s">since {r.listedOn}</span>
              </Cell>
              <Cell>
                {r.rtt ? (
                  <>
                    {r.rtt.breachOn} <RttTag flag={r.rtt.flag} />
                  </>
                ) : (
                  'No referral'
                )}
              </Cell>
              <Cell>
                {r.procedure}
                {r.sideAndLevels ? (
                  <>
                    <br />
                    {r.sideAndLevels}
                  </>
                ) : null}
                <br />
                <span className="nhsuk-body-s">{r.minutes} minutes</span>
              </Cell>
              <Cell>{r.guidance}</Cell>
              <Cell>{r.sedation ? 'Yes' : 'No'}</Cell>
              <Cell>
                <Readiness notReady={r.notReady} />
              </Cell>
              <Cell>
                {r.flags.map((flag) => (
                  <Fragment key={flag}>
                    <Tag colour="yellow">{flag}</Tag>{' '}
                  </Fragment>
                ))}
              </Cell>
              <Cell>
                <Link to={`/procedures/${r.id}/book`}>
                  Book<span className="nhsuk-u-visually-hidden"> a procedure for {r.patient.name}</span>
                </Link>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
    </>
  );
}
