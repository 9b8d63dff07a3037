import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { changePasswordSchema } from '~/admin/staff-form';
import { PASSWORD_HINT } from '~/auth/password-rules';
import { changeOwnPassword } from '~/auth/passwords.server';
import { ROLE_LABEL } from '~/auth/roles';
import { clientAddress, requireUser } from '~/auth/session.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Your account');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, role: user.role };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  const hidden = { hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] };
  if (submission.status !== 'success') return json(submission.reply(hidden), { status: 400 });
  try {
    await changeOwnPassword(user, submission.value, clientAddress(request));
  } catch (error) {
    // Never send a password back to the page.
    return domainErrorReply(error, null);
  }
  return redirect('/account?changed=1');
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const errors = {
    currentPassword: fields.currentPassword.errors,
    newPassword: fields.newPassword.errors,
    confirmPassword: fields.confirmPassword.errors,
  };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError ?? form.errors?.[0]} />
        {params.get('changed') && !lastResult ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Your password has been changed. You have been signed out everywhere else.</p>
          </div>
        ) : null}
        <h1>Your account</h1>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Name</dt>
            <dd className="nhsuk-summary-list__value">{account.name}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Email address</dt>
            <dd className="nhsuk-summary-list__value">{account.email}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Role</dt>
            <dd className="nhsuk-summary-list__value">{ROLE_LABEL[account.role]}</dd>
          </div>
        </dl>
        <p>An administrator changes your name or role.</p>
        <h2>Change your password</h2>
        <Form method="post" {...getFormProps(form)}>
          <TextInput name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={errors.currentPassword} />
          <TextInput name="newPassword" label="New password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" errors={errors.newPassword} />
          <TextInput name="confirmPassword" label="New password again" type="password" autoComplete="new-password" errors={errors.confirmPassword} />
          <button className="nhsuk-button" type="submit">
            Change password
          </button>
        </Form>
      </div>
    </div>
  );
}
