import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { changePasswordSchema } from '~/admin/staff-form';
import { changeOwnPassword } from '~/auth/passwords.server';
import { ROLE_LABEL } from '~/auth/roles';
import { requireActor } from '~/auth/session.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { Notice, SummaryList } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { NewPasswordFields } from '~/components/staff-fields';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Your account');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  return { name: user.name, email: user.email, role: user.role };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, ipAddress } = await requireActor(request);
  // Never send a password back to the page.
  const hideFields = ['currentPassword', 'newPassword', 'confirmPassword'];
  return submitForm(
    await readForm(request),
    changePasswordSchema,
    async (value) => {
      // The whole user: changing a password ends their other sessions, not this one.
      await changeOwnPassword(user, value, ipAddress);
      return redirect('/account?changed=1');
    },
    { hideFields },
  );
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useReplyForm({ id: 'change-password', reply, schema: changePasswordSchema });
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {params.get('changed') && !reply ? <Notice>Your password has been changed. You have been signed out everywhere else.</Notice> : null}
      <h1>Your account</h1>
      <SummaryList
        rows={[
          ['Name', account.name],
          ['Email address', account.email],
          ['Role', ROLE_LABEL[account.role]],
        ]}
      />
      <p>An administrator changes your name or role.</p>
      <h2>Change your password</h2>
      <Form method="post" {...formProps(form)}>
        <TextInput name={fields.currentPassword.name} label="Current password" type="password" autoComplete="current-password" errors={fields.currentPassword.errors} />
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <button className="nhsuk-button" type="submit">
          Change password
        </button>
      </Form>
    </>
  );
}
