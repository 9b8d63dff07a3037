// An administrator resets a member of staff's second factor, for a lost phone (docs/decisions/0016): the
// second factor and recovery codes go, their sessions end, and they set up a new one at their next sign-in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { getStaffSecondFactor, resetSecondFactor } from '~/auth/reset-second-factor.server';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { getPrisma } from '~/db.server';
import { isDomainError } from '~/errors';
import { formatDateTime, pageTitle } from '~/utils/format';
import { notFound } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Reset second factor');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const staff = await getStaffSecondFactor(await getPrisma(), params.staffId ?? '');
  if (!staff) notFound('There is no such member of staff');
  return { ...staff, role: ROLE_LABEL[staff.role], enrolledAt: staff.enrolledAt?.toISOString() ?? null, self: staff.id === admin.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  // No fields, but the body is still read as a form: JSON, text or files are refused (415) before anything changes.
  await readForm(request);
  const staffId = params.staffId ?? '';
  try {
    await resetSecondFactor(await getPrisma(), actorOf(admin), staffId, clientAddress(request));
  } catch (error) {
    if (isDomainError(error)) throw new Response(error.message, { status: error.status });
    throw error;
  }
  return redirect(`/admin/staff/${encodeURIComponent(staffId)}/reset-second-factor?done=1`);
}

export default function ResetSecondFactor() {
  const staff = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {params.get('done') ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>The second factor was reset and {staff.name} was signed out everywhere.</p>
          </div>
        ) : null}
        <h1>Reset second factor: {staff.name}</h1>
        <p>
          {staff.email}, {staff.role.toLowerCase()}.{' '}
          {staff.enrolledAt ? `Second factor set up on ${formatDateTime(new Date(staff.enrolledAt))}.` : 'No second factor is set up.'}
        </p>
        {staff.self ? (
          <p>You cannot reset your own second factor. Ask another administrator.</p>
        ) : (
          <>
            <p>
              Do this when they have lost the phone with their authenticator app and their recovery codes. Check who is asking first. Their second
              factor and recovery codes are removed and they are signed out everywhere; if their role needs a second factor they set up a new one
              at their next sign-in.
            </p>
            <Form method="post">
              <button className="nhsuk-button nhsuk-button--warning" type="submit">
                Reset second factor
              </button>
            </Form>
          </>
        )}
        <p>
          <Link to="/admin">Back to staff and sites</Link>
        </p>
      </div>
    </div>
  );
}
