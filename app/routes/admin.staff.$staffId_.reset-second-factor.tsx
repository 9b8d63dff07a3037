// An administrator resets a member of staff's second factor, for a lost phone (docs/decisions/0016): the
// second factor and recovery codes go, their sessions end, and they set up a new one at their next sign-in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { getStaffSecondFactor, resetSecondFactor } from '~/auth/reset-second-factor.server';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { ErrorSummary } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { getPrisma } from '~/db.server';
import { formatDateTime, pageTitle } from '~/utils/format';
import { notFound } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { runUseCase } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Reset second factor');

export const handle: AdminHandle = { adminSection: 'staff' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, 'ADMIN');
  const staff = await getStaffSecondFactor(await getPrisma(), params.staffId ?? '');
  if (!staff) notFound('There is no such member of staff');
  return { ...staff, role: ROLE_LABEL[staff.role], enrolledAt: staff.enrolledAt?.toISOString() ?? null, self: staff.id === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  // No fields, but the body is still read as a form: JSON, text or files are refused (415) before anything changes.
  await readForm(request);
  const staffId = params.staffId ?? '';
  return runUseCase(async () => {
    await resetSecondFactor(await getPrisma(), actor, staffId, ipAddress);
    return redirect(`/admin/staff/${encodeURIComponent(staffId)}/reset-second-factor?done=1`);
  });
}

export default function ResetSecondFactor() {
  const staff = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form] = useReplyForm({ id: 'reset-second-factor', reply });
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {params.get('done') ? <Notice>The second factor was reset and {staff.name} was signed out everywhere.</Notice> : null}
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
          <Form method="post" {...formProps(form)}>
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              Reset second factor
            </button>
          </Form>
        </>
      )}
    </>
  );
}
