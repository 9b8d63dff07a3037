// Fields of the staff account forms: a member of staff's details (adding one, changing one) and a new password
// typed twice (your account, a one-time password link).
import { PASSWORD_HINT } from '~/auth/password-rules';
import { ROLE_LABEL } from '~/auth/roles';
import { STAFF_ROLES } from '~/admin/staff-form';
import { Radios, TextInput } from '~/components/forms';
import { textField, type FieldState } from '~/components/reply-form';

const ROLE_OPTIONS = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

/** Name, the email address when adding someone, role and GMC number. */
export function StaffFields({
  fields,
  roleHint,
}: {
  fields: { name: FieldState; email?: FieldState; role: FieldState; gmcNumber: FieldState };
  roleHint?: string;
}) {
  return (
    <>
      <TextInput {...textField(fields.name)} label="Full name" autoComplete="off" />
      {fields.email ? (
        <TextInput
          {...textField(fields.email)}
          label="Email address"
          hint="They sign in with this, for example name@nhs.net"
          type="email"
          spellCheck={false}
          autoComplete="off"
        />
      ) : null}
      <Radios {...textField(fields.role)} legend="Role" hint={roleHint} options={ROLE_OPTIONS} />
      <TextInput {...textField(fields.gmcNumber)} label="GMC number (doctors only)" hint="7 digits" width={10} inputMode="numeric" />
    </>
  );
}

/** A new password and the same again. Never filled in from a reply: passwords are not sent back. */
export function NewPasswordFields({ newPassword, confirmPassword }: { newPassword: FieldState; confirmPassword: FieldState }) {
  return (
    <>
      <TextInput name={newPassword.name} label="New password" hint={PASSWORD_HINT} type="password" autoComplete="new-password" errors={newPassword.errors} />
      <TextInput name={confirmPassword.name} label="New password again" type="password" autoComplete="new-password" errors={confirmPassword.errors} />
    </>
  );
}
