// A person's own second factor (docs/decisions/0016): set it up, get new recovery codes, or turn it off (each
// needs a current code; turning off is refused when their role needs a second factor).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
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
import { requireActor } from '~/auth/session.server';
import { ErrorSummary } from '~/components/forms';
import { Notice } from '~/components/page-parts';
import { formProps, useReplyForm } from '~/components/reply-form';
import { EnrolmentInstructions, SecurityCodeInput } from '~/components/second-factor';
import { getPrisma } from '~/db.server';
import { formatDateTime, pageTitle } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

export const meta: MetaFunction = () => pageTitle('Second factor');

const INTENTS = ['enrol', 'regenerate', 'disable'] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
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
  const { user, actor, ipAddress } = await requireActor(request);
  const formData = await readForm(request);
  const intent = INTENTS.find((i) => i === formData.get('intent'));
  if (!intent) return formErrorReply('Choose what to do');
  const prisma = await getPrisma();
  const submitted = async ({ code }: { code: string }) => {
    if (intent === 'enrol') return redirectToNewRecoveryCodes(user.id, await enrolFromAccount(prisma, actor, code, ipAddress), '/account/two-factor');
    if (intent === 'regenerate') return redirectToNewRecoveryCodes(user.id, await regenerateRecoveryCodes(prisma, actor, code, ipAddress), '/account/two-factor');
    await disableSecondFactor(prisma, actor, code, ipAddress);
    return redirect('/account/two-factor?turnedOff=1');
  };
  return submitForm(formData, confirmCodeSchema, submitted, { hideFields: ['code', 'recoveryCode'] });
}

/** One of the page's code forms (set up, new recovery codes, turn off): a code from the app, and its button. */
function CodeForm({ intent, label, button, secondary, reply }: { intent: Intent; label: string; button: string; secondary?: boolean; reply: unknown }) {
  const [form, fields] = useReplyForm({ id: intent, reply, intent });
  return (
    <Form method="post" {...formProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <SecurityCodeInput field={fields.code} label={label} hint="The 6-digit code your authenticator app shows for PainDesk" />
      <button className={`nhsuk-button${secondary ? ' nhsuk-button--secondary' : ''}`} type="submit">
        {button}
      </button>
    </Form>
  );
}

export default function AccountSecondFactor() {
  const state = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  // The page's error summary: whichever code form the reply is for (each form shows its own field's message).
  const [form] = useReplyForm({ id: 'second-factor', reply });
  return (
    <>
      <ErrorSummary errors={form.allErrors} />
      {params.get('turnedOff') && !state.enrolled ? <Notice>Your second factor is turned off. You sign in with your password only.</Notice> : null}
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
          <CodeForm intent="regenerate" label="Security code" button="Get new recovery codes" reply={reply} />
          <h2>Turn off the second factor</h2>
          {state.required ? (
            <p>Your role must use a second factor, so it cannot be turned off. If you lose your phone, ask an administrator to reset it.</p>
          ) : (
            <CodeForm intent="disable" label="Security code" button="Turn off second factor" secondary reply={reply} />
          )}
        </>
      ) : state.setUp ? (
        <>
          <EnrolmentInstructions {...state.setUp} />
          <CodeForm intent="enrol" label="Security code from the app" button="Confirm and turn on" reply={reply} />
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
    </>
  );
}
