import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { createStaffMember } from '~/admin/staff-accounts.server';
import { newStaffSchema } from '~/admin/staff-form';
import { resetLinkUrl } from '~/auth/password-reset';
import { requireActor } from '~/auth/session.server';
import type { AdminHandle } from '~/components/admin-shell';
import { ErrorSummary } from '~/components/forms';
import { PasswordLinkPanel } from '~/components/password-link';
import { formProps, useReplyForm } from '~/components/reply-form';
import { StaffFields } from '~/components/staff-fields';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Add a member of staff');

export const handle: AdminHandle = { adminSection: 'staff' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, 'ADMIN');
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  return submitForm(await readForm(request), newStaffSchema, async (value) => {
    const link = await createStaffMember(value, actor, ipAddress);
    // Shown once, to this admin, and never stored: only its hash is in the database.
    return json({
      created: { id: link.userId, name: value.name, link: resetLinkUrl(new URL(request.url).origin, link.token), expiresAt: link.expiresAt.toISOString() },
    });
  });
}

export default function AddStaffMember() {
  const reply = useActionData<typeof action>();
  const created = reply && 'created' in reply ? reply.created : null;
  const [form, fields] = useReplyForm({ id: 'add-staff', reply, schema: newStaffSchema });
  if (created) {
    return (
      <>
        <h1>{created.name} has been added</h1>
        <PasswordLinkPanel name={created.name} link={created.link} expiresAt={created.expiresAt} />
        <p>
          <Link to={`/admin/staff/${created.id}`}>See {created.name}’s account</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      <h1>Add a member of staff</h1>
      <p>They will set their own password from a one-time link you are shown next.</p>
      <Form method="post" {...formProps(form)}>
        <StaffFields fields={fields} />
        <button className="nhsuk-button" type="submit">
          Add member of staff
        </button>
      </Form>
    </>
  );
}
