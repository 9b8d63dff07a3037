import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { clientAddress, requireAdmin } from '~/auth/session.server';
import { ErrorSummary, Radios, TextInput, Textarea } from '~/components/forms';
import { Cell, Row, Table } from '~/components/table';
import { ACTIONS, ruleFormSchema } from '~/medicines/blood-thinner-forms';
import { ACTION_LABEL, formatHours } from '~/medicines/blood-thinner-plan';
import { listBloodThinnerRules, updateBloodThinnerRule } from '~/medicines/blood-thinner-rule-repo.server';
import { formatDateTime, pageTitle, titleCase } from '~/utils/format';
import { domainErrorReply } from '~/utils/http.server';

export const meta: MetaFunction = () => pageTitle('Blood thinner rules');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const rules = await listBloodThinnerRules();
  const editId = new URL(request.url).searchParams.get('edit');
  return { rules, editing: rules.find((r) => r.id === editId) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ruleFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { ruleId, action: ruleAction, stopBeforeHours, restartAfterHours, inrCheck, note } = submission.value;
  try {
    await updateBloodThinnerRule(
      ruleId,
      {
        action: ruleAction,
        stopBeforeHours: stopBeforeHours ?? null,
        restartAfterHours: restartAfterHours ?? null,
        inrCheck: inrCheck ?? false,
        note: note || null,
      },
      { id: user.id, role: user.role },
      clientAddress(request),
      new Date(),
    );
    return redirect(`/admin/blood-thinner-rules?saved=${encodeURIComponent(ruleId)}#rule-${ruleId}`);
  } catch (error) {
    return domainErrorReply(error, submission.reply().initialValue);
  }
}

const CLASS_LABEL: Record<string, string> = {
  WARFARIN: 'Warfarin',
  LMWH: 'Low molecular weight heparin',
  ASPIRIN: 'Aspirin',
  NSAID: 'NSAIDs',
  P2Y12_INHIBITOR: 'P2Y12 inhibitors',
  FACTOR_XA_INHIBITOR: 'Factor Xa inhibitors',
  DABIGATRAN: 'Dabigatran',
};

export default function BloodThinnerRules() {
  const { rules, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = (lastResult && 'error' in lastResult ? lastResult.error : undefined) as Record<string, string[]> | undefined;
  const formError = lastResult && 'formError' in lastResult ? (lastResult.formError as string | undefined) : undefined;
  const initial = (lastResult && 'initialValue' in lastResult ? lastResult.initialValue : null) as Record<string, string> | null;
  const value = (name: string, fallback: string) => (initial && typeof initial[name] === 'string' ? initial[name] : fallback);
  return (
    <>
      <ErrorSummary errors={errors} formError={formError} />
      {searchParams.get('saved') ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Rule saved.</p>
        </div>
      ) : null}
      <h1>Blood thinner rules</h1>
      <p>
        The table the system proposes blood-thinner plans from (clinical-facts.md: ASRA/ESRA 2018 and UK tables). A
        doctor confirms every plan. A rule for one medicine overrides its class rule.
      </p>
      {editing ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <Form method="post" action={`/admin/blood-thinner-rules?edit=${editing.id}`}>
              <h2 className="nhsuk-heading-m">
                Change the rule: {editing.medicineDisplayName ?? CLASS_LABEL[editing.bloodThinnerClass]},{' '}
                {titleCase(editing.bleedingRisk)} bleeding risk{editing.variant ? `, ${editing.variant}` : ''}
              </h2>
              <input type="hidden" name="ruleId" value={editing.id} />
              <Radios name="action" legend="Action" options={ACTIONS} defaultValue={value('action', editing.action)} errors={errors?.action} />
              <TextInput name="stopBeforeHours" label="Stop this many hours before (optional)" width={4} inputMode="numeric" defaultValue={value('stopBeforeHours', editing.stopBeforeHours?.toString() ?? '')} errors={errors?.stopBeforeHours} />
              <TextInput name="restartAfterHours" label="Restart this many hours after (optional)" width={4} inputMode="numeric" defaultValue={value('restartAfterHours', editing.restartAfterHours?.toString() ?? '')} errors={errors?.restartAfterHours} />
              <div className="nhsuk-form-group">
                <div className="nhsuk-checkboxes">
                  <div className="nhsuk-checkboxes__item">
                    <input className="nhsuk-checkboxes__input" id="field-inrCheck" name="inrCheck" type="checkbox" defaultChecked={initial ? initial.inrCheck === 'on' : editing.inrCheck} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="field-inrCheck">
                      Check INR (1.4 or less) before the procedure
                    </label>
                  </div>
                </div>
              </div>
              <Textarea name="note" label="Note (optional)" defaultValue={value('note', editing.note ?? '')} errors={errors?.note} />
              <button className="nhsuk-button" type="submit">
                Save rule
              </button>{' '}
              <Link to="/admin/blood-thinner-rules" className="nhsuk-u-margin-left-3">
                Cancel
              </Link>
            </Form>
          </div>
        </div>
      ) : null}
      <Table head={['Medicine', 'Bleeding risk', 'Variant', 'Action', 'Stop before', 'Restart after', 'INR check', 'Note', 'Last changed', '']}>
        {rules.map((rule) => (
          <Row key={rule.id}>
            <Cell>
              <span id={`rule-${rule.id}`}>{rule.medicineDisplayName ?? `${CLASS_LABEL[rule.bloodThinnerClass]} (class rule)`}</span>
            </Cell>
            <Cell>{titleCase(rule.bleedingRisk)}</Cell>
            <Cell>{rule.variant || '-'}</Cell>
            <Cell>{ACTION_LABEL[rule.action]}</Cell>
            <Cell>{rule.action === 'CONTINUE' ? '-' : formatHours(rule.stopBeforeHours)}</Cell>
            <Cell>{formatHours(rule.restartAfterHours)}</Cell>
            <Cell>{rule.inrCheck ? 'Yes' : 'No'}</Cell>
            <Cell>{rule.note ?? ''}</Cell>
            <Cell>{rule.updatedByName ? `${rule.updatedByName}, ${formatDateTime(new Date(rule.updatedAt))}` : 'As seeded'}</Cell>
            <Cell>
              <Link to={`/admin/blood-thinner-rules?edit=${rule.id}`}>
                Change<span className="nhsuk-u-visually-hidden"> this rule</span>
              </Link>
            </Cell>
          </Row>
        ))}
      </Table>
    </>
  );
}
