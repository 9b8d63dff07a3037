import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { attemptSignIn } from '~/auth/sign-in.server';
import { BUSY_MESSAGE, lockedMessage, throttledMessage } from '~/auth/sign-in-policy';
import { clientAddress, getCurrentUser, safeRedirectTarget, startSession } from '~/auth/session.server';
import { getEnv } from '~/env.server';
import { beginSecondStep, secondStepPath } from '~/auth/second-factor.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { Notice, TwoThirds } from '~/components/page-parts';
import { formProps, textField, useReplyForm } from '~/components/reply-form';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Sign in');

// A document request takes its headers from here, not from the action's reply: pass Retry-After on (429, 503).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

const signInSchema = z.object({
  email: z.string({ required_error: 'Enter your email address' }).trim().max(200),
  password: z.string({ required_error: 'Enter your password' }).max(200),
  redirectTo: z.string().optional(),
});

/** One message for a wrong email or a wrong password: never tell which. */
const WRONG_CREDENTIALS = 'The email address or password is not correct';

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect('/');
  // A password already accepted but a second step not done: every page sends them back to that step.
  const secondStep = await secondStepPath(request);
  if (secondStep) throw redirect(secondStep);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400 });
  }
  const outcome = await attemptSignIn(submission.value.email, submission.value.password, clientAddress(request), {
    production: getEnv().NODE_ENV === 'production',
  });
  if (!outcome.ok) {
    const refusal = (message: string, status: number, headers?: HeadersInit) =>
      json(submission.reply({ formErrors: [message], hideFields: ['password'] }), { status, headers });
    switch (outcome.reason) {
      case 'wrong':
        return refusal(WRONG_CREDENTIALS, 401);
      case 'locked':
        return refusal(lockedMessage(outcome.lockedUntil), 403);
      case 'throttled':
        return refusal(throttledMessage(outcome.retryAfter), 429, { 'Retry-After': String(outcome.retryAfter) });
      case 'busy':
        return refusal(BUSY_MESSAGE, 503, { 'Retry-After': String(outcome.retryAfter) });
    }
  }
  const { user } = outcome;
  const secondStep = await beginSecondStep(user, request, submission.value.redirectTo);
  if (secondStep) return secondStep;
  const cookie = await startSession(user.id, user.role, request);
  return redirect(safeRedirectTarget(submission.value.redirectTo), { headers: { 'Set-Cookie': cookie } });
}

export default function SignIn() {
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useReplyForm({ id: 'sign-in', reply, schema: signInSchema });
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      {searchParams.get('signedOut') ? <Notice>You have signed out.</Notice> : null}
      {searchParams.get('passwordSet') ? <Notice>Your password has been set. Sign in with your email address and the new password.</Notice> : null}
      <h1>Sign in to PainDesk</h1>
      <p>PainDesk is for staff of the Chronic Pain Unit. Use the email address and password you were given.</p>
      <p>If you have forgotten your password or your account is locked, ask an administrator for a password link.</p>
      <Form method="post" {...formProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <TextInput {...textField(fields.email)} label="Email address" type="email" autoComplete="username" spellCheck={false} />
        <TextInput name={fields.password.name} label="Password" type="password" autoComplete="current-password" errors={fields.password.errors} />
        <button className="nhsuk-button" type="submit">
          Sign in
        </button>
      </Form>
    </TwoThirds>
  );
}
