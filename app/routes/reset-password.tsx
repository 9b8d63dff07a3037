import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { resetPasswordSchema } from '~/admin/staff-form';
import { RESET_LINK_NOT_VALID_MESSAGE } from '~/auth/password-reset';
import { PASSWORD_HINT } from '~/auth/password-rules';
import { findPasswordReset, usePasswordReset } from '~/auth/passwords.server';
import { clientAddress } from '~/auth/session.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Set your password');

// No sign-in needed: the one-time link from an administrator opens this form and nothing else.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const found = await findPasswordReset(token);
  if (!found) return json({ valid: false as const, token: '', name: '', email: '' }, { status: 410 });
  return { valid: true as const, token, name: found.user.name, email: found.user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: resetPasswordSchema });
  const hidden = { hideFields: ['newPassword', 'confirmPassword'] };
  if (submission.status !== 'success') return json(submission.reply(hidden), { status: 400 });
  try {
    await usePasswordReset(submission.value.token, submission.value.newPassword, clientAddress(request));
  } catch (error) {
    return domainErrorReply(error, null);
  }
  return redirect('/sign-in?passwordSet=1');
}

export default function ResetPassword() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  if (!page.valid) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>This link does not work</h1>
          <p>{RESET_LINK_NOT_VALID_MESSAGE}</p>
          <p>
            <Link to="/sign-in">Go to sign in</Link>
          </p>
        </div>
      </div>
    );
  }
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const errors = { newPassword: fields.newPassword.errors, confirmPassword: fields.confirmPassword.errors };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError ?? form.errors?.[0]} />
        <h1>Set your password</h1>
        <p>
          For {page.name} ({page.email}). Afterwards, sign in with your email address and the new password.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="token" value={page.token} />
          {/* Lets a password manager save the new password against the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={page.email} />
          <TextInput name="newPassword" label="New password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" errors={errors.newPassword} />
          <TextInput name="confirmPassword" label="New password again" type="password" autoComplete="new-password" errors={errors.confirmPassword} />
          <button className="nhsuk-button" type="submit">
            Set password
          </button>
        </Form>
      </div>
    </div>
  );
}
