// Setting up a second factor during sign-in, for someone whose role needs one and who has none yet
// (docs/decisions/0016). Until they confirm a code they are not signed in: every other page sends them here.
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { confirmCodeSchema } from '~/auth/second-factor-forms';
import { cancelPendingSignIn, completeEnrolmentStep, pendingEnrolmentDetails, requirePendingSignIn } from '~/auth/second-factor.server';
import { ErrorSummary } from '~/components/forms';
import { TwoThirds } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { CancelSignInForm, EnrolmentInstructions, SignInAgain, SecurityCodeInput } from '~/components/second-factor';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { runUseCase } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Set up a second factor');

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePendingSignIn(request, true);
  const details = await pendingEnrolmentDetails(pending);
  return { role: ROLE_LABEL[pending.user.role], ...details };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get('intent') === 'cancel') return redirect('/sign-in', { headers: { 'Set-Cookie': await cancelPendingSignIn(request) } });
  const submission = parseWithZod(formData, { schema: confirmCodeSchema });
  if (submission.status !== 'success') return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), startAgain: null }, { status: 400 });
  return runUseCase(async () => {
    const result = await completeEnrolmentStep(request, submission.value.code);
    if (result.status === 'signed-in') return redirect(result.redirectTo, { headers: result.headers });
    if (result.status === 'start-again') {
      return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), startAgain: result.message }, { status: 401, headers: result.headers });
    }
    const left = result.attemptsLeft === 1 ? '1 more try' : `${result.attemptsLeft} more tries`;
    return json({ ...submission.reply({ fieldErrors: { code: [`${result.message}. You have ${left}.`] }, hideFields: ['code', 'recoveryCode'] }), startAgain: null }, { status: 401 });
  });
}

export default function SetUpSecondFactor() {
  const details = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useReplyForm<typeof confirmCodeSchema>({ id: 'set-up-second-factor', reply });
  if (reply && 'startAgain' in reply && reply.startAgain) return <SignInAgain message={reply.startAgain} />;
  return (
    <TwoThirds>
      <ErrorSummary errors={form.allErrors} />
      <h1>Set up a second factor</h1>
      <p>
        As {/^[AEIOU]/.test(details.role) ? 'an' : 'a'} {details.role.toLowerCase()} you need a second factor to sign in to PainDesk: a
        6-digit code from an authenticator app on your phone, as well as your password.
      </p>
      <EnrolmentInstructions {...details} />
      <Form method="post" {...formProps(form)}>
        <SecurityCodeInput field={fields.code} label="Security code from the app" hint="The 6-digit code the app now shows for PainDesk" />
        <button className="nhsuk-button" type="submit">
          Confirm and continue
        </button>
      </Form>
      <CancelSignInForm />
    </TwoThirds>
  );
}
