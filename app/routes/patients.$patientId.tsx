import { Cell, Row, Table } from '~/components/table';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { patientAccessHistory } from '~/audit/audit-trail.server';
import { hasCapability } from '~/auth/permissions';
import { ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { Tag } from '~/components/forms';
import { Notice, SummaryList, SummaryRow, WarningCallout } from '~/components/page-parts';
import { listPatientDocuments } from '~/leaflets/leaflet-documents.server';
import { formatNhsNumber } from '~/utils/nhs-number';
import { COMMUNICATION_NEEDS } from '~/patients/patient-form';
import { getPatientRecord } from '~/patients/patient-repo.server';
import { ageOn, formatDate, formatDateTime, pageTitle, titleCase } from '~/utils/format';
import { loadUseCase } from '~/utils/route.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.patient.firstName} ${data.patient.lastName}` : 'Patient');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(request);
  return loadUseCase(async () => {
    const patient = await getPatientRecord(params.patientId ?? '', actor);
    const documents = (await listPatientDocuments(patient.id)).map((d) => ({
      id: d.id,
      title: d.title,
      largePrint: d.largePrint,
      generated: formatDateTime(d.generatedAt),
      generatedBy: d.generatedBy,
      sha256: d.sha256.slice(0, 12),
    }));
    // Administrators see who has looked at the record. Loading this page is itself the patient.view event
    // recorded above, so it appears at the top of the list.
    const accessHistory = hasCapability(user.role, 'audit.read')
      ? (await patientAccessHistory(patient.id)).map((e) => ({
          id: e.id,
          when: formatDateTime(e.at),
          who: e.actor ? `${e.actor.name}${e.actorRole ? ` (${ROLE_LABEL[e.actorRole]})` : ''}` : 'System',
          what: e.actionLabel,
        }))
      : null;
    return {
      patient,
      documents,
      accessHistory,
      age: ageOn(patient.dateOfBirth, new Date()),
      canManageAppointments: user.role === 'CLERK',
      canRecordClinical: user.role === 'DOCTOR',
    };
  });
}

const NEED_LABEL = Object.fromEntries(COMMUNICATION_NEEDS.map((n) => [n.value, n.label]));

const SOURCE_LABEL: Record<string, string> = {
  GP_VIA_MSK: 'GP via MSK service',
  CONSULTANT: 'Consultant',
  AHP: 'Allied health professional',
  PAIN_CLINIC: 'Pain clinic',
};


export default function PatientPage() {
  const { patient, documents, accessHistory, age, canManageAppointments, canRecordClinical } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      {searchParams.get('added') ? <Notice>Patient added.</Notice> : null}
      <span className="nhsuk-caption-l">
        NHS number <span className="paindesk-nhs-number">{formatNhsNumber(patient.nhsNumber)}</span>
      </span>
      <h1>
        {patient.firstName} {patient.lastName}
      </h1>
      {patient.communicationNeeds.length > 0 ? (
        <WarningCallout heading="Communication needs">
          <p>
            {patient.communicationNeeds.map((n) => NEED_LABEL[n] ?? n).join(', ')}
            {patient.interpreterLanguage ? ` (${patient.interpreterLanguage})` : ''}
          </p>
        </WarningCallout>
      ) : null}
      <h2>Details</h2>
      <SummaryList>
        <SummaryRow label="Date of birth">
          {formatDate(new Date(patient.dateOfBirth))} (age {age})
        </SummaryRow>
        <SummaryRow label="Address">
          {[...patient.addressLines, patient.postcode].filter(Boolean).join(', ') || 'Not recorded'}
        </SummaryRow>
        <SummaryRow label="Email">
          {patient.email ?? 'Not recorded'}
          {patient.email ? (patient.emailConsent ? ' (consents to email)' : ' (no consent to email: send letters)') : ''}
        </SummaryRow>
        <SummaryRow label="Mobile">{patient.mobilePhone ?? 'Not recorded'}</SummaryRow>
        <SummaryRow label="Preferred contact">{titleCase(patient.preferredChannel)}</SummaryRow>
        <SummaryRow label="GP practice">{patient.gpPractice ?? 'Not recorded'}</SummaryRow>
        <SummaryRow label="Diabetes">{titleCase(patient.diabetes)}</SummaryRow>
        <SummaryRow label="Allergies">
          {patient.allergies.length === 0 ? 'None recorded' : patient.allergies.map((a) => `${titleCase(a.kind)}${a.detail ? ` (${a.detail})` : ''}`).join(', ')}
        </SummaryRow>
      </SummaryList>
      <h2>Current medicines</h2>
      {patient.medicines.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {patient.medicines.map((m) => (
            <li key={m.id}>
              {m.medicine?.displayName ?? m.freeTextName}
              {m.dose ? `, ${m.dose}` : ''}{' '}
              {m.medicine && m.medicine.bloodThinnerClass !== 'NONE' ? <Tag colour="red">Blood thinner</Tag> : null}{' '}
              {m.medicine && m.medicine.drivingCategory !== 'NONE' ? <Tag colour="orange">Affects driving</Tag> : null}
              {!m.medicine ? <Tag colour="yellow">Not in catalogue: check</Tag> : null}
            </li>
          ))}
        </ul>
      )}
      {canRecordClinical ? (
        <p>
          <Link to={`/patients/${patient.id}/clinical`}>Record medicines and clinical details</Link>
        </p>
      ) : null}
      <h2>Referrals</h2>
      {patient.referrals.length === 0 ? (
        <p>No referrals.</p>
      ) : (
        <Table head={['Received', 'Source', 'Priority', 'Reason', 'Status']}>
            {patient.referrals.map((r) => (
              <Row key={r.id}>
                <Cell>{formatDate(new Date(r.receivedOn))}</Cell>
                <Cell>{SOURCE_LABEL[r.source] ?? titleCase(r.source)}</Cell>
                <Cell>{titleCase(r.priority)}</Cell>
                <Cell>{r.reason}</Cell>
                <Cell>{titleCase(r.status)}</Cell>
              </Row>
            ))}
          </Table>
      )}
      <h2>Appointments</h2>
      {patient.appointments.length === 0 ? (
        <p>No appointments.</p>
      ) : (
        <Table head={['When', 'What', 'Where', 'Status']}>
            {patient.appointments.map((a) => (
              <Row key={a.id}>
                <Cell>
                  {canManageAppointments ? (
                    <Link to={a.kind === 'CONSULTATION' ? `/consultations/${a.id}` : `/procedure-bookings/${a.id}`}>
                      {formatDateTime(new Date(a.startsAt))}
                    </Link>
                  ) : (
                    formatDateTime(new Date(a.startsAt))
                  )}
                </Cell>
                <Cell>
                  {a.kind === 'CONSULTATION'
                    ? `Telephone consultation${a.slot ? ` with ${a.slot.clinic.clinician.name}` : ''}`
                    : (a.procedureRequest?.procedureType.name ?? 'Procedure')}
                </Cell>
                <Cell>{a.slot?.clinic.site.name ?? a.procedureList?.site.name ?? ''}</Cell>
                <Cell>{titleCase(a.status)}</Cell>
              </Row>
            ))}
          </Table>
      )}
      <h2>Documents</h2>
      {documents.length === 0 ? (
        <p>No documents have been generated.</p>
      ) : (
        <Table head={['Document', 'Generated', 'SHA-256 (first 12)', 'File']}>
          {documents.map((d) => (
            <Row key={d.id}>
              <Cell>
                {d.title}
                {d.largePrint ? ' (large print)' : ''}
              </Cell>
              <Cell>
                {d.generated}
                {d.generatedBy ? ` by ${d.generatedBy}` : ' by the system'}
              </Cell>
              <Cell>
                <code>{d.sha256}</code>
              </Cell>
              <Cell>
                <a href={`/documents/${d.id}.pdf`} download>
                  Download<span className="nhsuk-u-visually-hidden">
                    {' '}
                    {d.title}, generated {d.generated}
                  </span>{' '}
                  (PDF)
                </a>
              </Cell>
            </Row>
          ))}
        </Table>
      )}
      <p>
        <Link to={`/patients/${patient.id}/messages`}>Messages sent to this patient</Link>
      </p>
      {accessHistory ? (
        <section aria-labelledby="access-history">
          <h2 id="access-history">Who has looked at this record</h2>
          <p>The latest {accessHistory.length === 1 ? 'event' : `${accessHistory.length} events`} about this patient in the audit trail, newest first. Your own view of this page is the first.</p>
          <Table head={['When', 'Who', 'What']}>
            {accessHistory.map((e) => (
              <Row key={e.id}>
                <Cell>{e.when}</Cell>
                <Cell>{e.who}</Cell>
                <Cell>{e.what}</Cell>
              </Row>
            ))}
          </Table>
          <p>
            <Link to={`/admin/audit?patientId=${encodeURIComponent(patient.id)}`}>Full audit trail for this patient</Link>
          </p>
        </section>
      ) : null}
      <p>
        <Link to="/patients">Find another patient</Link>
      </p>
    </>
  );
}
