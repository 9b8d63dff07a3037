import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { createStaffMember } from '~/admin/staff-accounts.server';
import { newStaffSchema, STAFF_ROLES } from '~/admin/staff-form';
import { resetLinkUrl } from '~/auth/password-reset';
import { ROLE_LABEL } from '~/auth/roles';
import { actorOf, clientAddress, requireAdmin } from '~/auth/session.server';
import { PasswordLinkPanel } from '~/components/password-link';
import { ErrorSummary, Radios, TextInput } from '~/components/forms';
import { submittedValues, textValue } from '~/utils/form-values';
import { pageTitle } from '~/utils/format';
import { readForm } from '~/utils/read-form.server';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Add a member of staff');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const submission = parseWithZod(await readForm(request), { schema: newStaffSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const link = await createStaffMember(submission.value, actorOf(admin), clientAddress(request));
    // Shown once, to this admin, and never stored: only its hash is in the database.
    return json({
      created: { id: link.userId, name: submission.value.name, link: resetLinkUrl(new URL(request.url).origin, link.token), expiresAt: link.expiresAt.toISOString() },
    });
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

export default function AddStaffMember() {
  const lastResult = useActionData<typeof action>();
  const created = lastResult && 'created' in lastResult ? lastResult.created : null;
  const [form, fields] = useForm({
    lastResult: lastResult && 'error' in lastResult ? (lastResult as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newStaffSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  if (created) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{created.name} has been added</h1>
          <PasswordLinkPanel name={created.name} link={created.link} expiresAt={created.expiresAt} />
          <p>
            <Link to={`/admin/staff/${created.id}`}>See {created.name}’s account</Link>
          </p>
          <p>
            <Link to="/admin">Back to staff and sites</Link>
          </p>
        </div>
      </div>
    );
  }
  const values = submittedValues(lastResult);
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const errors = { name: fields.name.errors, email: fields.email.errors, role: fields.role.errors, gmcNumber: fields.gmcNumber.errors };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} formError={formError ?? form.errors?.[0]} />
        <h1>Add a member of staff</h1>
        <p>They will set their own password from a one-time link you are shown next.</p>
        <Form method="post" {...getFormProps(form)}>
          <TextInput name="name" label="Full name" autoComplete="off" defaultValue={textValue(values, 'name')} errors={errors.name} />
          <TextInput
            name="email"
            label="Email address"
            hint="They sign in with this, for example name@nhs.net"
            type="email"
            spellCheck={false}
            autoComplete="off"
            defaultValue={textValue(values, 'email')}
            errors={errors.email}
          />
          <Radios
            name="role"
            legend="Role"
            options={STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }))}
            defaultValue={textValue(values, 'role')}
            errors={errors.role}
          />
          <TextInput
            name="gmcNumber"
            label="GMC number (doctors only)"
            hint="7 digits"
            width={10}
            inputMode="numeric"
            defaultValue={textValue(values, 'gmcNumber')}
            errors={errors.gmcNumber}
          />
          <button className="nhsuk-button" type="submit">
            Add member of staff
          </button>
        </Form>
      </div>
    </div>
  );
}
