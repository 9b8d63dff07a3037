// The second factor's page pieces: how to add PainDesk to an authenticator app (the QR code, and the secret as
// text for those who cannot scan), the way out of a pending sign-in, and the page when it has ended.
import { Form, Link } from '@remix-run/react';
import { TextInput } from '~/components/forms';
import { TwoThirds } from '~/components/page-parts';
import type { FieldState } from '~/components/reply-form';
export function EnrolmentInstructions(props: { groupedSecret: string; uri: string; qrSvg: string; email: string }) {
  return (
    <>
      <h2>1. Add PainDesk to your authenticator app</h2>
      <p>
        Use an authenticator app on your phone, for example Microsoft Authenticator or Google Authenticator. In the app, choose to add an
        account and scan this QR code.
      </p>
      <div
        className="paindesk-qr-code"
        role="img"
        aria-label="QR code for adding PainDesk to an authenticator app"
        // The SVG is made on the server from our own otpauth address, never from user input.
        dangerouslySetInnerHTML={{ __html: props.qrSvg }}
      />
      <p>If you cannot scan it, choose to enter a setup key and type this key. It is for {props.email}, and is time based.</p>
      <p className="nhsuk-body-l" data-testid="second-factor-secret">
        <code>{props.groupedSecret}</code>
      </p>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the setup address</span>
        </summary>
        <div className="nhsuk-details__text">
          <p className="paindesk-break-all">
            <code>{props.uri}</code>
          </p>
        </div>
      </details>
      <h2>2. Enter the code the app shows</h2>
    </>
  );
}

/** A pending sign-in that has ended (expired, or too many wrong codes): back to the password. */
export function SignInAgain({ message }: { message: string }) {
  return (
    <TwoThirds>
      <h1>Sign in again</h1>
      <div className="nhsuk-inset-text" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <Link to="/sign-in">Sign in again</Link>
      </p>
    </TwoThirds>
  );
}

/** Leaves a pending sign-in (the action's `intent=cancel`), back to the password page. */
export function CancelSignInForm() {
  return (
    <Form method="post">
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" name="intent" value="cancel">
        Cancel and sign in as someone else
      </button>
    </Form>
  );
}

/** The 6-digit code from the authenticator app. Never filled in from a reply: codes are not sent back. */
export function SecurityCodeInput({ field, label, hint }: { field: FieldState; label: string; hint: string }) {
  return (
    <TextInput
      name={field.name}
      label={label}
      hint={hint}
      width={10}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      errors={field.errors}
    />
  );
}
