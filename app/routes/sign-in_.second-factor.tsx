// The second step of signing in for someone with a second factor: a code from their authenticator app, or a
// recovery code (docs/decisions/0016).
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { CODE_ALREADY_USED, cancelPendingSignIn, completeSecondStep, requirePendingSignIn } from '~/auth/second-factor.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { TwoThirds } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { CancelSignInForm, SignInAgain, SecurityCodeInput } from '~/components/second-factor';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';

export const meta: MetaFunction = () => pageTitle('Enter your security code');

const schema = z
  .object({
    code: z.string().trim().max(20, 'Enter the 6-digit code from your authenticator app').optional(),
    recoveryCode: z.string().trim().max(40, 'Enter a recovery code as it was shown to you').optional(),
  })
  .refine((v) => v.code || v.recoveryCode, { message: 'Enter the 6-digit code from your authenticator app', path: ['code'] });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePendingSignIn(request, false);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get('intent') === 'cancel') return redirect('/sign-in', { headers: { 'Set-Cookie': await cancelPendingSignIn(request) } });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), startAgain: null }, { status: 400 });
  const result = await completeSecondStep(request, submission.value);
  if (result.status === 'signed-in') return redirect(result.redirectTo, { headers: result.headers });
  if (result.status === 'start-again') {
    return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), startAgain: result.message }, { status: 401, headers: result.headers });
  }
  const left = result.attemptsLeft === 1 ? '1 more try' : `${result.attemptsLeft} more tries`;
  // A code used again is refused but not counted as a wrong guess.
  const message = result.message === CODE_ALREADY_USED ? `${result.message}.` : `${result.message}. You have ${left}.`;
  return json(
    { ...submission.reply({ fieldErrors: { [result.field]: [message] }, hideFields: ['code', 'recoveryCode'] }), startAgain: null },
    { status: 401 },
  );
}

export default function SecondFactor() {
  const reply = useActionData<typeof action>();
  // One reply for the two ways in: the app's code, or a recovery code (its own form below).
  const [form, fields] = useReplyForm<typeof schema>({ id: 'security-code', reply });
  if (reply?.startAgain) return <SignInAgain message={reply.startAgain} />;
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      <h1>Enter your security code</h1>
      <p>Open the authenticator app on your phone and enter the 6-digit code it shows for PainDesk.</p>
      <Form method="post" {...formProps(form)}>
        <SecurityCodeInput field={fields.code} label="Security code" hint="For example, 123456" />
        <button className="nhsuk-button" type="submit">
          Continue
        </button>
      </Form>
      <details className="nhsuk-details" open={!!fields.recoveryCode.errors}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">I cannot use my authenticator app</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>Enter one of the recovery codes you saved when you set up your second factor. Each code works once.</p>
          <Form method="post">
            <TextInput
              name={fields.recoveryCode.name}
              label="Recovery code"
              hint="For example, ABCD-EFGH-JKMN-PQRS"
              width={20}
              autoComplete="off"
              spellCheck={false}
              errors={fields.recoveryCode.errors}
            />
            <button className="nhsuk-button nhsuk-button--secondary" type="submit">
              Use recovery code
            </button>
          </Form>
          <p>If you have no recovery codes left, ask an administrator to reset your second factor.</p>
        </div>
      </details>
      <CancelSignInForm />
    </TwoThirds>
  );
}
