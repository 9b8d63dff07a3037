import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { resetPasswordSchema } from '~/admin/staff-form';
import { RESET_LINK_NOT_VALID_MESSAGE } from '~/auth/password-reset';
import { findPasswordReset, usePasswordReset } from '~/auth/passwords.server';
import { clientAddress } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { TwoThirds } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { NewPasswordFields } from '~/components/staff-fields';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Set your password');

// No sign-in needed: the one-time link from an administrator opens this form and nothing else.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const found = await findPasswordReset(token);
  if (!found) return json({ valid: false as const, token: '', name: '', email: '' }, { status: 410 });
  return { valid: true as const, token, name: found.user.name, email: found.user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  return submitForm(
    await readForm(request),
    resetPasswordSchema,
    async (value) => {
      await usePasswordReset(value.token, value.newPassword, clientAddress(request));
      return redirect('/sign-in?passwordSet=1');
    },
    { hideFields: ['newPassword', 'confirmPassword'] },
  );
}

export default function ResetPassword() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useReplyForm({ id: 'reset-password', reply, schema: resetPasswordSchema });
  if (!page.valid) {
    return (
      <TwoThirds>
        <h1>This link does not work</h1>
        <p>{RESET_LINK_NOT_VALID_MESSAGE}</p>
        <p>
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      <h1>Set your password</h1>
      <p>
        For {page.name} ({page.email}). Afterwards, sign in with your email address and the new password.
      </p>
      <Form method="post" {...formProps(form)}>
        <input type="hidden" name="token" value={page.token} />
        {/* Lets a password manager save the new password against the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={page.email} />
        <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
        <button className="nhsuk-button" type="submit">
          Set password
        </button>
      </Form>
    </TwoThirds>
  );
}
