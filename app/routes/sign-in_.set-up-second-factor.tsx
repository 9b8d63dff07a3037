// Setting up a second factor during sign-in, for someone whose role needs one and who has none yet
// (docs/decisions/0016). Until they confirm a code they are not signed in: every other page sends them here.
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ROLE_LABEL } from '~/auth/roles';
import { confirmCodeSchema } from '~/auth/second-factor-forms';
import { cancelPendingSignIn, completeEnrolmentStep, pendingEnrolmentDetails, requirePendingSignIn } from '~/auth/second-factor.server';
import { EnrolmentInstructions, SignInAgain } from '~/components/second-factor';
import { ErrorSummary, TextInput } from '~/components/forms';
import { domainErrorReply } from '~/utils/http.server';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';

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
  try {
    const result = await completeEnrolmentStep(request, submission.value.code);
    if (result.status === 'signed-in') return redirect(result.redirectTo, { headers: result.headers });
    if (result.status === 'start-again') {
      return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), startAgain: result.message }, { status: 401, headers: result.headers });
    }
    const left = result.attemptsLeft === 1 ? '1 more try' : `${result.attemptsLeft} more tries`;
    return json({ ...submission.reply({ fieldErrors: { code: [`${result.message}. You have ${left}.`] }, hideFields: ['code', 'recoveryCode'] }), startAgain: null }, { status: 401 });
  } catch (error) {
    return domainErrorReply(error);
  }
}

export default function SetUpSecondFactor() {
  const details = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result && 'startAgain' in result && result.startAgain) return <SignInAgain message={result.startAgain} />;
  const errors = (result?.error ?? {}) as Record<string, string[] | undefined>;
  const formError = result && 'formError' in result ? (result.formError as string | undefined) : undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError} />
        <h1>Set up a second factor</h1>
        <p>
          As {/^[AEIOU]/.test(details.role) ? 'an' : 'a'} {details.role.toLowerCase()} you need a second factor to sign in to PainDesk: a
          6-digit code from an authenticator app on your phone, as well as your password.
        </p>
        <EnrolmentInstructions {...details} />
        <Form method="post">
          <TextInput
            name="code"
            label="Security code from the app"
            hint="The 6-digit code the app now shows for PainDesk"
            width={10}
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            errors={errors.code}
          />
          <button className="nhsuk-button" type="submit">
            Confirm and continue
          </button>
        </Form>
        <Form method="post">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value="cancel">
            Cancel and sign in as someone else
          </button>
        </Form>
      </div>
    </div>
  );
}
