import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
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
import { staffActionSchema, staffDetailsSchema, STAFF_ROLES } from '~/admin/staff-form';
import { resetLinkUrl } from '~/auth/password-reset';
import { ROLE_LABEL } from '~/auth/roles';
import { isLocked, LOCK_AFTER_FAILURES } from '~/auth/sign-in-policy';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { ErrorSummary, Radios, Tag, TextInput } from '~/components/forms';
import { PasswordLinkPanel } from '~/components/password-link';
import { submittedValues, textValue } from '~/utils/form-values';
import { formatDateTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { domainErrorReply, notFound } from '~/utils/http.server';
import { isDomainError } from '~/errors';

export const meta: MetaFunction = () => pageTitle('Member of staff');

const DONE: Record<string, string> = {
  details: 'Details saved.',
  deactivate: 'Deactivated: they are signed out and cannot sign in.',
  reactivate: 'Reactivated: they can sign in again.',
  unlock: 'Unlocked: they can sign in again.',
};

async function member(staffId: string | undefined) {
  try {
    return await getStaffMember(staffId ?? '');
  } catch (error) {
    if (isDomainError(error)) return notFound(error.message);
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const staff = await member(params.staffId);
  const now = new Date();
  return { staff, locked: isLocked(staff.lockedUntil, now), isSelf: staff.id === admin.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const staff = await member(params.staffId);
  const actor = actorOf(admin);
  const address = clientAddress(request);
  const formData = await readForm(request);
  if (formData.get('intent') === 'details') {
    const submission = parseWithZod(formData, { schema: staffDetailsSchema });
    if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
    try {
      await updateStaffDetails(staff.id, submission.value, actor, address);
    } catch (error) {
      return domainErrorReply(error, submission.reply().initialValue);
    }
    return redirect(`/admin/staff/${staff.id}?done=details`);
  }
  const submission = parseWithZod(formData, { schema: staffActionSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { intent } = submission.value;
  try {
    if (intent === 'password-reset') {
      const link = await issuePasswordReset(staff.id, actor, address);
      // Shown once, to this admin, and never stored: only its hash is in the database.
      return json({ issued: { link: resetLinkUrl(new URL(request.url).origin, link.token), expiresAt: link.expiresAt.toISOString() } });
    }
    if (intent === 'unlock') await unlockStaffMember(staff.id, actor, address);
    else await setStaffActive(staff.id, intent === 'reactivate', actor, address);
  } catch (error) {
    return domainErrorReply(error);
  }
  return redirect(`/admin/staff/${staff.id}?done=${intent}`);
}

function ActionButton({ intent, label, warning }: { intent: string; label: string; warning?: boolean }) {
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
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const issued = lastResult && 'issued' in lastResult ? lastResult.issued : null;
  const detailsReply = lastResult && 'error' in lastResult && textValue(submittedValues(lastResult), 'intent') === 'details' ? lastResult : undefined;
  const [form, fields] = useForm({
    id: 'staff-details',
    lastResult: detailsReply as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffDetailsSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const values = submittedValues(detailsReply);
  const value = (name: string, saved: string | null) => textValue(values, name) ?? (detailsReply ? '' : (saved ?? ''));
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const errors = { name: fields.name.errors, role: fields.role.errors, gmcNumber: fields.gmcNumber.errors };
  const done = params.get('done');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError ?? form.errors?.[0]} />
        {done && DONE[done] && !lastResult ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{DONE[done]}</p>
          </div>
        ) : null}
        <span className="nhsuk-caption-l">{ROLE_LABEL[staff.role]}</span>
        <h1>{staff.name}</h1>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Email address</dt>
            <dd className="nhsuk-summary-list__value">{staff.email}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Status</dt>
            <dd className="nhsuk-summary-list__value" data-testid="staff-status">
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
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Last signed in</dt>
            <dd className="nhsuk-summary-list__value">{staff.lastSignInAt ? formatDateTime(new Date(staff.lastSignInAt)) : 'Never'}</dd>
          </div>
        </dl>

        {issued ? <PasswordLinkPanel name={staff.name} link={issued.link} expiresAt={issued.expiresAt} /> : null}

        <h2>Details</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <TextInput name="name" label="Full name" autoComplete="off" defaultValue={value('name', staff.name)} errors={errors.name} />
          <Radios
            name="role"
            legend="Role"
            hint="Changing the role signs them out, so the new role applies at once."
            options={STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }))}
            defaultValue={value('role', staff.role)}
            errors={errors.role}
          />
          <TextInput
            name="gmcNumber"
            label="GMC number (doctors only)"
            hint="7 digits"
            width={10}
            inputMode="numeric"
            defaultValue={value('gmcNumber', staff.gmcNumber)}
            errors={errors.gmcNumber}
          />
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
        <p>
          <Link to="/admin">Back to staff and sites</Link>
        </p>
      </div>
    </div>
  );
}
