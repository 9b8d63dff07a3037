// A person's own second factor (docs/decisions/0016): set it up, get new recovery codes, or turn it off (each
// needs a current code; turning off is refused when their role needs a second factor).
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { confirmCodeSchema } from '~/auth/second-factor-forms';
import {
  disableSecondFactor,
  enrolFromAccount,
  enrolmentDetails,
  getAccountSecondFactor,
  redirectToNewRecoveryCodes,
  regenerateRecoveryCodes,
} from '~/auth/second-factor.server';
import { actorOf, clientAddress, requireUser } from '~/auth/session.server';
import { ErrorSummary, TextInput } from '~/components/forms';
import { EnrolmentInstructions } from '~/components/second-factor';
import { getPrisma } from '~/db.server';
import { formatDateTime, pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Second factor');

const INTENTS = ['enrol', 'regenerate', 'disable'] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const prisma = await getPrisma();
  const state = await getAccountSecondFactor(prisma, user);
  const settingUp = !state.enrolled && new URL(request.url).searchParams.get('set-up') === '1';
  return {
    ...state,
    enrolledAt: state.enrolledAt?.toISOString() ?? null,
    setUp: settingUp ? await enrolmentDetails(prisma, user) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = INTENTS.find((i) => i === formData.get('intent'));
  if (!intent) return json({ status: 'error' as const, intent: null, error: {}, formError: 'Choose what to do' }, { status: 400 });
  const submission = parseWithZod(formData, { schema: confirmCodeSchema });
  if (submission.status !== 'success') return json({ ...submission.reply({ hideFields: ['code', 'recoveryCode'] }), intent, formError: null as string | null }, { status: 400 });
  const prisma = await getPrisma();
  const actor = actorOf(user);
  try {
    if (intent === 'enrol') {
      const codes = await enrolFromAccount(prisma, actor, submission.value.code, clientAddress(request));
      return redirectToNewRecoveryCodes(user.id, codes, '/account/two-factor');
    }
    if (intent === 'regenerate') {
      const codes = await regenerateRecoveryCodes(prisma, actor, submission.value.code, clientAddress(request));
      return redirectToNewRecoveryCodes(user.id, codes, '/account/two-factor');
    }
    await disableSecondFactor(prisma, actor, submission.value.code, clientAddress(request));
    return redirect('/account/two-factor?turnedOff=1');
  } catch (error) {
    const reply = domainErrorReply(error);
    const body = (await reply.clone().json()) as { error: Record<string, string[]>; formError?: string };
    return json({ status: 'error' as const, intent, error: body.error, formError: body.formError ?? null }, { status: reply.status });
  }
}

function CodeForm({ intent, label, button, secondary, errors }: { intent: Intent; label: string; button: string; secondary?: boolean; errors?: string[] }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <TextInput
        name="code"
        label={label}
        hint="The 6-digit code your authenticator app shows for PainDesk"
        width={10}
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        errors={errors}
      />
      <button className={`nhsuk-button${secondary ? ' nhsuk-button--secondary' : ''}`} type="submit">
        {button}
      </button>
    </Form>
  );
}

export default function AccountSecondFactor() {
  const state = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errorsFor = (intent: Intent) => (result?.intent === intent ? (result.error as Record<string, string[]>)?.code : undefined);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={(result?.error ?? {}) as Record<string, string[]>} formError={result && 'formError' in result ? result.formError : null} />
        {params.get('turnedOff') && !state.enrolled ? (
          <div className="nhsuk-inset-text" role="status">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>Your second factor is turned off. You sign in with your password only.</p>
          </div>
        ) : null}
        <h1>Second factor</h1>
        {state.enrolled ? (
          <>
            <p>
              You sign in with your password and a code from your authenticator app. Set up on {formatDateTime(new Date(state.enrolledAt!))}.
            </p>
            <p>
              You have {state.recoveryCodesLeft} unused recovery {state.recoveryCodesLeft === 1 ? 'code' : 'codes'}.
            </p>
            <h2>New recovery codes</h2>
            <p>Your old recovery codes stop working.</p>
            <CodeForm intent="regenerate" label="Security code" button="Get new recovery codes" errors={errorsFor('regenerate')} />
            <h2>Turn off the second factor</h2>
            {state.required ? (
              <p>Your role must use a second factor, so it cannot be turned off. If you lose your phone, ask an administrator to reset it.</p>
            ) : (
              <CodeForm intent="disable" label="Security code" button="Turn off second factor" secondary errors={errorsFor('disable')} />
            )}
          </>
        ) : state.setUp ? (
          <>
            <EnrolmentInstructions {...state.setUp} />
            <CodeForm intent="enrol" label="Security code from the app" button="Confirm and turn on" errors={errorsFor('enrol')} />
            <p>
              <Link to="/account/two-factor">Cancel</Link>
            </p>
          </>
        ) : (
          <>
            <p>You sign in with your password only. A second factor makes your account safer: a 6-digit code from an authenticator app on your phone, as well as your password.</p>
            <p>
              <Link className="nhsuk-button" to="/account/two-factor?set-up=1">
                Set up a second factor
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
