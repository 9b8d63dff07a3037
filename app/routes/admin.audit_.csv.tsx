// The filtered audit trail as CSV (/admin/audit/csv?...the page's filters). Administrators only; the export
// is itself recorded in the audit trail with its filter. The "_" keeps it out of the audit page's layout.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportAuditTrail, resolveAuditQuery } from '~/audit/audit-trail.server';
import { ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { fileResponse } from '~/utils/http.server';

function refusal(message: string, status: number) {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  const query = await resolveAuditQuery(new URL(request.url).searchParams);
  if (query.errors.length > 0) throw refusal(query.errors.map((e) => e.message).join('\n'), 400);
  if (query.patientChoices) throw refusal('Several patients match this name: choose one on the audit trail page, then download.', 400);
  const exported = await exportAuditTrail(query.filter, actor, ipAddress, (role) => ROLE_LABEL[role]);
  if (exported.kind === 'too-many') {
    throw refusal(`More than ${exported.max.toLocaleString('en-GB')} events match this filter. Narrow it (for example to fewer days) and download again.`, 400);
  }
  return fileResponse(exported.csv, { contentType: 'text/csv; charset=utf-8', filename: 'audit-trail.csv' });
}
