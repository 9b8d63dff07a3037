// The audit trail for administrators: filter by patient, staff member, action and London days; keyset pages
// of 50, newest first; labels, names and NHS numbers instead of codes and ids; CSV export of the filter.
// The filter form is a plain GET form, so it works without JavaScript. Reading the trail is audited.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { auditFilterQuery, type AuditQueryError } from '~/audit/audit-filter';
import { auditPatientName, auditTrailPage, recordAuditTrailView, resolveAuditQuery, type AuditTrailRow } from '~/audit/audit-trail.server';
import { auditActionOptions } from '~/audit/labels';
import { ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, fieldId, TextInput } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { formatDateTime, pageTitle } from '~/utils/format';

export const meta: MetaFunction = () => pageTitle('Audit trail');

function viewRow(r: AuditTrailRow) {
  return {
    id: r.id,
    when: formatDateTime(r.at),
    who: r.actor ? `${r.actor.name}${r.actorRole ? ` (${ROLE_LABEL[r.actorRole]})` : ''}` : 'System',
    what: r.actionLabel,
    record: r.entityLabel,
    recordHref: r.patient ? `/patients/${r.patient.id}` : r.entityType === 'ProcedureList' ? `/lists/${r.entityId}` : null,
    patient: r.patient,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  const query = await resolveAuditQuery(new URL(request.url).searchParams);
  const base = {
    values: query.values,
    errors: query.errors,
    patientChoices: query.patientChoices,
    staff: query.staff.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role]})${s.active ? '' : ', deactivated'}` })),
    actions: auditActionOptions(),
    filterQuery: auditFilterQuery(query.filter),
  };
  if (query.errors.length > 0 || query.patientChoices) {
    return json({ ...base, patient: null, rows: [], newer: null, older: null, listed: false }, { status: query.errors.length > 0 ? 400 : 200 });
  }
  const page = await auditTrailPage(query.filter, query.cursor);
  const patient = query.filter.patientId ? await auditPatientName(query.filter.patientId) : null;
  await recordAuditTrailView(query.filter, actor, ipAddress);
  return json({
    ...base,
    patient: query.filter.patientId ? { id: query.filter.patientId, name: patient?.name ?? null, nhsNumber: patient?.nhsNumber ?? null } : null,
    rows: page.rows.map(viewRow),
    newer: page.newer ? auditFilterQuery(query.filter, page.newer) : null,
    older: page.older ? auditFilterQuery(query.filter, page.older) : null,
    listed: true,
  });
}

function errorsFor(errors: AuditQueryError[]) {
  const byField: Record<string, string[]> = {};
  for (const e of errors) (byField[e.field] ??= []).push(e.message);
  return byField;
}

function withoutPatient(filterQuery: string) {
  const params = new URLSearchParams(filterQuery);
  params.delete('patientId');
  params.delete('patient');
  const rest = params.toString();
  return rest ? `/admin/audit?${rest}` : '/admin/audit';
}

export default function AuditTrail() {
  const data = useLoaderData<typeof loader>();
  const errors = errorsFor(data.errors);
  const actionError = errors.action?.[0];
  const actorError = errors.actor?.[0];
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Audit trail</h1>
      <p>
        Who did what to which record, and when, newest first. Events cannot be changed or deleted. Viewing and exporting the trail are
        recorded in it too.
      </p>
      <form method="get" action="/admin/audit" className="nhsuk-u-margin-bottom-5">
        <h2 className="nhsuk-heading-m">Filter events</h2>
        {data.patient ? (
          <div className="nhsuk-form-group">
            <input type="hidden" name="patientId" value={data.patient.id} />
            <p>
              Patient:{' '}
              <strong>
                {data.patient.name ? `${data.patient.name}, NHS number ${data.patient.nhsNumber}` : 'a record that no longer exists'}
              </strong>{' '}
              <Link to={withoutPatient(data.filterQuery)}>Change patient</Link>
            </p>
          </div>
        ) : (
          <TextInput
            name="patient"
            label="Patient"
            hint="NHS number or name. Leave empty for all patients."
            defaultValue={data.values.patient}
            errors={errors.patient}
            width={20}
            spellCheck={false}
          />
        )}
        <div className={`nhsuk-form-group${actorError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={fieldId('actor')}>
            Staff member
          </label>
          {actorError ? (
            <span className="nhsuk-error-message" id={`${fieldId('actor')}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {actorError}
            </span>
          ) : null}
          <select className="nhsuk-select" id={fieldId('actor')} name="actor" defaultValue={data.values.actor} aria-describedby={actorError ? `${fieldId('actor')}-error` : undefined}>
            <option value="">Anyone</option>
            <option value="system">The system (no staff member)</option>
            {data.staff.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`nhsuk-form-group${actionError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={fieldId('action')}>
            Action
          </label>
          {actionError ? (
            <span className="nhsuk-error-message" id={`${fieldId('action')}-error`}>
              <span className="nhsuk-u-visually-hidden">Error:</span> {actionError}
            </span>
          ) : null}
          <select className="nhsuk-select" id={fieldId('action')} name="action" defaultValue={data.values.action} aria-describedby={actionError ? `${fieldId('action')}-error` : undefined}>
            <option value="">Any action</option>
            {data.actions.map((group) => (
              <optgroup key={group.group} label={group.group}>
                {group.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <TextInput name="from" type="date" label="From (UK date)" hint="The whole day, UK time." defaultValue={data.values.from} errors={errors.from} width={10} />
        <TextInput name="to" type="date" label="To (UK date)" hint="Up to the end of this day, UK time." defaultValue={data.values.to} errors={errors.to} width={10} />
        <button className="nhsuk-button" type="submit">
          Show events
        </button>{' '}
        <Link className="nhsuk-u-margin-left-3" to="/admin/audit">
          Clear filters
        </Link>
      </form>

      {errors.page ? (
        <p>
          <Link to="/admin/audit">Go to the newest events</Link>
        </p>
      ) : null}

      {data.patientChoices ? (
        <>
          <h2>Several patients match</h2>
          <p>Choose the patient whose events you want to see.</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {data.patientChoices.map((p) => (
              <li key={p.id}>
                <Link to={`/admin/audit?${new URLSearchParams([...new URLSearchParams(data.filterQuery), ['patientId', p.id]]).toString()}`}>
                  {p.name}, NHS number {p.nhsNumber}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {data.listed ? (
        <>
          <p>
            <a href={`/admin/audit/csv${data.filterQuery ? `?${data.filterQuery}` : ''}`} download>
              Download these events as CSV
            </a>{' '}
            (every event matching the filter, up to 10,000; the download is recorded in the audit trail)
          </p>
          {data.rows.length === 0 ? (
            <p>No events match this filter.</p>
          ) : (
            <Table caption={`Events, newest first`} head={['When', 'Who', 'What', 'Record', 'Patient']}>
              {data.rows.map((e) => (
                <Row key={e.id}>
                  <Cell>{e.when}</Cell>
                  <Cell>{e.who}</Cell>
                  <Cell>{e.what}</Cell>
                  <Cell>{e.recordHref ? <Link to={e.recordHref}>{e.record}</Link> : e.record}</Cell>
                  <Cell>
                    {e.patient ? (
                      <Link to={`/admin/audit?patientId=${encodeURIComponent(e.patient.id)}`}>
                        {e.patient.name ? (
                          <>
                            {e.patient.name}
                            <br />
                            <span className="paindesk-nhs-number">{e.patient.nhsNumber}</span>
                          </>
                        ) : (
                          'Record no longer exists'
                        )}
                      </Link>
                    ) : null}
                  </Cell>
                </Row>
              ))}
            </Table>
          )}
          {data.newer || data.older ? (
            <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of events">
              <ul className="nhsuk-list nhsuk-pagination__list">
                {data.newer ? (
                  <li className="nhsuk-pagination-item--previous">
                    <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={`/admin/audit?${data.newer}`}>
                      <span className="nhsuk-pagination__title">Newer events</span>
                    </Link>
                  </li>
                ) : null}
                {data.older ? (
                  <li className="nhsuk-pagination-item--next">
                    <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={`/admin/audit?${data.older}`}>
                      <span className="nhsuk-pagination__title">Older events</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
