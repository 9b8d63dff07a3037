import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import {
  getStaffMember,
  issuePasswordReset,
  setStaffActive,
  unlockStaffMember,
  updateStaffDetails,
} from '~/admin/staff-accounts.server';
import { staffActionSchema, staffDetailsSchema } from '~/admin/staff-form';
import { resetLinkUrl } from '~/auth/password-reset';
import { ROLE_LABEL } from '~/auth/roles';
import { isLocked, LOCK_AFTER_FAILURES } from '~/auth/sign-in-policy';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { ErrorSummary, Tag } from '~/components/forms';
import { Notice, SummaryList, SummaryRow } from '~/components/page-parts';
import { PasswordLinkPanel } from '~/components/password-link';
import { formProps, useReplyForm } from '~/components/reply-form';
import { StaffFields } from '~/components/staff-fields';
import { formatDateTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { loadUseCase, submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Member of staff');

export const handle: AdminHandle = { adminSection: 'staff' };

const DONE: Record<string, string> = {
  details: 'Details saved.',
  deactivate: 'Deactivated: they are signed out and cannot sign in.',
  reactivate: 'Reactivated: they can sign in again.',
  unlock: 'Unlocked: they can sign in again.',
};

const ACCOUNT_INTENTS = staffActionSchema.shape.intent.options;

/** The member of staff in the address; any refusal to find them is this page's 404. */
const member = (staffId: string | undefined) =>
  loadUseCase(() => getStaffMember(staffId ?? ''), (error) => new Response(error.message, { status: 404 }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireActor(request, 'ADMIN');
  const staff = await member(params.staffId);
  return { staff, locked: isLocked(staff.lockedUntil, new Date()), isSelf: staff.id === user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  const staff = await member(params.staffId);
  const formData = await readForm(request);
  if (formData.get('intent') === 'details') {
    return submitForm(formData, staffDetailsSchema, async (value) => {
      await updateStaffDetails(staff.id, value, actor, ipAddress);
      return redirect(`/admin/staff/${staff.id}?done=details`);
    });
  }
  return submitForm(formData, staffActionSchema, async ({ intent }) => {
    if (intent === 'password-reset') {
      const link = await issuePasswordReset(staff.id, actor, ipAddress);
      // Shown once, to this admin, and never stored: only its hash is in the database.
      return json({ issued: { link: resetLinkUrl(new URL(request.url).origin, link.token), expiresAt: link.expiresAt.toISOString() } });
    }
    if (intent === 'unlock') await unlockStaffMember(staff.id, actor, ipAddress);
    else await setStaffActive(staff.id, intent === 'reactivate', actor, ipAddress);
    return redirect(`/admin/staff/${staff.id}?done=${intent}`);
  });
}

function ActionButton({ intent, label, warning }: { intent: (typeof ACCOUNT_INTENTS)[number]; label: string; warning?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button className={`nhsuk-button${warning ? ' nhsuk-button--warning' : ' nhsuk-button--secondary'}`} type="submit">
        {label}
      </button>
    </Form>
  );
}

export default function StaffMemberPage() {
  const { staff, locked, isSelf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const issued = reply && 'issued' in reply ? reply.issued : null;
  const [form, fields] = useReplyForm({
    id: 'staff-details',
    reply,
    intent: 'details',
    schema: staffDetailsSchema,
    defaultValue: { name: staff.name, role: staff.role, gmcNumber: staff.gmcNumber },
  });
  const [accountForm] = useReplyForm({ id: 'staff-account', reply, intent: ACCOUNT_INTENTS });
  const done = params.get('done');
  return (
    <>
      <ErrorSummary errors={{ ...form.allErrors, ...accountForm.allErrors }} />
      {done && DONE[done] && !reply ? <Notice>{DONE[done]}</Notice> : null}
      <span className="nhsuk-caption-l">{ROLE_LABEL[staff.role]}</span>
      <h1>{staff.name}</h1>
      <SummaryList>
        <SummaryRow label="Email address">{staff.email}</SummaryRow>
        <SummaryRow label="Status" testId="staff-status">
          {!staff.active ? (
            <Tag colour="grey">Deactivated</Tag>
          ) : locked ? (
            <Tag colour="red">Locked until {formatDateTime(new Date(staff.lockedUntil!))}</Tag>
          ) : (
            <Tag colour="green">Active</Tag>
          )}
          {staff.active && staff.failedSignInCount > 0 ? (
            <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
              {staff.failedSignInCount} wrong password{staff.failedSignInCount === 1 ? '' : 's'} since the last sign-in (locked at{' '}
              {LOCK_AFTER_FAILURES}).
            </p>
          ) : null}
        </SummaryRow>
        <SummaryRow label="Last signed in">{staff.lastSignInAt ? formatDateTime(new Date(staff.lastSignInAt)) : 'Never'}</SummaryRow>
      </SummaryList>

      {issued ? <PasswordLinkPanel name={staff.name} link={issued.link} expiresAt={issued.expiresAt} /> : null}

      <h2>Details</h2>
      <Form method="post" {...formProps(form)}>
        <input type="hidden" name="intent" value="details" />
        <StaffFields fields={fields} roleHint="Changing the role signs them out, so the new role applies at once." />
        <button className="nhsuk-button" type="submit">
          Save details
        </button>
      </Form>

      <h2>Signing in</h2>
      {staff.active ? (
        <>
          <p>A password link lets them set a new password (for example if they have forgotten it). It works once, for 24 hours.</p>
          <ActionButton intent="password-reset" label="Issue a password link" />
          <p>
            If they have lost the phone with their authenticator app and their recovery codes,{' '}
            <Link to={`/admin/staff/${encodeURIComponent(staff.id)}/reset-second-factor`}>reset their second factor</Link>.
          </p>
          {locked || staff.failedSignInCount > 0 ? <ActionButton intent="unlock" label={locked ? 'Unlock account' : 'Clear wrong passwords'} /> : null}
          <p>
            Deactivating signs them out everywhere and stops them signing in. Their records stay.
            {isSelf ? ' You cannot deactivate yourself if you are the last active administrator.' : ''}
          </p>
          <ActionButton intent="deactivate" label="Deactivate" warning />
        </>
      ) : (
        <>
          <p>They cannot sign in. Reactivating lets them sign in with their password again.</p>
          <ActionButton intent="reactivate" label="Reactivate" />
        </>
      )}
    </>
  );
}
